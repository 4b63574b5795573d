//! `info` on every bundled sample app equals its committed golden file
//! `sample-apks/NAME.info.txt`. Regenerate with `UPDATE_EXPECT=1 cargo test --test tests samples_info::`.

use std::path::{Path, PathBuf};

use dexflow::apk::Limits;

fn sample_apks() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("sample-apks")
        .expect("sample-apks/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "apk"))
        .collect();
    v.sort();
    v
}

fn info_text(path: &Path) -> String {
    let models = dexflow::maps::Models::builtin(dexflow::maps::RuleSet::Privacy).unwrap();
    let fw = dexflow::hierarchy::FrameworkModel::builtin().unwrap();
    let info =
        dexflow::info::inspect(path, &Limits::default(), &models, &fw).expect("sample opens");
    let mut s = String::new();
    dexflow::info::render_text(&info, &mut s);
    s
}

#[test]
fn info_matches_golden_files() {
    let apks = sample_apks();
    assert!(apks.len() >= 3, "sample apps missing");
    let mut failures = Vec::new();
    for apk in apks {
        let golden = apk.with_extension("info.txt");
        let got = info_text(&apk);
        if let Err(e) = crate::util::golden(&golden, &got) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn multidex_native_sample_has_two_dex_and_a_jni_library() {
    let models = dexflow::maps::Models::builtin(dexflow::maps::RuleSet::Privacy).unwrap();
    let fw = dexflow::hierarchy::FrameworkModel::builtin().unwrap();
    let info = dexflow::info::inspect(
        Path::new("sample-apks/multidex-native.apk"),
        &Limits::default(),
        &models,
        &fw,
    )
    .unwrap();
    assert_eq!(info.dex.len(), 2);
    assert_eq!(info.native_libs.len(), 1);
    let lib = &info.native_libs[0];
    assert!(lib.jni_onload);
    assert!(
        lib.jni_exports
            .iter()
            .any(|e| e.class == "org.dexflow.sample.multidex.Native" && e.method == "send")
    );
    assert!(lib.network_imports.iter().any(|f| f == "connect"));
}
