//! Disclosure inputs and the verdict for each kind of flow.

use std::path::{Path, PathBuf};

use dexflow::disclosure::{self, Disclosure, csv, file, policy};
use dexflow::report::model::{AppReport, Basis, FlowRecord, SdkRef, VerdictKind};
use dexflow::taint;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/disclosure")
        .join(name)
}

fn flow(category: &str, types: &[&str], sdk: Option<&str>) -> FlowRecord {
    let site = |m: &str| taint::Site {
        method: m.into(),
        pc: 2,
    };
    let f = taint::Flow {
        source: taint::FlowEnd {
            category: category.into(),
            api: "Landroid/x/Api;->get()Ljava/lang/String;".into(),
            site: site("Lcom/example/chat/A;->a()V"),
            rule: "r".into(),
        },
        sink: taint::FlowEnd {
            category: "network".into(),
            api: "Ljava/net/URL;->openConnection()Ljava/net/URLConnection;".into(),
            site: site(if sdk.is_some() {
                "Lcom/umeng/S;->send()V"
            } else {
                "Lcom/example/chat/N;->send()V"
            }),
            rule: "s".into(),
        },
        path: vec![],
        destination: None,
        confidence: taint::Confidence::High,
        source_arg: None,
    };
    let sdk = sdk.map(|id| SdkRef {
        id: id.into(),
        name: format!("{id} SDK"),
        company: "Vendor".into(),
        kind: "analytics".into(),
    });
    FlowRecord::from_flow(&f, sdk, types.iter().map(|t| t.to_string()).collect())
}

fn toml_disclosure() -> Disclosure {
    let (d, w) = disclosure::load_file(&fixture("chat.disclosure.toml")).unwrap();
    assert!(w.is_empty(), "{w:?}");
    d
}

fn csv_disclosure() -> (Disclosure, Vec<dexflow::diag::Diagnostic>) {
    disclosure::load_file(&fixture("chat.datasafety.csv")).unwrap()
}

#[test]
fn no_disclosure_is_undisclosed_and_says_so() {
    let v = disclosure::evaluate(None, &flow("contacts", &["PSL_CONTACTS"], None));
    assert_eq!(v.verdict, VerdictKind::Undisclosed);
    assert_eq!(v.basis, Basis::None);
    assert!(
        v.reason.contains("no disclosure was supplied"),
        "{}",
        v.reason
    );
}

#[test]
fn toml_verdicts() {
    let d = toml_disclosure();
    let toml = fixture("chat.disclosure.toml").display().to_string();
    // disclosed: declared by dexflow category id, first party
    let v = disclosure::evaluate(Some(&d), &flow("contacts", &["PSL_CONTACTS"], None));
    assert_eq!(v.verdict, VerdictKind::Disclosed, "{v:?}");
    assert_eq!(v.evidence.as_deref(), Some(format!("{toml}:8").as_str()));
    assert_eq!(v.basis, Basis::DisclosureFile);
    // social_graph maps to PSL_CONTACTS: the same declaration covers it
    assert_eq!(
        disclosure::evaluate(Some(&d), &flow("social_graph", &["PSL_CONTACTS"], None)).verdict,
        VerdictKind::Disclosed
    );
    // contradicted: listed in not_collected
    let v = disclosure::evaluate(Some(&d), &flow("sms", &["PSL_SMS_CALL_LOG"], None));
    assert_eq!(v.verdict, VerdictKind::Contradicted, "{v:?}");
    assert_eq!(v.evidence.as_deref(), Some(format!("{toml}:5").as_str()));
    // shared-undeclared: contacts declared collected only, sink inside an SDK
    let v = disclosure::evaluate(
        Some(&d),
        &flow("contacts", &["PSL_CONTACTS"], Some("umeng")),
    );
    assert_eq!(v.verdict, VerdictKind::SharedUndeclared, "{v:?}");
    assert!(
        v.reason.contains("umeng SDK") && v.reason.contains("not shared"),
        "{}",
        v.reason
    );
    // shared = true covers the SDK
    let v = disclosure::evaluate(
        Some(&d),
        &flow("location", &["PSL_APPROX_LOCATION"], Some("umeng")),
    );
    assert_eq!(v.verdict, VerdictKind::Disclosed, "{v:?}");
    // service_provider recipient covers an SDK without sharing
    let v = disclosure::evaluate(
        Some(&d),
        &flow("device_id", &["PSL_DEVICE_ID"], Some("bugly")),
    );
    assert_eq!(v.verdict, VerdictKind::Disclosed, "{v:?}");
    assert!(v.reason.contains("service provider"), "{}", v.reason);
    // per-SDK declaration
    let v = disclosure::evaluate(
        Some(&d),
        &flow("phone_number", &["PSL_PHONE"], Some("umeng")),
    );
    assert_eq!(v.verdict, VerdictKind::Disclosed, "{v:?}");
    assert!(v.reason.contains("SDK 'umeng'"), "{}", v.reason);
    // vague: first-party phone number, only "personal.*" declared
    let v = disclosure::evaluate(Some(&d), &flow("phone_number", &["PSL_PHONE"], None));
    assert_eq!(v.verdict, VerdictKind::Vague, "{v:?}");
    // undisclosed: calendar declared nowhere
    let v = disclosure::evaluate(Some(&d), &flow("calendar", &["PSL_CALENDAR"], None));
    assert_eq!(v.verdict, VerdictKind::Undisclosed, "{v:?}");
    assert!(
        v.reason.contains("Calendar events (PSL_CALENDAR)")
            && v.reason.contains("chat.disclosure.toml"),
        "{}",
        v.reason
    );
}

