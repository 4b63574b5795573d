//! Default (privacy) scan on the real APKs in ../shared/real-apks (not checked, with a message,
//! when the folder is absent; failing with `CI` set): the settings app's SMS listing is found as an `sms` source, and the
//! sample that only displays contacts is listed as reading contacts without any flow.

use std::process::Command;

fn scan_json(path: &str) -> serde_json::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_dexflow"))
        .args(["scan", "--format", "json", "--fail-on", "never", path])
        .output()
        .expect("binary runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON report")
}

fn access_findings(v: &serde_json::Value) -> Vec<(String, String)> {
    v["apps"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "DF201")
        .map(|f| {
            (
                f["message"].as_str().unwrap().to_string(),
                f["location"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn settings_app_sms_listing_is_an_sms_source() {
    let Some(apk) = crate::util::shared("real-apks/settings_apk-debug.apk") else {
        return;
    };
    let v = scan_json(apk.to_str().unwrap());
    assert_eq!(v["apps"][0]["status"], "ok");
    let found = access_findings(&v);
    assert!(
        found.iter().any(|(msg, loc)| msg
            .starts_with("reads sms through Landroid/content/ContentResolver;->query")
            && loc.starts_with("Lio/appium/settings/receivers/SmsReader;->listSms")),
        "{found:#?}"
    );
}

#[test]
fn contacts_display_reads_contacts_but_sends_nothing() {
    let v = scan_json("sample-apks/contacts-display.apk");
    assert!(v["apps"][0]["flows"].as_array().unwrap().is_empty());
    let found = access_findings(&v);
    assert!(
        found
            .iter()
            .any(|(msg, _)| msg.starts_with("reads contacts")),
        "{found:#?}"
    );
}

/// One thread and two give the same report on a real app whose methods hit the analysis
/// budget and are widened (sharesdk-sample: `taint-method-budget`), flows included.
#[test]
fn one_thread_and_two_give_the_same_report_on_a_widened_real_app() {
    let Some(apk) = crate::util::shared("real-apks/sharesdk-sample-2.6.3.apk") else {
        return;
    };
    let run = |threads: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_dexflow"))
            .args([
                "scan",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--threads",
                threads,
            ])
            .arg(&apk)
            .output()
            .expect("binary runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        o.stdout
    };
    let one = run("1");
    let v: serde_json::Value = serde_json::from_slice(&one).expect("JSON report");
    let warnings: Vec<&str> = v["apps"][0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert!(warnings.contains(&"taint-method-budget"), "{warnings:?}");
    assert!(
        !v["apps"][0]["flows"].as_array().unwrap().is_empty(),
        "the widened methods' flows are reported"
    );
    assert!(one == run("2"), "--threads 1 and --threads 2 differ");
}
