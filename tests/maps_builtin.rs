//! The embedded `permission-maps/` load cleanly for both rule sets and answer the lookups the
//! taint engine and the reporter depend on.

use dexflow::maps::{Models, Port, RuleSet, SourceKind, UriConfidence};

fn load(rules: RuleSet) -> Models {
    match Models::builtin(rules) {
        Ok(m) => m,
        Err(e) => panic!("builtin maps do not load:\n{e}"),
    }
}

#[test]
fn builtin_loads_without_warnings() {
    for rules in [RuleSet::Privacy, RuleSet::Broad] {
        let m = load(rules);
        assert!(m.warnings().is_empty(), "{rules:?}: {:#?}", m.warnings());
        let s = m.stats();
        assert!(s.sources > 100 && s.sinks > 100 && s.propagations > 100, "{s:?}");
        assert!(s.sdks >= 45, "{s:?}");
    }
}
