//! Knowledge is read from the maps, not from code: a copy of `permission-maps/` with one record
//! removed changes what the analysis reports. Each test writes its copy under the system temp
//! directory and scans a sample through `scan::scan_app`, the path of `dexflow scan --maps DIR`.

use std::path::{Path, PathBuf};

use dexflow::apk::Limits;
use dexflow::callgraph::CallGraphOptions;
use dexflow::hierarchy::framework::FrameworkModel;
use dexflow::maps::{Models, RuleSet};
use dexflow::report::FlowRecord;
use dexflow::scan::{ScanConfig, scan_app};
use dexflow::taint::TaintOptions;

/// `permission-maps/*.toml` copied to a fresh directory, with `edit` applied to each file's text.
struct MapsCopy(PathBuf);

impl MapsCopy {
    fn new(tag: &str, edit: impl Fn(&str, String) -> String) -> MapsCopy {
        let dir =
            std::env::temp_dir().join(format!("dexflow-maps-copy-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let src = crate::util::repo().join("permission-maps");
        for e in std::fs::read_dir(&src).unwrap() {
            let p = e.unwrap().path();
            if p.extension().and_then(|x| x.to_str()) != Some("toml") {
                continue;
            }
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(dir.join(&name), edit(&name, text)).unwrap();
        }
        MapsCopy(dir)
    }
}

impl Drop for MapsCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Removes the `[[annotation]]` record whose descriptor is `descriptor`.
fn without_annotation(text: &str, descriptor: &str) -> String {
    let records: Vec<&str> = text.split("\n[[annotation]]").collect();
    let kept: Vec<&str> = records
        .iter()
        .filter(|r| !r.contains(&format!("descriptor = \"{descriptor}\"")))
        .copied()
        .collect();
    assert_eq!(kept.len() + 1, records.len(), "{descriptor} is one record");
    kept.join("\n[[annotation]]")
}

/// What `dexflow scan` runs with these models.
fn scan(apk: &Path, models: Models) -> Vec<FlowRecord> {
    let cfg = ScanConfig {
        taint: TaintOptions {
            rule_set: RuleSet::Privacy,
            library_prefixes: models
                .library_prefixes()
                .iter()
                .map(|p| p.to_string())
                .collect(),
            ..TaintOptions::default()
        },
        models,
        framework: FrameworkModel::builtin().unwrap(),
        limits: Limits::default(),
        callgraph: CallGraphOptions::default(),
        disclosure: None,
        timings: false,
    };
    scan_app(apk, &cfg).flows
}

const UPLOAD: &str = "Lorg/dexflow/sample/calllog/Api;->upload(Lorg/dexflow/sample/calllog/CallRecord;)Lretrofit2/Call;";

#[test]
fn deleting_post_from_the_maps_removes_the_retrofit_flow() {
    let apk = crate::util::repo().join("sample-apks/calllog-retrofit.apk");
    let full = MapsCopy::new("full", |_, t| t);
    let flows = scan(&apk, Models::load_dir(&full.0, RuleSet::Privacy).unwrap());
    let retrofit: Vec<_> = flows.iter().filter(|f| f.sink.api == UPLOAD).collect();
    assert_eq!(retrofit.len(), 1, "{flows:#?}");
    assert_eq!(
        retrofit[0].destination.as_deref(),
        Some("https://api.example.com/calls")
    );

    let no_post = MapsCopy::new("no-post", |name, t| match name {
        "annotations.toml" => without_annotation(&t, "Lretrofit2/http/POST;"),
        _ => t,
    });
    let models = Models::load_dir(&no_post.0, RuleSet::Privacy).unwrap();
    assert!(models.http_request("Lretrofit2/http/POST;").is_none());
    let flows = scan(&apk, models);
    assert!(
        flows.iter().all(|f| f.sink.api != UPLOAD),
        "@POST is gone from the maps, the flow must be too: {flows:#?}"
    );
}

#[test]
fn library_prefixes_are_the_maps() {
    let builtin = Models::builtin(RuleSet::Privacy).unwrap();
    let prefixes: Vec<&str> = builtin.library_prefixes().iter().map(|p| &**p).collect();
    assert!(
        prefixes.contains(&"Landroid/") && prefixes.contains(&"Ljava/"),
        "{prefixes:?}"
    );
    let default: Vec<String> = TaintOptions::default().library_prefixes;
    assert_eq!(default, prefixes);
    let dir = MapsCopy::new("libs", |_, t| t);
    let from_dir = Models::load_dir(&dir.0, RuleSet::Broad).unwrap();
    assert_eq!(from_dir.library_prefixes(), builtin.library_prefixes());
}

/// A faithful copy of the maps loads without warnings (the policy lexicon, read by
/// `disclosure`, is no unknown file); a stray file is named.
#[test]
fn a_copy_of_the_maps_loads_clean_and_a_stray_file_is_named() {
    let full = MapsCopy::new("clean", |_, t| t);
    let m = Models::load_dir(&full.0, RuleSet::Privacy).unwrap();
    assert!(m.warnings().is_empty(), "{:#?}", m.warnings());
    std::fs::write(full.0.join("sinks-typo.toml"), "").unwrap();
    let m = Models::load_dir(&full.0, RuleSet::Privacy).unwrap();
    let codes: Vec<String> = m.warnings().iter().map(|w| w.code.to_string()).collect();
    assert_eq!(codes, ["map-unknown-file"], "{:#?}", m.warnings());
}
