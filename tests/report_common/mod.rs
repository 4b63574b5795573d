//! Shared by the report tests: the hand-made sample report, the golden-file helper and a focused
//! JSON Schema (draft-07 subset) validator.
#![allow(dead_code)]

use std::path::PathBuf;

use dexflow::report::model::*;
use dexflow::report::{Provider, SourceRead};
use dexflow::taint;
use serde_json::Value;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/report")
        .join(name)
}

/// Compares `actual` with the golden file `tests/fixtures/report/NAME` (`util::golden`).
pub fn check_golden(name: &str, actual: &str) {
    crate::util::assert_golden(&fixture(name), actual);
}

#[allow(clippy::too_many_arguments)]
pub fn tflow(
    src_cat: &str,
    src_api: &str,
    src_method: &str,
    sink_cat: &str,
    sink_api: &str,
    sink_method: &str,
    path: &[(&str, u32)],
    destination: Option<&str>,
) -> taint::Flow {
    taint::Flow {
        source: taint::FlowEnd {
            category: src_cat.into(),
            api: src_api.into(),
            site: taint::Site {
                method: src_method.into(),
                pc: 4,
            },
            rule: format!("src-{src_cat}"),
        },
        sink: taint::FlowEnd {
            category: sink_cat.into(),
            api: sink_api.into(),
            site: taint::Site {
                method: sink_method.into(),
                pc: 18,
            },
            rule: format!("sink-{sink_cat}"),
        },
        path: path
            .iter()
            .map(|(m, pc)| taint::Site {
                method: (*m).into(),
                pc: *pc,
            })
            .collect(),
        destination: destination.map(Into::into),
        confidence: taint::Confidence::High,
        source_arg: None,
    }
}

pub fn umeng() -> SdkRef {
    SdkRef {
        id: "umeng".into(),
        name: "Umeng Analytics".into(),
        company: "Alibaba".into(),
        kind: "analytics".into(),
    }
}

pub fn with_verdict(
    mut f: FlowRecord,
    v: VerdictKind,
    basis: Basis,
    reason: &str,
    ev: Option<&str>,
) -> FlowRecord {
    let mut verdict = Verdict::new(v, basis, reason);
    verdict.evidence = ev.map(Into::into);
    f.disclosure = verdict;
    f
}

pub const QUERY: &str = "Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;";
pub const OPEN_CONN: &str = "Ljava/net/URL;->openConnection()Ljava/net/URLConnection;";
pub const WRITE: &str = "Ljava/io/OutputStream;->write([B)V";
pub const DEVICE_ID: &str = "Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;";
pub const LOG: &str = "Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I";

