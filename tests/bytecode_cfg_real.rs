//! The shared CFG and constant propagation are well-formed on every method body of the real
//! APKs in `../shared/real-apks` (read in place; when missing
//! they are not checked, with a message, or fail with `CI` set): blocks
//! partition the body, every edge leads to the block starting at its target, exceptional
//! edges leave only throwing instructions covered by a try and reach that try's handlers,
//! constant propagation only removes edges, and every reaching definition writes the register
//! it reaches. The small apps run by default; the 18 MB one with
//! `scripts/cfg-check.sh` (release, `--ignored`).

use std::path::{Path, PathBuf};

use dexflow::apk::{self, Limits};
use dexflow::bytecode::cfg::{Cfg, EdgeKind, may_throw};
use dexflow::bytecode::consts::{Consts, ProgramEnv};
use dexflow::bytecode::defuse::{DefSite, DefUse, defined, used};
use dexflow::bytecode::{Body, Op, load_program};

#[derive(Default, Debug)]
struct Tally {
    methods: usize,
    blocks: usize,
    dead_blocks: usize,
    edges: usize,
    pruned_edges: usize,
    exc_insns: usize,
    exc_insns_pruned: usize,
}

fn check_body(name: &str, body: &Body, this_reg: Option<u16>, env: &ProgramEnv<'_>, t: &mut Tally) {
    let cfg = Cfg::build(body);
    let n = body.insns.len();
    if n == 0 {
        assert!(cfg.is_empty(), "{name}: empty body with blocks");
        return;
    }
    // blocks partition the instructions, in order
    assert_eq!(cfg.blocks[0].start, 0, "{name}");
    assert_eq!(cfg.blocks.last().unwrap().end as usize, n, "{name}");
    for (b, w) in cfg.blocks.windows(2).enumerate() {
        assert!(w[0].start < w[0].end, "{name}: empty block {b}");
        assert_eq!(w[0].end, w[1].start, "{name}: gap after block {b}");
    }
    for (b, blk) in cfg.blocks.iter().enumerate() {
        for i in blk.range() {
            assert_eq!(cfg.block_of(i), Some(b as u32), "{name}: insn {i}");
        }
        let last = &body.insns[blk.end as usize - 1];
        for &(s, kind) in cfg.succs(b as u32) {
            let sb = cfg.blocks[s as usize];
            let start_pc = body.insns[sb.start as usize].pc;
            match (&last.op, kind) {
                (_, EdgeKind::Fall) => {
                    assert_eq!(sb.start, blk.end, "{name}: fall-through of block {b}")
                }
                (Op::Goto { target }, EdgeKind::Goto)
                | (Op::If { target, .. }, EdgeKind::Taken) => {
                    assert_eq!(start_pc, *target, "{name}: branch of block {b}")
                }
                (Op::Switch { targets, .. }, EdgeKind::Case(key)) => {
                    assert!(
                        targets.iter().any(|&(k, pc)| k == key && pc == start_pc),
                        "{name}: case {key} of block {b}"
                    )
                }
                (op, k) => panic!("{name}: edge {k:?} after {op:?}"),
            }
            if matches!(
                last.op,
                Op::Return { .. } | Op::ReturnVoid | Op::Throw { .. } | Op::Goto { .. }
            ) {
                assert_ne!(kind, EdgeKind::Fall, "{name}: falls after {:?}", last.op);
            }
        }
    }
    // exceptional edges: from throwing instructions inside a try, to that try's handlers;
    // every handler of a try holding a throwing instruction is reached
    let mut reached = std::collections::BTreeSet::new();
    for (i, insn) in body.insns.iter().enumerate() {
        let hs = cfg.handlers(i);
        if hs.is_empty() {
            continue;
        }
        assert!(may_throw(&insn.op), "{name}: {:?} has handlers", insn.op);
        let tb = body
            .tries
            .iter()
            .find(|tb| tb.start_pc <= insn.pc && insn.pc < tb.end_pc)
            .unwrap_or_else(|| panic!("{name}: pc {} has handlers outside a try", insn.pc));
        for &h in hs {
            let pc = body.insns[cfg.blocks[h as usize].start as usize].pc;
            assert!(
                tb.handlers.iter().any(|x| x.target == pc),
                "{name}: handler at {pc} not in the try of {}",
                insn.pc
            );
            reached.insert(h);
        }
    }
    for tb in &body.tries {
        let throws = body
            .insns
            .iter()
            .any(|x| tb.start_pc <= x.pc && x.pc < tb.end_pc && may_throw(&x.op));
        let first = body
            .tries
            .iter()
            .find(|o| o.start_pc <= tb.start_pc && tb.start_pc < o.end_pc);
        if !throws || first != Some(tb) {
            continue;
        }
        for h in &tb.handlers {
            if let Some(x) = body.index_of_pc(h.target) {
                let hb = cfg.block_of(x).unwrap();
                assert!(
                    reached.contains(&hb),
                    "{name}: handler at {} never reached",
                    h.target
                );
            }
        }
    }
    // constant propagation only removes edges, and what it reaches is closed under them
    let consts = Consts::analyze(body, &cfg, env, this_reg);
    assert!(consts.reachable(0), "{name}");
    for b in 0..cfg.len() as u32 {
        t.blocks += 1;
        t.edges += cfg.succs(b).len();
        if !consts.reachable(b) {
            t.dead_blocks += 1;
            t.pruned_edges += cfg.succs(b).len();
            continue;
        }
        let feasible: Vec<u32> = consts.succs(&cfg, b).collect();
        for s in &feasible {
            assert!(cfg.succs(b).iter().any(|(x, _)| x == s), "{name}: new edge");
            assert!(
                consts.reachable(*s),
                "{name}: feasible edge into a dead block"
            );
        }
        let distinct: std::collections::BTreeSet<u32> = cfg.succs(b).iter().map(|x| x.0).collect();
        t.pruned_edges += distinct.len() - feasible.len();
        for i in cfg.blocks[b as usize].range() {
            let all = cfg.handlers(i);
            let kept = consts.handlers(&cfg, i);
            assert!(
                kept.is_empty() || kept == all,
                "{name}: partial handler list"
            );
            if !all.is_empty() {
                t.exc_insns += 1;
                if kept.is_empty() {
                    t.exc_insns_pruned += 1;
                }
            }
            for &h in kept {
                assert!(
                    consts.reachable(h),
                    "{name}: handler of a throwing insn is dead"
                );
            }
        }
    }
    // every definition reaching a read writes that register
    if let Some(du) = DefUse::build(body, &cfg, &consts) {
        for (i, insn) in body.insns.iter().enumerate() {
            used(&insn.op, |r| {
                for d in du.reaching(i, r) {
                    match *d {
                        DefSite::Insn(k) => assert_eq!(
                            defined(&body.insns[k as usize].op),
                            Some(r),
                            "{name}: def at {k} for v{r} read at {i}"
                        ),
                        DefSite::Param(k) => {
                            assert_eq!(body.param_regs.get(k as usize), Some(&r), "{name}")
                        }
                    }
                }
            });
        }
    }
    t.methods += 1;
}

