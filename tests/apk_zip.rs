//! The zip layer against hand-built archives, normal and hostile.

use std::path::Path;
use std::time::Instant;

use crate::apk_common::*;
use dexflow::apk::{ApkError, InputKind, Limits, XmlFormat, open_bytes};

fn open(bytes: Vec<u8>) -> Result<dexflow::apk::AppContainer, ApkError> {
    open_bytes(Path::new("t.apk"), bytes, &Limits::default())
}

#[test]
fn normal_apk_picks_only_needed_entries() {
    let app = open(normal_apk().build()).unwrap();
    assert_eq!(app.kind, InputKind::Apk);
    let (fmt, manifest) = app.manifest.as_ref().unwrap();
    assert_eq!(*fmt, XmlFormat::Binary);
    assert_eq!(manifest.data, fake_manifest());
    let dex: Vec<_> = app.dex.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(dex, ["classes.dex", "classes2.dex"]);
    assert_eq!(app.dex[1].data, fake_dex("two"));
    assert_eq!(app.resources.as_ref().unwrap().1.data, b"arsc");
    let layouts: Vec<_> = app.layouts.iter().map(|(_, e)| e.name.as_str()).collect();
    assert_eq!(layouts, ["res/layout/main.xml"]);
    assert_eq!(app.native_libs[0].name, "lib/arm64-v8a/libfoo.so");
    assert!(app.anomalies.is_empty(), "{:?}", app.anomalies);
}

#[test]
fn dex_order_is_numeric_and_odd_names_are_reported() {
    let mut z = ZipBuilder::new();
    z.stored("AndroidManifest.xml", &fake_manifest());
    for n in [
        "classes10.dex",
        "classes2.dex",
        "classes.dex",
        "classes3.dex",
    ] {
        z.stored(n, &fake_dex(n));
    }
    z.stored("classes1.dex", &fake_dex("x"));
    let app = open(z.build()).unwrap();
    let dex: Vec<_> = app.dex.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        dex,
        [
            "classes.dex",
            "classes2.dex",
            "classes3.dex",
            "classes10.dex"
        ]
    );
    let c = codes(&app);
    assert!(c.contains(&"apk-unloaded-dex"));
    assert!(c.contains(&"apk-dex-gap"));
}

#[test]
fn duplicate_entry_first_wins() {
    let mut z = normal_apk();
    z.deflated("classes.dex", &fake_dex("second"));
    let app = open(z.build()).unwrap();
    assert_eq!(app.dex[0].data, fake_dex("one"));
    let d = app
        .anomalies
        .iter()
        .find(|d| d.code == "zip-duplicate-entry")
        .unwrap();
    assert!(d.message.contains("first"));
    assert_eq!(d.location.as_deref(), Some("classes.dex"));
}

#[test]
fn fake_encryption_is_read_anyway() {
    let mut z = normal_apk();
    for e in &mut z.entries {
        e.flags |= 1;
    }
    let app = open(z.build()).unwrap();
    assert_eq!(app.dex.len(), 2);
    assert_eq!(app.dex[0].data, fake_dex("one"));
    let fake: Vec<_> = app
        .anomalies
        .iter()
        .filter(|d| d.code == "zip-fake-encryption")
        .collect();
    assert_eq!(fake.len(), 1, "one summary anomaly, not one per entry");
    assert!(fake[0].message.starts_with("8 entries"));
}

#[test]
fn unknown_method_is_inflated_as_deflate() {
    let mut z = normal_apk();
    z.entries[1].method = 99;
    let app = open(z.build()).unwrap();
    assert_eq!(app.dex[0].data, fake_dex("one"));
    assert!(codes(&app).contains(&"zip-unknown-compression"));
}

#[test]
fn local_header_sizes_that_lie_use_central() {
    let mut z = normal_apk();
    z.entries[1].local_sizes = Some((1, 2));
    z.entries[1].local_name = Some("other.dex".into());
    let app = open(z.build()).unwrap();
    assert_eq!(app.dex[0].data, fake_dex("one"));
    let c = codes(&app);
    assert!(c.contains(&"zip-size-mismatch"));
    assert!(c.contains(&"zip-local-name-mismatch"));
}

