//! Hostile text never panics the map code: FlowDroid import of arbitrary lines, and lookups,
//! URI classification and SDK attribution with arbitrary strings.

use std::sync::OnceLock;

use dexflow::maps::{Models, RuleSet};
use proptest::prelude::*;

fn models() -> &'static Models {
    static M: OnceLock<Models> = OnceLock::new();
    M.get_or_init(|| Models::builtin(RuleSet::Broad).unwrap())
}

fn flowdroidish() -> impl Strategy<Value = String> {
    // fragments of the real syntax glued together, plus arbitrary text
    let piece = prop_oneof![
        Just("<".to_string()),
        Just(">".to_string()),
        Just(": ".to_string()),
        Just("->".to_string()),
        Just(" _SOURCE_".to_string()),
        Just(" _SINK_".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(",".to_string()),
        Just("[]".to_string()),
        Just("% [location]\n".to_string()),
        Just("\n".to_string()),
        Just("java.lang.String".to_string()),
        Just("void".to_string()),
        "[a-zA-Z.$_ ]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn flowdroid_import_never_panics(text in flowdroidish()) {
        let mut m = models().clone();
        let before = m.stats();
        match m.import_flowdroid(&text, "fuzz.txt") {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(!e.errors.is_empty());
                prop_assert_eq!(m.stats(), before);
            }
        }
    }

    #[test]
    fn lookups_never_panic(class in any::<String>(), sub in any::<String>()) {
        let m = models();
        let _ = m.lookup(&class, &sub);
        let _ = m.lookup_suffix(&class, &sub);
        let _ = m.classify_uri(&class);
        let _ = m.classify_uri(&format!("content://{sub}"));
        let _ = m.sdk_for_class(&class);
        let _ = m.uri_field(&class);
        let _ = m.permissions_for(&sub);
        let _ = m.lookup_suffix(&format!("L{class}/okhttp3/Call;"), &sub);
    }
}
