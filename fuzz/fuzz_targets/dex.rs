//! Whole-file fuzzing: dex stats, then the loader with every body decoded and lowered, and the
//! shared CFG, constant propagation and def-use built on each body (hostile bodies must not
//! make them panic or loop).
#![no_main]
use dexflow::bytecode::cfg::Cfg;
use dexflow::bytecode::consts::{Consts, ProgramEnv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dexflow::bytecode::dex_stats("fuzz.dex", data);
    let (program, _, _) = dexflow::bytecode::load_program(vec![("fuzz.dex".into(), data.to_vec())]);
    let env = ProgramEnv(&program);
    for c in &program.classes {
        for m in c.methods() {
            if let Some(body) = program.body(m.id) {
                let cfg = Cfg::build(&body);
                let this_reg = body.param_regs.first().copied();
                let consts = Consts::analyze(&body, &cfg, &env, this_reg);
                let _ = consts.is_precise();
                let _ = dexflow::bytecode::defuse::DefUse::build(&body, &cfg, &consts);
                let _ = dexflow::bytecode::consts::return_value(&body, this_reg, 64);
            }
        }
    }
});
