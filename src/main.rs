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

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Text,
    Json,
    Jsonl,
    Sarif,
    Html,
    /// one HTML page, one sortable and filterable row per app (batch overview)
    Overview,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum MergeFormat {
    Json,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Rules {
    /// personal information (contacts, call log, SMS, accounts, phone number, device ids,
    /// location, social profile and friends) to network and other exfiltration sinks
    Privacy,
    /// every sensitive source to every leak sink (log, file, SMS, network, intents, ...)
    Broad,
}

#[derive(clap::Args)]
struct ScanArgs {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, value_enum, default_value_t = Rules::Privacy)]
    rules: Rules,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// write the report here instead of standard output
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Data safety CSV export, dexflow-disclosure.toml, or policy text (repeatable); without it,
    /// NAME.disclosure.toml / NAME.datasafety.csv / NAME.policy.txt|html beside NAME.apk are used
    #[arg(long)]
    disclosure: Vec<PathBuf>,
    /// privacy-policy text or HTML (repeatable), weaker evidence than a declaration
    #[arg(long)]
    policy: Vec<PathBuf>,
    /// exit 1 when a flow with this verdict or a more severe one is found:
    /// contradicted, undisclosed, shared-undeclared, vague, any, never
    #[arg(long, default_value = "undisclosed")]
    fail_on: String,
    /// whether a `partial` app (stopped by --timeout or an unconverged fixpoint, so flows may
    /// be missing) fails the run when --fail-on is active: fail, never
    #[arg(long, default_value = "fail")]
    fail_on_partial: String,
    /// a previous JSON report: flows whose fingerprint it contains are suppressed
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// taint-analysis budget per app in seconds (0: none); past it the app is reported as
    /// partial with the flows found so far, so one pathological app cannot stall a batch
    #[arg(long, default_value_t = 120)]
    timeout: u64,
    /// also follow implicit flows (values assigned under branches on tainted data)
    #[arg(long)]
    implicit: bool,
    /// longest field access path tracked
    #[arg(long, default_value_t = 5)]
    access_path_len: usize,
    /// add sources and sinks from a FlowDroid SourcesAndSinks.txt file
    #[arg(long)]
    sources_sinks: Option<PathBuf>,
    /// use this permission-maps directory instead of the built-in copy
    #[arg(long)]
    maps: Option<PathBuf>,
    /// apps analysed at once (default: all cores)
    #[arg(long)]
    jobs: Option<usize>,
    /// record per-stage timings (ms) in the report
    #[arg(long)]
    timings: bool,
    /// scan only shard I of N (0-based): the apps whose input path hashes to I
    /// (FNV-1a 64 mod N, docs/distributed.md); N processes with I = 0..N-1 cover every app once
    #[arg(long)]
    shard: Option<dexflow::shard::Shard>,
    #[command(flatten)]
    graph: GraphArgs,
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
    /// Find personal-information flows and compare them with what each app discloses
    Scan(Box<ScanArgs>),
    /// Merge JSON / JSON Lines reports (shards, retries) into one: one record per app, sorted,
    /// duplicates dropped (better status wins, then the file given first), summary recomputed
    Merge {
        /// merged report to write (`-` for standard output)
        out: PathBuf,
        /// reports written by `scan --format json|jsonl`
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// default: jsonl when OUT ends in `.jsonl`, else json
        #[arg(long, value_enum)]
        format: Option<MergeFormat>,
    },
    /// Flows added and removed between two JSON reports (e.g. two release builds)
    Diff {
        old: PathBuf,
        new: PathBuf,
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
    /// Print the documentation of a finding code (`DF101` or `contradicted-flow`); without
    /// one, list every code
    Explain { code: Option<String> },
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
        Command::Scan(args) => cmd_scan(&args),
        Command::Merge {
            out,
            inputs,
            format,
        } => cmd_merge(&out, &inputs, format),
        Command::Diff { old, new, format } => cmd_diff(&old, &new, format),
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
        Command::Explain { code } => cmd_explain(code.as_deref()),
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
    let framework = match dexflow::hierarchy::framework::FrameworkModel::builtin() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("dexflow: built-in framework model: {e}");
            return 2;
        }
    };
    let results: Vec<Result<dexflow::info::AppInfo, String>> = files
        .par_iter()
        .map(|path| {
            dexflow::info::inspect(path, &limits, &models, &framework).map_err(|e| e.to_string())
        })
        .collect();
    let mut infos = Vec::new();
    let mut errors = Vec::new();
    for (r, path) in results.into_iter().zip(&files) {
        match r {
            Ok(i) => {
                failed |= i.has_errors();
                infos.push(i)
            }
            Err(e) => {
                eprintln!("dexflow: {e}");
                errors.push(serde_json::json!({"input": path.display().to_string(), "error": e}));
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
                "errors": errors,
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
    let framework = match dexflow::hierarchy::framework::FrameworkModel::builtin() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("dexflow: built-in framework model: {e}");
            return None;
        }
    };
    let limits = Limits { max_inflate };
    let (app, analyzed) =
        match dexflow::analysis::open_and_analyze(path, &limits, &framework, &graph.options()) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("dexflow: {e}");
                return None;
            }
        };
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

