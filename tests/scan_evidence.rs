//! What a reviewer needs to trust a flow (issue 15): every source names what it read, the
//! app's own providers are no source, and a `gate.key` the loader does not know is an error.

use std::path::{Path, PathBuf};

use dexflow::maps::{Models, RuleSet, uri_authority};
use dexflow::report::{AppReport, Provider, SourceRead};
use dexflow::scan::{ScanConfig, scan_app};

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-apks")
}

pub fn config() -> ScanConfig {
    ScanConfig {
        models: Models::builtin(RuleSet::Privacy).unwrap(),
        framework: dexflow::hierarchy::framework::FrameworkModel::builtin().unwrap(),
        taint: dexflow::taint::TaintOptions {
            threads: Some(1),
            ..Default::default()
        },
        limits: Default::default(),
        callgraph: Default::default(),
        disclosure: None,
        timings: false,
    }
}

pub fn scan(cfg: &ScanConfig, name: &str) -> AppReport {
    scan_app(&samples().join(format!("{name}.apk")), cfg)
}

#[test]
fn uri_authority_is_the_lower_case_host_without_a_user() {
    assert_eq!(
        uri_authority("content://10@Com.Android.Contacts/data?x").as_deref(),
        Some("com.android.contacts")
    );
    assert_eq!(uri_authority("content://sms").as_deref(), Some("sms"));
    assert_eq!(uri_authority("https://a.example/x"), None);
    assert_eq!(uri_authority("content:///x"), None);
}

/// Every flow of every sample app says what its source read; a content URI is named unless
/// the flow says `content_provider` at low confidence (unresolved).
#[test]
fn every_sample_flow_names_what_its_source_read() {
    let cfg = config();
    let mut seen = 0;
    for entry in std::fs::read_dir(samples()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("apk") {
            continue;
        }
        let app = scan_app(Path::new(&path), &cfg);
        for f in &app.flows {
            seen += 1;
            let read =
                f.source.read.as_ref().unwrap_or_else(|| {
                    panic!("{}: flow {} names no read", app.input, f.fingerprint)
                });
            match read {
                SourceRead::ContentUri {
                    uri: None,
                    provider,
                    ..
                } => {
                    assert_eq!(*provider, Provider::Unresolved);
                    assert_eq!(f.source.category, "content_provider", "{}", app.input);
                }
                SourceRead::ContentUri {
                    uri: Some(u),
                    authority,
                    ..
                } => assert_eq!(authority.as_deref(), uri_authority(u).as_deref()),
                SourceRead::IntentExtra { key, .. } => assert!(key.is_some(), "{}", app.input),
                SourceRead::Setting { key } | SourceRead::Property { key } => {
                    assert!(key.is_some(), "{}", app.input)
                }
                _ => {}
            }
            assert!(!read.describe().is_empty());
        }
    }
    assert!(seen >= 15, "only {seen} sample flows");
}

/// The twins: a query on the app's own provider, sent, is no flow; the same shape reading the
/// contacts is one, with the URI a static initializer set, and the intent extra of the
/// call-watcher names the broadcast that delivers it.
#[test]
fn own_provider_is_no_source_and_system_providers_are_named() {
    let cfg = config();
    let own = scan(&cfg, "own-provider");
    assert!(own.flows.is_empty(), "{:#?}", own.flows);
    let contacts = scan(&cfg, "own-provider-contacts");
    assert_eq!(contacts.flows.len(), 1, "{:#?}", contacts.flows);
    let f = &contacts.flows[0];
    assert_eq!(f.source.category, "contacts");
    assert_eq!(
        f.source.read,
        Some(SourceRead::ContentUri {
            uri: Some("content://com.android.contacts/contacts".into()),
            authority: Some("com.android.contacts".into()),
            provider: Provider::System,
        })
    );
    let unresolved = scan(&cfg, "contacts-unresolved-uri");
    assert_eq!(unresolved.flows.len(), 1);
    assert_eq!(
        unresolved.flows[0].confidence,
        dexflow::report::Confidence::Low
    );
    let calls = scan(&cfg, "call-watcher");
    assert!(
        calls.flows.iter().any(|f| f.source.read
            == Some(SourceRead::IntentExtra {
                key: Some("incoming_number".into()),
                actions: vec!["android.intent.action.PHONE_STATE".into()],
            })),
        "{:#?}",
        calls.flows
    );
}

