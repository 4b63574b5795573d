//! The `dexflow` command line: flags, exit codes and printing only. The analysis lives in the
//! library; one bad input prints a message naming the file, sets exit code 2, and the run goes on.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use dexflow::apk::{self, Limits};

#[derive(Parser)]
#[command(
    name = "dexflow",
    version,
    about = "Personal-information flows in Android apps, checked against what the app discloses"
)]
struct Cli {
    /// worker threads (default: all cores); `--threads 1` reproduces any run exactly
    #[arg(long, global = true)]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum InfoFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum GraphFormat {
    Dot,
    Json,
    /// counts and stage timings only
    Stats,
}

#[derive(clap::Args)]
struct GraphArgs {
    /// treat every public method of every app class as an entry point (libraries, SDKs, apps
    /// driven from an instrumentation APK)
    #[arg(long)]
    all_public_entries: bool,
}

impl GraphArgs {
    fn options(&self) -> dexflow::callgraph::CallGraphOptions {
        dexflow::callgraph::CallGraphOptions {
            public_methods_as_entries: self.all_public_entries,
            ..Default::default()
        }
    }
}

#[derive(clap::Args)]
struct InputArgs {
    /// APK, AAB, split set (.apks/.xapk), bare .dex, or a directory (scanned recursively)
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// cap on inflated bytes read from one app (zip-bomb guard)
    #[arg(long, default_value_t = 2 << 30)]
    max_inflate: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Summarize apps: package, SDK levels, permissions, components, dex, native libs, anomalies
    Info {
        #[command(flatten)]
        input: InputArgs,
        #[arg(long, value_enum, default_value_t = InfoFormat::Text)]
        format: InfoFormat,
    },
    /// Print the call graph from the app's entry points (filter it to stay readable)
    Callgraph {
        /// one app
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
        /// only what is reachable from methods matching this (Dalvik signature or prefix)
        #[arg(long)]
        from: Option<String>,
        /// only paths that reach call sites of this API
        #[arg(long)]
        to: Option<String>,
        #[command(flatten)]
        graph: GraphArgs,
        #[arg(long, default_value_t = 2 << 30)]
        max_inflate: u64,
    },
    /// For every call site of an API: the shortest entry point -> ... -> call site chain, or why
    /// none is reachable
    Reach {
        path: PathBuf,
        /// API in Dalvik form, e.g. `Landroid/telephony/TelephonyManager;->getDeviceId` (prefix allowed)
        #[arg(long)]
        api: String,
        #[arg(long, value_enum, default_value_t = InfoFormat::Text)]
        format: InfoFormat,
        #[command(flatten)]
        graph: GraphArgs,
        #[arg(long, default_value_t = 2 << 30)]
        max_inflate: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let code = match cli.command {
        Command::Info { input, format } => cmd_info(&input, format),
        Command::Callgraph {
            path,
            format,
            from,
            to,
            graph,
            max_inflate,
        } => cmd_callgraph(
            &path,
            max_inflate,
            &graph,
            format,
            dexflow::callgraph::Filter { from, to },
        ),
        Command::Reach {
            path,
            api,
            format,
            graph,
            max_inflate,
        } => cmd_reach(&path, max_inflate, &graph, &api, format),
    };
    ExitCode::from(code)
}

/// Expands directories; prints discovery problems; returns the app files.
fn inputs(args: &InputArgs) -> (Vec<PathBuf>, bool) {
    let (files, diags) = apk::discover(&args.paths);
    for d in &diags {
        eprintln!(
            "dexflow: {}{}",
            d.message,
            d.location
                .as_deref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default()
        );
    }
    let failed = diags
        .iter()
        .any(|d| d.severity == dexflow::diag::Severity::Error);
    (files, failed)
}

/// Writes to stdout; a closed pipe (e.g. `| head`) ends the run quietly.
fn emit(text: &str) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => false,
        Err(e) => {
            eprintln!("dexflow: cannot write output: {e}");
            false
        }
    }
}

