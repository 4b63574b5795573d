//! `scan --shard I/N` and `merge` end to end: N shards cover every app exactly once, and merging
//! their reports (with a retried shard among them) gives the report of one unsharded scan.

use std::path::Path;
use std::process::{Command, Output};

fn dexflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dexflow"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn shards_cover_every_app_once_and_merge_back_to_one_scan() {
    let dir = std::env::temp_dir().join(format!("dexflow-shard-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = |name: &str| dir.join(name).display().to_string();
    let whole = p("whole.json");
    let o = dexflow(&[
        "scan",
        "sample-apks",
        "--format",
        "json",
        "--fail-on",
        "never",
        "-o",
        &whole,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let n = 3;
    let mut shards = Vec::new();
    let mut seen = Vec::new();
    for i in 0..n {
        let out = p(&format!("shard-{i}.jsonl"));
        let o = dexflow(&[
            "scan",
            "sample-apks",
            "--shard",
            &format!("{i}/{n}"),
            "--format",
            "jsonl",
            "--fail-on",
            "never",
            "-o",
            &out,
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            if v["type"] == "app" {
                let input = v["input"].as_str().unwrap().to_string();
                assert_eq!(dexflow::shard::shard_of(&input, n), i, "{input}");
                seen.push(input);
            }
        }
        shards.push(out);
    }
    let whole_v = json(Path::new(&whole));
    let mut expected: Vec<String> = whole_v["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["input"].as_str().unwrap().to_string())
        .collect();
    seen.sort();
    expected.sort();
    assert_eq!(seen, expected, "every app in exactly one shard");
    assert!(expected.len() > 10);

    // shard 1 "retried": its report given twice
    let merged = p("merged.json");
    let mut args = vec!["merge", merged.as_str()];
    args.extend(shards.iter().map(String::as_str));
    args.push(shards[1].as_str());
    let o = dexflow(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("duplicate records dropped"));
    assert_eq!(json(Path::new(&merged)), whole_v);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_empty_shard_is_an_empty_report_and_a_bad_shard_spec_is_refused() {
    // with N far above the app count, some shard of sample-apks/clean.apk's is empty
    let n = 64u64;
    let input = "sample-apks/clean.apk";
    let empty = (dexflow::shard::shard_of(input, n) + 1) % n;
    let o = dexflow(&[
        "scan",
        input,
        "--shard",
        &format!("{empty}/{n}"),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["apps"].as_array().map(Vec::len), Some(0));
    let o = dexflow(&["scan", input, "--shard", "3/3"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn merge_names_an_unreadable_report_and_exits_2() {
    let o = dexflow(&["merge", "-", "Cargo.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Cargo.toml"));
}
