//! Exit codes, baselines, `diff`, fingerprints, JSON round trip.

use crate::report_common::*;
use dexflow::report::model::{AppStatus, FlowRecord, Report};
use dexflow::report::{
    self, Baseline, Format, PartialPolicy, VerdictKind, VerdictLevel, diff,
    exit_code as exit_code_with,
};

/// The flow gate alone (the sample report holds a partial app; partial apps are tested below).
fn exit_code(r: &Report, fail_on: VerdictLevel) -> i32 {
    exit_code_with(r, fail_on, PartialPolicy::Never)
}

fn ok_only(mut r: Report) -> Report {
    r.apps.retain(|a| a.status != AppStatus::Error);
    r.refresh();
    r
}

#[test]
fn exit_codes() {
    let r = sample_report();
    // a failed app wins over everything
    assert_eq!(exit_code(&r, VerdictLevel::Never), 2);
    let r = ok_only(r);
    assert_eq!(exit_code(&r, VerdictLevel::Never), 0);
    assert_eq!(
        exit_code(&r, VerdictLevel::AtLeast(VerdictKind::Contradicted)),
        1
    );
    let mut clean = r.clone();
    clean.apps[0]
        .flows
        .retain(|f| f.disclosure.verdict <= VerdictKind::Vague);
    clean.refresh();
    assert_eq!(exit_code(&clean, "shared-undeclared".parse().unwrap()), 0);
    assert_eq!(exit_code(&clean, "vague".parse().unwrap()), 1);
    assert_eq!(exit_code(&clean, "any".parse().unwrap()), 1);
    assert!("loud".parse::<VerdictLevel>().is_err());
}

#[test]
fn a_partial_app_fails_the_gate_unless_told_otherwise() {
    let mut r = ok_only(sample_report());
    for a in &mut r.apps {
        a.flows.clear();
        a.status = AppStatus::Ok;
    }
    r.refresh();
    let gate = VerdictLevel::AtLeast(VerdictKind::Undisclosed);
    assert_eq!(exit_code_with(&r, gate, PartialPolicy::Fail), 0);
    r.apps[0].status = AppStatus::Partial;
    r.refresh();
    assert_eq!(exit_code_with(&r, gate, PartialPolicy::Fail), 1);
    assert_eq!(exit_code_with(&r, gate, PartialPolicy::Never), 0);
    // `--fail-on never` turns the whole flow gate off, partial apps included
    assert_eq!(
        exit_code_with(&r, VerdictLevel::Never, PartialPolicy::Fail),
        0
    );
    assert_eq!("never".parse::<PartialPolicy>(), Ok(PartialPolicy::Never));
    assert!("sometimes".parse::<PartialPolicy>().is_err());
}

#[test]
fn fingerprint_ignores_offsets_and_path_but_not_methods() {
    let base = tflow(
        "contacts",
        QUERY,
        "La/A;->f()V",
        "network",
        WRITE,
        "La/B;->g()V",
        &[("La/A;->f()V", 1)],
        None,
    );
    let a = FlowRecord::from_flow(&base, None, vec![]);
    let mut moved = base.clone();
    moved.source.site.pc = 999;
    moved.sink.site.pc = 7;
    moved.path.push(dexflow::taint::Site {
        method: "La/C;->h()V".into(),
        pc: 3,
    });
    moved.destination = Some("https://elsewhere.test".into());
    assert_eq!(
        a.fingerprint,
        FlowRecord::from_flow(&moved, None, vec![]).fingerprint
    );
    let mut other = base.clone();
    other.sink.site.method = "La/B;->g(I)V".into();
    assert_ne!(
        a.fingerprint,
        FlowRecord::from_flow(&other, None, vec![]).fingerprint
    );
    let mut other_cat = base;
    other_cat.source.category = "call_log".into();
    assert_ne!(
        a.fingerprint,
        FlowRecord::from_flow(&other_cat, None, vec![]).fingerprint
    );
    assert_eq!(a.fingerprint.len(), 16);
}

#[test]
fn json_round_trips() {
    let r = sample_report();
    let text = report::render(&r, Format::Json);
    let back = report::json::parse(&text).unwrap();
    assert_eq!(back, r);
}

#[test]
fn baseline_suppresses_known_flows_only() {
    let old = sample_report();
    let dir = std::env::temp_dir().join(format!("dexflow-baseline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("old.json");
    // the baseline knows all flows except the contradicted one
    let mut known = old.clone();
    known.apps[1]
        .flows
        .retain(|f| f.disclosure.verdict != VerdictKind::Contradicted);
    std::fs::write(&path, report::render(&known, Format::Json)).unwrap();
    let baseline = Baseline::load(&path).unwrap();
    let mut new = old.clone();
    // the new build moved code around: offsets change, fingerprints do not
    for f in &mut new.apps[1].flows {
        f.sink.site.pc += 100;
    }
    let n = baseline.apply(&mut new);
    assert_eq!(n, 4);
    assert_eq!(new.apps[1].flows.len(), 1);
    assert_eq!(
        new.apps[1].flows[0].disclosure.verdict,
        VerdictKind::Contradicted
    );
    assert_eq!(new.apps[1].suppressed, 4);
    assert_eq!(new.summary.suppressed, 4);
    assert_eq!(new.summary.flows, 1);
    // a baseline for another package suppresses nothing
    let mut other = old.clone();
    other.apps[1].package = Some("com.other".into());
    assert_eq!(baseline.apply(&mut other), 0);
    std::fs::write(dir.join("bad.json"), "{not json").unwrap();
    let err = Baseline::load(&dir.join("bad.json"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("bad.json") && err.contains("not a dexflow JSON report"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn diff_reports_added_and_removed() {
    let old = sample_report();
    let mut new = old.clone();
    let removed = new.apps[1].flows.remove(0);
    let added = FlowRecord::from_flow(
        &tflow(
            "call_log",
            QUERY,
            "Lcom/example/chat/Calls;->dump()V",
            "network",
            WRITE,
            "Lcom/example/chat/net/Uploader;->post([B)V",
            &[],
            None,
        ),
        None,
        vec!["PSL_CONTACTS".into()],
    );
    new.apps[1].flows.push(added.clone());
    new.refresh();
    let d = diff(&old, &new);
    assert_eq!(d.added.len(), 1);
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.added[0].flow.fingerprint, added.fingerprint);
    assert_eq!(d.removed[0].flow.fingerprint, removed.fingerprint);
    assert_eq!(d.added[0].app, "com.example.chat");
    let text = d.render_text();
    assert!(
        text.starts_with("1 flow(s) added, 1 flow(s) removed\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "+ com.example.chat {} [undisclosed] call_log -> network",
            added.fingerprint
        )),
        "{text}"
    );
    assert!(diff(&old, &old).is_empty());
}

#[test]
fn jsonl_writer_streams_apps_then_summary() {
    let r = sample_report();
    let mut w = report::JsonlWriter::new(Vec::new());
    w.write_app(&r.apps[0]).unwrap();
    let bytes = w.finish(&r.tool).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["type"], "app");
    assert_eq!(lines[0]["input"], "apps/broken.apk");
    assert_eq!(lines[1]["type"], "summary");
    assert_eq!(lines[1]["summary"]["apps_error"], 1);
}
