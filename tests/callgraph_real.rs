//! The call graph on real apps: DroidBench reachability of source and sink call sites, and the
//! speed of entry points + call graph on a large multidex APK. Both read `../shared` in place
//! (never copied into the repo), so they are ignored by default and fail when it is missing. Run with
//! `cargo test --release --test tests -- --ignored --nocapture callgraph_real::`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use dexflow::apk::{self, Limits};
use dexflow::bytecode::{MethodId, Program, load_program};
use dexflow::callgraph::{self, CallGraph, CallGraphOptions};
use dexflow::hierarchy::{FrameworkModel, Hierarchy};

struct Analyzed {
    program: Program,
    h: Hierarchy,
    cg: CallGraph,
}

/// CPU seconds (user + system, all threads) used by this process so far; Linux only, 0 elsewhere.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // fields after the parenthesised command name: utime is the 12th, stime the 13th
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn analyze(path: &Path) -> Result<(Analyzed, [f64; 3]), String> {
    analyze_with(path, &CallGraphOptions::default())
}

fn analyze_with(path: &Path, options: &CallGraphOptions) -> Result<(Analyzed, [f64; 3]), String> {
    let container = apk::open(path, &Limits::default()).map_err(|e| e.to_string())?;
    let app = dexflow::app::decode(container);
    let t0 = Instant::now();
    let (mut program, _, _) = load_program(app.dex);
    let t1 = Instant::now();
    let c1 = cpu_seconds();
    let fw = FrameworkModel::builtin().map_err(|e| e.to_string())?;
    let (h, hd) = Hierarchy::build(&mut program, &fw);
    for d in &hd {
        eprintln!("  {}: {}", d.code, d.message);
    }
    let (cg, cd) = callgraph::build(&program, &h, app.manifest.as_ref(), &app.layouts, options);
    for d in &cd {
        eprintln!("  {}: {}", d.code, d.message);
    }
    let t2 = Instant::now();
    let times = [
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64(),
        cpu_seconds() - c1,
    ];
    Ok((Analyzed { program, h, cg }, times))
}

/// Source APIs of the DroidBench categories (a small built-in list for this check only).
const SOURCES: &[&str] = &[
    "Landroid/telephony/TelephonyManager;->getDeviceId",
    "Landroid/telephony/TelephonyManager;->getImei",
    "Landroid/telephony/TelephonyManager;->getSubscriberId",
    "Landroid/telephony/TelephonyManager;->getSimSerialNumber",
    "Landroid/telephony/TelephonyManager;->getLine1Number",
    "Landroid/location/LocationManager;->getLastKnownLocation",
    "Landroid/location/Location;->getLatitude",
    "Landroid/location/Location;->getLongitude",
    "Landroid/content/Intent;->getStringExtra",
    "Landroid/content/Intent;->getExtras",
    "Landroid/os/Bundle;->getString",
    "Landroid/widget/EditText;->getText",
    "Landroid/widget/TextView;->getText",
];
/// Callbacks whose parameter is the source: the app's override being reachable counts.
const SOURCE_CALLBACKS: &[&str] = &["onLocationChanged", "onActivityResult"];
const SINKS: &[&str] = &[
    "Landroid/telephony/SmsManager;->sendTextMessage",
    "Landroid/telephony/SmsManager;->sendMultipartTextMessage",
    "Landroid/telephony/SmsManager;->sendDataMessage",
    "Landroid/telephony/gsm/SmsManager;->sendTextMessage",
    "Ljava/lang/ProcessBuilder;->start",
    "Ljava/io/OutputStreamWriter;->append",
    "Ljava/io/OutputStreamWriter;->write",
    "Landroid/util/Log;",
    "Landroid/content/Context;->startActivity",
    "Landroid/app/Activity;->startActivity",
    "Landroid/app/Activity;->startActivityForResult",
    "Landroid/content/Context;->sendBroadcast",
    "Landroid/content/Context;->startService",
    "Landroid/app/Activity;->setResult",
    "Ljava/io/OutputStream;->write",
    "Ljava/io/FileOutputStream;->write",
    "Ljava/io/Writer;->write",
    "Ljava/lang/Runtime;->exec",
    "Ljava/net/URL;->openConnection",
    "Ljava/net/URLConnection;->getOutputStream",
];

fn sites(a: &Analyzed, apis: &[&str]) -> (usize, Vec<(MethodId, u32)>) {
    let mut total = 0;
    let mut reachable = Vec::new();
    for api in apis {
        for (caller, pc, _) in callgraph::output::call_sites_of(&a.program, &a.h, api) {
            // support-library code is not the app's own: its sites prove nothing
            let class = a.program.type_name(a.program.method(caller).class);
            if class.starts_with("Landroid/support/") || class.starts_with("Landroidx/") {
                continue;
            }
            total += 1;
            if a.cg.is_reachable(caller) {
                reachable.push((caller, pc));
            }
        }
    }
    (total, reachable)
}

