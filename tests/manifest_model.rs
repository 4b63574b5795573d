//! The manifest model built from aapt-compiled fixtures (our own sources in
//! tests/fixtures/axml/src) and from hand-built trees for the defaulting rules.

use std::sync::Arc;

use dexflow::axml::{self, ANDROID_NS, AttrValue, XmlAttribute, XmlDocument, XmlElement};
use dexflow::manifest::{ComponentKind, Manifest, layout_handlers, parse_arsc, resolve_class_name};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/axml/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn manifest(name: &str) -> (Manifest, Vec<dexflow::diag::Diagnostic>) {
    let doc = axml::parse(&fixture(name)).unwrap();
    Manifest::from_xml(&doc)
}

fn component<'a>(m: &'a Manifest, name: &str) -> &'a dexflow::manifest::Component {
    m.components
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no component {name} in {:?}", m.components))
}

#[test]
fn package_version_sdk_and_permissions() {
    let (m, diags) = manifest("app30.aapt.AndroidManifest.xml");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(m.package, "com.example.fix");
    assert_eq!(m.version_code, Some(42));
    assert_eq!(m.version_name.as_deref(), Some("4.2-fixture"));
    assert_eq!((m.min_sdk, m.target_sdk), (Some(21), Some(30)));
    let perms: Vec<(&str, Option<i64>)> = m
        .uses_permissions
        .iter()
        .map(|p| (p.name.as_str(), p.max_sdk_version))
        .collect();
    assert_eq!(
        perms,
        [
            ("android.permission.INTERNET", None),
            ("android.permission.READ_CONTACTS", None),
            ("android.permission.READ_SMS", None),
            ("android.permission.WRITE_EXTERNAL_STORAGE", Some(18)),
        ]
    );
    assert_eq!(m.permissions, ["com.example.fix.PERM"]);
    assert_eq!(m.application_class.as_deref(), Some("com.example.fix.App"));
    assert!(m.debuggable);
    assert!(m.application_enabled);
}

#[test]
fn names_resolve_against_the_package() {
    let (m, _) = manifest("app30.aapt.AndroidManifest.xml");
    let names: Vec<&str> = m.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "com.example.fix.MainActivity",
            "com.example.fix.Second",
            "com.other.Third",
            "com.example.fix.NoFilter",
            "com.example.fix.Alias",
            "com.example.fix.Svc",
            "com.example.fix.Rcv",
            "com.example.fix.Prov",
        ]
    );
    assert_eq!(resolve_class_name("p.q", ".A"), "p.q.A");
    assert_eq!(resolve_class_name("p.q", "A"), "p.q.A");
    assert_eq!(resolve_class_name("p.q", "x.A"), "x.A");
}

#[test]
fn exported_is_implied_by_filters_below_31() {
    let (m, _) = manifest("app30.aapt.AndroidManifest.xml");
    let main = component(&m, "com.example.fix.MainActivity");
    assert_eq!((main.exported, main.exported_explicit), (true, None));
    let second = component(&m, "com.example.fix.Second");
    assert_eq!(
        (second.exported, second.exported_explicit),
        (false, Some(false))
    );
    let third = component(&m, "com.other.Third");
    assert_eq!(
        (third.exported, third.exported_explicit),
        (true, Some(true))
    );
    assert!(!component(&m, "com.example.fix.NoFilter").exported);
    assert!(component(&m, "com.example.fix.Rcv").exported);
    // providers: exported by default only below targetSdk 17
    assert!(!component(&m, "com.example.fix.Prov").exported);
}

#[test]
fn exported_must_be_explicit_from_31() {
    let (m, diags) = manifest("app31.aapt.AndroidManifest.xml");
    assert_eq!(m.target_sdk, Some(31));
    let filtered = component(&m, "org.example.thirtyone.Filtered");
    assert_eq!(
        (filtered.exported, filtered.exported_explicit),
        (false, None)
    );
    assert!(
        diags
            .iter()
            .any(|d| d.code == "manifest-exported-missing" && d.message.contains("Filtered")),
        "{diags:?}"
    );
    // the disabled receiver has filters and no exported either
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.code == "manifest-exported-missing")
            .count(),
        2
    );
    assert!(component(&m, "org.example.thirtyone.Explicit").exported);
    assert_eq!(m.label.as_deref(), Some("Literal label"));
}

