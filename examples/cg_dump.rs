//! Debug aid: entry points and non-direct call edges of one app, as the taint engine sees them.
use dexflow::bytecode::load_program;
use dexflow::callgraph::{self, CallGraphOptions};
use dexflow::hierarchy::Hierarchy;
use dexflow::hierarchy::framework::FrameworkModel;

fn main() {
    for p in std::env::args().skip(1) {
        let Ok(c) = dexflow::apk::open(std::path::Path::new(&p), &Default::default()) else {
            continue;
        };
        let app = dexflow::app::decode(c);
        let (mut program, _, _) = load_program(app.dex.clone());
        let Ok(fw) = FrameworkModel::builtin() else {
            return;
        };
        let (h, _) = Hierarchy::build(&mut program, &fw);
        let (cg, _) = callgraph::build(
            &program,
            &h,
            app.manifest.as_ref(),
            &app.layouts,
            &CallGraphOptions::default(),
        );
        let mut eps: Vec<String> = cg
            .entry_points
            .iter()
            .map(|e| format!("entry {:?} {}", e.kind, program.method_signature(e.method)))
            .filter(|s| !s.contains("Landroid/support"))
            .collect();
        eps.sort();
        for e in eps {
            println!("{e}");
        }
        for ((m, pc), ts) in cg.sorted_sites() {
            for t in ts {
                if !matches!(
                    t.kind,
                    callgraph::EdgeKind::Direct | callgraph::EdgeKind::Virtual
                ) {
                    let s = program.method_signature(m);
                    if !s.contains("Landroid/support") {
                        println!(
                            "edge {s}@{pc} -{:?}-> {}",
                            t.kind,
                            program.method_signature(t.method)
                        );
                    }
                }
            }
        }
    }
}
