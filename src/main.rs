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
    let results: Vec<Result<dexflow::info::AppInfo, String>> = files
        .par_iter()
        .map(|path| {
            let container = apk::open(path, &limits).map_err(|e| e.to_string())?;
            let app = dexflow::app::decode(container);
            Ok(dexflow::info::collect(app, Vec::new()))
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
