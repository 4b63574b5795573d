//! Cross-check (run by scripts/crosscheck-manifest.sh, needs `aapt` and the shared APKs): for
//! every APK under ../shared/droidbench/apk and ../shared/real-apks, decode
//! AndroidManifest.xml with our parser and compare it, line by line, with
//! `aapt dump xmltree APK AndroidManifest.xml` (line numbers and `(Raw: ...)` normalized away).

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

fn manifest_bytes(apk: &Path) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(apk).map_err(|e| e.to_string())?;
    let mut z = zip::ZipArchive::new(f).map_err(|e| e.to_string())?;
    let mut entry = z
        .by_name("AndroidManifest.xml")
        .map_err(|e| e.to_string())?;
    let mut b = Vec::new();
    entry.read_to_end(&mut b).map_err(|e| e.to_string())?;
    Ok(b)
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
    for apk in &apks {
        let out = Command::new("aapt")
            .args(["dump", "xmltree"])
            .arg(apk)
            .arg("AndroidManifest.xml")
            .output()
            .unwrap();
        let theirs = axml_support::normalize_aapt(&String::from_utf8_lossy(&out.stdout));
        let ours = match manifest_bytes(apk)
            .and_then(|b| dexflow::axml::parse(&b).map_err(|e| e.to_string()))
        {
            Ok(doc) => axml_support::render(&doc),
            Err(e) => vec![format!("error: {e}")],
        };
        if ours == theirs && !ours.is_empty() {
            matched += 1;
            continue;
        }
        let first = ours
            .iter()
            .zip(&theirs)
            .position(|(a, b)| a != b)
            .unwrap_or(ours.len().min(theirs.len()));
        mismatches.push(format!(
            "{}: {} vs {} lines, first difference at line {first}:\n  ours:  {:?}\n  aapt:  {:?}",
            apk.display(),
            ours.len(),
            theirs.len(),
            ours.get(first),
            theirs.get(first)
        ));
    }
    for m in &mismatches {
        println!("MISMATCH {m}");
    }
    println!("{matched} of {} manifests match", apks.len());
    assert!(mismatches.is_empty(), "{} mismatches", mismatches.len());
}
