//! Component base classes are data (`component = ...` on a `[[class]]` of
//! `permission-maps/framework/android.toml`), not code: without a manifest, an app subclass of
//! a class marked `component = "activity"` is an activity and its lifecycle callbacks are entry
//! points; deleting that one line from a copy of the model makes them disappear.

use crate::callgraph_support::*;
use dexflow::callgraph::{self, CallGraphOptions};
use dexflow::hierarchy::{FrameworkModel, Hierarchy};

const BUNDLE: &str = "Landroid/os/Bundle;";

/// The bundled model, read from `permission-maps/framework/`, with `edit` applied to the text
/// of `android.toml`.
fn model_with(edit: impl Fn(&str) -> String) -> FrameworkModel {
    let dir = crate::util::repo().join("permission-maps/framework");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        // read by src/consts (constant-making calls), not part of the class model
        .filter(|p| !p.ends_with("constants.toml"))
        .collect();
    names.sort();
    let mut model = FrameworkModel::default();
    for p in names {
        let mut text = std::fs::read_to_string(&p).unwrap();
        if p.ends_with("android.toml") {
            text = edit(&text);
        }
        model.merge(FrameworkModel::from_toml(&p.display().to_string(), &text).unwrap());
    }
    model
}

/// Entry points (signatures) of an app with one Activity subclass and no manifest.
fn entry_points(fw: &FrameworkModel) -> Vec<String> {
    let mut pb = Pb::new();
    pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 2, vec![ret()])],
    );
    let (h, _) = Hierarchy::build(&mut pb.p, fw);
    let (cg, _) = callgraph::build(&pb.p, &h, None, &[], &CallGraphOptions::default());
    let mut v: Vec<String> = cg.entry_points.iter().map(|e| pb.sig(e.method)).collect();
    v.sort();
    v
}

#[test]
fn activity_base_comes_from_the_framework_model() {
    let on_create = "Lcom/ex/Main;->onCreate(Landroid/os/Bundle;)V".to_string();
    let unchanged = model_with(str::to_string);
    assert_eq!(unchanged, FrameworkModel::builtin().unwrap());
    assert!(entry_points(&unchanged).contains(&on_create));

    let line = "component = \"activity\"\n";
    let without = model_with(|t| {
        assert_eq!(t.matches(line).count(), 1);
        t.replace(line, "")
    });
    let entries = entry_points(&without);
    assert!(!entries.contains(&on_create), "{entries:?}");
}

#[test]
fn a_class_marked_as_component_base_in_the_data_becomes_one() {
    // mark a plain framework class as an activity base: its app subclasses become activities
    let on_create = "Lcom/ex/Main;->onCreate(Landroid/os/Bundle;)V".to_string();
    let moved = model_with(|t| {
        t.replace("component = \"activity\"\n", "").replace(
            "name = \"android.view.ContextThemeWrapper\"\n",
            "name = \"android.view.ContextThemeWrapper\"\ncomponent = \"activity\"\n",
        )
    });
    assert!(entry_points(&moved).contains(&on_create));
}
