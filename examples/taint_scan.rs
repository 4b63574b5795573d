//! `dexflow scan --format json` stand-in until the CLI is wired: runs the library pipeline on
//! each input and prints the same JSON shape. Usage:
//! `taint_scan [--rules broad|privacy] [--threads N] [--timeout SECS] [--timings] PATH...`

use std::path::PathBuf;
use std::time::Duration;

use dexflow::hierarchy::framework::FrameworkModel;
use dexflow::maps::{Models, RuleSet};
use dexflow::taint::TaintOptions;
use dexflow::taint::pipeline::scan_app;

fn main() {
    let mut rules = RuleSet::Privacy;
    let mut opts = TaintOptions::default();
    let mut timings = false;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rules" => {
                rules = match args.next().as_deref() {
                    Some("broad") => RuleSet::Broad,
                    _ => RuleSet::Privacy,
                }
            }
            "--threads" => opts.threads = args.next().and_then(|n| n.parse().ok()),
            "--timeout" => {
                opts.timeout = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .map(Duration::from_secs_f64)
            }
            "--implicit" => opts.implicit = true,
            "--all-code" => opts.library_prefixes.clear(),
            "--timings" => timings = true,
            _ => paths.push(PathBuf::from(a)),
        }
    }
    opts.rule_set = rules;
    let models = match Models::builtin(rules) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("models: {e}");
            std::process::exit(2);
        }
    };
    let framework = match FrameworkModel::builtin() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("framework model: {e:?}");
            std::process::exit(2);
        }
    };
    let mut apps = Vec::new();
    for p in &paths {
        let s = scan_app(p, &models, &framework, &opts);
        if timings {
            for (stage, d) in &s.timings {
                eprintln!("{}\t{stage}\t{:.3}s", p.display(), d.as_secs_f64());
            }
        }
        apps.push(s);
    }
    let out = serde_json::json!({
        "tool": {"name": "dexflow", "version": env!("CARGO_PKG_VERSION")},
        "apps": apps,
    });
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
}
