//! Every command opens and decodes an app through `dexflow::analysis`, so `info`, `scan`,
//! `callgraph` and `reach` report the same anomalies: a cyclic class hierarchy is reported by all
//! of them, and a legitimate 5,000-deep (acyclic) inheritance chain is no anomaly of that path. The dex files are
//! written here, byte by byte (header, string and type ids, class defs, string data).

use std::path::{Path, PathBuf};
use std::process::Command;

use dexflow::analysis;
use dexflow::apk::Limits;
use dexflow::callgraph::CallGraphOptions;
use dexflow::hierarchy::FrameworkModel;

fn uleb128(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A dex 035 file defining `classes` (descriptor, superclass descriptor), without methods.
fn dex_with_classes(classes: &[(String, String)]) -> Vec<u8> {
    let mut strings: Vec<&str> = classes
        .iter()
        .flat_map(|(c, s)| [c.as_str(), s.as_str()])
        .collect();
    strings.sort_unstable();
    strings.dedup();
    let idx = |s: &str| strings.binary_search(&s).unwrap() as u32;
    let n = strings.len() as u32;
    let string_ids_off = 0x70u32;
    let type_ids_off = string_ids_off + 4 * n;
    let class_defs_off = type_ids_off + 4 * n;
    let data_off = class_defs_off + 32 * classes.len() as u32;
    let mut data = Vec::new();
    let mut string_offs = Vec::new();
    for s in &strings {
        string_offs.push(data_off + data.len() as u32);
        uleb128(&mut data, s.len() as u32);
        data.extend_from_slice(s.as_bytes());
        data.push(0);
    }
    let file_size = data_off + data.len() as u32;
    let mut out = vec![0u8; 0x70];
    out[..8].copy_from_slice(b"dex\n035\0");
    let mut put = |o: usize, v: u32| out[o..o + 4].copy_from_slice(&v.to_le_bytes());
    put(32, file_size);
    put(36, 0x70);
    put(40, 0x1234_5678);
    put(56, n);
    put(60, string_ids_off);
    put(64, n);
    put(68, type_ids_off);
    put(96, classes.len() as u32);
    put(100, class_defs_off);
    put(104, data.len() as u32);
    put(108, data_off);
    for off in string_offs {
        out.extend_from_slice(&off.to_le_bytes());
    }
    for i in 0..n {
        out.extend_from_slice(&i.to_le_bytes());
    }
    for (c, s) in classes {
        for v in [idx(c), 1, idx(s), 0, u32::MAX, 0, 0, 0] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out.extend_from_slice(&data);
    out
}

fn write_dex(name: &str, classes: &[(String, String)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dexflow-analysis-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, dex_with_classes(classes)).unwrap();
    path
}

/// `La/C0;` extends `La/C1;` ... `La/C{n-1};` extends `Ljava/lang/Object;`.
fn chain(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let sup = if i + 1 == n {
                "Ljava/lang/Object;".to_string()
            } else {
                format!("La/C{};", i + 1)
            };
            (format!("La/C{i};"), sup)
        })
        .collect()
}

fn cyclic() -> Vec<(String, String)> {
    vec![
        ("La/A;".into(), "La/B;".into()),
        ("La/B;".into(), "La/A;".into()),
        ("La/Main;".into(), "Landroid/app/Activity;".into()),
    ]
}

/// The anomaly codes each command reports for the app at `path`: `info` (JSON anomalies),
/// `scan` (JSON warnings), `callgraph` and `reach` (warnings on stderr).
fn codes_per_command(path: &Path) -> Vec<(&'static str, String)> {
    let bin = env!("CARGO_BIN_EXE_dexflow");
    let p = path.to_str().unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(bin).args(args).output().unwrap();
        (
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let json_codes = |text: &str, key: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut codes: Vec<&str> = v["apps"][0][key]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] != "info")
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        codes.sort_unstable();
        codes.join(" ")
    };
    let (info, _) = run(&["info", "--format", "json", p]);
    let (scan, _) = run(&["scan", "--format", "json", "--fail-on", "never", p]);
    let (_, callgraph) = run(&["callgraph", "--format", "stats", p]);
    let (_, reach) = run(&["reach", "--api", "La/A;->x", p]);
    vec![
        ("info", json_codes(&info, "anomalies")),
        ("scan", json_codes(&scan, "warnings")),
        ("callgraph", callgraph),
        ("reach", reach),
    ]
}

#[test]
fn every_command_reports_a_cyclic_hierarchy() {
    let path = write_dex("cyclic.dex", &cyclic());
    for (command, codes) in codes_per_command(&path) {
        assert!(codes.contains("hierarchy-cycle"), "{command}: {codes}");
        assert!(!codes.contains("hierarchy-too-deep"), "{command}: {codes}");
    }
}

#[test]
fn a_5000_deep_acyclic_chain_is_no_anomaly() {
    // the path every command takes (the cyclic test above runs the four commands on it)
    let path = write_dex("chain5000.dex", &chain(5_000));
    let fw = FrameworkModel::builtin().unwrap();
    let (_, a) =
        analysis::open_and_analyze(&path, &Limits::default(), &fw, &CallGraphOptions::default())
            .unwrap();
    let codes: Vec<&str> = a.diagnostics.iter().map(|d| d.code).collect();
    assert!(
        !codes.iter().any(|c| c.starts_with("hierarchy-")),
        "{codes:?}"
    );
    let top = a.program.lookup_type("La/C0;").unwrap();
    let bottom = a.program.lookup_type("La/C4999;").unwrap();
    let object = a.program.lookup_type("Ljava/lang/Object;").unwrap();
    assert!(a.hierarchy.is_subtype(top, bottom));
    assert!(a.hierarchy.is_subtype(top, object));
    assert!(!a.hierarchy.is_subtype(bottom, top));
}

#[test]
fn a_chain_past_the_bound_is_cut_and_called_too_deep_not_cyclic() {
    let path = write_dex("chain7000.dex", &chain(7_000));
    let fw = FrameworkModel::builtin().unwrap();
    let (_, a) =
        analysis::open_and_analyze(&path, &Limits::default(), &fw, &CallGraphOptions::default())
            .unwrap();
    let codes: Vec<&str> = a.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"hierarchy-too-deep"), "{codes:?}");
    assert!(!codes.contains(&"hierarchy-cycle"), "{codes:?}");
}