#[test]
fn compressed_size_beyond_file_still_inflates() {
    let mut z = ZipBuilder::new();
    z.deflated("AndroidManifest.xml", &fake_manifest());
    z.deflated("classes.dex", &fake_dex("one")).compressed_size = 0x7fff_0000;
    let app = open(z.build()).unwrap();
    assert_eq!(app.dex[0].data, fake_dex("one"));
    assert!(codes(&app).contains(&"zip-size-beyond-file"));
}

#[test]
fn declared_size_smaller_than_data_stops_there() {
    let mut z = ZipBuilder::new();
    z.deflated("AndroidManifest.xml", &fake_manifest());
    z.deflated("classes.dex", &fake_dex("one"))
        .uncompressed_size = 10;
    let app = open(z.build()).unwrap();
    assert_eq!(app.dex[0].data, fake_dex("one")[..10]);
    let c = codes(&app);
    assert!(c.contains(&"zip-size-mismatch"));
    assert!(c.contains(&"zip-crc-mismatch"));
}

#[test]
fn stored_entry_uses_uncompressed_size_bounded_by_file() {
    let mut z = ZipBuilder::new();
    z.stored("AndroidManifest.xml", &fake_manifest());
    let e = z.stored("classes.dex", &fake_dex("one"));
    e.uncompressed_size = 1 << 30;
    let app = open(z.build()).unwrap();
    // reads up to the end of the file, no further, with anomalies
    assert!(app.dex[0].data.starts_with(&fake_dex("one")));
    let c = codes(&app);
    assert!(c.contains(&"zip-size-mismatch"));
}

#[test]
fn crc_mismatch_is_an_anomaly() {
    let mut z = normal_apk();
    z.entries[1].crc ^= 1;
    let app = open(z.build()).unwrap();
    assert_eq!(app.dex[0].data, fake_dex("one"));
    let d = app
        .anomalies
        .iter()
        .find(|d| d.code == "zip-crc-mismatch")
        .unwrap();
    assert_eq!(d.location.as_deref(), Some("classes.dex"));
}

#[test]
fn corrupt_deflate_skips_only_that_entry() {
    let mut z = normal_apk();
    z.entries[3].payload = vec![0xff; 40];
    z.entries[3].compressed_size = 40;
    let app = open(z.build()).unwrap();
    assert_eq!(app.dex.len(), 1);
    assert!(codes(&app).contains(&"zip-inflate-error"));
}

#[test]
fn path_traversal_names_are_reported() {
    let mut z = normal_apk();
    z.stored("../../evil.so", b"x");
    z.stored("/abs", b"x");
    let app = open(z.build()).unwrap();
    let n = app
        .anomalies
        .iter()
        .filter(|d| d.code == "zip-path-traversal")
        .count();
    assert_eq!(n, 2);
}

#[test]
fn comment_is_skipped() {
    let mut z = normal_apk();
    z.comment = vec![b'c'; 60_000];
    let app = open(z.build()).unwrap();
    assert_eq!(app.dex.len(), 2);
}

#[test]
fn missing_eocd_is_not_a_zip() {
    let mut bytes = normal_apk().build();
    let n = bytes.len();
    bytes.truncate(n - 22);
    let err = open(bytes).unwrap_err();
    assert!(matches!(err, ApkError::NotAZip { .. }), "{err}");
    assert!(err.to_string().starts_with("t.apk: not a zip archive"));
}

#[test]
fn truncated_central_directory_names_offset() {
    let bytes = normal_apk().build();
    // keep the EOCD, cut the central directory in half
    let n = bytes.len();
    let eocd = bytes[n - 22..].to_vec();
    let cd_offset = u32::from_le_bytes(eocd[16..20].try_into().unwrap()) as usize;
    let mut cut = bytes[..cd_offset + 60].to_vec();
    cut.extend(eocd);
    let err = open(cut).unwrap_err();
    match &err {
        ApkError::TruncatedCentralDirectory { offset, .. } => assert_eq!(*offset, cd_offset as u64),
        other => panic!("{other}"),
    }
    assert!(
        err.to_string()
            .contains("truncated central directory at offset")
    );
}

