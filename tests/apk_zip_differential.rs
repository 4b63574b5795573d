//! Differential check of our central-directory layer against the `zip` crate (the reference
//! zip implementation we depend on): on well-formed archives both must list the same entries
//! in the same order with the same bytes. Runs on the real APKs and a slice of DroidBench in
//! place (that part is not checked, with a message, when ../shared is absent; with `CI` set it
//! fails).

use std::io::Read;
use std::path::{Path, PathBuf};

use dexflow::apk::zipfile::ZipArchive;

fn shared_apks() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for dir in [
        "real-apks",
        "droidbench/apk/AndroidSpecific",
        "droidbench/apk/Callbacks",
    ] {
        let Some(dir) = crate::util::shared(dir) else {
            continue;
        };
        let rd = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "apk") {
                v.push(p);
            }
        }
    }
    for e in std::fs::read_dir("sample-apks")
        .into_iter()
        .flatten()
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "apk") {
            v.push(e.path());
        }
    }
    v.sort();
    v
}

fn compare(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let ours = ZipArchive::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    let mut reference = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    assert_eq!(
        ours.entries().len(),
        reference.len(),
        "{}: entry count",
        path.display()
    );
    for (i, e) in ours.entries().iter().enumerate() {
        let mut r = reference.by_index(i).unwrap();
        assert_eq!(
            e.name,
            r.name().unwrap(),
            "{}: entry {i} name",
            path.display()
        );
        assert_eq!(
            e.uncompressed_size,
            r.size(),
            "{}: {} size",
            path.display(),
            e.name
        );
        // compare contents of the entries the analysis reads, and a few others
        if e.name.ends_with(".dex")
            || e.name.ends_with(".xml")
            || e.name.ends_with(".arsc")
            || i < 8
        {
            let mut want = Vec::new();
            r.read_to_end(&mut want).unwrap();
            let (got, diags) = ours
                .read(e, &e.name)
                .unwrap_or_else(|d| panic!("{}: {}: {d:?}", path.display(), e.name));
            assert!(
                diags.is_empty(),
                "{}: {}: unexpected anomalies {diags:?}",
                path.display(),
                e.name
            );
            assert!(
                got == want,
                "{}: {} contents differ",
                path.display(),
                e.name
            );
        }
    }
}

#[test]
fn central_directory_layer_agrees_with_the_zip_crate() {
    let apks = shared_apks();
    assert!(
        apks.iter().any(|p| p.starts_with("sample-apks")),
        "sample-apks/ missing"
    );
    for apk in &apks {
        compare(apk);
    }
}
