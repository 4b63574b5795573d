//! Whole-file fuzzing: dex stats, then the loader with every body decoded and lowered.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dexflow::bytecode::dex_stats("fuzz.dex", data);
    let (program, _, _) = dexflow::bytecode::load_program(vec![("fuzz.dex".into(), data.to_vec())]);
    for c in &program.classes {
        for m in c.methods() {
            let _ = program.body(m.id);
        }
    }
});
