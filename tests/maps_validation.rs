//! Broken map directories are rejected with `file:line` errors; rules that can never fire and
//! unknown kinds load with warnings. Each test writes its own directory under the system temp
//! directory.

use std::path::PathBuf;

use dexflow::diag::Severity;
use dexflow::maps::{MapError, Models, RuleSet};

const CATEGORIES: &str = r#"
play_data_types = ["PSL_DEVICE_ID", "PSL_CONTACTS"]

[[category]]
id = "device_id"
description = "ids"
play_data_types = ["PSL_DEVICE_ID"]
personal = true

[[category]]
id = "user_input"
description = "typed text"
personal = false

[[sink_category]]
id = "network"
description = "net"
exfiltration = true
"#;

struct TempMaps(PathBuf);

impl TempMaps {
    fn new(name: &str, files: &[(&str, &str)]) -> TempMaps {
        let dir = std::env::temp_dir().join(format!("dexflow-maps-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        TempMaps(dir)
    }
    fn load(&self) -> Result<Models, MapError> {
        Models::load_dir(&self.0, RuleSet::Privacy)
    }
}

impl Drop for TempMaps {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle} not in test text"))
}

fn has(err: &MapError, code: &str, location: &str) -> bool {
    err.errors.iter().any(|d| {
        d.code == code && d.location.as_deref() == Some(location) && d.severity == Severity::Error
    })
}

const BAD_SOURCES: &str = r#"
[[source]]
id = "a"
class = "Landroid/telephony/TelephonyManager;"
methods = ["getDeviceId()Ljava/lang/String;"]
category = "no_such_category"
rule_sets = ["privacy"]

[[source]]
id = "b"
class = "Landroid/telephony/TelephonyManager;"
methods = ["getImei(I)Ljava/lang/String"]
category = "device_id"
rule_sets = ["privacy"]

[[source]]
id = "c"
class = "Lx/Listener;"
methods = ["onThing(Ljava/lang/String;)V"]
kind = "callback"
port = "arg1"
category = "device_id"
rule_sets = ["privacy"]

[[source]]
id = "a"
class = "Lx/Other;"
methods = ["other()Ljava/lang/String;"]
category = "device_id"
rule_sets = ["privacy"]

[[source]]
id = "d"
class = "Lx/Dup;"
methods = ["dup()Ljava/lang/String;"]
category = "device_id"
rule_sets = ["privacy"]

[[source]]
id = "e"
class = "Lx/Dup;"
methods = ["dup()Ljava/lang/String;"]
category = "device_id"
rule_sets = ["privacy"]

[[source]]
id = "f"
class = "x.Dotted"
methods = ["f()V"]
category = "device_id"
rule_sets = ["privacy", "everything"]
"#;

#[test]
fn source_errors_name_file_and_line() {
    let maps = TempMaps::new(
        "sources",
        &[
            ("categories.toml", CATEGORIES),
            ("sources.toml", BAD_SOURCES),
        ],
    );
    let err = maps.load().expect_err("broken sources must not load");
    let at = |needle: &str| format!("sources.toml:{}", line_of(BAD_SOURCES, needle));
    assert!(
        has(&err, "map-unknown-category", &at("no_such_category")),
        "{err}"
    );
    assert!(
        has(
            &err,
            "map-bad-signature",
            &at("getImei(I)Ljava/lang/String\"")
        ),
        "{err}"
    );
    assert!(has(&err, "map-port-out-of-range", &at("onThing(")), "{err}");
    assert!(
        has(
            &err,
            "map-duplicate-rule",
            &format!("sources.toml:{}", line_of(BAD_SOURCES, "id = \"e\"") + 2)
        ),
        "{err}"
    );
    assert!(has(&err, "map-bad-class", &at("x.Dotted")), "{err}");
    assert!(
        err.errors.iter().any(|d| d.code == "map-duplicate-id"),
        "{err}"
    );
    assert!(
        err.errors.iter().any(|d| d.code == "map-bad-rule-set"),
        "{err}"
    );
    // the rendered error lists every problem with its location
    let text = err.to_string();
    assert!(
        text.contains(&at("no_such_category")) && text.contains("[map-unknown-category]"),
        "{text}"
    );
}

#[test]
fn unknown_keys_and_syntax_errors() {
    let sinks = "[[sink]]\nid = \"s\"\nclass = \"Lx/Y;\"\nmethods = [\"f()V\"]\ncategory = \"network\"\nports = [\"this\"]\nrule_sets = [\"privacy\"]\nsurprise = 1\n";
    let maps = TempMaps::new(
        "unknown-key",
        &[("categories.toml", CATEGORIES), ("sinks.toml", sinks)],
    );
    let err = maps.load().expect_err("unknown key must be an error");
    assert!(
        has(
            &err,
            "map-unknown-key",
            &format!("sinks.toml:{}", line_of(sinks, "surprise"))
        ),
        "{err}"
    );

    let uri =
        "[[uri]]\nprefix = \"content://sms\"\ncategory = \"device_id\"\n\n[[uri]\nprefix = 3\n";
    let maps = TempMaps::new(
        "syntax",
        &[("categories.toml", CATEGORIES), ("uri.toml", uri)],
    );
    let err = maps.load().expect_err("syntax error must be an error");
    assert!(
        err.errors
            .iter()
            .any(|d| d.code == "map-toml" && d.location.as_deref() == Some("uri.toml:5")),
        "{err}"
    );

    let maps = TempMaps::new("missing", &[("sources.toml", "")]);
    let err = maps.load().expect_err("categories.toml is required");
    assert!(
        err.errors.iter().any(|d| d.code == "map-missing-file"),
        "{err}"
    );
}

#[test]
fn reference_errors_in_other_files() {
    let sdks = "kinds = [\"ads\"]\n\n[[sdk]]\nid = \"a\"\nname = \"A\"\ncompany = \"A\"\nkind = \"ads\"\nprefixes = [\"Lcom/a/\"]\n\n[[sdk]]\nid = \"b\"\nname = \"B\"\ncompany = \"B\"\nkind = \"ads\"\nprefixes = [\"com.b.\", \"Lcom/a/\"]\n";
    let uri = "[[uri]]\nprefix = \"http://x\"\ncategory = \"device_id\"\n\n[[uri_field]]\nfield = \"Lx/Y;->CONTENT_URI\"\nuri = \"content://x\"\n";
    let channels = "channels = [\"intent-extra\"]\n\n[[channel]]\nchannel = \"intent-extra\"\nop = \"put\"\nclass = \"Lx/I;\"\nmethods = [\"put(Ljava/lang/String;)V\"]\nkey_arg = 0\nvalue = \"arg1\"\n";
    let maps = TempMaps::new(
        "refs",
        &[
            ("categories.toml", CATEGORIES),
            ("sdks.toml", sdks),
            ("uri.toml", uri),
            ("channels.toml", channels),
        ],
    );
    let err = maps.load().expect_err("must not load");
    let line = |text: &str, needle: &str| line_of(text, needle);
    assert!(
        has(
            &err,
            "map-bad-prefix",
            &format!("sdks.toml:{}", line(sdks, "com.b."))
        ),
        "{err}"
    );
    assert!(
        err.errors.iter().any(|d| d.code == "map-duplicate-prefix"),
        "{err}"
    );
    assert!(
        has(
            &err,
            "map-bad-uri",
            &format!("uri.toml:{}", line(uri, "http://x"))
        ),
        "{err}"
    );
    assert!(
        has(
            &err,
            "map-bad-signature",
            &format!("uri.toml:{}", line(uri, "CONTENT_URI\""))
        ),
        "{err}"
    );
    assert!(
        has(
            &err,
            "map-port-out-of-range",
            &format!("channels.toml:{}", line(channels, "put(Ljava"))
        ),
        "{err}"
    );
}

#[test]
fn never_firing_rules_and_unknown_kinds_are_warnings() {
    let sinks = r#"
[[sink]]
id = "two-params"
class = "Lx/Net;"
methods = ["send(Ljava/lang/String;Ljava/lang/String;)V"]
category = "network"
ports = ["arg1", "arg3"]
rule_sets = ["privacy"]

[[sink]]
id = "odd-category"
class = "Lx/Net;"
methods = ["beam(Ljava/lang/String;)V"]
category = "telepathy"
ports = ["arg0"]
rule_sets = ["privacy"]
"#;
    let sources = r#"
[[source]]
id = "weird-kind"
class = "Lx/Src;"
methods = ["get()Ljava/lang/String;"]
kind = "osmosis"
category = "device_id"
rule_sets = ["privacy"]

[[source]]
id = "void-return"
class = "Lx/Src;"
methods = ["nothing()V"]
category = "device_id"
rule_sets = ["privacy"]
"#;
    let maps = TempMaps::new(
        "warnings",
        &[
            ("categories.toml", CATEGORIES),
            ("sinks.toml", sinks),
            ("sources.toml", sources),
        ],
    );
    let m = maps
        .load()
        .unwrap_or_else(|e| panic!("warnings only, got errors:\n{e}"));
    let warn_at = |code: &str, loc: String| {
        m.warnings()
            .iter()
            .any(|d| d.code == code && d.location.as_deref() == Some(loc.as_str()))
    };
    assert!(
        warn_at(
            "map-rule-never-fires",
            format!("sinks.toml:{}", line_of(sinks, "send(Ljava"))
        ),
        "{:#?}",
        m.warnings()
    );
    assert!(
        warn_at(
            "map-unknown-kind",
            format!("sinks.toml:{}", line_of(sinks, "telepathy"))
        ),
        "{:#?}",
        m.warnings()
    );
    assert!(
        warn_at(
            "map-unknown-kind",
            format!("sources.toml:{}", line_of(sources, "osmosis"))
        ),
        "{:#?}",
        m.warnings()
    );
    assert!(
        warn_at(
            "map-rule-never-fires",
            format!("sources.toml:{}", line_of(sources, "nothing()V"))
        ),
        "{:#?}",
        m.warnings()
    );
    // the live port of the half-broken sink still works
    let sink = &m
        .lookup("Lx/Net;", "send(Ljava/lang/String;Ljava/lang/String;)V")
        .unwrap()
        .sinks[0];
    assert_eq!(sink.ports, vec![dexflow::maps::Port::Arg(1)]);
    assert!(
        m.lookup("Lx/Src;", "get()Ljava/lang/String;").is_none(),
        "unknown kind is skipped"
    );
}

const RETURN_SINKS: &str = r#"
[[return_sink]]
id = "req.params"
class = "Lcom/android/volley/Request;"
methods = ["getParams()Ljava/util/Map;", "deliver()V"]
category = "network"
destination = "this"
rule_sets = ["privacy"]

[[return_sink]]
id = "req.bad-destination"
class = "Lcom/android/volley/Request;"
methods = ["getBody()[B"]
category = "network"
destination = "arg0"
rule_sets = ["privacy"]

[[return_sink]]
id = "req.dup"
class = "Lcom/android/volley/Request;"
methods = ["getParams()Ljava/util/Map;"]
category = "network"
rule_sets = ["privacy"]
"#;

#[test]
fn return_sinks_are_validated() {
    let maps = TempMaps::new(
        "return-sinks",
        &[
            ("categories.toml", CATEGORIES),
            ("sinks.toml", RETURN_SINKS),
        ],
    );
    let err = maps.load().unwrap_err();
    let at = |needle: &str| format!("sinks.toml:{}", line_of(RETURN_SINKS, needle));
    assert!(
        has(&err, "map-bad-port", &at("destination = \"arg0\"")),
        "{err}"
    );
    assert!(
        has(
            &err,
            "map-duplicate-rule",
            &at("methods = [\"getParams()Ljava/util/Map;\"]")
        ),
        "{err}"
    );

    // the valid record alone loads; the void method is a rule that can never fire
    let ok = RETURN_SINKS
        .split("[[return_sink]]\nid = \"req.bad-destination\"")
        .next()
        .unwrap();
    let maps = TempMaps::new(
        "return-sinks-ok",
        &[("categories.toml", CATEGORIES), ("sinks.toml", ok)],
    );
    let m = maps.load().unwrap();
    let rules = m.return_sinks("Lcom/android/volley/Request;", "getParams()Ljava/util/Map;");
    assert_eq!(rules.len(), 1);
    assert_eq!(&*rules[0].id, "req.params");
    assert!(
        m.return_sinks("Lcom/android/volley/Request;", "deliver()V")
            .is_empty()
    );
    assert!(
        m.warnings().iter().any(|w| w.code == "map-rule-never-fires"
            && w.location.as_deref()
                == Some(&*format!("sinks.toml:{}", line_of(ok, "deliver()V")))),
        "{:?}",
        m.warnings()
    );
}

#[test]
fn propagation_key_arg_is_loaded_and_checked() {
    let propagation = "[[propagation]]\nclass = \"Lx/M;\"\nmethods = [\"put(Ljava/lang/String;Ljava/lang/String;)V\"]\nfrom = [\"arg1\"]\nto = [\"this\"]\nkey_arg = 0\n\n[[propagation]]\nclass = \"Lx/M;\"\nmethods = [\"get(Ljava/lang/String;)Ljava/lang/String;\"]\nfrom = [\"this\"]\nto = [\"return\"]\nkey_arg = 0\n";
    let maps = TempMaps::new(
        "keyok",
        &[
            ("categories.toml", CATEGORIES),
            ("propagation.toml", propagation),
        ],
    );
    let m = maps.load().expect("loads");
    let put = m
        .lookup("Lx/M;", "put(Ljava/lang/String;Ljava/lang/String;)V")
        .unwrap();
    assert_eq!(put.key_arg, Some(0));
    let bad = propagation.replace(
        "to = [\"return\"]\nkey_arg = 0",
        "to = [\"return\"]\nkey_arg = 3",
    );
    let maps = TempMaps::new(
        "keybad",
        &[("categories.toml", CATEGORIES), ("propagation.toml", &bad)],
    );
    let err = maps.load().expect_err("must not load");
    assert!(
        has(
            &err,
            "map-port-out-of-range",
            &format!("propagation.toml:{}", line_of(&bad, "get(Ljava"))
        ),
        "{err}"
    );
}

#[test]
fn scope_strings_are_single_known_tokens() {
    let sources = "[[scope_string]]\nvalue = \"a,b\"\ncategory = \"device_id\"\nsdk = \"X\"\n\n[[scope_string]]\nvalue = \"ok\"\ncategory = \"no_such\"\nsdk = \"X\"\n\n[[scope_string]]\nvalue = \"dup\"\ncategory = \"device_id\"\nsdk = \"X\"\n\n[[scope_string]]\nvalue = \"dup\"\ncategory = \"device_id\"\nsdk = \"Y\"\n";
    let maps = TempMaps::new(
        "scopes",
        &[("categories.toml", CATEGORIES), ("sources.toml", sources)],
    );
    let err = maps.load().expect_err("must not load");
    assert!(
        has(
            &err,
            "map-bad-scope",
            &format!("sources.toml:{}", line_of(sources, "a,b"))
        ),
        "{err}"
    );
    assert!(
        err.errors
            .iter()
            .any(|d| d.code == "map-duplicate-rule" && d.message.contains("dup")),
        "{err}"
    );
    assert!(
        err.errors.iter().any(|d| d.location.as_deref()
            == Some(&*format!("sources.toml:{}", line_of(sources, "no_such")))),
        "{err}"
    );
}

#[test]
fn library_prefix_errors_name_file_and_line() {
    let libraries = "[[library]]\nprefix = \"Landroid/\"\n\n[[library]]\nprefix = \"java.lang.\"\n\n[[library]]\nprefix = \"Landroid/\"\n";
    let maps = TempMaps::new(
        "libraries",
        &[
            ("categories.toml", CATEGORIES),
            ("libraries.toml", libraries),
        ],
    );
    let err = maps
        .load()
        .expect_err("bad library prefixes must be errors");
    assert!(
        has(
            &err,
            "map-bad-prefix",
            &format!("libraries.toml:{}", line_of(libraries, "java.lang."))
        ),
        "{err}"
    );
    assert!(
        has(&err, "map-duplicate-prefix", "libraries.toml:8"),
        "{err}"
    );
    let typo = "[[library]]\nprefix = \"Lkotlin/\"\nsurprise = true\n";
    let maps = TempMaps::new(
        "libraries-typo",
        &[("categories.toml", CATEGORIES), ("libraries.toml", typo)],
    );
    let err = maps.load().expect_err("an unknown key must be an error");
    assert!(has(&err, "map-unknown-key", "libraries.toml:3"), "{err}");

    let ok = TempMaps::new(
        "libraries-ok",
        &[
            ("categories.toml", CATEGORIES),
            (
                "libraries.toml",
                "[[library]]\nprefix = \"Lcom/example/lib/\"\n",
            ),
        ],
    );
    let m = ok.load().unwrap();
    assert_eq!(
        m.library_prefixes()
            .iter()
            .map(|p| &**p)
            .collect::<Vec<_>>(),
        ["Lcom/example/lib/"]
    );
}
