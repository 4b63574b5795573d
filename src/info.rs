//! `dexflow info`: a readable inventory of one app (package, SDK levels, permissions,
//! components, dex files with class/method/instruction counts, native libraries, anomalies).
//! Building it decodes every instruction of every dex file, so it doubles as a full parse check;
//! it opens the app through `analysis` like every other command, so its anomalies are theirs.

use serde::Serialize;

use std::path::Path;

use crate::analysis;
use crate::apk::{ApkError, Limits};
use crate::app::DecodedApp;
use crate::bytecode::stats::{self, DexStats, StatsTotals};
use crate::callgraph::CallGraphOptions;
use crate::dex::DexError;
use crate::diag::{Diagnostic, Severity};
use crate::hierarchy::framework::FrameworkModel;
use crate::manifest::Manifest;
use crate::native::NativeLib;

#[derive(Debug, Serialize)]
pub struct SdkPresence {
    pub id: String,
    pub name: String,
    pub company: String,
    pub kind: String,
    /// number of app classes under the SDK's package prefixes
    pub classes: usize,
}

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub input: String,
    pub kind: crate::apk::InputKind,
    pub manifest: Option<Manifest>,
    pub dex: Vec<DexStats>,
    pub totals: StatsTotals,
    pub native_libs: Vec<NativeLib>,
    pub sdks: Vec<SdkPresence>,
    pub anomalies: Vec<Diagnostic>,
}

impl AppInfo {
    pub fn has_errors(&self) -> bool {
        self.anomalies.iter().any(|d| d.severity == Severity::Error)
    }
}

/// The inventory of the app at `path`, through the same open-and-decode path as `scan` and
/// `callgraph` (`analysis`), so it reports the anomalies they warn about: those of the
/// container and decoding, of every dex file decoded instruction by instruction, and the
/// warnings and errors of loading, the class hierarchy and the call graph.
pub fn inspect(
    path: &Path,
    limits: &Limits,
    models: &crate::maps::Models,
    framework: &FrameworkModel,
) -> Result<AppInfo, ApkError> {
    let mut app = analysis::open(path, limits)?;
    let names: Vec<String> = app.dex.iter().map(|(n, _)| n.clone()).collect();
    // the analysis takes the dex buffers; decoding every instruction for the statistics runs
    // beside it on a copy (a memcpy of the dex files, against doubling the wall time)
    let dex = app.dex.clone();
    let options = CallGraphOptions::default();
    let (analyzed, (sdks, stats)) = rayon::join(
        || analysis::analyze(&mut app, framework, &options),
        || (sdk_presence(&dex, models), stats::stats_all(&dex)),
    );
    drop(dex);
    let analysis_anomalies = analyzed
        .diagnostics
        .into_iter()
        .filter(|d| d.severity >= Severity::Warning);
    Ok(collect(app, stats, &names, analysis_anomalies, sdks))
}