/// Two apps: one with five flows (one per verdict) and findings, one that failed.
pub fn sample_report() -> Report {
    let mut chat = AppReport::new("apps/chat.apk", Some("com.example.chat".into()));
    chat.version_name = Some("2.4.1".into());
    chat.warnings.push(Warning {
        severity: Severity::Warning,
        code: "dex-unknown-opcode".into(),
        message: "classes2.dex: 3 methods skipped".into(),
        location: Some("classes2.dex@0x1f40".into()),
    });
    chat.status = AppStatus::Partial;
    chat.findings.push(Finding {
        code: "DF200".into(),
        name: "permission-without-use".into(),
        severity: Severity::Warning,
        message: "android.permission.READ_CALL_LOG is requested but no call-log API is reached"
            .into(),
        location: Some("AndroidManifest.xml".into()),
    });
    chat.sdks.push(SdkRecord {
        id: "umeng".into(),
        name: "Umeng Analytics".into(),
        company: "Alibaba".into(),
        kind: "analytics".into(),
        flows: 0,
    });
    let contacts = tflow(
        "contacts",
        QUERY,
        "Lcom/example/chat/FriendFinder;->collect()Ljava/util/List;",
        "network",
        WRITE,
        "Lcom/example/chat/net/Uploader;->post([B)V",
        &[
            (
                "Lcom/example/chat/FriendFinder;->collect()Ljava/util/List;",
                4,
            ),
            ("Lcom/example/chat/FriendFinder;->sync()V", 12),
            ("Lcom/example/chat/net/Uploader;->post([B)V", 18),
        ],
        Some("https://api.example.com/friends"),
    );
    chat.flows.push(with_verdict(
        FlowRecord::from_flow(&contacts, None, vec!["PSL_CONTACTS".into()]),
        VerdictKind::Disclosed,
        Basis::DisclosureFile,
        "category 'contacts' = Contacts (PSL_CONTACTS) is declared as 'contacts'",
        Some("apps/chat.disclosure.toml:5"),
    ));
    chat.flows.last_mut().unwrap().source.read = Some(SourceRead::ContentUri {
        uri: Some("content://com.android.contacts/data/phones".into()),
        authority: Some("com.android.contacts".into()),
        provider: Provider::System,
    });
    let imei = tflow(
        "device_id",
        DEVICE_ID,
        "Lcom/umeng/commonsdk/UMConfigure;->init()V",
        "network",
        OPEN_CONN,
        "Lcom/umeng/commonsdk/stateless/Sender;->send()V",
        &[
            ("Lcom/umeng/commonsdk/UMConfigure;->init()V", 4),
            ("Lcom/umeng/commonsdk/stateless/Sender;->send()V", 18),
        ],
        Some("https://ulogs.umeng.com/unify_logs"),
    );
    chat.flows.push(with_verdict(
        FlowRecord::from_flow(&imei, Some(umeng()), vec!["PSL_DEVICE_ID".into()]),
        VerdictKind::SharedUndeclared,
        Basis::DataSafety,
        "category 'device_id' reaches third-party SDK Umeng Analytics (Alibaba) but is declared as 'PSL_DEVICE_ID' collected only, not shared",
        Some("apps/chat.datasafety.csv:40"),
    ));
    chat.flows.last_mut().unwrap().source.read = Some(SourceRead::Call {
        api: DEVICE_ID.into(),
    });
    let sms = tflow(
        "sms",
        QUERY,
        "Lcom/example/chat/SmsBackup;->run()V",
        "network",
        WRITE,
        "Lcom/example/chat/net/Uploader;->post([B)V",
        &[
            ("Lcom/example/chat/SmsBackup;->run()V", 4),
            ("Lcom/example/chat/net/Uploader;->post([B)V", 18),
        ],
        None,
    );
    chat.flows.push(with_verdict(
        FlowRecord::from_flow(&sms, None, vec!["PSL_SMS_CALL_LOG".into()]),
        VerdictKind::Contradicted,
        Basis::DisclosureFile,
        "category 'sms' is sent but declared as not collected ('sms')",
        Some("apps/chat.disclosure.toml:12"),
    ));
    chat.flows.last_mut().unwrap().source.read = Some(SourceRead::ContentUri {
        uri: None,
        authority: None,
        provider: Provider::Unresolved,
    });
    let friends = tflow(
        "social_graph",
        "Lcom/tencent/mm/opensdk/FriendApi;->getFriends()Ljava/util/List;",
        "Lcom/example/chat/wx/WxLogin;->onResp(Lcom/tencent/mm/opensdk/modelbase/BaseResp;)V",
        "network",
        WRITE,
        "Lcom/example/chat/net/Uploader;->post([B)V",
        &[(
            "Lcom/example/chat/wx/WxLogin;->onResp(Lcom/tencent/mm/opensdk/modelbase/BaseResp;)V",
            4,
        )],
        Some("https://api.example.com/graph"),
    );
    chat.flows.push(with_verdict(
        FlowRecord::from_flow(&friends, None, vec!["PSL_CONTACTS".into()]),
        VerdictKind::Vague,
        Basis::DataSafety,
        "category 'social_graph' is covered only by the broad declaration 'PSL_OTHER_PERSONAL' (Other info)",
        Some("apps/chat.datasafety.csv:17"),
    ));
    chat.flows.last_mut().unwrap().source.read = Some(SourceRead::Callback {
        callback: "Lcom/tencent/mm/opensdk/openapi/IWXAPIEventHandler;->onResp(Lcom/tencent/mm/opensdk/modelbase/BaseResp;)V".into(),
        sdk: Some("WeChat OpenSDK".into()),
        scopes: vec!["snsapi_userinfo".into()],
    });
    // Hostile names: markup, quotes and a terminal escape must come out inert in every format.
    let hostile = tflow(
        "location",
        "Landroid/location/Location;->getLatitude()D",
        "Lcom/evil/<script>alert(1)</script>;->x(\"'&)V",
        "log",
        LOG,
        "Lcom/evil/L\u{1b}[31m;->log()V",
        &[],
        Some("http://x.test/?a=<b>&c=\"d\""),
    );
    chat.flows.push(with_verdict(
        FlowRecord::from_flow(
            &hostile,
            None,
            vec!["PSL_APPROX_LOCATION".into(), "PSL_PRECISE_LOCATION".into()],
        ),
        VerdictKind::Undisclosed,
        Basis::None,
        "category 'location' is not declared in apps/chat.disclosure.toml",
        None,
    ));
    chat.flows.last_mut().unwrap().source.read = Some(SourceRead::IntentExtra {
        key: Some("<b>\"k\"</b>".into()),
        actions: vec!["android.intent.action.<i>".into()],
    });
    let broken = AppReport::failed(
        "apps/broken.apk",
        "zip: end of central directory record not found",
    );
    let mut report = Report::new(
        Tool {
            name: "dexflow".into(),
            version: "0.0.0-test".into(),
        },
        vec![broken, chat],
    );
    report.apps[1].timings = None;
    report
}