#[test]
fn csv_parses_types_usage_and_warns_on_unknown_ids() {
    let (d, warnings) = csv_disclosure();
    let keys: Vec<(&str, bool, bool)> = d
        .declarations
        .iter()
        .map(|x| (x.key.as_str(), x.collected, x.shared))
        .collect();
    assert_eq!(
        keys,
        [
            ("PSL_CONTACTS", true, false),
            ("PSL_DEVICE_ID", true, false),
            ("PSL_OTHER_PERSONAL", true, false),
            ("PSL_PHONE", true, false)
        ]
    );
    let contacts = &d.declarations[0];
    assert_eq!(contacts.purposes, ["app_functionality"]);
    assert!(
        contacts.evidence.ends_with("chat.datasafety.csv:3"),
        "{}",
        contacts.evidence
    );
    // the alias row (a quoted label spanning two lines) is on line 6; the unknown question on 16
    let codes: Vec<(&str, &str)> = warnings
        .iter()
        .map(|w| (w.code, w.location.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(codes.len(), 2, "{codes:?}");
    assert_eq!(codes[0].0, "datasafety-alias-id");
    assert!(codes[0].1.ends_with(":6"), "{codes:?}");
    assert_eq!(codes[1].0, "datasafety-unknown-id");
    assert!(codes[1].1.ends_with(":16"), "{codes:?}");
    assert!(warnings[1].message.contains("PSL_BRAND_NEW_QUESTION_2027"));
    // verdicts from the CSV
    let v = disclosure::evaluate(
        Some(&d),
        &flow("device_id", &["PSL_DEVICE_ID"], Some("umeng")),
    );
    assert_eq!(v.verdict, VerdictKind::SharedUndeclared);
    assert_eq!(v.basis, Basis::DataSafety);
    let v = disclosure::evaluate(
        Some(&d),
        &flow("accounts", &["PSL_EMAIL", "PSL_USER_ACCOUNT"], None),
    );
    assert_eq!(v.verdict, VerdictKind::Vague, "{v:?}");
    assert!(v.reason.contains("PSL_OTHER_PERSONAL"));
    // precise location row is FALSE: not declared
    let v = disclosure::evaluate(Some(&d), &flow("location", &["PSL_PRECISE_LOCATION"], None));
    assert_eq!(v.verdict, VerdictKind::Undisclosed);
}

#[test]
fn csv_collects_nothing_contradicts_every_flow() {
    let text = "Question ID (machine readable),Response ID (machine readable),Response value,Answer requirement,Human-friendly question label\nPSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA,,FALSE,REQUIRED,x\n";
    let (d, w) = csv::parse(text, "none.csv").unwrap();
    assert!(w.is_empty());
    let v = disclosure::evaluate(Some(&d), &flow("contacts", &["PSL_CONTACTS"], None));
    assert_eq!(v.verdict, VerdictKind::Contradicted);
    assert_eq!(v.evidence.as_deref(), Some("none.csv:2"));
}

#[test]
fn csv_with_bom_and_lf_only() {
    let text = "\u{feff}Question ID (machine readable),Response ID (machine readable),Response value,Answer requirement,Human-friendly question label\nPSL_DATA_TYPES_CALENDAR,PSL_CALENDAR,true,MULTIPLE_CHOICE,Calendar";
    let (d, w) = csv::parse(text, "bom.csv").unwrap();
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(d.declarations.len(), 1);
    assert_eq!(d.declarations[0].evidence, "bom.csv:2");
    assert!(d.applies_to(Some("any.package")));
    assert!(toml_disclosure().applies_to(Some("com.example.chat")));
    assert!(!toml_disclosure().applies_to(Some("com.other")));
}

#[test]
fn csv_errors() {
    let e = csv::parse("a,b\n", "x.csv").unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(
        e.to_string().starts_with("x.csv:1: invalid header row"),
        "{e}"
    );
    let e = csv::parse(
        "Question ID (machine readable),b,c,d,e\nPSL_X,\"unterminated,TRUE,,\n",
        "y.csv",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    assert!(csv::parse("", "z.csv").is_err());
}

#[test]
fn toml_errors_name_the_line() {
    let cases = [
        (
            "app = \"a\"\n\n[[data]]\ntype = \"contacts\"\ncolected = true\n",
            5,
            "unknown field",
        ),
        (
            "[[data]]\ntype = \"telepathy data\"\n",
            2,
            "unknown data type",
        ),
        (
            "[[data]]\ntype = \"contacts\"\npurposes = [\"fun\"]\n",
            3,
            "unknown purpose",
        ),
        ("schema = \"other/2\"\n", 1, "unsupported schema"),
        (
            "not_collected = [\"contacts\"]\n[[data]]\ntype = \"contacts\"\n",
            1,
            "also declared",
        ),
        (
            "[[data]]\ntype = \"sms\"\ncollected = false\n",
            2,
            "neither collected nor shared",
        ),
        ("app = \n", 1, ""),
    ];
    for (text, line, needle) in cases {
        let e = file::parse(text, "d.toml").unwrap_err();
        assert_eq!(e.line, Some(line), "{text:?}: {e}");
        assert!(
            e.to_string().starts_with(&format!("d.toml:{line}: ")),
            "{e}"
        );
        assert!(e.message.contains(needle), "{text:?}: {e}");
    }
}

#[test]
fn policy_english() {
    let (d, _) = disclosure::load_file(&fixture("policy.en.txt")).unwrap();
    let cats: Vec<(Vec<String>, bool, bool)> = d
        .policy
        .iter()
        .map(|p| (p.categories.clone(), p.negative, p.third_party))
        .collect();
    assert!(
        cats.contains(&(
            vec!["contacts".to_string(), "social_graph".to_string()],
            false,
            false
        )),
        "{cats:?}"
    );
    assert!(
        cats.contains(&(vec!["device_id".to_string()], false, true)),
        "{cats:?}"
    );
    assert!(
        cats.contains(&(vec!["sms".to_string()], true, false)),
        "{cats:?}"
    );
    let v = disclosure::evaluate(Some(&d), &flow("contacts", &["PSL_CONTACTS"], None));
    assert_eq!(v.verdict, VerdictKind::Disclosed);
    assert_eq!(v.basis, Basis::Policy);
    assert!(
        v.evidence
            .as_deref()
            .unwrap()
            .contains("we upload your address book to our servers"),
        "{v:?}"
    );
    assert!(
        v.reason.contains("policy.en.txt:3") && v.reason.contains("weaker"),
        "{}",
        v.reason
    );
    // negative sentence
    let v = disclosure::evaluate(Some(&d), &flow("sms", &["PSL_SMS_CALL_LOG"], None));
    assert_eq!(v.verdict, VerdictKind::Contradicted);
    assert_eq!(v.basis, Basis::Policy);
    // third-party sentence covers an SDK flow of device ids; contacts to an SDK is not covered
    assert_eq!(
        disclosure::evaluate(
            Some(&d),
            &flow("device_id", &["PSL_DEVICE_ID"], Some("umeng"))
        )
        .verdict,
        VerdictKind::Disclosed
    );
    assert_eq!(
        disclosure::evaluate(
            Some(&d),
            &flow("contacts", &["PSL_CONTACTS"], Some("umeng"))
        )
        .verdict,
        VerdictKind::SharedUndeclared
    );
    // "Android ID" across a line break still matches; "Friend Finder" must not match "friends list"
    assert_eq!(
        disclosure::evaluate(Some(&d), &flow("calendar", &["PSL_CALENDAR"], None)).verdict,
        VerdictKind::Undisclosed
    );
}

#[test]
fn policy_chinese_html() {
    let (d, _) = disclosure::load_file(&fixture("policy.zh.html")).unwrap();
    let all: Vec<&str> = d.policy.iter().map(|p| p.sentence.as_str()).collect();
    assert!(
        all.iter()
            .all(|s| !s.contains("CSS") && !s.contains("var s") && !s.contains("comment")),
        "{all:?}"
    );
    assert!(
        !d.policy
            .iter()
            .any(|p| p.categories.contains(&"call_log".to_string())),
        "comment text matched"
    );
    let v = disclosure::evaluate(Some(&d), &flow("contacts", &["PSL_CONTACTS"], None));
    assert_eq!(v.verdict, VerdictKind::Disclosed, "{v:?}");
    assert!(v.evidence.as_deref().unwrap().contains("通讯录"), "{v:?}");
    assert!(v.reason.contains("policy.zh.html:7"), "{}", v.reason);
    let v = disclosure::evaluate(Some(&d), &flow("sms", &["PSL_SMS_CALL_LOG"], None));
    assert_eq!(v.verdict, VerdictKind::Contradicted, "{v:?}");
    let v = disclosure::evaluate(
        Some(&d),
        &flow("phone_number", &["PSL_PHONE"], Some("umeng")),
    );
    assert_eq!(v.verdict, VerdictKind::Disclosed, "{v:?}");
    assert!(
        v.evidence.as_deref().unwrap().contains("手机号&设备标识"),
        "entity decoded: {v:?}"
    );
    assert_eq!(
        disclosure::evaluate(Some(&d), &flow("social_graph", &["PSL_CONTACTS"], None)).verdict,
        VerdictKind::Disclosed
    );
}

#[test]
fn declarations_outrank_policy() {
    let mut d = toml_disclosure();
    let (p, _) = disclosure::load_file(&fixture("policy.en.txt")).unwrap();
    d.merge(p);
    // the policy names the address book, but the TOML declaration is the evidence used
    let v = disclosure::evaluate(Some(&d), &flow("contacts", &["PSL_CONTACTS"], None));
    assert_eq!(v.basis, Basis::DisclosureFile);
}

#[test]
fn builtin_lexicon_parses() {
    let l = policy::Lexicon::builtin();
    assert_eq!(
        l.categories("we read your 通讯录 and call history"),
        ["call_log", "contacts"]
    );
    assert!(
        l.categories("we collect information to improve the app")
            .is_empty()
    );
    assert!(l.categories("smsreceiver").is_empty(), "word boundary");
}

#[test]
fn apply_sets_verdicts_and_warns_on_package_mismatch() {
    let d = toml_disclosure();
    let mut app = AppReport::new("x.apk", Some("com.other".into()));
    app.flows.push(flow("sms", &["PSL_SMS_CALL_LOG"], None));
    app.apply_disclosure(Some(&d));
    assert_eq!(app.flows[0].disclosure.verdict, VerdictKind::Contradicted);
    assert_eq!(app.warnings.len(), 1);
    assert_eq!(app.warnings[0].code, "disclosure-package-mismatch");
}

#[test]
fn discover_beside_finds_named_files() {
    let dir = std::env::temp_dir().join(format!("dexflow-disc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in [
        "app.apk",
        "app.disclosure.toml",
        "app.policy.html",
        "other.datasafety.csv",
    ] {
        std::fs::write(dir.join(f), "").unwrap();
    }
    let found = disclosure::discover_beside(&dir.join("app.apk"));
    assert_eq!(
        found,
        [dir.join("app.disclosure.toml"), dir.join("app.policy.html")]
    );
    assert!(disclosure::discover_beside(Path::new("/nonexistent/x.apk")).is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unknown_extension_is_an_error_but_load_policy_reads_anything() {
    let e = disclosure::load_file(&fixture("../report/README.md")).unwrap_err();
    assert!(e.message.contains("unknown disclosure file type"));
    let d = disclosure::load_policy(&fixture("../report/README.md")).unwrap();
    assert!(
        d.policy.is_empty(),
        "the README names no personal data: {:?}",
        d.policy
    );
    let d = disclosure::load_policy(&fixture("policy.zh.html")).unwrap();
    assert!(d.policy.iter().any(|p| p.sentence.contains("通讯录")));
    let e = disclosure::load_policy(&fixture("missing.txt")).unwrap_err();
    assert!(
        e.to_string().contains("missing.txt") && e.message.contains("cannot open"),
        "{e}"
    );
}
