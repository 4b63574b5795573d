//! Golden files for every format, from the hand-made two-app report.
//! Regenerate with `UPDATE_EXPECT=1 cargo test --test tests report_golden::`.

use crate::report_common::{check_golden, sample_report};
use dexflow::report::{self, Format};

#[test]
fn text_golden() {
    check_golden(
        "sample.expected.txt",
        &report::render(&sample_report(), Format::Text),
    );
}

#[test]
fn json_golden() {
    check_golden(
        "sample.expected.json",
        &report::render(&sample_report(), Format::Json),
    );
}

#[test]
fn jsonl_golden() {
    check_golden(
        "sample.expected.jsonl",
        &report::render(&sample_report(), Format::Jsonl),
    );
}

#[test]
fn sarif_golden() {
    check_golden(
        "sample.expected.sarif",
        &report::render(&sample_report(), Format::Sarif),
    );
}

#[test]
fn html_golden() {
    check_golden(
        "sample.expected.html",
        &report::render(&sample_report(), Format::Html),
    );
}

#[test]
fn hostile_strings_are_inert() {
    let r = sample_report();
    let html = report::render(&r, Format::Html);
    assert!(
        !html.contains("<script>"),
        "raw <script> from a class name reached the HTML"
    );
    assert!(html.contains("&lt;script&gt;alert(1)"));
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "HTML must load nothing"
    );
    let text = report::render(&r, Format::Text);
    assert!(
        !text.contains('\u{1b}'),
        "terminal escape reached the text output"
    );
    assert!(text.contains("\\u{1b}[31m"));
    for line in report::render(&r, Format::Jsonl).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("each JSONL line is one JSON value");
    }
}

#[test]
fn output_is_deterministic_regardless_of_input_order() {
    let a = sample_report();
    let mut apps = a.apps.clone();
    apps.reverse();
    for app in &mut apps {
        app.flows.reverse();
    }
    let b = dexflow::report::Report::new(a.tool.clone(), apps);
    assert_eq!(
        report::render(&a, Format::Json),
        report::render(&b, Format::Json)
    );
}