#[test]
fn bad_record_inside_central_directory() {
    let mut bytes = normal_apk().build();
    let n = bytes.len();
    let cd_offset = u32::from_le_bytes(bytes[n - 6..n - 2].try_into().unwrap()) as usize;
    bytes[cd_offset] = b'X';
    let err = open(bytes).unwrap_err();
    assert!(
        matches!(err, ApkError::TruncatedCentralDirectory { .. }),
        "{err}"
    );
}

#[test]
fn no_manifest_no_dex_is_an_error() {
    let mut z = ZipBuilder::new();
    z.stored("readme.txt", b"hi");
    let err = open(z.build()).unwrap_err();
    assert!(matches!(err, ApkError::NoAppContent { .. }), "{err}");
}

#[test]
fn zip_bomb_stops_at_cap_naming_the_entry() {
    // 64 MiB of zeros deflates to ~64 KiB; the cap is 1 MiB
    let mut z = ZipBuilder::new();
    z.deflated("AndroidManifest.xml", &fake_manifest());
    bomb_entry(&mut z, "classes.dex", 64);
    let bytes = z.build();
    assert!(bytes.len() < 200_000);
    let limits = Limits {
        max_inflate: 1 << 20,
    };
    let t = Instant::now();
    let err = open_bytes(Path::new("bomb.apk"), bytes.clone(), &limits).unwrap_err();
    assert!(t.elapsed().as_millis() < 500, "bomb must fail fast");
    match &err {
        ApkError::InflateCapExceeded { entry, cap, .. } => {
            assert_eq!(entry, "classes.dex");
            assert_eq!(*cap, 1 << 20);
        }
        other => panic!("{other}"),
    }
    assert!(err.to_string().contains("classes.dex"));

    // the same bomb that lies about its size is cut at the declared size
    let mut z2 = ZipBuilder::new();
    z2.deflated("AndroidManifest.xml", &fake_manifest());
    let i = bomb_entry(&mut z2, "classes.dex", 64);
    z2.entries[i].uncompressed_size = 1000;
    let app = open_bytes(Path::new("bomb.apk"), z2.build(), &limits).unwrap();
    assert_eq!(app.dex[0].data.len(), 1000);
    assert!(codes(&app).contains(&"zip-size-mismatch"));
}

#[test]
fn cap_counts_all_entries_together() {
    let mut z = ZipBuilder::new();
    z.deflated("AndroidManifest.xml", &fake_manifest());
    for i in 2..=6 {
        z.deflated(&format!("classes{i}.dex"), &vec![1u8; 300_000]);
    }
    z.deflated("classes.dex", &vec![1u8; 300_000]);
    let limits = Limits {
        max_inflate: 1 << 20,
    };
    let err = open_bytes(Path::new("x.apk"), z.build(), &limits).unwrap_err();
    match err {
        // classes.dex, classes2.dex, classes3.dex fit; classes4.dex crosses the cap
        ApkError::InflateCapExceeded { entry, .. } => assert_eq!(entry, "classes4.dex"),
        other => panic!("{other}"),
    }
}

#[test]
fn zip64_end_record_is_followed() {
    // turn a normal archive into one that routes through a ZIP64 end record + locator
    let bytes = normal_apk().build();
    let n = bytes.len();
    let eocd = bytes[n - 22..].to_vec();
    let entries = u16::from_le_bytes(eocd[10..12].try_into().unwrap()) as u64;
    let cd_size = u32::from_le_bytes(eocd[12..16].try_into().unwrap()) as u64;
    let cd_offset = u32::from_le_bytes(eocd[16..20].try_into().unwrap()) as u64;
    let mut out = bytes[..n - 22].to_vec();
    let z64_at = out.len() as u64;
    out.extend(0x0606_4b50u32.to_le_bytes());
    out.extend(44u64.to_le_bytes());
    out.extend([45, 0, 45, 0]);
    out.extend([0u8; 8]);
    out.extend(entries.to_le_bytes());
    out.extend(entries.to_le_bytes());
    out.extend(cd_size.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0x0706_4b50u32.to_le_bytes());
    out.extend(0u32.to_le_bytes());
    out.extend(z64_at.to_le_bytes());
    out.extend(1u32.to_le_bytes());
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend([0xff; 4]);
    out.extend([0xff; 8]);
    out.extend([0, 0]);
    let app = open(out).unwrap();
    assert_eq!(app.dex.len(), 2);
}
