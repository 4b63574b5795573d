//! Hostile and crafted binary XML: malware tricks are tolerated with anomalies, broken files
//! give errors, nothing panics (the corpus in tests/corpus/axml, mutations of a real fixture).

use crate::axml_support::{AxmlBuilder, NONE, V};
use dexflow::axml::{self, ANDROID_NS, AttrValue};
use dexflow::manifest::{Manifest, layout_handlers, parse_arsc};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/axml/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn codes(doc: &axml::XmlDocument) -> Vec<&'static str> {
    doc.anomalies.iter().map(|d| d.code).collect()
}

/// Every entry point on the same bytes; only their not panicking is checked.
fn exercise(bytes: &[u8]) {
    for doc in [axml::parse(bytes), axml::proto::parse(bytes)]
        .into_iter()
        .flatten()
    {
        let (mut m, _) = Manifest::from_xml(&doc);
        let _ = layout_handlers("l.xml", &doc);
        if let Ok(r) = parse_arsc(bytes) {
            m.resolve_label(&r);
        }
    }
}

/// `<manifest package=..><application><activity a1 a2/></application></manifest>` where the
/// activity's two attributes use the first two (resource-mapped) pool slots.
fn crafted(utf8: bool, id_attrs: &[(&str, u32)]) -> Vec<u8> {
    let mut b = AxmlBuilder::new(utf8, id_attrs);
    b.start_ns("android", ANDROID_NS);
    let pkg = b.idx("package");
    b.start("manifest", &[("", pkg, V::Str("com.evil"))]);
    b.start("application", &[]);
    b.start(
        "activity",
        &[
            (ANDROID_NS, 0, V::Str(".Hidden")),
            (ANDROID_NS, 1, V::Typed(0x12, 0xffff_ffff)),
        ],
    );
    b.end("activity");
    b.end("application");
    b.end("manifest");
    b.finish()
}

#[test]
fn nameless_attributes_resolve_by_resource_id_utf8_and_utf16() {
    for utf8 in [true, false] {
        let doc = axml::parse(&crafted(utf8, &[("", 0x0101_0003), ("", 0x0101_0010)])).unwrap();
        let act = &doc.root.children[0].children[0];
        assert_eq!(&*act.attributes[0].name, "name");
        assert_eq!(&*act.attributes[1].name, "exported");
        let (m, _) = Manifest::from_xml(&doc);
        assert_eq!(m.package, "com.evil");
        assert_eq!(m.components[0].name, "com.evil.Hidden");
        assert_eq!(m.components[0].exported_explicit, Some(true));
    }
}

#[test]
fn resource_id_wins_over_a_lying_pool_name() {
    // pool says "name" and "enabled", ids say name and exported
    let doc = axml::parse(&crafted(
        false,
        &[("name", 0x0101_0003), ("enabled", 0x0101_0010)],
    ))
    .unwrap();
    assert!(codes(&doc).contains(&"axml-attribute-name-mismatch"));
    let (m, _) = Manifest::from_xml(&doc);
    assert!(m.components[0].exported);
    assert!(m.components[0].enabled);
}

#[test]
fn unknown_chunks_are_skipped_with_an_anomaly() {
    let mut b = AxmlBuilder::new(true, &[]);
    b.start("manifest", &[]);
    b.raw_chunk(0x0777, &[1, 2, 3, 4]);
    b.start("application", &[]);
    b.end("application");
    b.end("manifest");
    let doc = axml::parse(&b.finish()).unwrap();
    assert_eq!(codes(&doc), ["axml-unknown-chunk"]);
    assert_eq!(&*doc.root.children[0].name, "application");
}

#[test]
fn unbalanced_end_tags_are_tolerated() {
    let mut b = AxmlBuilder::new(true, &[]);
    b.end("stray");
    b.start("manifest", &[]);
    b.start("application", &[]);
    b.end("application");
    let doc = axml::parse(&b.finish()).unwrap();
    assert!(codes(&doc).contains(&"axml-unbalanced-end"));
    assert!(codes(&doc).contains(&"axml-unclosed-element"));
    assert_eq!(&*doc.root.name, "manifest");
    assert_eq!(doc.root.children.len(), 1);
}