#[test]
fn unknown_gate_key_is_an_error() {
    let dir = std::env::temp_dir().join(format!("dexflow-gate-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let builtin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("permission-maps");
    for e in std::fs::read_dir(&builtin).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let fw = builtin.join("framework");
    std::fs::create_dir_all(dir.join("framework")).unwrap();
    for e in std::fs::read_dir(&fw).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join("framework").join(p.file_name().unwrap())).unwrap();
    }
    let sources = std::fs::read_to_string(dir.join("sources.toml")).unwrap();
    let broken = sources.replacen("key = \"setting\"", "key = \"settings\"", 1);
    assert_ne!(sources, broken);
    std::fs::write(dir.join("sources.toml"), broken).unwrap();
    let err = Models::load_dir(&dir, RuleSet::Privacy).expect_err("unknown gate.key must fail");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        err.errors
            .iter()
            .any(|d| d.code == "map-bad-gate" && d.message.contains("settings")),
        "{err}"
    );
}

/// The twins of item 3: the Facebook login token sent back to the Graph API is
/// `returned-to-issuer` with Meta as recipient; sent to the app's own server it keeps its full
/// verdict.
#[test]
fn token_back_to_its_sdk_is_returned_to_issuer_and_elsewhere_keeps_its_weight() {
    use dexflow::report::VerdictKind;
    let cfg = config();
    let back = scan(&cfg, "fb-token-graph");
    assert_eq!(back.flows.len(), 1, "{:#?}", back.flows);
    let f = &back.flows[0];
    assert_eq!(f.disclosure.verdict, VerdictKind::ReturnedToIssuer);
    assert_eq!(f.disclosure.code, "DF105");
    assert_eq!(
        f.returned_to.as_ref().map(|s| s.company.as_str()),
        Some("Meta")
    );
    assert!(f.recipient().contains("Meta"), "{}", f.recipient());
    let own = scan(&cfg, "fb-token-own");
    assert_eq!(own.flows.len(), 1, "{:#?}", own.flows);
    assert_eq!(own.flows[0].disclosure.verdict, VerdictKind::Undisclosed);
    assert!(own.flows[0].returned_to.is_none());
    assert_eq!(own.flows[0].recipient(), "first party");
}

#[test]
fn sdk_endpoints_match_hosts_and_their_subdomains_only() {
    let models = Models::builtin(RuleSet::Privacy).unwrap();
    let fb = models
        .sdk_for_class("Lcom/facebook/AccessToken;")
        .expect("facebook-login");
    assert!(fb.owns_destination("https://graph.facebook.com/v19.0/me"));
    assert!(fb.owns_destination("graph.facebook.com"));
    assert!(fb.owns_destination("https://b-graph.graph.facebook.com:443/x"));
    assert!(!fb.owns_destination("https://graph.facebook.com.evil.test/"));
    assert!(!fb.owns_destination("https://evilgraph.facebook.com/"));
    assert!(!fb.owns_destination("https://api.example.com/?u=graph.facebook.com"));
    assert_eq!(
        dexflow::maps::destination_host("https://user@Host.Example:8080/p").as_deref(),
        Some("host.example")
    );
}

/// One request, one flow: `new HttpGet(url)` and `HttpClient.execute(get)` are both network
/// sinks; the report gives one flow at the call that sends, the constructor as where the
/// request was built. The twin sends a constant: no flow.
#[test]
fn one_request_is_one_flow_built_where_constructed_sent_where_executed() {
    let cfg = config();
    let app = scan(&cfg, "contacts-httpclient");
    assert_eq!(app.flows.len(), 1, "{:#?}", app.flows);
    let f = &app.flows[0];
    assert!(
        f.sink.api.contains("HttpClient;->execute"),
        "{}",
        f.sink.api
    );
    let built: Vec<&str> = f.request_steps.iter().map(|e| e.api.as_str()).collect();
    assert_eq!(
        built,
        ["Lorg/apache/http/client/methods/HttpGet;-><init>(Ljava/lang/String;)V"]
    );
    assert!(scan(&cfg, "contacts-httpclient-clean").flows.is_empty());
}

/// On the real ShareSDK demos no two network flows of one source are one request (a helper
/// opening the connection and the caller writing headers on it). Slow in a debug build.
#[test]
#[ignore = "scans two real apps (~40 s in release, minutes in debug): cargo test --release -- --ignored"]
fn sharesdk_reports_one_flow_per_request() {
    let cfg = config();
    for name in ["sharesdk-sample-2.6.3", "sharesdk-samplefresh-3.4.1"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/real-apks")
            .join(format!("{name}.apk"));
        if !path.exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} missing",
                path.display()
            );
            eprintln!("{name}: not checked ({} missing)", path.display());
            continue;
        }
        let app = scan_app(&path, &cfg);
        for (i, a) in app.flows.iter().enumerate() {
            for b in &app.flows[i + 1..] {
                let same_source = a.source.site == b.source.site && a.source.rule == b.source.rule;
                assert!(
                    !(same_source
                        && a.sink.category == "network"
                        && b.sink.category == "network"
                        && a.sink.site.method == b.sink.site.method),
                    "{name}: two flows for one request: {a:#?} {b:#?}"
                );
            }
        }
    }
}
