//! From a decoded app to the program-wide view every analysis command shares: the `Program`
//! (all dex files, lazy bodies), the class hierarchy with the bundled framework model, and the
//! call graph from the app's entry points. Each stage is timed; nothing here fails as a whole —
//! problems become diagnostics and the stages after them still run.

use std::time::{Duration, Instant};

use crate::app::DecodedApp;
use crate::bytecode::{LoadStats, Program, load_program};
use crate::callgraph::{self, CallGraph, CallGraphOptions};
use crate::diag::Diagnostic;
use crate::hierarchy::Hierarchy;
use crate::hierarchy::framework::FrameworkModel;

pub struct Analyzed {
    pub program: Program,
    pub load_stats: LoadStats,
    pub hierarchy: Hierarchy,
    pub callgraph: CallGraph,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Loads the program and builds hierarchy and call graph. `app.dex` is moved into the program.
pub fn analyze(
    app: &mut DecodedApp,
    framework: &FrameworkModel,
    options: &CallGraphOptions,
) -> Analyzed {
    let mut timings = Vec::new();
    let mut diagnostics = Vec::new();
    let t = Instant::now();
    let (mut program, load_stats, diags) = load_program(std::mem::take(&mut app.dex));
    diagnostics.extend(diags);
    timings.push(("load", t.elapsed()));
    let t = Instant::now();
    let (hierarchy, diags) = Hierarchy::build(&mut program, framework);
    diagnostics.extend(diags);
    timings.push(("hierarchy", t.elapsed()));
    let t = Instant::now();
    let (callgraph, diags) = callgraph::build_with_resources(
        &program,
        &hierarchy,
        app.manifest.as_ref(),
        &app.layouts,
        options,
        app.resources.clone(),
    );
    diagnostics.extend(diags);
    timings.push(("callgraph", t.elapsed()));
    Analyzed {
        program,
        load_stats,
        hierarchy,
        callgraph,
        diagnostics,
        timings,
    }
}
