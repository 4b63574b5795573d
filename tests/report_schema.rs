//! The JSON report validates against docs/report.schema.json and the SARIF output against the
//! official SARIF 2.1.0 schema (tests/fixtures/report/sarif-schema-2.1.0.json), using the
//! focused validator in report_common (no network, no schema crate).

mod report_common;

use dexflow::report::{self, Format};
use report_common::{fixture, sample_report, validate, validate_sub};
use serde_json::Value;

fn load(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn report_schema() -> Value {
    load(&std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/report.schema.json"))
}

#[test]
fn json_report_matches_documented_schema() {
    let doc: Value = serde_json::from_str(&report::render(&sample_report(), Format::Json)).unwrap();
    let errors = validate(&report_schema(), &doc);
    assert!(errors.is_empty(), "{errors:#?}");
    // The documented top-level shape.
    let app = &doc["apps"][1];
    for k in ["input", "package", "status", "errors", "flows"] {
        assert!(app.get(k).is_some(), "apps[].{k} missing");
    }
    let flow = &app["flows"][0];
    for k in [
        "source",
        "sink",
        "path",
        "disclosure",
        "sdk",
        "destination",
        "fingerprint",
    ] {
        assert!(flow.get(k).is_some(), "flow.{k} missing");
    }
    assert!(flow["source"]["site"]["method"].is_string());
    assert!(flow["source"]["site"]["pc"].is_u64());
}

#[test]
fn jsonl_app_lines_match_the_app_schema() {
    let schema = report_schema();
    let app_schema = schema["definitions"]["app"].clone();
    let mut lines = 0;
    for line in report::render(&sample_report(), Format::Jsonl).lines() {
        let mut v: Value = serde_json::from_str(line).unwrap();
        let obj = v.as_object_mut().unwrap();
        match obj
            .remove("type")
            .and_then(|t| t.as_str().map(String::from))
            .as_deref()
        {
            Some("app") => {
                let errors = validate_sub(&schema, &app_schema, &v);
                assert!(errors.is_empty(), "{errors:#?}");
            }
            Some("summary") => assert!(obj.contains_key("summary") && obj.contains_key("tool")),
            other => panic!("unexpected line type {other:?}"),
        }
        lines += 1;
    }
    assert_eq!(lines, 3);
}

#[test]
fn schema_validator_rejects_bad_reports() {
    let mut doc: Value =
        serde_json::from_str(&report::render(&sample_report(), Format::Json)).unwrap();
    doc["apps"][1]["flows"][0]["disclosure"]["verdict"] = Value::from("fine");
    doc["apps"][0]["surprise"] = Value::from(1);
    let errors = validate(&report_schema(), &doc);
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

fn sarif_schema() -> Value {
    load(&fixture("sarif-schema-2.1.0.json"))
}

#[test]
fn sarif_validates_against_official_schema() {
    let doc: Value =
        serde_json::from_str(&report::render(&sample_report(), Format::Sarif)).unwrap();
    let errors = validate(&sarif_schema(), &doc);
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &doc["runs"][0];
    let results = run["results"].as_array().unwrap();
    // five flows and one finding
    assert_eq!(results.len(), 6);
    let levels: Vec<(&str, &str)> = results
        .iter()
        .map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap()))
        .collect();
    for (rule, level) in [
        ("DF100", "error"),
        ("DF101", "error"),
        ("DF102", "warning"),
        ("DF103", "warning"),
        ("DF104", "note"),
    ] {
        assert!(
            levels.contains(&(rule, level)),
            "{rule} should be {level}: {levels:?}"
        );
    }
    let flow = results.iter().find(|r| r["ruleId"] == "DF104").unwrap();
    assert_eq!(
        flow["codeFlows"][0]["threadFlows"][0]["locations"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert!(flow["partialFingerprints"]["dexflowFlow/v1"].is_string());
    assert_eq!(
        flow["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "apps/chat.apk"
    );
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["DF100", "DF101", "DF102", "DF103", "DF104", "DF200"]);
}

#[test]
fn sarif_validator_is_not_vacuous() {
    let mut doc: Value =
        serde_json::from_str(&report::render(&sample_report(), Format::Sarif)).unwrap();
    doc["runs"][0]["results"][0]["level"] = Value::from("fatal");
    doc["version"] = Value::from("2.0.0");
    let errors = validate(&sarif_schema(), &doc);
    assert!(errors.len() >= 2, "{errors:#?}");
}