/// A focused JSON Schema (draft-07) validator: the keywords used by docs/report.schema.json
/// and the SARIF 2.1.0 schema. Annotation keywords are ignored; `format` is not asserted
/// (draft-07 makes it optional); `pattern` is not implemented and FAILS when it meets a string,
/// so nothing passes unchecked. Any other keyword is an error.
pub fn validate(root: &Value, instance: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(root, root, instance, "$", &mut errors);
    errors
}

/// Validates `instance` against `schema`, a part of `root` (for `$ref`s).
pub fn validate_sub(root: &Value, schema: &Value, instance: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(root, schema, instance, "$", &mut errors);
    errors
}

fn resolve<'a>(root: &'a Value, r: &str) -> &'a Value {
    let pointer = r
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("non-local $ref {r}"));
    root.pointer(pointer)
        .unwrap_or_else(|| panic!("unresolved $ref {r}"))
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        other => panic!("unknown type {other}"),
    }
}

fn check(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let obj = match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => {
            errors.push(format!("{at}: not allowed"));
            return;
        }
        Value::Object(o) => o,
        _ => panic!("bad schema at {at}"),
    };
    for (k, s) in obj {
        match k.as_str() {
            "$schema" | "$id" | "title" | "description" | "default" | "format" | "definitions"
            | "deprecated" => {}
            "$ref" => check(root, resolve(root, s.as_str().unwrap()), v, at, errors),
            "type" => {
                let ok = match s {
                    Value::String(t) => type_ok(t, v),
                    Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
                    _ => panic!("bad type"),
                };
                if !ok {
                    errors.push(format!("{at}: expected type {s}, got {v}"));
                }
            }
            "enum" => {
                if !s.as_array().unwrap().contains(v) {
                    errors.push(format!("{at}: {v} not in {s}"));
                }
            }
            "const" => {
                if s != v {
                    errors.push(format!("{at}: {v} != const {s}"));
                }
            }
            "properties" => {
                if let Some(o) = v.as_object() {
                    for (pk, ps) in s.as_object().unwrap() {
                        if let Some(pv) = o.get(pk) {
                            check(root, ps, pv, &format!("{at}.{pk}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(o) = v.as_object() {
                    let props = obj.get("properties").and_then(Value::as_object);
                    for (pk, pv) in o {
                        if props.is_some_and(|p| p.contains_key(pk)) {
                            continue;
                        }
                        check(root, s, pv, &format!("{at}.{pk}"), errors);
                    }
                }
            }
            "required" => {
                if let Some(o) = v.as_object() {
                    for r in s.as_array().unwrap() {
                        if !o.contains_key(r.as_str().unwrap()) {
                            errors.push(format!("{at}: missing required {r}"));
                        }
                    }
                }
            }
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, item) in a.iter().enumerate() {
                        check(root, s, item, &format!("{at}[{i}]"), errors);
                    }
                }
            }
            "minItems" => {
                if let Some(a) = v.as_array()
                    && (a.len() as u64) < s.as_u64().unwrap()
                {
                    errors.push(format!("{at}: fewer than {s} items"));
                }
            }
            "uniqueItems" => {
                if s.as_bool() == Some(true)
                    && let Some(a) = v.as_array()
                {
                    for i in 0..a.len() {
                        if a[i + 1..].contains(&a[i]) {
                            errors.push(format!("{at}: duplicate item {}", a[i]));
                        }
                    }
                }
            }
            "minimum" => {
                if let (Some(n), Some(m)) = (v.as_f64(), s.as_f64())
                    && n < m
                {
                    errors.push(format!("{at}: {n} < minimum {m}"));
                }
            }
            "maximum" => {
                if let (Some(n), Some(m)) = (v.as_f64(), s.as_f64())
                    && n > m
                {
                    errors.push(format!("{at}: {n} > maximum {m}"));
                }
            }
            "minLength" | "maxLength" => {
                if let Some(t) = v.as_str() {
                    let n = t.chars().count() as u64;
                    let m = s.as_u64().unwrap();
                    if (k == "minLength" && n < m) || (k == "maxLength" && n > m) {
                        errors.push(format!("{at}: length {n} violates {k} {m}"));
                    }
                }
            }
            "pattern" => {
                if v.is_string() {
                    errors.push(format!(
                        "{at}: 'pattern' is not implemented by this validator"
                    ));
                }
            }
            "anyOf" | "oneOf" | "allOf" => {
                let n = s
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|sub| {
                        let mut e = Vec::new();
                        check(root, sub, v, at, &mut e);
                        e.is_empty()
                    })
                    .count();
                let total = s.as_array().unwrap().len();
                let ok = match k.as_str() {
                    "anyOf" => n >= 1,
                    "oneOf" => n == 1,
                    _ => n == total,
                };
                if !ok {
                    errors.push(format!("{at}: {k} matched {n} of {total} subschemas"));
                }
            }
            other => panic!("schema keyword '{other}' is not supported by the test validator"),
        }
    }
}
