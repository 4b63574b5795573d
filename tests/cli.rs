//! The `dexflow` binary end to end: exit codes, hostile inputs in a batch (each named in a
//! clear error, the other inputs still analysed), report formats, baselines and diff.

use std::path::Path;
use std::process::{Command, Output};

fn dexflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dexflow"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn info_on_a_clean_app_exits_0() {
    let o = dexflow(&["info", "sample-apks/clean.apk"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("org.dexflow.sample.clean"));
}

#[test]
fn hostile_inputs_exit_2_name_the_file_and_the_batch_goes_on() {
    for cmd in ["info", "scan"] {
        let o = dexflow(&[
            cmd,
            "--format",
            "json",
            "--max-inflate",
            "4000000",
            "tests/corpus/zip/no-eocd.apk",
            "tests/corpus/zip/truncated-central-directory.apk",
            "tests/corpus/zip/bomb.apk",
            "sample-apks/imei-sms.apk",
        ]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("no-eocd.apk"), "{cmd}: {err}");
        assert!(
            err.contains("truncated-central-directory.apk"),
            "{cmd}: {err}"
        );
        assert!(err.contains("bomb.apk"), "{cmd}: {err}");
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
        let apps = v["apps"].as_array().unwrap();
        assert!(
            apps.iter()
                .any(|a| a["package"] == "org.dexflow.sample.imeisms"
                    || a["manifest"]["package"] == "org.dexflow.sample.imeisms"),
            "{cmd}: the good app is still analysed"
        );
    }
}

#[test]
fn scan_of_every_hostile_corpus_file_never_crashes() {
    let mut paths: Vec<String> = Vec::new();
    for dir in ["tests/corpus/zip", "tests/corpus/dex/hostile"] {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.extension()
                .is_some_and(|x| x == "apk" || x == "apks" || x == "dex")
            {
                paths.push(p.display().to_string());
            }
        }
    }
    paths.sort();
    let mut args = vec!["scan", "--format", "json", "--rules", "broad"];
    args.extend(paths.iter().map(|s| s.as_str()));
    let o = dexflow(&args);
    let code = o.status.code();
    assert!(
        code == Some(0) || code == Some(1) || code == Some(2),
        "no signal/crash: {code:?}"
    );
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["apps"].as_array().unwrap().len(),
        paths.len(),
        "one result per input, none lost"
    );
}

#[test]
fn scan_reports_a_contradicted_flow_with_exit_1_and_sms_sink() {
    let o = dexflow(&["scan", "--format", "json", "sample-apks/imei-sms.apk"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let flows = v["apps"][0]["flows"].as_array().unwrap();
    assert!(!flows.is_empty());
    let f = &flows[0];
    assert_eq!(f["source"]["category"], "device_id");
    assert_eq!(f["sink"]["category"], "sms");
    // sample-apks/imei-sms.disclosure.toml says device ids are never collected
    assert_eq!(f["disclosure"]["verdict"], "contradicted");
    assert!(
        f["disclosure"]["evidence"]
            .as_str()
            .unwrap()
            .contains("imei-sms.disclosure.toml")
    );
    assert!(
        f["sink"]["api"]
            .as_str()
            .unwrap()
            .starts_with("Landroid/telephony/SmsManager;->sendTextMessage")
    );
    assert!(f["source"]["site"]["pc"].is_u64());
    // --fail-on never turns the same finding into a pass
    let o = dexflow(&["scan", "--fail-on", "never", "sample-apks/imei-sms.apk"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn clean_twin_has_no_flow_and_exits_0() {
    let o = dexflow(&["scan", "--format", "json", "sample-apks/imei-sms-clean.apk"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["apps"][0]["flows"].as_array().unwrap().len(), 0);
}

#[test]
fn baseline_suppresses_known_flows_and_diff_lists_changes() {
    let dir = std::env::temp_dir().join(format!("dexflow-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let old = dir.join("old.json");
    let o = dexflow(&[
        "scan",
        "--format",
        "json",
        "-o",
        old.to_str().unwrap(),
        "sample-apks/imei-sms.apk",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = dexflow(&[
        "scan",
        "--baseline",
        old.to_str().unwrap(),
        "--format",
        "json",
        "sample-apks/imei-sms.apk",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "known flows are suppressed: {}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["apps"][0]["suppressed"].as_u64().unwrap() >= 1);

    let new = dir.join("new.json");
    let o = dexflow(&[
        "scan",
        "--format",
        "json",
        "-o",
        new.to_str().unwrap(),
        "sample-apks/imei-sms-clean.apk",
        "sample-apks/phone-sms.apk",
    ]);
    assert!(o.status.code() == Some(1), "{}", stderr(&o));
    let o = dexflow(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let d: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        !d["added"].as_array().unwrap().is_empty(),
        "phone-sms flows are new"
    );
    assert!(
        !d["removed"].as_array().unwrap().is_empty(),
        "imei-sms flows are gone"
    );
    assert_eq!(o.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn jsonl_streams_one_line_per_app_plus_a_summary() {
    let o = dexflow(&[
        "scan",
        "--format",
        "jsonl",
        "sample-apks/clean.apk",
        "sample-apks/imei-sms.apk",
    ]);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    for l in &lines {
        serde_json::from_str::<serde_json::Value>(l).expect("each line is JSON");
    }
}

#[test]
fn sarif_and_html_render() {
    let o = dexflow(&["scan", "--format", "sarif", "sample-apks/imei-sms.apk"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(!v["runs"][0]["results"].as_array().unwrap().is_empty());
    let o = dexflow(&["scan", "--format", "html", "sample-apks/imei-sms.apk"]);
    let html = stdout(&o);
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"));
    assert!(html.contains("org.dexflow.sample.imeisms"));
}

#[test]
fn reach_and_callgraph_commands() {
    let o = dexflow(&[
        "reach",
        "sample-apks/contacts-http.apk",
        "--api",
        "Landroid/content/ContentResolver;->query",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("reachable"), "{}", stdout(&o));
    assert!(stdout(&o).contains("[entry point: lifecycle]"));
    let o = dexflow(&["callgraph", "sample-apks/imei-sms.apk", "--format", "dot"]);
    assert!(stdout(&o).starts_with("digraph"));
    assert!(Path::new("sample-apks/imei-sms.apk").exists());
}
