//! Counts for `dexflow info`: classes, defined methods, instructions and invokes per dex
//! file, counted the way `dexdump -d` prints them (payload pseudo-instructions excluded,
//! every encoded method counted, each code item decoded in full). This is a hot path: it
//! decodes every instruction without allocating, one dex per rayon task.

use rayon::prelude::*;
use serde::Serialize;

use super::decode::instructions;
use super::opcode::flags;
use crate::dex::{ClassData, CodeItem, DexError, dex_files};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DexStats {
    pub name: String,
    /// dex version of the (first) header, e.g. 35
    pub version: u16,
    /// number of dex files in this buffer (more than one only for v041 containers)
    pub containers: u32,
    pub classes: u64,
    pub methods: u64,
    pub instructions: u64,
    pub invokes: u64,
    /// code items or class data that could not be decoded in full
    pub errors: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatsTotals {
    pub dex_files: u64,
    pub classes: u64,
    pub methods: u64,
    pub instructions: u64,
    pub invokes: u64,
}

/// Counts one dex file (all dex files of a v041 container). Fails only when the header
/// cannot be read; damage further in is counted in `errors`.
pub fn dex_stats(name: &str, bytes: &[u8]) -> Result<DexStats, DexError> {
    let mut st = DexStats {
        name: name.to_string(),
        ..DexStats::default()
    };
    for dex in dex_files(bytes) {
        let dex = match dex {
            Ok(d) => d,
            Err(e) if st.containers == 0 => return Err(e),
            Err(_) => {
                st.errors += 1;
                break;
            }
        };
        if st.containers == 0 {
            st.version = dex.version();
        }
        st.containers += 1;
        let data = dex.data();
        for cd in dex.class_defs() {
            let Ok(cd) = cd else {
                st.errors += 1;
                continue;
            };
            st.classes += 1;
            if cd.class_data_off == 0 {
                continue;
            }
            let mut errors = 0u64;
            let res = ClassData::parse(data, cd.class_data_off).and_then(|c| {
                c.for_each_method(|m| {
                    st.methods += 1;
                    if m.code_off == 0 {
                        return;
                    }
                    match CodeItem::parse(data, m.code_off) {
                        Ok(code) => {
                            for ins in instructions(code.insns) {
                                match ins {
                                    Ok(i) => {
                                        st.instructions += 1;
                                        st.invokes += i.info.has(flags::INVOKE) as u64;
                                    }
                                    Err(_) => errors += 1,
                                }
                            }
                        }
                        Err(_) => errors += 1,
                    }
                })
            });
            st.errors += errors + res.is_err() as u64;
        }
    }
    Ok(st)
}

/// Counts every dex file in parallel; results in input order, plus totals over the successes.
pub fn stats_all(
    dex_files: &[(String, Vec<u8>)],
) -> (Vec<Result<DexStats, DexError>>, StatsTotals) {
    let per: Vec<_> = dex_files
        .par_iter()
        .map(|(name, bytes)| dex_stats(name, bytes))
        .collect();
    let mut t = StatsTotals::default();
    for s in per.iter().flatten() {
        t.dex_files += s.containers as u64;
        t.classes += s.classes;
        t.methods += s.methods;
        t.instructions += s.instructions;
        t.invokes += s.invokes;
    }
    (per, t)
}