fn callback_sources(a: &Analyzed) -> (usize, usize) {
    let mut total = 0;
    let mut reach = 0;
    for c in &a.program.classes {
        for d in c.methods() {
            let name = &*a.program.method(d.id).name;
            if SOURCE_CALLBACKS.contains(&name) {
                total += 1;
                if a.cg.is_reachable(d.id) {
                    reach += 1;
                }
            }
        }
    }
    (total, reach)
}

#[test]
#[ignore = "reads ../shared/droidbench; run with --ignored"]
fn droidbench_source_and_sink_sites_reachable() {
    let root = crate::util::shared_required("droidbench");
    let tsv = std::fs::read_to_string(root.join("ground_truth.tsv"))
        .unwrap_or_else(|e| panic!("{}/ground_truth.tsv: {e}", root.display()));
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (c_path, c_cat, c_sites) = (col("apk_path"), col("category"), col("leaking_sink_sites"));
    let excluded = [
        "ImplicitFlows",
        "Native",
        "DynamicLoading",
        "SelfModification",
    ];
    let (mut n, mut m, mut n_all, mut m_all) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let leaks: u32 = f.get(c_sites).and_then(|s| s.parse().ok()).unwrap_or(0);
        if leaks == 0 {
            continue;
        }
        let rel = f[c_path];
        let counted = !excluded.contains(&f[c_cat]);
        m_all += 1;
        if counted {
            m += 1;
        }
        let reason = match analyze(&root.join(rel)) {
            Err(e) => Some(format!("could not load: {e}")),
            Ok((a, _)) => {
                let (src_total, src_reach) = sites(&a, SOURCES);
                let (cb_total, cb_reach) = callback_sources(&a);
                let (sink_total, sink_reach) = sites(&a, SINKS);
                if src_total + cb_total == 0 {
                    Some("no source call site found".to_string())
                } else if src_reach.is_empty() && cb_reach == 0 {
                    Some(format!(
                        "{} source site(s), none reachable",
                        src_total + cb_total
                    ))
                } else if sink_total == 0 {
                    Some("no sink call site found".to_string())
                } else if sink_reach.is_empty() {
                    Some(format!("{sink_total} sink site(s), none reachable"))
                } else {
                    None
                }
            }
        };
        match reason {
            None => {
                n_all += 1;
                if counted {
                    n += 1;
                }
            }
            Some(r) => misses.push(format!(
                "{rel}{}: {r}",
                if counted { "" } else { " (excluded category)" }
            )),
        }
    }
    println!(
        "droidbench reach: {n} of {m} apps (excluding ImplicitFlows/Native/DynamicLoading/SelfModification); {n_all} of {m_all} overall"
    );
    for miss in &misses {
        println!("  miss: {miss}");
    }
    assert!(m > 0);
}

fn appium() -> PathBuf {
    crate::util::shared_required("real-apks/appium-uiautomator2-server-v10.6.6.apk")
}

fn report(mode: &str, a: &Analyzed, t: [f64; 3]) {
    println!(
        "appium ({mode}): {} classes, {} method refs, {} entry points, {} reachable, {} call \
         sites; load {:.3}s wall, hierarchy+callgraph {:.3}s wall / {:.2}s cpu",
        a.program.classes.len(),
        a.program.method_count(),
        a.cg.entry_points.len(),
        a.cg.reachable.len(),
        a.cg.targets.len(),
        t[0],
        t[1],
        t[2]
    )
}

fn library_mode() -> CallGraphOptions {
    CallGraphOptions {
        public_methods_as_entries: true,
        ..CallGraphOptions::default()
    }
}

/// `/usr/bin/time -v target/release/deps/callgraph_real-* --ignored --nocapture appium_speed_manifest`
#[test]
#[ignore = "reads ../shared/real-apks; measure in release mode"]
fn appium_speed_manifest() {
    let path = appium();
    let (a, t) = analyze(&path).unwrap();
    report("manifest entry points", &a, t);
    // the server is driven from an instrumentation APK: its manifest declares one receiver
    // and three test activities, so the reachable part is small
    assert!(a.cg.reachable.iter().any(|m| a.program.method_signature(*m)
        == "Lio/appium/uiautomator2/server/ServerInstrumentation$PowerConnectionReceiver;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V"));
}

/// Every public method an entry point: decodes and links nearly the whole app.
#[test]
#[ignore = "reads ../shared/real-apks; measure in release mode"]
fn appium_speed_library_mode() {
    let path = appium();
    let (big, t) = analyze_with(&path, &library_mode()).unwrap();
    report("every public method an entry point", &big, t);
    assert!(big.cg.reachable.len() > 50_000);
}

#[test]
#[ignore = "reads ../shared/real-apks"]
fn appium_same_graph_with_one_thread() {
    let path = appium();
    let (big, _) = analyze_with(&path, &library_mode()).unwrap();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let (b, _) = pool
        .install(|| analyze_with(&path, &library_mode()))
        .unwrap();
    assert_eq!(big.cg.sorted_sites(), b.cg.sorted_sites());
    assert_eq!(big.cg.entry_points, b.cg.entry_points);
    let mut ra: Vec<_> = big.cg.reachable.iter().collect();
    let mut rb: Vec<_> = b.cg.reachable.iter().collect();
    ra.sort();
    rb.sort();
    assert_eq!(ra, rb);
}