fn cmd_info(args: &InputArgs, format: InfoFormat) -> u8 {
    let (files, mut failed) = inputs(args);
    let limits = Limits {
        max_inflate: args.max_inflate,
    };
    let models = match dexflow::maps::Models::builtin(dexflow::maps::RuleSet::Privacy) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("dexflow: built-in permission maps: {e}");
            return 2;
        }
    };
    let results: Vec<Result<dexflow::info::AppInfo, String>> = files
        .par_iter()
        .map(|path| {
            let container = apk::open(path, &limits).map_err(|e| e.to_string())?;
            let app = dexflow::app::decode(container);
            let sdks = dexflow::info::sdk_presence(&app.dex, &models);
            Ok(dexflow::info::collect(app, sdks))
        })
        .collect();
    let mut infos = Vec::new();
    for r in results {
        match r {
            Ok(i) => {
                failed |= i.has_errors();
                infos.push(i)
            }
            Err(e) => {
                eprintln!("dexflow: {e}");
                failed = true;
            }
        }
    }
    let text = match format {
        InfoFormat::Text => {
            let mut s = String::new();
            for i in &infos {
                dexflow::info::render_text(i, &mut s);
            }
            s
        }
        InfoFormat::Json => {
            let v = serde_json::json!({
                "tool": {"name": "dexflow", "version": env!("CARGO_PKG_VERSION")},
                "apps": infos,
            });
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
    };
    emit(&text);
    if failed { 2 } else { 0 }
}

/// Opens one app and builds program, hierarchy and call graph; prints why it cannot.
fn analyze_one(
    path: &std::path::Path,
    max_inflate: u64,
    graph: &GraphArgs,
) -> Option<dexflow::analysis::Analyzed> {
    let container = match apk::open(path, &Limits { max_inflate }) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dexflow: {e}");
            return None;
        }
    };
    let framework = match dexflow::hierarchy::framework::FrameworkModel::builtin() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("dexflow: built-in framework model: {e}");
            return None;
        }
    };
    let mut app = dexflow::app::decode(container);
    let analyzed = dexflow::analysis::analyze(&mut app, &framework, &graph.options());
    for d in app.diagnostics.iter().chain(&analyzed.diagnostics) {
        if d.severity >= dexflow::diag::Severity::Warning {
            eprintln!("dexflow: {}: {}: {}", path.display(), d.code, d.message);
        }
    }
    Some(analyzed)
}

fn cmd_callgraph(
    path: &std::path::Path,
    max_inflate: u64,
    graph: &GraphArgs,
    format: GraphFormat,
    filter: dexflow::callgraph::Filter,
) -> u8 {
    let Some(a) = analyze_one(path, max_inflate, graph) else {
        return 2;
    };
    let text = match format {
        GraphFormat::Dot => {
            dexflow::callgraph::to_dot(&a.program, &a.hierarchy, &a.callgraph, &filter)
        }
        GraphFormat::Json => {
            let v = dexflow::callgraph::to_json(&a.program, &a.hierarchy, &a.callgraph, &filter);
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
        GraphFormat::Stats => {
            let cg = &a.callgraph;
            let edges: usize = cg.targets.values().map(|t| t.len()).sum();
            let mut s = format!(
                "methods in program {}\nclasses {}\nentry points {}\nreachable methods {}\ncall sites {}\nedges {}\n",
                a.program.method_count(),
                a.program.classes.len(),
                cg.entry_points.len(),
                cg.reachable.len(),
                cg.targets.len(),
                edges
            );
            for (stage, d) in &a.timings {
                s.push_str(&format!("time {stage} {:.3} s\n", d.as_secs_f64()));
            }
            s
        }
    };
    emit(&text);
    0
}

fn cmd_reach(
    path: &std::path::Path,
    max_inflate: u64,
    graph: &GraphArgs,
    api: &str,
    format: InfoFormat,
) -> u8 {
    let Some(a) = analyze_one(path, max_inflate, graph) else {
        return 2;
    };
    let results = dexflow::callgraph::reach(&a.program, &a.hierarchy, &a.callgraph, api);
    let text = match format {
        InfoFormat::Json => serde_json::to_string_pretty(&results).unwrap_or_default() + "\n",
        InfoFormat::Text => dexflow::callgraph::render_reach_text(&results),
    };
    emit(&text);
    0
}
