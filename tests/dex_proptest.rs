//! Property tests: random and mutated bytes through the dex reader, the loader (with every
//! body lowered) and the instruction decoder. The property is "returns, no panic", plus
//! decoder invariants (pcs strictly increase and stay inside the code).

use dexflow::bytecode::decode::{array_data, instructions, switch_targets};
use dexflow::bytecode::{dex_stats, load_program};
use proptest::prelude::*;

fn sample() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/dex/sample.dex"
    ))
    .unwrap()
}

fn load_all(bytes: &[u8]) {
    let _ = dex_stats("p.dex", bytes);
    let (p, _, _) = load_program(vec![("p.dex".into(), bytes.to_vec())]);
    for c in &p.classes {
        for m in c.methods() {
            let _ = p.body(m.id);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(mut bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        load_all(&bytes);
        // the same bytes behind a valid magic reach the deeper parsers
        if bytes.len() >= 8 {
            bytes[..8].copy_from_slice(b"dex\n038\0");
        }
        load_all(&bytes);
    }

    #[test]
    fn mutated_sample_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut b = sample();
        for (i, v) in edits {
            let at = i.index(b.len());
            b[at] = v;
        }
        if truncate {
            b.truncate(cut.index(b.len()));
        }
        load_all(&b);
    }

    #[test]
    fn decoder_walks_forward_inside_the_code(units in proptest::collection::vec(any::<u16>(), 0..512)) {
        let code: &[u16] = &units;
        let mut last: Option<u32> = None;
        for ins in instructions(code) {
            let Ok(i) = ins else { break };
            prop_assert!(last.is_none_or(|l| i.pc > l));
            prop_assert!(i.pc as usize + i.units() as usize <= units.len());
            last = Some(i.pc);
            match i.opcode() {
                0x26 => { let _ = array_data(code, i.target()); }
                0x2b | 0x2c => { let _ = switch_targets(code, i.pc, i.target()); }
                _ => {}
            }
        }
    }
}
