//! The hostile zip corpus in `tests/corpus/zip/`: generated here (run with `UPDATE_EXPECT=1`
//! to rewrite the files and `EXPECTED.txt`), and every file in the folder, including crashes
//! the `zip` fuzz target found, must open to Ok-with-anomalies or a clean error, never a panic.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::apk_common::*;
use dexflow::apk::{Limits, open_bytes};

/// Cap used for the corpus: low, so the bombs trip it.
const CORPUS_CAP: u64 = 8 << 20;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/zip")
}

fn minimal() -> ZipBuilder {
    let mut z = ZipBuilder::new();
    z.deflated("AndroidManifest.xml", &fake_manifest());
    z.deflated("classes.dex", &fake_dex("one"));
    z
}

fn set_eocd_u32(bytes: &mut [u8], field: usize, v: u32) {
    let n = bytes.len();
    bytes[n - 22 + field..n - 22 + field + 4].copy_from_slice(&v.to_le_bytes());
}

fn set_eocd_u16(bytes: &mut [u8], field: usize, v: u16) {
    let n = bytes.len();
    bytes[n - 22 + field..n - 22 + field + 2].copy_from_slice(&v.to_le_bytes());
}

fn generate() -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();

    let mut z = minimal();
    z.deflated("classes.dex", &fake_dex("hidden"));
    out.push(("duplicate-entry.apk", z.build()));

    let mut z = minimal();
    z.entries.iter_mut().for_each(|e| e.flags |= 1);
    out.push(("fake-encryption.apk", z.build()));

    let mut z = minimal();
    z.entries[1].method = 12;
    out.push(("unknown-method.apk", z.build()));

    let mut z = minimal();
    z.entries[1].local_sizes = Some((3, 0xffff));
    out.push(("lying-local-sizes.apk", z.build()));

    let mut z = minimal();
    z.entries[1].compressed_size = 0xffff_fff0;
    out.push(("compressed-size-beyond-file.apk", z.build()));

    let mut z = minimal();
    z.entries[1].uncompressed_size = 7;
    out.push(("declared-size-too-small.apk", z.build()));

    let mut z = minimal();
    z.entries[1].crc = 0xdead_beef;
    out.push(("crc-mismatch.apk", z.build()));

    let mut z = minimal();
    z.stored("../../../data/evil.so", b"x");
    out.push(("path-traversal.apk", z.build()));

    let mut z = minimal();
    z.entries[1].local_name = Some("classes9.dex".into());
    out.push(("local-name-mismatch.apk", z.build()));

    let mut z = minimal();
    z.entries[1].payload = vec![0xfe; 32];
    z.entries[1].compressed_size = 32;
    out.push(("corrupt-deflate.apk", z.build()));

    let mut z = minimal();
    z.entries[1].payload.truncate(5);
    out.push(("truncated-entry-data.apk", z.build()));

    let full = minimal().build();
    let cd = u32::from_le_bytes(full[full.len() - 6..full.len() - 2].try_into().unwrap()) as usize;
    let mut b = full[..cd + 30].to_vec();
    b.extend(&full[full.len() - 22..]);
    out.push(("truncated-central-directory.apk", b));

    let mut b = full.clone();
    b[cd + 1] = 0;
    out.push(("bad-central-signature.apk", b));

    out.push(("no-eocd.apk", full[..full.len() - 22].to_vec()));

    let mut b = full.clone();
    set_eocd_u32(&mut b, 16, 0xffff_ffff);
    out.push(("central-offset-overflow.apk", b));

    let mut b = full.clone();
    set_eocd_u16(&mut b, 8, 0xffff);
    set_eocd_u16(&mut b, 10, 0xffff);
    out.push(("entry-count-huge.apk", b));

    let mut b = full.clone();
    // local header offset of the second record -> far beyond the file
    let second = cd + 46 + "AndroidManifest.xml".len();
    b[second + 42..second + 46].copy_from_slice(&0x7fff_fff0u32.to_le_bytes());
    out.push(("local-offset-beyond-file.apk", b));

    let mut b = full.clone();
    let n = b.len();
    b.truncate(n - 22);
    b.extend(0x0706_4b50u32.to_le_bytes());
    b.extend(0u32.to_le_bytes());
    b.extend(0xffff_ffff_ffffu64.to_le_bytes());
    b.extend(1u32.to_le_bytes());
    b.extend(&full[n - 22..]);
    out.push(("zip64-bad-locator.apk", b));

    let mut e = vec![0x50, 0x4b, 5, 6];
    e.extend([0u8; 18]);
    out.push(("empty-archive.apk", e));

    let mut z = minimal();
    let mut comment = b"junk".to_vec();
    comment.extend(0x0605_4b50u32.to_le_bytes());
    comment.extend([0xff; 18]);
    z.comment = comment;
    out.push(("fake-eocd-in-comment.apk", z.build()));

    let mut z = ZipBuilder::new();
    z.deflated("AndroidManifest.xml", &fake_manifest());
    bomb_entry(&mut z, "classes.dex", 16);
    out.push(("bomb.apk", z.build()));

    let mut z = ZipBuilder::new();
    z.deflated("AndroidManifest.xml", &fake_manifest());
    for i in 2..=5 {
        bomb_entry(&mut z, &format!("lib/x86/lib{i}.so"), 3);
    }
    out.push(("bomb-spread-over-entries.apk", z.build()));

    let mut inner = ZipBuilder::new();
    inner.deflated("AndroidManifest.xml", &fake_manifest());
    bomb_entry(&mut inner, "classes.dex", 16);
    let mut z = ZipBuilder::new();
    z.deflated("base.apk", &inner.build());
    out.push(("bomb-in-split.apks", z.build()));

    let mut z = ZipBuilder::new();
    z.stored("base.apk", &minimal().build());
    z.stored("split_config.arm64_v8a.apk", b"PK\x03\x04 not really");
    out.push(("split-with-broken-inner.apks", z.build()));

    let mut z = minimal();
    z.deflated("classes3.dex", &fake_dex("three"));
    z.deflated("classes02.dex", &fake_dex("odd"));
    out.push(("dex-gap-and-odd-name.apk", z.build()));

    let mut z = ZipBuilder::new();
    z.deflated("classes.dex", &fake_dex("only"));
    out.push(("dex-without-manifest.apk", z.build()));

    out.push(("not-a-dex.dex", b"dey\n035\0 not dex".to_vec()));
    out
}