#[test]
fn disabled_components_permission_process() {
    let (m, _) = manifest("app30.aapt.AndroidManifest.xml");
    let svc = component(&m, "com.example.fix.Svc");
    assert_eq!(svc.kind, ComponentKind::Service);
    assert!(!svc.enabled);
    assert_eq!(svc.permission.as_deref(), Some("com.example.fix.PERM"));
    assert_eq!(svc.process.as_deref(), Some(":remote"));
    assert!(component(&m, "com.example.fix.MainActivity").enabled);
    let (m31, _) = manifest("app31.aapt.AndroidManifest.xml");
    assert!(!component(&m31, "org.example.thirtyone.Boot").enabled);
}

#[test]
fn intent_filters_with_data_and_priority() {
    let (m, _) = manifest("app30.aapt.AndroidManifest.xml");
    let rcv = component(&m, "com.example.fix.Rcv");
    assert_eq!(rcv.kind, ComponentKind::Receiver);
    let f = &rcv.intent_filters[0];
    assert_eq!(f.actions, ["android.provider.Telephony.SMS_RECEIVED"]);
    assert_eq!(f.priority, Some(999));
    let d = &f.data[0];
    assert_eq!(d.scheme.as_deref(), Some("content"));
    assert_eq!(d.host.as_deref(), Some("h.example"));
    assert_eq!(d.port.as_deref(), Some("8080"));
    assert_eq!(d.path.as_deref(), Some("/exact"));
    assert_eq!(d.path_pattern.as_deref(), Some("/p.*"));
    let third = component(&m, "com.other.Third");
    let f = &third.intent_filters[0];
    assert_eq!(f.actions, ["android.intent.action.VIEW"]);
    assert_eq!(
        f.categories,
        [
            "android.intent.category.DEFAULT",
            "android.intent.category.BROWSABLE"
        ]
    );
    assert_eq!(f.data[0].path_prefix.as_deref(), Some("/app"));
    assert_eq!(f.priority, None);
}

#[test]
fn activity_alias_and_provider() {
    let (m, _) = manifest("app30.aapt.AndroidManifest.xml");
    let alias = component(&m, "com.example.fix.Alias");
    assert_eq!(alias.kind, ComponentKind::ActivityAlias);
    assert_eq!(
        alias.target_activity.as_deref(),
        Some("com.example.fix.MainActivity")
    );
    assert!(
        alias.exported,
        "alias with a filter at target 30 is exported"
    );
    assert_eq!(
        alias.intent_filters[0].data[0].mime_type.as_deref(),
        Some("text/plain")
    );
    let prov = component(&m, "com.example.fix.Prov");
    assert_eq!(prov.kind, ComponentKind::Provider);
    assert_eq!(prov.authorities, ["com.example.fix.a", "com.example.fix.b"]);
}

#[test]
fn label_resolves_through_resources_arsc_default_config() {
    let (mut m, _) = manifest("app30.aapt.AndroidManifest.xml");
    assert!(m.label.as_deref().unwrap().starts_with("@0x7f"));
    let res = parse_arsc(&fixture("app30.aapt.resources.arsc")).unwrap();
    assert!(res.len() >= 2);
    m.resolve_label(&res);
    // the default value, not the values-fr one
    assert_eq!(m.label.as_deref(), Some("Fixture App ünïcode"));
}

#[test]
fn layout_on_click_and_custom_views() {
    let doc = axml::parse(&fixture("app30.aapt.main.xml")).unwrap();
    let h = layout_handlers("res/layout/main.xml", &doc);
    assert_eq!(h.layout, "res/layout/main.xml");
    assert_eq!(h.on_click, ["onFancy", "sendMessage"]);
    assert_eq!(
        h.custom_views,
        ["com.example.fix.FancyView", "com.example.fix.OtherView"]
    );
}

fn attr(name: &str, value: AttrValue) -> XmlAttribute {
    XmlAttribute {
        namespace: Some(Arc::from(ANDROID_NS)),
        name: Arc::from(name),
        resource_id: axml::android_attr_id(name),
        value,
    }
}

fn el(name: &str, attributes: Vec<XmlAttribute>, children: Vec<XmlElement>) -> XmlElement {
    XmlElement {
        namespace: None,
        name: Arc::from(name),
        attributes,
        children,
    }
}

