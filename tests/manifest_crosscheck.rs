//! Cross-check (run by scripts/crosscheck-manifest.sh, needs `aapt` and the shared APKs): for
//! every APK under ../shared/droidbench/apk and ../shared/real-apks, decode
//! AndroidManifest.xml with our parser and compare it, line by line, with
//! `aapt dump xmltree APK AndroidManifest.xml` (line numbers and `(Raw: ...)` normalized away);
//! the same for every binary XML file under `res/` (layouts, menus, xml/).

mod axml_support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn apks_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            apks_under(&p, out);
        } else if p.extension().is_some_and(|x| x == "apk") {
            out.push(p);
        }
    }
}

fn entry_bytes(apk: &Path, name: &str) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(apk).map_err(|e| e.to_string())?;
    let mut z = zip::ZipArchive::new(f).map_err(|e| e.to_string())?;
    let mut entry = z.by_name(name).map_err(|e| e.to_string())?;
    let mut b = Vec::new();
    entry.read_to_end(&mut b).map_err(|e| e.to_string())?;
    Ok(b)
}

/// Binary XML entries under res/ (layouts, menus, xml/...), sorted.
fn res_xml_entries(apk: &Path) -> Vec<String> {
    let Ok(f) = std::fs::File::open(apk) else {
        return Vec::new();
    };
    let Ok(z) = zip::ZipArchive::new(f) else {
        return Vec::new();
    };
    let mut names: Vec<String> = z
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| n.starts_with("res/") && n.ends_with(".xml"))
        .collect();
    names.sort();
    names
}

/// Compares one entry with aapt's dump; `None` when they match.
fn compare(apk: &Path, entry: &str) -> Option<String> {
    let out = Command::new("aapt")
        .args(["dump", "xmltree"])
        .arg(apk)
        .arg(entry)
        .output()
        .ok()?;
    let theirs = axml_support::normalize_aapt(&String::from_utf8_lossy(&out.stdout));
    let ours = match entry_bytes(apk, entry)
        .and_then(|b| dexflow::axml::parse(&b).map_err(|e| e.to_string()))
    {
        Ok(doc) => axml_support::render(&doc),
        Err(e) => vec![format!("error: {e}")],
    };
    if ours == theirs && !ours.is_empty() {
        return None;
    }
    let first = ours
        .iter()
        .zip(&theirs)
        .position(|(a, b)| a != b)
        .unwrap_or(ours.len().min(theirs.len()));
    Some(format!(
        "{} {entry}: {} vs {} lines, first difference at line {first}:\n  ours:  {:?}\n  aapt:  {:?}",
        apk.display(),
        ours.len(),
        theirs.len(),
        ours.get(first),
        theirs.get(first)
    ))
}

#[test]
#[ignore = "needs aapt and /work/shared APKs; run scripts/crosscheck-manifest.sh"]
fn manifests_match_aapt_xmltree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut apks = Vec::new();
    apks_under(&root.join("droidbench/apk"), &mut apks);
    apks_under(&root.join("real-apks"), &mut apks);
    if apks.is_empty() {
        eprintln!(
            "SKIP: no APKs under {} (shared folder missing)",
            root.display()
        );
        return;
    }
    if Command::new("aapt").arg("version").output().is_err() {
        eprintln!("SKIP: aapt not installed");
        return;
    }
    apks.sort();
    let mut matched = 0;
    let mut mismatches = Vec::new();
    let (mut res_total, mut res_matched) = (0, 0);
    for apk in &apks {
        match compare(apk, "AndroidManifest.xml") {
            None => matched += 1,
            Some(m) => mismatches.push(m),
        }
        for entry in res_xml_entries(apk) {
            res_total += 1;
            match compare(apk, &entry) {
                None => res_matched += 1,
                Some(m) => mismatches.push(m),
            }
        }
    }
    for m in &mismatches {
        println!("MISMATCH {m}");
    }
    println!("{matched} of {} manifests match", apks.len());
    println!("{res_matched} of {res_total} res/ XML files match");
    assert!(mismatches.is_empty(), "{} mismatches", mismatches.len());
}
