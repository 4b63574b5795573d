//! DroidBench regression gate: scans the public DroidBench APKs (read in place from
//! ../shared/droidbench; when absent it checks nothing and says so, or fails with `CI` set)
//! through `scan::scan_app`, the function `dexflow scan --rules broad` runs per app, so the
//! flows scored are the flows of the report (one per request chain) that
//! `scripts/droidbench.sh` scores. Distinct sink sites are scored against `ground_truth.tsv`
//! (leaking_sink_sites) as `scripts/droidbench_score.py` does, and the test fails if the overall
//! F1 (without InterAppCommunication) drops below the one committed in
//! tests/droidbench-scoreboard.tsv. Refresh the scoreboard with scripts/droidbench.sh.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dexflow::apk::Limits;
use dexflow::callgraph::CallGraphOptions;
use dexflow::hierarchy::framework::FrameworkModel;
use dexflow::maps::{Models, RuleSet};
use dexflow::scan::{ScanConfig, scan_app};
use dexflow::taint::TaintOptions;

fn committed_f1(root: &Path) -> f64 {
    let text = std::fs::read_to_string(root.join("tests/droidbench-scoreboard.tsv")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("# OVERALL"))
        .expect("scoreboard has an OVERALL line");
    let f1 = line
        .split('\t')
        .find_map(|c| c.strip_prefix("F1="))
        .expect("OVERALL line has F1=");
    f1.parse().unwrap()
}

#[test]
fn droidbench_f1_does_not_drop() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(db) = crate::util::shared("droidbench") else {
        return;
    };
    let truth = std::fs::read_to_string(db.join("ground_truth.tsv"))
        .unwrap_or_else(|e| panic!("{}/ground_truth.tsv: {e}", db.display()));
    // what `dexflow scan --rules broad` builds from its default flags
    let cfg = ScanConfig {
        models: Models::builtin(RuleSet::Broad).unwrap(),
        framework: FrameworkModel::builtin().unwrap(),
        taint: TaintOptions {
            rule_set: RuleSet::Broad,
            ..TaintOptions::default()
        },
        limits: Limits::default(),
        callgraph: CallGraphOptions::default(),
        disclosure: None,
        timings: false,
    };
    let mut lines = truth.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (c_path, c_cat, c_exp) = (col("apk_path"), col("category"), col("leaking_sink_sites"));
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for line in lines {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() <= c_exp || cells[c_cat] == "InterAppCommunication" {
            continue;
        }
        let expected: usize = cells[c_exp].parse().unwrap_or(0);
        let apk: PathBuf = db.join(cells[c_path]);
        let report = scan_app(&apk, &cfg);
        let sites: BTreeSet<(&str, u32)> = report
            .flows
            .iter()
            .map(|f| (f.sink.site.method.as_str(), f.sink.site.pc))
            .collect();
        let got = sites.len();
        tp += got.min(expected);
        fp += got.saturating_sub(expected);
        fneg += expected.saturating_sub(got);
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let want = committed_f1(root);
    eprintln!(
        "DroidBench: TP={tp} FP={fp} FN={fneg} P={p:.3} R={r:.3} F1={f1:.3} (committed {want:.3})"
    );
    assert!(
        f1 + 0.0005 >= want,
        "DroidBench F1 dropped: {f1:.3} < committed {want:.3}"
    );
}