fn s(v: &str) -> AttrValue {
    AttrValue::String(Arc::from(v))
}

fn doc_with_target(target: i64) -> XmlDocument {
    let filter = el(
        "intent-filter",
        vec![],
        vec![el("action", vec![attr("name", s("a.B"))], vec![])],
    );
    let mut root = el(
        "manifest",
        vec![],
        vec![
            el(
                "uses-sdk",
                vec![attr("targetSdkVersion", AttrValue::Int(target))],
                vec![],
            ),
            el(
                "application",
                vec![attr("enabled", AttrValue::Bool(false))],
                vec![
                    el(
                        "provider",
                        vec![attr("name", s("P")), attr("authorities", s("x; y;"))],
                        vec![],
                    ),
                    el("service", vec![attr("name", s(".S"))], vec![filter]),
                ],
            ),
        ],
    );
    root.attributes.push(XmlAttribute {
        namespace: None,
        name: Arc::from("package"),
        resource_id: None,
        value: s("t.p"),
    });
    XmlDocument {
        root,
        ..XmlDocument::default()
    }
}

#[test]
fn provider_default_export_depends_on_target_17() {
    let (m16, _) = Manifest::from_xml(&doc_with_target(16));
    let (m17, _) = Manifest::from_xml(&doc_with_target(17));
    assert!(component(&m16, "t.p.P").exported);
    assert!(!component(&m17, "t.p.P").exported);
    assert_eq!(component(&m16, "t.p.P").authorities, ["x", "y"]);
    // a disabled application disables every component
    assert!(!m16.application_enabled);
    assert!(!component(&m16, "t.p.S").enabled);
    assert!(component(&m16, "t.p.S").exported);
}

#[test]
fn android_namespace_attribute_without_id_is_read_by_name() {
    // an android-namespace attribute without a resource id (text XML, proto without ids)
    let mut doc = doc_with_target(30);
    let app = &mut doc.root.children[1];
    app.children[1].attributes.push(XmlAttribute {
        namespace: Some(Arc::from(ANDROID_NS)),
        name: Arc::from("exported"),
        resource_id: None,
        value: AttrValue::Bool(false),
    });
    let (m, _) = Manifest::from_xml(&doc);
    // no resource id but android namespace: still read by name
    assert!(!component(&m, "t.p.S").exported);
}

#[test]
fn label_resolves_through_proto_resources_pb() {
    let doc = axml::proto::parse(&fixture("app30.aapt2-proto.AndroidManifest.pb")).unwrap();
    let (mut m, _) = Manifest::from_xml(&doc);
    let res =
        dexflow::manifest::parse_resources_pb(&fixture("app30.aapt2-proto.resources.pb")).unwrap();
    m.resolve_label(&res);
    assert_eq!(m.label.as_deref(), Some("Fixture App ünïcode"));
    let bad = fixture("app30.aapt2-proto.resources.pb");
    for len in 0..bad.len() {
        let _ = dexflow::manifest::parse_resources_pb(&bad[..len]);
    }
}

#[test]
fn from_bytes_reads_every_form_and_merges_anomalies() {
    let (bin, d1) = Manifest::from_bytes(&fixture("app31.aapt.AndroidManifest.xml")).unwrap();
    let (pb, d2) = Manifest::from_bytes(&fixture("app31.aapt2-proto.AndroidManifest.pb")).unwrap();
    assert_eq!(bin.components, pb.components);
    assert_eq!(d1, d2);
    let (_, d3) = Manifest::from_bytes(b"<manifest package='x'/>").unwrap();
    assert_eq!(d3[0].code, "axml-plain-text");
    assert!(Manifest::from_bytes(b"").is_err());
}

#[test]
fn instrumentation_names_resolve_against_the_package() {
    let mut doc = doc_with_target(30);
    doc.root.children.push(el(
        "instrumentation",
        vec![attr("name", s(".Runner")), attr("targetPackage", s("t.p"))],
        vec![],
    ));
    doc.root
        .children
        .push(el("instrumentation", vec![], vec![]));
    let (m, diags) = Manifest::from_xml(&doc);
    assert_eq!(m.instrumentations, ["t.p.Runner"]);
    assert!(
        diags
            .iter()
            .any(|d| d.code == "manifest-missing-name" && d.message.contains("instrumentation")),
        "{diags:?}"
    );
}