fn outcome(name: &str, bytes: Vec<u8>) -> String {
    let limits = Limits {
        max_inflate: CORPUS_CAP,
    };
    match open_bytes(Path::new(name), bytes, &limits) {
        Ok(app) => {
            let mut codes: Vec<_> = app.anomalies.iter().map(|d| d.code).collect();
            codes.sort();
            codes.dedup();
            format!("ok dex={} anomalies={}", app.dex.len(), codes.join(","))
        }
        Err(e) => format!("err {e}"),
    }
}

#[test]
fn corpus_matches_generator() {
    let dir = corpus_dir();
    let mut expected = String::new();
    for (name, bytes) in generate() {
        assert!(bytes.len() < 64 * 1024, "{name} is not tiny");
        if let Err(e) = crate::util::golden_bytes(&dir.join(name), &bytes) {
            panic!("{e}");
        }
        writeln!(expected, "{name}: {}", outcome(name, bytes)).unwrap();
    }
    crate::util::assert_golden(&dir.join("EXPECTED.txt"), &expected);
}

#[test]
fn every_corpus_file_opens_cleanly() {
    let mut n = 0;
    for item in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = item.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let limits = Limits {
            max_inflate: CORPUS_CAP,
        };
        // a panic here fails the test; an Ok must say what was odd about the file
        match open_bytes(&path, bytes, &limits) {
            Ok(app) => {
                let odd = !app.anomalies.is_empty();
                let fuzz_find = path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("fuzz-");
                assert!(
                    odd || fuzz_find,
                    "{}: opened without any anomaly",
                    path.display()
                );
                for lib in &app.native_libs {
                    let _ = dexflow::native::inspect(lib);
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
        n += 1;
    }
    assert!(n >= 20, "corpus has only {n} files");
}
