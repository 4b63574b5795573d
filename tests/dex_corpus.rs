//! Hostile dex files: the corpus under tests/corpus/dex/hostile/ is derived from our own
//! sample.dex by the mutations below (regenerate with `UPDATE_EXPECT=1 cargo test --test tests
//! dex_corpus::`). Every file must load without a panic and report its damage as an `Err`
//! (stats) or a diagnostic (loader); crash inputs found by fuzzing are added to
//! tests/corpus/dex/regressions/ and run by the same test.

use std::path::{Path, PathBuf};

use dexflow::bytecode::{dex_stats, load_program};
use dexflow::dex::{ClassData, DexFile};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/dex")
}

fn put32(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

/// (file name, mutated bytes)
fn hostile_variants(sample: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let dex = DexFile::parse(sample).unwrap();
    let h = dex.header;
    let cd = dex.class_def(0).unwrap();
    let mut code_off = 0;
    ClassData::parse(sample, cd.class_data_off)
        .unwrap()
        .for_each_method(|m| {
            if code_off == 0 && m.code_off != 0 {
                code_off = m.code_off as usize;
            }
        })
        .unwrap();
    let len = sample.len() as u32;
    let mut out = Vec::new();
    let mut m = |name, f: &dyn Fn(&mut Vec<u8>)| {
        let mut b = sample.to_vec();
        f(&mut b);
        out.push((name, b));
    };
    m("truncated-header.dex", &|b| b.truncate(0x50));
    m("bad-version.dex", &|b| b[4..7].copy_from_slice(b"099"));
    m("bad-endian.dex", &|b| put32(b, 40, 0x7856_3412));
    m("huge-string-count.dex", &|b| put32(b, 56, 0x7fff_ffff));
    m("string-ids-past-end.dex", &|b| put32(b, 60, len - 2));
    m("huge-class-defs.dex", &|b| put32(b, 96, 0x0fff_ffff));
    m("huge-method-ids.dex", &|b| put32(b, 88, u32::MAX));
    let s0 = h.string_ids.off as usize;
    m("string-data-past-end.dex", &|b| put32(b, s0, len + 100));
    let c0 = h.class_defs.off as usize;
    m("class-type-out-of-range.dex", &|b| put32(b, c0, 0xffff));
    m("class-data-past-end.dex", &|b| put32(b, c0 + 24, len + 8));
    m("interfaces-past-end.dex", &|b| put32(b, c0 + 12, len - 3));
    m("annotations-past-end.dex", &|b| put32(b, c0 + 20, len - 1));
    m("static-values-bad.dex", &|b| put32(b, c0 + 28, len + 1));
    let cdo = cd.class_data_off as usize;
    m("class-data-bad-uleb.dex", &|b| b[cdo..cdo + 6].fill(0xff));
    m("class-data-huge-counts.dex", &|b| {
        b[cdo..cdo + 5].copy_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f])
    });
    m("code-insns-past-end.dex", &|b| {
        put32(b, code_off + 12, 0x7fff_ffff)
    });
    m("code-huge-tries.dex", &|b| {
        b[code_off + 6..code_off + 8].copy_from_slice(&[0xff, 0xff])
    });
    m("map-past-end.dex", &|b| put32(b, 52, len + 4));
    m("map-huge-count.dex", &|b| {
        put32(b, h.map_off as usize, 0x0fff_ffff)
    });
    m("truncated-half.dex", &|b| b.truncate(b.len() / 2));
    m("truncated-tail.dex", &|b| b.truncate(b.len() - 40));
    out
}

/// Variants that need two classes (second.dex).
fn two_class_variants(second: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let dex = DexFile::parse(second).unwrap();
    let c0 = dex.header.class_defs.off as usize;
    let first_data = dex.class_def(0).unwrap().class_data_off;
    let mut b = second.to_vec();
    put32(&mut b, c0 + 32 + 24, first_data);
    vec![("shared-class-data.dex", b)]
}

/// What went wrong, as the loader and the stats report it; the empty string means "nothing".
fn damage(bytes: &[u8]) -> String {
    let mut seen = Vec::new();
    match dex_stats("x.dex", bytes) {
        Err(e) => seen.push(format!("stats error: {e}")),
        Ok(s) if s.errors > 0 => seen.push(format!("stats: {} errors", s.errors)),
        Ok(_) => {}
    }
    let (p, _, diags) = load_program(vec![("x.dex".into(), bytes.to_vec())]);
    for d in &diags {
        seen.push(format!("{}: {}", d.code, d.message));
    }
    // every registered body decodes without panicking
    for c in &p.classes {
        for m in c.methods() {
            let _ = p.body(m.id);
        }
    }
    seen.join("; ")
}

#[test]
fn hostile_corpus_is_up_to_date_and_every_file_reports_damage() {
    let dir = corpus_dir();
    let sample = std::fs::read(dir.join("sample.dex")).unwrap();
    assert_eq!(damage(&sample), "", "the clean sample must load cleanly");
    let hostile = dir.join("hostile");
    let second = std::fs::read(dir.join("second.dex")).unwrap();
    let all = hostile_variants(&sample)
        .into_iter()
        .chain(two_class_variants(&second));
    for (name, bytes) in all {
        if let Err(e) = crate::util::golden_bytes(&hostile.join(name), &bytes) {
            panic!("{e}");
        }
        let d = damage(&bytes);
        assert!(!d.is_empty(), "{name}: damage went unreported");
    }
}

#[test]
fn every_corpus_file_loads_without_panic() {
    let mut files = Vec::new();
    for sub in ["", "hostile", "regressions"] {
        if let Ok(rd) = std::fs::read_dir(corpus_dir().join(sub)) {
            files.extend(rd.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    files.sort();
    assert!(files.len() >= 20, "corpus too small: {}", files.len());
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let _ = damage(&bytes);
    }
}

#[test]
fn specific_errors_carry_offsets() {
    use dexflow::dex::DexErrorKind as K;
    let dir = corpus_dir().join("hostile");
    let read = |n: &str| std::fs::read(dir.join(n)).unwrap();
    let e = DexFile::parse(&read("truncated-header.dex")).unwrap_err();
    assert_eq!(e.kind, K::Truncated("header"));
    let e = DexFile::parse(&read("bad-version.dex")).unwrap_err();
    assert_eq!((e.kind, e.offset), (K::UnsupportedVersion(99), 0));
    let e = DexFile::parse(&read("huge-string-count.dex")).unwrap_err();
    assert_eq!(e.kind, K::SectionOutOfRange("string_ids"));
    let e = DexFile::parse(&read("huge-class-defs.dex")).unwrap_err();
    assert_eq!(e.kind, K::SectionOutOfRange("class_defs"));
    let b = read("string-data-past-end.dex");
    let d = DexFile::parse(&b).unwrap();
    let e = d.string(dexflow::dex::StringIdx(0)).unwrap_err();
    assert!(e.offset > 0, "{e}");
    let b = read("map-huge-count.dex");
    let d = DexFile::parse(&b).unwrap();
    assert!(d.map_error().is_some());
    assert!(
        dex_stats("x", &read("code-insns-past-end.dex"))
            .unwrap()
            .errors
            > 0
    );
}
