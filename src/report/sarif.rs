//! SARIF 2.1.0 output for code-scanning dashboards: one run, one rule per registry code
//! (`crate::codes`, with its documentation), one result per flow or finding.
//!
//! Validated in tests against the official SARIF 2.1.0 JSON schema
//! (tests/fixtures/report/sarif-schema-2.1.0.json). App strings go only into JSON string values,
//! never into keys or URIs unescaped (artifact URIs are percent-encoded).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::model::{AppReport, FlowRecord, Report, Severity, Site, Step, VerdictKind};
use super::{short_method, split_method};
use crate::codes;

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF level of a verdict: its registry severity (error for contradicted/undisclosed,
/// warning for vague/shared-undeclared, note for disclosed).
pub fn level(v: VerdictKind) -> &'static str {
    finding_level(v.finding_code().rule().severity.into())
}

fn finding_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes everything outside RFC 3986 unreserved characters and `/`.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn logical_locations(method: &str) -> Value {
    let (class, name, proto) = split_method(method);
    let mut locs = vec![json!({
        "fullyQualifiedName": format!("{}{}", short_method(method), proto),
        "name": if name.is_empty() { class.clone() } else { name.to_string() },
        "decoratedName": method,
        "kind": if name.is_empty() { "type" } else { "function" },
    })];
    if !name.is_empty() {
        locs.push(json!({
            "fullyQualifiedName": class,
            "kind": "type",
        }));
    }
    Value::Array(locs)
}

fn location(app: &AppReport, site: &Site, message: Option<String>) -> Value {
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri_path(&app.input) },
        },
        "logicalLocations": logical_locations(&site.method),
        "properties": { "pc": site.pc },
    });
    if let Some(m) = message {
        loc["message"] = json!({ "text": m });
    }
    loc
}

fn flow_result(app: &AppReport, f: &FlowRecord) -> Value {
    let v = &f.disclosure;
    let steps: Vec<Value> = f
        .steps()
        .into_iter()
        .map(|(step, site)| match step {
            Step::Source => json!({
                "location": location(app, site, Some(format!("source: {} ({}) in {}", short_method(&f.source.api), f.source.category, short_method(&site.method)))),
                "kinds": ["taint", "source"],
            }),
            Step::Call => json!({
                "location": location(app, site, Some(format!("call in {}", short_method(&site.method)))),
            }),
            Step::Sink => json!({
                "location": location(app, site, Some(format!("sink: {} ({}) in {}", short_method(&f.sink.api), f.sink.category, short_method(&site.method)))),
                "kinds": ["taint", "sink"],
            }),
        })
        .collect();
    let message = format!(
        "{} data from {}{} reaches {} sink {}{} (recipient: {}): {}: {}",
        f.source.category,
        short_method(&f.source.api),
        f.source
            .read
            .as_ref()
            .map(|r| format!(" ({})", r.describe()))
            .unwrap_or_default(),
        f.sink.category,
        short_method(&f.sink.api),
        f.destination
            .as_deref()
            .map(|d| format!(" towards {d}"))
            .unwrap_or_default(),
        f.recipient(),
        v.verdict.as_str(),
        v.reason
    );
    let mut props = json!({
        "sourceCategory": f.source.category,
        "sinkCategory": f.sink.category,
        "dataTypes": f.data_types,
        "confidence": f.confidence,
        "verdict": v.verdict.as_str(),
        "basis": v.basis,
        "recipient": f.recipient(),
    });
    if let Some(d) = &f.destination {
        props["destination"] = json!(d);
    }
    if let Some(r) = &f.source.read {
        props["sourceRead"] = json!(r);
    }
    if !f.request_steps.is_empty() {
        props["requestSteps"] = json!(f.request_steps);
    }
    if let Some(e) = &v.evidence {
        props["evidence"] = json!(e);
    }
    if let Some(p) = &app.package {
        props["package"] = json!(p);
    }
    json!({
        "ruleId": v.verdict.code(),
        "level": level(v.verdict),
        "message": { "text": message },
        "locations": [location(app, &f.sink.site, None)],
        "codeFlows": [{
            "threadFlows": [{ "locations": steps }],
        }],
        "partialFingerprints": { "dexflowFlow/v1": f.fingerprint },
        "properties": props,
    })
}

pub fn to_value(report: &Report) -> Value {
    // Rules: the whole registry, in code order, with its documentation; then any finding
    // code the registry does not know (a report read back from an older version), sorted.
    let mut rules: Vec<Value> = codes::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.doc },
                "defaultConfiguration": { "level": finding_level(r.severity.into()) },
            })
        })
        .collect();
    let mut unknown: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for f in report.apps.iter().flat_map(|a| &a.findings) {
        if !codes::RULES.iter().any(|r| r.id == f.code) {
            unknown
                .entry(&f.code)
                .or_insert((&f.name, finding_level(f.severity)));
        }
    }
    for (code, (name, lvl)) in &unknown {
        rules.push(json!({
            "id": code,
            "name": name,
            "shortDescription": { "text": name.replace('-', " ") },
            "defaultConfiguration": { "level": lvl },
        }));
    }
    let mut results: Vec<Value> = Vec::new();
    let mut notifications: Vec<Value> = Vec::new();
    let mut artifacts: Vec<Value> = Vec::new();
    for app in &report.apps {
        artifacts.push(
            json!({ "location": { "uri": uri_path(&app.input) }, "roles": ["analysisTarget"] }),
        );
        for f in &app.flows {
            results.push(flow_result(app, f));
        }
        for f in &app.findings {
            let mut loc = json!({
                "physicalLocation": { "artifactLocation": { "uri": uri_path(&app.input) } },
            });
            if let Some(l) = &f.location {
                loc["logicalLocations"] = json!([{ "fullyQualifiedName": l }]);
            }
            results.push(json!({
                "ruleId": f.code,
                "level": finding_level(f.severity),
                "message": { "text": f.message },
                "locations": [loc],
            }));
        }
        for e in &app.errors {
            notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {}", app.input, e) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri_path(&app.input) } } }],
            }));
        }
        for w in &app.warnings {
            notifications.push(json!({
                "level": finding_level(w.severity),
                "descriptor": { "id": w.code },
                "message": { "text": format!("{}: {}", app.input, w.message) },
            }));
        }
    }
    let successful = report
        .apps
        .iter()
        .all(|a| a.status != super::model::AppStatus::Error);
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": report.tool.name,
                    "version": report.tool.version,
                    "rules": rules,
                },
            },
            "artifacts": artifacts,
            "invocations": [{
                "executionSuccessful": successful,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(report)).unwrap_or_default();
    s.push('\n');
    s
}