#[test]
fn typed_values_decode() {
    let mut b = AxmlBuilder::new(false, &[]);
    let n = b.idx("v");
    b.start(
        "x",
        &[
            ("", n, V::Typed(0x01, 0x7f01_0002)),
            ("", n, V::Typed(0x02, 0x0101_0000)),
            ("", n, V::Typed(0x10, 0xffff_fffe)),
            ("", n, V::Typed(0x11, 0x8000_0000)),
            ("", n, V::Typed(0x12, 0)),
            ("", n, V::Typed(0x04, 1.5f32.to_bits())),
            ("", n, V::Typed(0x05, 0x0000_1001)),
            ("", n, V::Typed(0x03, 0x7fff)),
        ],
    );
    b.end("x");
    let doc = axml::parse(&b.finish()).unwrap();
    let v: Vec<&AttrValue> = doc.root.attributes.iter().map(|a| &a.value).collect();
    assert_eq!(
        v,
        [
            &AttrValue::Reference(0x7f01_0002),
            &AttrValue::Attribute(0x0101_0000),
            &AttrValue::Int(-2),
            &AttrValue::Int(0x8000_0000),
            &AttrValue::Bool(false),
            &AttrValue::Float(1.5),
            &AttrValue::Other(0x05, 0x1001),
            &AttrValue::Other(0x03, 0x7fff),
        ]
    );
    assert!(codes(&doc).contains(&"axml-bad-string-ref"));
    assert_eq!(doc.root.attributes[0].namespace, None);
    let _ = NONE;
}

#[test]
fn plain_text_manifest_is_read_with_an_anomaly() {
    let text = br#"<?xml version="1.0" encoding="utf-8"?>
<!-- comment -->
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="t.x">
  <uses-sdk android:targetSdkVersion="33"/>
  <application android:label="A &amp; B">
    <receiver android:name=".R" android:exported='true'><intent-filter android:priority="5">
      <action android:name="a.b"/></intent-filter></receiver>
  </application>
</manifest>"#;
    let doc = axml::parse(text).unwrap();
    assert_eq!(codes(&doc), ["axml-plain-text"]);
    let (m, diags) = Manifest::from_xml(&doc);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(m.package, "t.x");
    assert_eq!(m.target_sdk, Some(33));
    assert_eq!(m.label.as_deref(), Some("A & B"));
    assert_eq!(m.components[0].name, "t.x.R");
    assert!(m.components[0].exported);
    assert_eq!(m.components[0].intent_filters[0].priority, Some(5));
}

#[test]
fn every_corpus_file_gives_an_error_or_an_anomaly() {
    let dir = format!("{}/tests/corpus/axml", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.extension().is_some_and(|e| e == "py" || e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        exercise(&bytes);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".pb") {
            assert!(axml::proto::parse(&bytes).is_err(), "{name}");
            continue;
        }
        match axml::parse(&bytes) {
            Err(_) => {}
            Ok(doc) => assert!(
                !doc.anomalies.is_empty(),
                "{name} decoded without any anomaly"
            ),
        }
        n += 1;
    }
    assert!(n >= 15, "corpus has only {n} files");
}

#[test]
fn deep_nesting_is_cut_at_the_depth_limit() {
    let dir = format!("{}/tests/corpus/axml", env!("CARGO_MANIFEST_DIR"));
    let doc = axml::parse(&std::fs::read(format!("{dir}/deep-nesting.bin")).unwrap()).unwrap();
    assert!(codes(&doc).contains(&"axml-too-deep"));
    let mut depth = 0;
    let mut el = &doc.root;
    while let Some(c) = el.children.first() {
        el = c;
        depth += 1;
    }
    assert_eq!(depth + 1, axml::MAX_DEPTH);
}

#[test]
fn lying_string_count_is_clamped() {
    let dir = format!("{}/tests/corpus/axml", env!("CARGO_MANIFEST_DIR"));
    let doc = axml::parse(&std::fs::read(format!("{dir}/string-count-huge.bin")).unwrap()).unwrap();
    assert!(codes(&doc).contains(&"axml-string-count-lie"));
    assert_eq!(&*doc.root.name, "manifest");
}

#[test]
fn every_prefix_of_a_real_manifest_is_handled() {
    let b = fixture("app31.aapt.AndroidManifest.xml");
    for len in 0..b.len() {
        exercise(&b[..len]);
    }
    let p = fixture("app31.aapt2-proto.AndroidManifest.pb");
    for len in 0..p.len() {
        exercise(&p[..len]);
    }
    let r = fixture("app30.aapt.resources.arsc");
    for len in 0..r.len() {
        let _ = parse_arsc(&r[..len]);
    }
}

/// A hand-encoded protobuf `XmlNode`: the proto parser against bytes no tool produced.
mod proto_hand_encoded {
    use super::*;

