//! One app from file to flows through the library stages (container -> manifest -> program ->
//! hierarchy -> call graph -> taint) as raw engine flows, for benchmarks and the sample golden
//! test; it opens and analyses through `analysis` like every command. Reports, and the
//! DroidBench gate that scores them, go through `scan::scan_app`; nothing here prints.
//!
//! Must never: stop at the first broken stage when a later one can still run (a missing
//! manifest still gives a call graph from class names), or hide a stage's diagnostics.

use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::apk::Limits;
use crate::callgraph::CallGraphOptions;
use crate::diag::Diagnostic;
use crate::hierarchy::framework::FrameworkModel;
use crate::maps::Models;

use crate::taint::{Flow, MapsModels, TaintOptions, TaintStatus, analyze};

/// Result for one input, in the shape of one `apps[]` element of `dexflow scan --format json`.
#[derive(Clone, Debug, Serialize)]
pub struct AppScan {
    pub input: String,
    pub package: Option<String>,
    /// `complete`, `partial` (taint timeout) or `error` (the container could not be opened)
    pub status: String,
    pub errors: Vec<String>,
    pub flows: Vec<Flow>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    pub timings: Vec<(&'static str, Duration)>,
}

/// Runs every stage on one file with the given models (already filtered to a rule set).
pub fn scan_app(
    path: &Path,
    models: &Models,
    framework: &FrameworkModel,
    options: &TaintOptions,
) -> AppScan {
    let mut scan = AppScan {
        input: path.display().to_string(),
        package: None,
        status: "error".into(),
        errors: Vec::new(),
        flows: Vec::new(),
        diagnostics: Vec::new(),
        timings: Vec::new(),
    };
    let t = Instant::now();
    // the one open-and-decode path of every command
    let mut app = match crate::analysis::open(path, &Limits::default()) {
        Ok(app) => app,
        Err(e) => {
            scan.errors.push(e.to_string());
            return scan;
        }
    };
    scan.timings.push(("decode", t.elapsed()));
    scan.package = app.manifest.as_ref().map(|m| m.package.clone());
    scan.diagnostics.extend(app.diagnostics.iter().cloned());
    let analyzed = crate::analysis::analyze(&mut app, framework, &CallGraphOptions::default());
    let facts = crate::scan::app_facts(&analyzed, models, app.manifest.as_ref());
    scan.diagnostics.extend(analyzed.diagnostics);
    scan.timings.extend(analyzed.timings);
    let t = Instant::now();
    let (program, hierarchy, cg) = (analyzed.program, analyzed.hierarchy, analyzed.callgraph);
    let ms = MapsModels::new(models, &hierarchy).with_app(facts);
    let result = analyze(&program, &cg, &ms, options);
    scan.timings.push(("taint", t.elapsed()));
    scan.diagnostics.extend(result.diagnostics);
    scan.flows = result.flows;
    scan.status = match result.status {
        TaintStatus::Complete => "complete".into(),
        TaintStatus::Partial => "partial".into(),
    };
    scan.errors.extend(
        scan.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .map(|d| format!("{}: {}", d.code, d.message)),
    );
    scan
}
