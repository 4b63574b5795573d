//! Disclosure parsers take untrusted files: they must return, never panic, on any input.

use dexflow::disclosure::{csv, file, policy};
use proptest::prelude::*;

const CSV_HEADER: &str = "Question ID (machine readable),Response ID (machine readable),Response value,Answer requirement,Human-friendly question label\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn csv_never_panics(body in "[\"a-zA-Z_:,\\r\\n ]{0,300}") {
        let _ = csv::parse(&body, "f.csv");
        let _ = csv::parse(&format!("{CSV_HEADER}{body}"), "f.csv");
    }

    #[test]
    fn csv_rows_from_known_ids_never_panic(
        rows in prop::collection::vec(
            (prop::sample::select(vec!["PSL_DATA_TYPES_CONTACTS", "PSL_DATA_USAGE_RESPONSES:PSL_CONTACTS:PSL_DATA_USAGE_COLLECTION_AND_SHARING", "PSL_DATA_USAGE_RESPONSES:PSL_X:DATA_USAGE_COLLECTION_PURPOSE", "PSL_DATA_USAGE_RESPONSES:", "PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA", "X"]),
             prop::sample::select(vec!["PSL_CONTACTS", "PSL_DATA_USAGE_ONLY_SHARED", "PSL_ANALYTICS", "", "PSL_PHONE_NUMBER"]),
             prop::sample::select(vec!["TRUE", "FALSE", "", "maybe"])),
            0..20)
    ) {
        let mut text = CSV_HEADER.to_string();
        for (q, r, v) in rows {
            text.push_str(&format!("{q},{r},{v},REQUIRED,label\n"));
        }
        let (d, _) = csv::parse(&text, "f.csv").unwrap();
        for x in &d.declarations {
            prop_assert!(x.collected || x.shared);
        }
    }

    #[test]
    fn toml_never_panics(body in "[\\[\\]a-z_=\"\\n .*,0-9]{0,200}") {
        let _ = file::parse(&body, "f.toml");
    }

    #[test]
    fn policy_never_panics(body in "\\PC{0,300}") {
        let _ = policy::parse_text(&body, "p.txt");
        let _ = policy::parse_html(&body, "p.html");
    }

    #[test]
    fn html_strip_keeps_line_numbers(body in "[<>/!\\-&;a-zA-Z通讯录。 \\n]{0,300}") {
        // no numeric entities in the alphabet, so every newline comes from the input
        let text = policy::strip_html(&body);
        prop_assert_eq!(text.matches('\n').count(), body.matches('\n').count());
        let _ = policy::parse_html(&body, "p.html");
    }
}

/// Pathological but cheap-to-make inputs: thousands of script tags, one endless sentence.
/// A quadratic strip or sentence splitter would take minutes here.
#[test]
fn large_hostile_policies_stay_linear() {
    let started = std::time::Instant::now();
    let scripts = "<script>x</script>".repeat(60_000);
    let _ = policy::parse_html(&scripts, "p.html");
    let unclosed = "<script>".repeat(60_000);
    let _ = policy::parse_html(&unclosed, "p.html");
    let endless = "we share your contacts ".repeat(50_000);
    let d = policy::parse_text(&endless, "p.txt");
    assert_eq!(d.policy.len(), 1);
    assert!(d.policy[0].sentence.chars().count() <= 400);
    let rows = "PSL_X,Y,TRUE,OPTIONAL,\"a,\"\"b\"\"\"\n".repeat(50_000);
    let (_, warnings) = csv::parse(&format!("{CSV_HEADER}{rows}"), "f.csv").unwrap();
    assert_eq!(warnings.len(), 50_000);
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}
