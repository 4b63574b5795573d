//! Instruction decoding over arbitrary code units, with payload lookups for every
//! switch / fill-array-data instruction.
#![no_main]
use dexflow::bytecode::decode::{array_data, instructions, switch_targets};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let units: Vec<u16> = data
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let code: &[u16] = &units;
    for ins in instructions(code) {
        let Ok(i) = ins else { break };
        match i.opcode() {
            0x26 => {
                let _ = array_data(code, i.target());
            }
            0x2b | 0x2c => {
                let _ = switch_targets(code, i.pc, i.target());
            }
            _ => {}
        }
    }
});
