//! The one open-and-decode path of every command (`scan`, `callgraph`, `reach`, `info`): the
//! container and its decoding (`open`), then the program-wide view they share (`analyze`): the
//! `Program` (all dex files, lazy bodies), the class hierarchy with the bundled framework model,
//! and the call graph from the app's entry points. Because every command goes through here, they
//! report the same anomalies for the same app. Each stage is timed; nothing here fails as a
//! whole — past a readable container, problems become diagnostics and the stages after them
//! still run. No command may open or decode an app another way.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::apk::{self, ApkError, Limits};
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

/// Reads the container at `path` and decodes everything but the bytecode (manifest, layouts,
/// resources, native libraries, dex buffers).
pub fn open(path: &Path, limits: &Limits) -> Result<DecodedApp, ApkError> {
    Ok(crate::app::decode(apk::open(path, limits)?))
}

/// `open`, then `analyze`: the decoded app (its dex moved into the program) and the analysis.
pub fn open_and_analyze(
    path: &Path,
    limits: &Limits,
    framework: &FrameworkModel,
    options: &CallGraphOptions,
) -> Result<(DecodedApp, Analyzed), ApkError> {
    let mut app = open(path, limits)?;
    let analyzed = analyze(&mut app, framework, options);
    Ok((app, analyzed))
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
