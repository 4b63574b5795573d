//! Cross-check (run by scripts/crosscheck-manifest.sh, needs `aapt` and the shared APKs): for
//! every APK under ../shared/droidbench/apk and ../shared/real-apks, decode
//! AndroidManifest.xml with our parser and compare it, line by line, with
//! `aapt dump xmltree APK AndroidManifest.xml` (line numbers and `(Raw: ...)` normalized away);
//! the same for every binary XML file under `res/` (layouts, menus, xml/).

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
    let theirs = crate::axml_support::normalize_aapt(&String::from_utf8_lossy(&out.stdout));
    let ours = match entry_bytes(apk, entry)
        .and_then(|b| dexflow::axml::parse(&b).map_err(|e| e.to_string()))
    {
        Ok(doc) => crate::axml_support::render(&doc),
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
    let root = crate::util::shared_required("");
    let mut apks = Vec::new();
    apks_under(&root.join("droidbench/apk"), &mut apks);
    apks_under(&root.join("real-apks"), &mut apks);
    assert!(!apks.is_empty(), "no APKs under {}", root.display());
    assert!(
        Command::new("aapt").arg("version").output().is_ok(),
        "aapt is not installed"
    );
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

/// `name='value'` fields of one `aapt dump badging` line.
fn badging_field(line: &str, key: &str) -> Option<String> {
    let pat = format!("{key}='");
    let at = line.find(&pat)? + pat.len();
    let rest = &line[at..];
    Some(rest[..rest.find('\'')?].to_string())
}

/// The model (package, versions, sdk, permissions, resolved label) against
/// `aapt dump badging`. Permissions aapt only implies (`uses-implied-permission`) are not
/// in the manifest and are allowed to be missing from ours.
#[test]
#[ignore = "needs aapt and /work/shared APKs; run scripts/crosscheck-manifest.sh"]
fn model_matches_aapt_badging() {
    use dexflow::manifest::{Manifest, parse_arsc};
    use std::collections::BTreeSet;

    let root = crate::util::shared_required("");
    let mut apks = Vec::new();
    apks_under(&root.join("droidbench/apk"), &mut apks);
    apks_under(&root.join("real-apks"), &mut apks);
    assert!(!apks.is_empty(), "no APKs under {}", root.display());
    assert!(
        Command::new("aapt").arg("version").output().is_ok(),
        "aapt is not installed"
    );
    apks.sort();
    let mut matched = 0;
    let mut mismatches = Vec::new();
    for apk in &apks {
        let out = Command::new("aapt")
            .args(["dump", "badging"])
            .arg(apk)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let mut theirs: Vec<String> = Vec::new();
        let mut their_perms = BTreeSet::new();
        let mut implied = BTreeSet::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("package: ") {
                for k in ["name", "versionCode", "versionName"] {
                    theirs.push(format!(
                        "{k}={}",
                        badging_field(rest, k).unwrap_or_default()
                    ));
                }
            } else if let Some(v) = line.strip_prefix("sdkVersion:'") {
                theirs.push(format!("min={}", v.trim_end_matches('\'')));
            } else if let Some(v) = line.strip_prefix("targetSdkVersion:'") {
                theirs.push(format!("target={}", v.trim_end_matches('\'')));
            } else if let Some(v) = line.strip_prefix("application-label:'") {
                theirs.push(format!("label={}", v.trim_end_matches('\'')));
            } else if line.starts_with("uses-permission:")
                || line.starts_with("uses-permission-sdk-23:")
            {
                let name = badging_field(line, "name").unwrap_or_default();
                let max = badging_field(line, "maxSdkVersion").unwrap_or_default();
                their_perms.insert(format!("{name} max={max}"));
            } else if line.starts_with("uses-implied-permission:") {
                implied.insert(badging_field(line, "name").unwrap_or_default());
            }
        }
        let doc = dexflow::axml::parse(&entry_bytes(apk, "AndroidManifest.xml").unwrap()).unwrap();
        let (mut m, _) = Manifest::from_xml(&doc);
        if let Ok(arsc) = entry_bytes(apk, "resources.arsc")
            && let Ok(res) = parse_arsc(&arsc)
        {
            m.resolve_label(&res);
        }
        let mut ours = vec![
            format!("name={}", m.package),
            format!(
                "versionCode={}",
                m.version_code.map(|v| v.to_string()).unwrap_or_default()
            ),
            format!("versionName={}", m.version_name.clone().unwrap_or_default()),
        ];
        // aapt prints targetSdkVersion only when declared, sdkVersion when min is declared
        if let Some(v) = m.min_sdk {
            ours.push(format!("min={v}"));
        }
        if let Some(v) = m.target_sdk {
            ours.push(format!("target={v}"));
        }
        if let Some(l) = &m.label {
            ours.push(format!("label={l}"));
        }
        let our_perms: BTreeSet<String> = m
            .uses_permissions
            .iter()
            .map(|p| {
                format!(
                    "{} max={}",
                    p.name,
                    p.max_sdk_version.map(|v| v.to_string()).unwrap_or_default()
                )
            })
            .collect();
        let missing: Vec<&String> = their_perms
            .difference(&our_perms)
            .filter(|p| !implied.contains(p.split(' ').next().unwrap_or("")))
            .collect();
        let extra: Vec<&String> = our_perms.difference(&their_perms).collect();
        // aapt prints in document order (uses-sdk may come after application)
        ours.sort();
        theirs.sort();
        if ours == theirs && missing.is_empty() && extra.is_empty() {
            matched += 1;
        } else {
            mismatches.push(format!(
                "{}:\n  ours:  {ours:?}\n  aapt:  {theirs:?}\n  permissions missing {missing:?} extra {extra:?}",
                apk.display()
            ));
        }
    }
    for m in &mismatches {
        println!("BADGING MISMATCH {m}");
    }
    println!(
        "{matched} of {} manifest models match aapt badging",
        apks.len()
    );
    assert!(mismatches.is_empty(), "{} mismatches", mismatches.len());
}
