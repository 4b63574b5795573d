//! Input kinds (APK, split set, AAB, bare DEX), directory discovery, and the real APKs in
//! ../shared/real-apks (skipped when missing).

use std::path::{Path, PathBuf};

use crate::apk_common::*;
use dexflow::apk::{InputKind, Limits, XmlFormat, discover, open, open_bytes};

fn split_set() -> Vec<u8> {
    let mut base = ZipBuilder::new();
    base.deflated("AndroidManifest.xml", &fake_manifest());
    base.deflated("classes.dex", &fake_dex("base1"));
    base.deflated("classes2.dex", &fake_dex("base2"));
    base.stored("resources.arsc", b"base-arsc");
    base.deflated("res/layout/a.xml", b"base layout");
    let mut abi = ZipBuilder::new();
    abi.deflated("AndroidManifest.xml", b"split manifest");
    abi.stored("lib/arm64-v8a/libn.so", b"\x7fELF-split");
    let mut feature = ZipBuilder::new();
    feature.deflated("AndroidManifest.xml", b"feature manifest");
    feature.deflated("classes.dex", &fake_dex("feature"));
    feature.stored("resources.arsc", b"feature-arsc");
    let mut outer = ZipBuilder::new();
    outer.stored("toc.pb", b"toc");
    outer.stored("splits/feature-master.apk", &feature.build());
    outer.stored("splits/base-arm64_v8a.apk", &abi.build());
    outer.deflated("splits/base-master.apk", &base.build());
    outer.build()
}

#[test]
fn split_set_merges_base_and_splits() {
    let app = open_bytes(Path::new("app.apks"), split_set(), &Limits::default()).unwrap();
    assert_eq!(app.kind, InputKind::SplitSet);
    let (_, m) = app.manifest.as_ref().unwrap();
    assert_eq!(m.name, "splits/base-master.apk!/AndroidManifest.xml");
    assert_eq!(m.data, fake_manifest());
    let dex: Vec<_> = app.dex.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        dex,
        [
            "splits/base-master.apk!/classes.dex",
            "splits/base-master.apk!/classes2.dex",
            "splits/feature-master.apk!/classes.dex",
        ]
    );
    assert_eq!(app.dex[2].data, fake_dex("feature"));
    assert_eq!(app.resources.as_ref().unwrap().1.data, b"base-arsc");
    assert_eq!(app.layouts.len(), 1);
    assert_eq!(
        app.native_libs[0].name,
        "splits/base-arm64_v8a.apk!/lib/arm64-v8a/libn.so"
    );
    assert!(app.anomalies.is_empty(), "{:?}", app.anomalies);
}

#[test]
fn xapk_picks_package_apk_as_base() {
    let mut base = ZipBuilder::new();
    base.deflated("AndroidManifest.xml", &fake_manifest());
    base.deflated("classes.dex", &fake_dex("b"));
    let mut cfg = ZipBuilder::new();
    cfg.deflated("AndroidManifest.xml", b"cfg");
    let mut outer = ZipBuilder::new();
    outer.stored("manifest.json", b"{}");
    outer.stored("config.arm64_v8a.apk", &cfg.build());
    outer.stored("com.example.app.apk", &base.build());
    let app = open_bytes(Path::new("app.xapk"), outer.build(), &Limits::default()).unwrap();
    assert_eq!(
        app.manifest.unwrap().1.name,
        "com.example.app.apk!/AndroidManifest.xml"
    );
}

#[test]
fn split_set_inner_apks_count_against_the_cap() {
    let limits = Limits { max_inflate: 1000 };
    let err = open_bytes(Path::new("app.apks"), split_set(), &limits).unwrap_err();
    assert!(
        err.to_string().contains("inflate cap of 1000 bytes"),
        "{err}"
    );
}

#[test]
fn broken_inner_apk_is_an_anomaly() {
    let mut base = ZipBuilder::new();
    base.deflated("AndroidManifest.xml", &fake_manifest());
    base.deflated("classes.dex", &fake_dex("b"));
    let mut outer = ZipBuilder::new();
    outer.stored("base.apk", &base.build());
    outer.stored("split_config.en.apk", b"not a zip at all");
    let app = open_bytes(Path::new("x.apks"), outer.build(), &Limits::default()).unwrap();
    assert_eq!(app.dex.len(), 1);
    let d = app
        .anomalies
        .iter()
        .find(|d| d.code == "split-not-a-zip")
        .unwrap();
    assert_eq!(d.location.as_deref(), Some("split_config.en.apk"));
}

#[test]
fn aab_layout() {
    let mut z = ZipBuilder::new();
    z.stored("BundleConfig.pb", b"cfg");
    z.deflated("base/manifest/AndroidManifest.xml", b"proto manifest");
    z.deflated("base/dex/classes2.dex", &fake_dex("2"));
    z.deflated("base/dex/classes.dex", &fake_dex("1"));
    z.deflated("base/resources.pb", b"proto res");
    z.deflated("base/res/layout/main.xml", b"proto layout");
    z.deflated("base/res/values/strings.xml", b"no");
    z.stored("base/lib/x86_64/liba.so", b"\x7fELF");
    z.deflated("feature/manifest/AndroidManifest.xml", b"feature manifest");
    z.deflated("feature/dex/classes.dex", &fake_dex("f"));
    z.deflated("BUNDLE-METADATA/x/classes.dex", &fake_dex("no"));
    let app = open_bytes(Path::new("a.aab"), z.build(), &Limits::default()).unwrap();
    assert_eq!(app.kind, InputKind::Aab);
    let (fmt, m) = app.manifest.as_ref().unwrap();
    assert_eq!(
        (*fmt, m.data.as_slice()),
        (XmlFormat::Proto, &b"proto manifest"[..])
    );
    let dex: Vec<_> = app.dex.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        dex,
        [
            "base/dex/classes.dex",
            "base/dex/classes2.dex",
            "feature/dex/classes.dex"
        ]
    );
    let (rf, r) = app.resources.as_ref().unwrap();
    assert_eq!(
        (*rf, r.name.as_str()),
        (XmlFormat::Proto, "base/resources.pb")
    );
    assert_eq!(app.layouts.len(), 1);
    assert_eq!(app.layouts[0].0, XmlFormat::Proto);
    assert_eq!(app.native_libs[0].name, "base/lib/x86_64/liba.so");
}

