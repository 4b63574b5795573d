//! `dexflow scan sample-apks/` in every report format equals the committed golden files in
//! `sample-apks/expected-output/` (disclosure files beside the apps are picked up, so the
//! verdicts disclosed / undisclosed / contradicted / shared-undeclared all appear).
//! Regenerate with `UPDATE_EXPECT=1 cargo test --test tests samples_scan_golden::`.

use std::process::Command;

fn scan(format: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_dexflow"))
        .args([
            "--threads",
            "1",
            "scan",
            "--jobs",
            "1",
            "--fail-on",
            "never",
            "--format",
            format,
            "sample-apks",
        ])
        .output()
        .expect("binary runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

#[test]
fn scan_outputs_match_golden_files() {
    let mut failures = Vec::new();
    for (format, ext) in [
        ("text", "txt"),
        ("json", "json"),
        ("jsonl", "jsonl"),
        ("sarif", "sarif"),
        ("html", "html"),
    ] {
        let got = scan(format);
        let path = crate::util::repo().join(format!("sample-apks/expected-output/scan.{ext}"));
        if let Err(e) = crate::util::golden(&path, &got) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_verdict_kind_appears_in_the_sample_scan() {
    let v: serde_json::Value = serde_json::from_str(&scan("json")).unwrap();
    let mut verdicts: Vec<String> = v["apps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["flows"].as_array().unwrap().iter())
        .map(|f| f["disclosure"]["verdict"].as_str().unwrap().to_string())
        .collect();
    verdicts.sort();
    verdicts.dedup();
    for want in [
        "contradicted",
        "disclosed",
        "shared-undeclared",
        "undisclosed",
    ] {
        assert!(
            verdicts.iter().any(|v| v == want),
            "no {want} flow among {verdicts:?}"
        );
    }
}