fn cmd_explain(code: Option<&str>) -> u8 {
    use dexflow::codes;
    let Some(code) = code else {
        let list: String = codes::RULES
            .iter()
            .map(|r| format!("{} {:<24} {}\n", r.id, r.name, r.summary))
            .collect();
        emit(&list);
        return 0;
    };
    match codes::lookup(code) {
        Some(rule) => {
            emit(&codes::explain(rule));
            0
        }
        None => {
            eprintln!("dexflow: unknown finding code `{code}` (`dexflow explain` lists them)");
            2
        }
    }
}

fn warn(message: &str, location: Option<&str>) {
    match location {
        Some(l) => eprintln!("dexflow: warning: {message} ({l})"),
        None => eprintln!("dexflow: warning: {message}"),
    }
}

fn build_scan_config(args: &ScanArgs) -> Result<dexflow::scan::ScanConfig, String> {
    use dexflow::maps::{Models, RuleSet};
    let rule_set = match args.rules {
        Rules::Privacy => RuleSet::Privacy,
        Rules::Broad => RuleSet::Broad,
    };
    let mut models = match &args.maps {
        Some(dir) => Models::load_dir(dir, rule_set).map_err(|e| e.to_string())?,
        None => Models::builtin(rule_set).map_err(|e| format!("built-in permission maps: {e}"))?,
    };
    for w in models.warnings() {
        warn(&w.message, w.location.as_deref());
    }
    if let Some(file) = &args.sources_sinks {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let origin = file.display().to_string();
        let warnings = models
            .import_flowdroid(&text, &origin)
            .map_err(|e| e.to_string())?;
        for w in warnings {
            warn(&w.message, w.location.as_deref());
        }
    }
    let framework = dexflow::hierarchy::framework::FrameworkModel::builtin()
        .map_err(|e| format!("built-in framework model: {e}"))?;
    let disclosure = if args.disclosure.is_empty() && args.policy.is_empty() {
        None
    } else {
        let (mut d, warnings) = dexflow::disclosure::Disclosure::load_all(&args.disclosure)
            .map_err(|e| e.to_string())?;
        for w in warnings {
            warn(&w.message, w.location.as_deref());
        }
        for p in &args.policy {
            d.merge(dexflow::disclosure::load_policy(p).map_err(|e| e.to_string())?);
        }
        Some(d)
    };
    let taint = dexflow::taint::TaintOptions {
        rule_set,
        access_path_len: args.access_path_len.max(1),
        implicit: args.implicit,
        timeout: (args.timeout > 0).then(|| std::time::Duration::from_secs(args.timeout)),
        // `--maps DIR` brings its own libraries.toml
        library_prefixes: models
            .library_prefixes()
            .iter()
            .map(|p| p.to_string())
            .collect(),
        ..Default::default()
    };
    Ok(dexflow::scan::ScanConfig {
        models,
        framework,
        taint,
        limits: Limits {
            max_inflate: args.input.max_inflate,
        },
        callgraph: args.graph.options(),
        disclosure,
        timings: args.timings,
    })
}

fn open_output(path: &Option<PathBuf>) -> Result<Box<dyn Write + Send>, String> {
    match path {
        Some(p) => std::fs::File::create(p)
            .map(|f| Box::new(std::io::BufWriter::new(f)) as Box<dyn Write + Send>)
            .map_err(|e| format!("{}: cannot create: {e}", p.display())),
        None => Ok(Box::new(std::io::stdout())),
    }
}