    fn varint(mut v: u64, out: &mut Vec<u8>) {
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
    fn bytes(field: u64, payload: &[u8], out: &mut Vec<u8>) {
        varint(field << 3 | 2, out);
        varint(payload.len() as u64, out);
        out.extend(payload);
    }
    fn int(field: u64, v: u64, out: &mut Vec<u8>) {
        varint(field << 3, out);
        varint(v, out);
    }
    fn attr(ns: &str, name: &str, raw: &str, id: u32, item: Option<Vec<u8>>) -> Vec<u8> {
        let mut a = Vec::new();
        if !ns.is_empty() {
            bytes(1, ns.as_bytes(), &mut a);
        }
        bytes(2, name.as_bytes(), &mut a);
        bytes(3, raw.as_bytes(), &mut a);
        if id != 0 {
            int(5, u64::from(id), &mut a);
        }
        if let Some(i) = item {
            bytes(6, &i, &mut a);
        }
        a
    }
    fn element(name: &str, attrs: &[Vec<u8>], children: &[Vec<u8>], ns_decl: bool) -> Vec<u8> {
        let mut e = Vec::new();
        if ns_decl {
            let mut ns = Vec::new();
            bytes(1, b"android", &mut ns);
            bytes(2, ANDROID_NS.as_bytes(), &mut ns);
            bytes(1, &ns, &mut e);
        }
        bytes(3, name.as_bytes(), &mut e);
        for a in attrs {
            bytes(4, a, &mut e);
        }
        for c in children {
            let mut node = Vec::new();
            bytes(1, c, &mut node);
            bytes(5, &node, &mut e);
        }
        // a text child node and an unknown field, both to be ignored
        let mut text = Vec::new();
        bytes(2, b"  ", &mut text);
        bytes(5, &text, &mut e);
        int(99, 7, &mut e);
        e
    }
    fn prim(field: u64, v: u64) -> Vec<u8> {
        let mut p = Vec::new();
        int(field, v, &mut p);
        let mut item = Vec::new();
        bytes(7, &p, &mut item);
        item
    }

    #[test]
    fn decodes_manifest_values_and_ids() {
        let mut reference = Vec::new();
        int(2, 0x7f0a_0001, &mut reference);
        let mut label = Vec::new();
        bytes(1, &reference, &mut label);
        let activity = element(
            "activity",
            &[
                attr(ANDROID_NS, "name", ".Main", 0x0101_0003, None),
                attr(ANDROID_NS, "", "true", 0x0101_0010, Some(prim(8, 1))),
            ],
            &[],
            false,
        );
        let app = element(
            "application",
            &[attr(
                ANDROID_NS,
                "label",
                "@string/l",
                0x0101_0001,
                Some(label),
            )],
            &[activity],
            false,
        );
        let sdk = element(
            "uses-sdk",
            &[attr(
                ANDROID_NS,
                "targetSdkVersion",
                "34",
                0x0101_0270,
                Some(prim(6, 34)),
            )],
            &[],
            false,
        );
        let manifest = element(
            "manifest",
            &[
                attr("", "package", "pb.app", 0, None),
                attr(
                    ANDROID_NS,
                    "versionCode",
                    "0x10",
                    0x0101_021b,
                    Some(prim(7, 16)),
                ),
            ],
            &[sdk, app],
            true,
        );
        let mut node = Vec::new();
        bytes(1, &manifest, &mut node);
        let doc = axml::proto::parse(&node).unwrap();
        assert_eq!(doc.namespaces.len(), 1);
        let (m, _) = Manifest::from_xml(&doc);
        assert_eq!(m.package, "pb.app");
        assert_eq!(m.version_code, Some(16));
        assert_eq!(m.target_sdk, Some(34));
        assert_eq!(m.label.as_deref(), Some("@0x7f0a0001"));
        assert_eq!(m.components[0].name, "pb.app.Main");
        assert_eq!(m.components[0].exported_explicit, Some(true));
        // every strict prefix is either an error or a smaller tree, never a panic
        for len in 0..node.len() {
            let _ = axml::proto::parse(&node[..len]);
        }
        assert!(axml::proto::parse(&node[..node.len() - 1]).is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0usize..4,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..12),
    ) {
        let name = ["app30.aapt.AndroidManifest.xml", "app30.aapt.main.xml",
                    "app30.aapt2-proto.AndroidManifest.pb", "app30.aapt.resources.arsc"][which];
        let mut b = fixture(name);
        for (at, byte, op) in edits {
            if b.is_empty() { break; }
            let i = at.index(b.len());
            match op {
                0 => b[i] = byte,
                1 => b[i] ^= 0x80,
                2 => b.truncate(i),
                _ => b.insert(i, byte),
            }
        }
        exercise(&b);
    }
}
