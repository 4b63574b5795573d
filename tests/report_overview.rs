//! The batch overview page (`--format overview`) is self-contained and one row per app, with
//! the counts, categories, SDKs and worst finding of each; app strings come out inert. Its
//! sorting and filtering run in headless Chromium in `scripts/overview-check.sh` (ignored test
//! below: Chromium is an outside tool).

use crate::report_common::sample_report;
use dexflow::report::{self, Format, VerdictKind};

#[test]
fn overview_is_one_self_contained_row_per_app() {
    let r = sample_report();
    let page = report::render(&r, Format::Overview);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("Content-Security-Policy"));
    for bad in ["src=", "href=", "@import", "url(", "http-equiv=\"refresh\""] {
        assert!(!page.contains(bad), "external asset or navigation: {bad}");
    }
    // hostile app strings are escaped, never markup
    assert!(!page.contains("<script>alert"), "unescaped app string");
    assert_eq!(
        page.matches("<script>").count(),
        1,
        "one inline script only"
    );
    let body = &page[page.find("<tbody>").unwrap()..page.find("</tbody>").unwrap()];
    assert_eq!(body.matches("<tr>").count(), r.apps.len());
    // a column per verdict, counts as in the model
    for v in VerdictKind::ALL {
        assert!(
            page.contains(&format!(">{}</span></th>", v.as_str())),
            "{v:?}"
        );
    }
    let chat = r
        .apps
        .iter()
        .find(|a| a.package.as_deref() == Some("com.example.chat"))
        .unwrap();
    let row = body
        .split("<tr>")
        .find(|row| row.contains("com.example.chat"))
        .unwrap();
    let counts: Vec<usize> = VerdictKind::ALL
        .iter()
        .map(|v| {
            chat.flows
                .iter()
                .filter(|f| f.disclosure.verdict == *v)
                .count()
        })
        .collect();
    for n in counts.iter().filter(|n| **n > 0) {
        assert!(
            row.contains(&format!("data-sort=\"{n}\">{n}</td>")),
            "{row}"
        );
    }
    assert!(row.contains("Umeng Analytics"), "SDKs column: {row}");
    assert!(row.contains("contradicted: sms"), "worst finding: {row}");
    assert!(row.contains("contacts, device_id"), "categories: {row}");
}

#[test]
fn text_and_html_group_flows_by_category_recipient_destination() {
    let r = sample_report();
    let chat = &r.apps[1];
    let groups = chat.flow_groups();
    assert_eq!(
        groups.iter().map(|g| g.flows.len()).sum::<usize>(),
        chat.flows.len()
    );
    assert!(groups.windows(2).all(|w| w[0].worst >= w[1].worst));
    let text = report::render(&r, Format::Text);
    assert!(
        text.contains("FLOWS BY DATA, RECIPIENT, DESTINATION"),
        "{text}"
    );
    let html = report::render(&r, Format::Html);
    assert!(html.contains("<table class=\"groups\">"));
}

#[test]
#[ignore = "needs chromium and a release build: scripts/overview-check.sh"]
fn overview_sorts_and_filters_in_headless_chromium() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("dexflow-overview-{}.png", std::process::id()));
    let status = std::process::Command::new(root.join("scripts/overview-check.sh"))
        .arg(&out)
        .status()
        .expect("runs the script");
    assert!(status.success());
    assert!(std::fs::metadata(&out).unwrap().len() > 10_000);
    let _ = std::fs::remove_file(out);
}