#[test]
fn bare_dex_by_magic() {
    let app = open_bytes(
        Path::new("x/classes.dex"),
        fake_dex("d"),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(app.kind, InputKind::Dex);
    assert_eq!(app.dex[0].name, "classes.dex");
    assert!(app.manifest.is_none());
    // content decides, the extension is only a hint
    let app = open_bytes(Path::new("payload.bin"), fake_dex("d"), &Limits::default()).unwrap();
    assert_eq!(app.kind, InputKind::Dex);
    assert!(codes(&app).contains(&"input-kind-mismatch"));
    let app = open_bytes(
        Path::new("renamed.dex"),
        normal_apk().build(),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(app.kind, InputKind::Apk);
}

#[test]
fn honest_large_entry_under_cap_inflates_fully() {
    let mut z = ZipBuilder::new();
    z.deflated("AndroidManifest.xml", &fake_manifest());
    bomb_entry(&mut z, "classes.dex", 3);
    let app = open_bytes(
        Path::new("a.apk"),
        z.build(),
        &Limits {
            max_inflate: 4 << 20,
        },
    )
    .unwrap();
    assert_eq!(app.dex[0].data.len(), 3 << 20);
    assert!(app.dex[0].data.iter().all(|&b| b == 0));
}

fn tempdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dexflow-apk-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn discover_walks_sorted_and_survives_symlink_loops() {
    let d = tempdir("discover");
    std::fs::create_dir_all(d.join("b/deeper")).unwrap();
    std::fs::create_dir_all(d.join("a")).unwrap();
    for f in [
        "b/deeper/z.AAB",
        "b/x.apk",
        "a/y.xapk",
        "a/notes.txt",
        "c.apks",
        "classes.dex",
    ] {
        std::fs::write(d.join(f), b"x").unwrap();
    }
    std::os::unix::fs::symlink(&d, d.join("b/loop")).unwrap();
    std::os::unix::fs::symlink(d.join("missing"), d.join("dangling.apk")).unwrap();
    let (files, diags) = discover(&[d.clone(), d.join("a/notes.txt"), d.join("nope")]);
    let rel: Vec<_> = files
        .iter()
        .map(|p| p.strip_prefix(&d).unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        rel,
        [
            "a/y.xapk",
            "b/deeper/z.AAB",
            "b/x.apk",
            "c.apks",
            "classes.dex",
            "a/notes.txt"
        ]
    );
    let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"input-symlink-loop"), "{diags:?}");
    assert!(codes.contains(&"input-unreadable"), "{diags:?}");
    assert!(diags.iter().any(|x| {
        x.location
            .as_deref()
            .is_some_and(|l| l.ends_with("dangling.apk"))
    }));
    assert!(
        diags
            .iter()
            .any(|x| x.location.as_deref().is_some_and(|l| l.ends_with("nope")))
    );
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn open_reports_io_errors_with_path() {
    let err = open(Path::new("/nonexistent/x.apk"), &Limits::default()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("/nonexistent/x.apk: cannot read"),
        "{err}"
    );
}

fn real_apk(name: &str) -> Option<PathBuf> {
    crate::util::shared(&format!("real-apks/{name}"))
}

#[test]
fn real_apks_open_with_all_dex() {
    for (name, dex_count) in [
        ("appium-uiautomator2-server-v10.6.6.apk", 16),
        ("settings_apk-debug.apk", 9),
        ("appium-uiautomator2-server-debug-androidTest.apk", 4),
    ] {
        let Some(p) = real_apk(name) else { continue };
        let app = open(&p, &Limits::default()).unwrap();
        assert_eq!(app.kind, InputKind::Apk);
        assert_eq!(app.dex.len(), dex_count, "{name}");
        for d in &app.dex {
            assert!(d.data.starts_with(b"dex\n"), "{name}: {}", d.name);
        }
        assert!(app.manifest.is_some());
        assert!(app.resources.is_some());
        assert!(
            !app.anomalies.iter().any(|a| a.code.starts_with("zip-")),
            "{name}: {:?}",
            app.anomalies
        );
    }
}

/// DroidBench APKs are discovered and open in place (never copied) with a manifest, dex and
/// no zip anomaly.
#[test]
fn droidbench_apks_open_in_place() {
    let Some(dir) = crate::util::shared("droidbench") else {
        return;
    };
    let (files, diags) = discover(std::slice::from_ref(&dir));
    assert!(diags.is_empty(), "{diags:?}");
    assert!(files.len() > 100, "found only {} apps", files.len());
    // every 7th app: a debug build inflates slowly, and the apps are alike as containers
    for f in files.iter().step_by(7) {
        let app = open(f, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
        assert!(app.manifest.is_some(), "{}", f.display());
        assert!(!app.dex.is_empty(), "{}", f.display());
        let zip_anomalies: Vec<_> = app
            .anomalies
            .iter()
            .filter(|a| a.code.starts_with("zip"))
            .collect();
        assert!(
            zip_anomalies.is_empty(),
            "{}: {zip_anomalies:?}",
            f.display()
        );
    }
}
