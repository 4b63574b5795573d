//! The call graph on the committed sample apps: every method listed under `[reachable]
//! methods` in `sample-apks/*.expected.toml` is reachable, every `unreachable` one is not.

use std::path::Path;

use dexflow::apk::{self, Limits};
use dexflow::bytecode::{MethodId, load_program};
use dexflow::callgraph::{self, CallGraphOptions};
use dexflow::hierarchy::{FrameworkModel, Hierarchy};

#[derive(serde::Deserialize)]
struct Expected {
    reachable: Option<Reachable>,
}

#[derive(serde::Deserialize)]
struct Reachable {
    #[serde(default)]
    methods: Vec<String>,
    #[serde(default)]
    unreachable: Vec<String>,
}

#[test]
fn sample_apps_reachable_lists() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-apks");
    let mut specs: Vec<_> = std::fs::read_dir(&dir)
        .expect("sample-apks/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.toml"))
        .collect();
    specs.sort();
    let fw = FrameworkModel::builtin().unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for spec in specs {
        let text = std::fs::read_to_string(&spec).unwrap();
        let exp: Expected =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        let Some(reach) = exp.reachable else { continue };
        let apk_path = spec.to_string_lossy().replace(".expected.toml", ".apk");
        let container = apk::open(Path::new(&apk_path), &Limits::default()).unwrap();
        let app = dexflow::app::decode(container);
        let (mut program, _, _) = load_program(app.dex);
        let (h, _) = Hierarchy::build(&mut program, &fw);
        let (cg, _) = callgraph::build(
            &program,
            &h,
            app.manifest.as_ref(),
            &app.layouts,
            &CallGraphOptions::default(),
        );
        let by_sig = |sig: &str| -> Option<MethodId> {
            (0..program.method_count() as u32)
                .map(MethodId)
                .find(|m| program.method_signature(*m) == sig)
        };
        let name = spec.file_name().unwrap().to_string_lossy().to_string();
        for m in &reach.methods {
            checked += 1;
            match by_sig(m) {
                Some(id) if cg.is_reachable(id) => {}
                Some(_) => failures.push(format!("{name}: {m} not reachable")),
                None => failures.push(format!("{name}: {m} not in the program")),
            }
        }
        for m in &reach.unreachable {
            checked += 1;
            if let Some(id) = by_sig(m)
                && cg.is_reachable(id)
            {
                failures.push(format!("{name}: {m} reachable but listed unreachable"));
            }
        }
    }
    assert!(checked > 0, "no [reachable] lists found");
    assert!(
        failures.is_empty(),
        "{} of {checked} checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