fn cmd_scan(args: &ScanArgs) -> u8 {
    use dexflow::report::{self, Baseline, Format, JsonlWriter, Report, Tool, VerdictLevel};
    let started = std::time::Instant::now();
    let fail_on: VerdictLevel = match args.fail_on.parse() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("dexflow: --fail-on: {e}");
            return 2;
        }
    };
    let partial_policy: report::PartialPolicy = match args.fail_on_partial.parse() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("dexflow: --fail-on-partial: {e}");
            return 2;
        }
    };
    let cfg = match build_scan_config(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dexflow: {e}");
            return 2;
        }
    };
    let baseline = match &args.baseline {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("dexflow: {e}");
                return 2;
            }
        },
        None => None,
    };
    let (mut files, discovery_failed) = inputs(&args.input);
    if files.is_empty() {
        eprintln!("dexflow: no app found in the given paths");
        return 2;
    }
    if let Some(shard) = args.shard {
        // an empty shard is a valid, empty report: N may exceed the number of apps
        files.retain(|f| shard.contains(&f.display().to_string()));
    }
    let mut out = match open_output(&args.output) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("dexflow: {e}");
            return 2;
        }
    };

    let progress = progress_bar(files.len());
    let suppress = |app: dexflow::report::AppReport| -> dexflow::report::AppReport {
        match &baseline {
            Some(b) => {
                let mut r = Report::new(Tool::current(), vec![app]);
                b.apply(&mut r);
                r.apps
                    .pop()
                    .unwrap_or_else(|| dexflow::report::AppReport::failed("?", "lost"))
            }
            None => app,
        }
    };
    let run_one = |path: &PathBuf| {
        let app = suppress(dexflow::scan::scan_app(path, &cfg));
        if let Some(p) = &progress {
            p.inc(1);
        }
        app
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("dexflow: cannot start worker threads: {e}");
            return 2;
        }
    };

    let report = if args.format == ReportFormat::Jsonl {
        // stream: one line per app as soon as it is done, so an interrupted batch keeps results
        let writer = std::sync::Mutex::new(Some(JsonlWriter::new(out)));
        let apps: Vec<_> = pool.install(|| {
            files
                .par_iter()
                .map(|path| {
                    let app = run_one(path);
                    if let Ok(mut w) = writer.lock()
                        && let Some(w) = w.as_mut()
                        && let Err(e) = w.write_app(&app)
                        && e.kind() != std::io::ErrorKind::BrokenPipe
                    {
                        eprintln!("dexflow: cannot write output: {e}");
                    }
                    app
                })
                .collect()
        });
        if let Ok(mut w) = writer.lock()
            && let Some(w) = w.take()
        {
            let _ = w.finish(&Tool::current());
        }
        Report::new(Tool::current(), apps)
    } else {
        let apps: Vec<_> = pool.install(|| files.par_iter().map(run_one).collect());
        let report = Report::new(Tool::current(), apps);
        let format = match args.format {
            ReportFormat::Text => Format::Text,
            ReportFormat::Json => Format::Json,
            ReportFormat::Sarif => Format::Sarif,
            ReportFormat::Html => Format::Html,
            ReportFormat::Overview => Format::Overview,
            ReportFormat::Jsonl => Format::Jsonl,
        };
        let text = report::render(&report, format);
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            eprintln!("dexflow: cannot write output: {e}");
            return 2;
        }
        report
    };
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    for app in &report.apps {
        for e in &app.errors {
            eprintln!("dexflow: {e}");
        }
    }
    if files.len() > 1 || args.output.is_some() {
        let s = &report.summary;
        let verdicts: Vec<String> = s
            .by_verdict
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(v, n)| format!("{v} {n}"))
            .collect();
        eprintln!(
            "dexflow: {} apps ({} ok, {} partial, {} error), {} flows{}{}, {} findings, destinations: {}, {:.1} s",
            s.apps,
            s.apps_ok,
            s.apps_partial,
            s.apps_error,
            s.flows,
            if verdicts.is_empty() {
                String::new()
            } else {
                format!(" ({})", verdicts.join(", "))
            },
            if s.suppressed > 0 {
                format!(", {} suppressed by the baseline", s.suppressed)
            } else {
                String::new()
            },
            s.findings,
            report::text::host_share(s),
            started.elapsed().as_secs_f64()
        );
    }
    let code = report::exit_code(&report, fail_on, partial_policy);
    if discovery_failed {
        2
    } else {
        code.clamp(0, 2) as u8
    }
}

/// A progress bar on a terminal for batches; nothing when stderr is piped.
fn progress_bar(n: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if n < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} apps {elapsed_precise} eta {eta}",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

fn cmd_merge(out: &std::path::Path, inputs: &[PathBuf], format: Option<MergeFormat>) -> u8 {
    use dexflow::report::{json, merge};
    let mut files = Vec::new();
    let mut failed = false;
    for path in inputs {
        match merge::read_report(path) {
            Ok(f) => files.push(f),
            Err(e) => {
                eprintln!("dexflow: {e}");
                failed = true;
            }
        }
    }
    let merged = merge::merge(files);
    for w in &merged.warnings {
        warn(w, None);
    }
    let format = format.unwrap_or(if out.extension().is_some_and(|e| e == "jsonl") {
        MergeFormat::Jsonl
    } else {
        MergeFormat::Json
    });
    let text = match format {
        MergeFormat::Json => json::render(&merged.report),
        MergeFormat::Jsonl => json::render_jsonl(&merged.report),
    };
    if out.as_os_str() == "-" {
        emit(&text);
    } else if let Err(e) = std::fs::write(out, text) {
        eprintln!("dexflow: {}: cannot write: {e}", out.display());
        return 2;
    }
    let s = &merged.report.summary;
    eprintln!(
        "dexflow: merged {} reports: {} apps ({} ok, {} partial, {} error), {} flows, {} duplicate records dropped",
        inputs.len(),
        s.apps,
        s.apps_ok,
        s.apps_partial,
        s.apps_error,
        s.flows,
        merged.duplicates
    );
    if failed { 2 } else { 0 }
}

fn cmd_diff(old: &std::path::Path, new: &std::path::Path, format: InfoFormat) -> u8 {
    use dexflow::report::baseline::load_report;
    let (old, new) = match (load_report(old), load_report(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("dexflow: {e}");
            return 2;
        }
    };
    let d = dexflow::report::diff(&old, &new);
    let text = match format {
        InfoFormat::Text => d.render_text(),
        InfoFormat::Json => serde_json::to_string_pretty(&d).unwrap_or_default() + "\n",
    };
    emit(&text);
    if d.added.is_empty() { 0 } else { 1 }
}
