//! Timing of the `dexflow info` hot path on the largest real APK (16 dex files): counting
//! every instruction with `stats_all`, and for reference loading the whole `Program` and
//! lowering every body. Inflation is done first and not timed. `#[ignore]`d; run with
//! `cargo test --release --test tests -- --ignored --nocapture dex_perf::`.

use std::io::Read;
use std::time::Instant;

use dexflow::bytecode::{load_program, stats_all};

#[test]
#[ignore = "timing; needs ../shared/real-apks"]
fn stats_all_on_the_big_apk() {
    let apk = crate::util::shared_required("real-apks/appium-uiautomator2-server-v10.6.6.apk");
    let mut z = zip::ZipArchive::new(std::fs::File::open(&apk).unwrap()).unwrap();
    let mut dexes = Vec::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let Ok(name) = e.name().map(|n| n.to_string()) else {
            continue;
        };
        if name.starts_with("classes") && name.ends_with(".dex") {
            let mut b = Vec::new();
            e.read_to_end(&mut b).unwrap();
            dexes.push((name, b));
        }
    }
    assert_eq!(dexes.len(), 16);
    let mut best = f64::MAX;
    let mut totals = None;
    for _ in 0..5 {
        let t = Instant::now();
        let (per, tot) = stats_all(&dexes);
        best = best.min(t.elapsed().as_secs_f64());
        assert!(per.iter().all(|r| r.is_ok()));
        totals = Some(tot);
    }
    println!(
        "stats_all: 16 dex files, best of 5: {:.1} ms ({:?})",
        best * 1e3,
        totals.unwrap()
    );
    assert!(best < 0.3, "stats_all took {best} s");

    let t = Instant::now();
    let (p, stats, diags) = load_program(dexes.clone());
    let load = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut insns = 0usize;
    let (mut custom, mut lambdas, mut polymorphic) = (0, 0, 0);
    for c in &p.classes {
        for m in c.methods() {
            let Some(b) = p.body(m.id) else { continue };
            insns += b.insns.len();
            for i in &b.insns {
                match &i.op {
                    dexflow::bytecode::Op::InvokeCustom { site, .. } => {
                        custom += 1;
                        lambdas += site.implementation.is_some() as usize;
                    }
                    dexflow::bytecode::Op::Invoke {
                        kind: dexflow::bytecode::InvokeKind::Polymorphic,
                        ..
                    } => polymorphic += 1,
                    _ => {}
                }
            }
        }
    }
    println!(
        "invoke-custom: {custom} ({lambdas} with a lambda implementation), invoke-polymorphic: {polymorphic}"
    );
    assert_eq!(polymorphic, 111);
    println!(
        "load_program: {:.1} ms ({} classes, {} duplicates, {} diagnostics); lowering every body: {:.1} ms ({insns} insns)",
        load * 1e3,
        stats.classes,
        stats.duplicate_classes,
        diags.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
}