fn collect(
    app: DecodedApp,
    (per_dex, totals): (Vec<Result<DexStats, DexError>>, StatsTotals),
    dex_names: &[String],
    analysis_anomalies: impl Iterator<Item = Diagnostic>,
    sdks: Vec<SdkPresence>,
) -> AppInfo {
    let mut anomalies = app.diagnostics;
    let mut dex = Vec::with_capacity(per_dex.len());
    for (r, name) in per_dex.into_iter().zip(dex_names) {
        match r {
            Ok(s) => {
                if s.errors > 0 {
                    anomalies.push(
                        Diagnostic::warning(
                            "dex-partly-undecodable",
                            format!("{} class data or code items could not be decoded", s.errors),
                        )
                        .at(name.clone()),
                    );
                }
                dex.push(s)
            }
            Err(e) => {
                anomalies.push(Diagnostic::error("dex-unreadable", e.to_string()).at(name.clone()))
            }
        }
    }
    anomalies.extend(analysis_anomalies);
    AppInfo {
        input: app.input.display().to_string(),
        kind: app.kind,
        manifest: app.manifest,
        dex,
        totals,
        native_libs: app.native_libs,
        sdks,
        anomalies,
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Human-readable rendering.
pub fn render_text(info: &AppInfo, out: &mut String) {
    use std::fmt::Write;
    let _ = writeln!(out, "{} ({:?})", info.input, info.kind);
    if let Some(m) = &info.manifest {
        let _ = writeln!(out, "  package        {}", m.package);
        if let Some(l) = &m.label {
            let _ = writeln!(out, "  label          {l}");
        }
        let _ = writeln!(
            out,
            "  version        {} ({})",
            m.version_name.as_deref().unwrap_or("?"),
            m.version_code
                .map(|v| v.to_string())
                .unwrap_or_else(|| "?".into())
        );
        let sdk = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "  sdk            min {} target {}",
            sdk(m.min_sdk),
            sdk(m.target_sdk)
        );
        if let Some(a) = &m.application_class {
            let _ = writeln!(out, "  application    {a}");
        }
        if m.debuggable {
            let _ = writeln!(out, "  debuggable     yes");
        }
        let _ = writeln!(out, "  permissions    {}", m.uses_permissions.len());
        for p in &m.uses_permissions {
            match p.max_sdk_version {
                Some(v) => {
                    let _ = writeln!(out, "    {} (maxSdkVersion {v})", p.name);
                }
                None => {
                    let _ = writeln!(out, "    {}", p.name);
                }
            }
        }
        let _ = writeln!(out, "  components     {}", m.components.len());
        for c in &m.components {
            let kind = serde_json::to_value(c.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            let mut flags = vec![format!("exported={}", yes_no(c.exported))];
            if !c.enabled {
                flags.push("disabled".into());
            }
            let actions: Vec<&str> = c
                .intent_filters
                .iter()
                .flat_map(|f| f.actions.iter().map(|s| s.as_str()))
                .collect();
            if !actions.is_empty() {
                flags.push(format!("actions=[{}]", actions.join(", ")));
            }
            if !c.authorities.is_empty() {
                flags.push(format!("authorities=[{}]", c.authorities.join(", ")));
            }
            let _ = writeln!(out, "    {kind:<14} {} {}", c.name, flags.join(" "));
        }
    } else {
        let _ = writeln!(out, "  manifest       (none)");
    }
    let t = &info.totals;
    let _ = writeln!(
        out,
        "  dex            {} files, {} classes, {} methods, {} instructions, {} invokes",
        t.dex_files, t.classes, t.methods, t.instructions, t.invokes
    );
    for d in &info.dex {
        let _ = writeln!(
            out,
            "    {:<16} v{:03} {:>6} classes {:>7} methods {:>9} instructions {:>8} invokes",
            d.name, d.version, d.classes, d.methods, d.instructions, d.invokes
        );
    }
    let _ = writeln!(out, "  native libs    {}", info.native_libs.len());
    for n in &info.native_libs {
        let _ = writeln!(
            out,
            "    {} {} JNI exports={}{} network imports=[{}]",
            n.name,
            n.machine.as_deref().unwrap_or("?"),
            n.jni_exports.len(),
            if n.jni_onload { " +JNI_OnLoad" } else { "" },
            n.network_imports.join(", ")
        );
    }
    let _ = writeln!(out, "  sdks           {}", info.sdks.len());
    for s in &info.sdks {
        let _ = writeln!(
            out,
            "    {} ({}, {}) {} classes",
            s.name, s.company, s.kind, s.classes
        );
    }
    let _ = writeln!(out, "  anomalies      {}", info.anomalies.len());
    for a in &info.anomalies {
        let loc = a
            .location
            .as_deref()
            .map(|l| format!(" [{l}]"))
            .unwrap_or_default();
        let _ = writeln!(out, "    {:?} {}: {}{loc}", a.severity, a.code, a.message);
    }
}

/// Third-party SDKs present in the app: app classes counted under each SDK's package prefixes.
pub fn sdk_presence(dex: &[(String, Vec<u8>)], models: &crate::maps::Models) -> Vec<SdkPresence> {
    let mut names = Vec::new();
    for (_, bytes) in dex {
        for file in crate::dex::dex_files(bytes).flatten() {
            names.extend(
                file.class_defs()
                    .flatten()
                    .filter_map(|c| file.type_descriptor(c.class).ok()),
            );
        }
    }
    sdks_of_classes(names.iter().map(|n| &**n), models)
}

/// SDKs owning any of the given class descriptors, with the number of classes each owns,
/// sorted by SDK id.
pub fn sdks_of_classes<'a>(
    classes: impl Iterator<Item = &'a str>,
    models: &crate::maps::Models,
) -> Vec<SdkPresence> {
    models
        .sdk_class_counts(classes)
        .into_iter()
        .map(|(s, classes)| SdkPresence {
            id: s.id.to_string(),
            name: s.name.to_string(),
            company: s.company.to_string(),
            kind: s.kind.to_string(),
            classes,
        })
        .collect()
}
