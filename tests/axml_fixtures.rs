//! The decoders against binary XML that aapt and aapt2 built from our own text sources
//! (tests/fixtures/axml/src, rebuilt by scripts/build-axml-fixtures.sh).

use dexflow::axml::{self, AttrValue};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/axml/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn string_pool_is_utf8(bytes: &[u8]) -> bool {
    // file header (8) then the string pool header; flags at pool offset 16
    u32::from_le_bytes(bytes[24..28].try_into().unwrap()) & 0x100 != 0
}

#[test]
fn aapt_manifests_decode_exactly_as_aapt_dumps_them() {
    for app in ["app30", "app31"] {
        let doc = axml::parse(&fixture(&format!("{app}.aapt.AndroidManifest.xml"))).unwrap();
        assert!(doc.anomalies.is_empty(), "{app}: {:?}", doc.anomalies);
        let ours = crate::axml_support::render(&doc);
        let text = String::from_utf8(fixture(&format!("{app}.aapt.xmltree.txt"))).unwrap();
        let theirs = crate::axml_support::normalize_aapt(&text);
        assert_eq!(ours, theirs, "{app}");
        assert!(ours.len() > 10);
    }
}

#[test]
fn utf16_manifest_and_utf8_layout_pools_both_decode() {
    let manifest = fixture("app30.aapt.AndroidManifest.xml");
    let layout = fixture("app30.aapt.main.xml");
    assert!(
        !string_pool_is_utf8(&manifest),
        "aapt writes manifests in UTF-16"
    );
    assert!(
        string_pool_is_utf8(&layout),
        "aapt writes this layout in UTF-8"
    );
    let m = axml::parse(&manifest).unwrap();
    assert_eq!(&*m.root.name, "manifest");
    let l = axml::parse(&layout).unwrap();
    assert_eq!(&*l.root.name, "LinearLayout");
    let button = &l.root.children[0];
    assert_eq!(&*button.name, "Button");
    assert_eq!(
        button.android_attr("onClick").map(|a| &a.value),
        Some(&AttrValue::String("sendMessage".into()))
    );
}

#[test]
fn namespaces_and_typed_values() {
    let doc = axml::parse(&fixture("app30.aapt.AndroidManifest.xml")).unwrap();
    assert_eq!(doc.namespaces.len(), 1);
    assert_eq!(&*doc.namespaces[0].0, "android");
    assert_eq!(&*doc.namespaces[0].1, axml::ANDROID_NS);
    let root = &doc.root;
    assert_eq!(
        root.android_attr("versionCode").unwrap().value,
        AttrValue::Int(42)
    );
    let app = root.children_named("application").next().unwrap();
    assert_eq!(
        app.android_attr("debuggable").unwrap().value,
        AttrValue::Bool(true)
    );
    assert!(
        matches!(app.android_attr("label").unwrap().value, AttrValue::Reference(id) if id >> 24 == 0x7f)
    );
    assert_eq!(
        app.android_attr("name").unwrap().resource_id,
        Some(0x0101_0003)
    );
}

#[test]
fn aapt2_binary_and_proto_manifests_decode_to_the_same_tree() {
    for app in ["app30", "app31"] {
        let bin = axml::parse(&fixture(&format!("{app}.aapt2.AndroidManifest.xml"))).unwrap();
        let pb =
            axml::proto::parse(&fixture(&format!("{app}.aapt2-proto.AndroidManifest.pb"))).unwrap();
        assert!(pb.anomalies.is_empty());
        assert_eq!(pb.namespaces, bin.namespaces, "{app}");
        // aapt2's binary form sorts attributes by resource id, the proto keeps source order
        assert_eq!(
            crate::axml_support::render(&crate::axml_support::sort_attributes(pb)),
            crate::axml_support::render(&crate::axml_support::sort_attributes(bin)),
            "{app}"
        );
    }
}

#[test]
fn parse_any_picks_the_form() {
    let bin = axml::parse_any(&fixture("app30.aapt2.AndroidManifest.xml")).unwrap();
    let pb = axml::parse_any(&fixture("app30.aapt2-proto.AndroidManifest.pb")).unwrap();
    let text = axml::parse_any(b"<manifest package='p'/>").unwrap();
    assert_eq!(&*bin.root.name, "manifest");
    assert_eq!(&*pb.root.name, "manifest");
    assert_eq!(text.anomalies[0].code, "axml-plain-text");
    assert!(axml::parse_any(b"\x0a\x05abc").is_err());
}

#[test]
fn attribute_ids_map_to_names() {
    assert_eq!(axml::android_attr_name(0x0101_0003), Some("name"));
    assert_eq!(axml::android_attr_name(0x0101_0010), Some("exported"));
    assert_eq!(axml::android_attr_name(0x0101_026f), Some("onClick"));
    assert_eq!(axml::android_attr_name(0x7f01_0000), None);
    assert_eq!(axml::android_attr_id("targetActivity"), Some(0x0101_0202));
}

#[test]
fn every_emitted_anomaly_code_is_documented() {
    let src = concat!(
        include_str!("../src/axml/binary.rs"),
        include_str!("../src/axml/text.rs"),
        include_str!("../src/axml/proto.rs"),
        include_str!("../src/manifest/build.rs"),
    );
    let documented: Vec<&str> = axml::ANOMALY_CODES
        .iter()
        .chain(dexflow::manifest::DIAGNOSTIC_CODES)
        .map(|(c, _)| *c)
        .collect();
    let mut found = 0;
    for piece in src.split('"') {
        if (piece.starts_with("axml-") || piece.starts_with("manifest-"))
            && piece.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        {
            found += 1;
            assert!(documented.contains(&piece), "{piece} is not documented");
        }
    }
    assert!(found >= 25);
}