fn check_apk(path: &Path) {
    let container = apk::open(path, &Limits::default()).expect("open apk");
    let app = dexflow::app::decode(container);
    let (program, _, _) = load_program(app.dex);
    let env = ProgramEnv(&program);
    let mut t = Tally::default();
    for class in &program.classes {
        for m in class.methods() {
            let Some(body) = program.body(m.id) else {
                continue;
            };
            let this_reg = (!m.is_static())
                .then(|| body.param_regs.first().copied())
                .flatten();
            check_body(
                &program.method_signature(m.id),
                &body,
                this_reg,
                &env,
                &mut t,
            );
        }
    }
    eprintln!("{}: {t:?}", path.display());
    assert!(t.methods > 0);
}

#[test]
fn cfg_well_formed_on_small_real_apks() {
    for name in [
        "appium-uiautomator2-server-debug-androidTest.apk",
        "settings_apk-debug.apk",
    ] {
        if let Some(p) = crate::util::shared(&format!("real-apks/{name}")) {
            check_apk(&p);
        }
    }
}

#[test]
#[ignore = "every real APK (18 MB included): scripts/cfg-check.sh"]
fn cfg_well_formed_on_every_real_apk() {
    let dir = crate::util::shared_required("real-apks");
    let mut apks: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read real-apks")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "apk"))
        .collect();
    apks.sort();
    for p in apks {
        check_apk(&p);
    }
}
