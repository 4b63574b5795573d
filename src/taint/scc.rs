//! One strongly connected component of the call graph to its fixpoint.
//!
//! Members are analysed in rounds, in id order; within a round a member sees the summaries its
//! in-component callees got earlier in the same round. A member is analysed again only when
//! one of its in-component callees' summaries changed since its last analysis (the analysis is
//! a function of those summaries, so skipping it changes nothing). At most 6 rounds (3 for
//! components of more than `LARGE_SCC` members); a component still changing after them is
//! reported unconverged (diagnostic `taint-unconverged`): its summaries may lack what further
//! rounds would add.
//!
//! Must never: depend on thread scheduling (the order is a function of the member ids), or
//! report a component as settled while a member is still out of date.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rustc_hash::FxHashMap;

use crate::bytecode::MethodId;

use super::intra::{Ctx, MethodStats, Start, analyze_method};
use super::summary::Summary;

/// Components larger than this get fewer rounds.
const LARGE_SCC: usize = 64;

fn max_rounds(members: usize) -> usize {
    if members > LARGE_SCC { 3 } else { 6 }
}

/// What solving one component produced.
pub(super) struct SccRun {
    /// final summaries, by member id
    pub summaries: Vec<(MethodId, Arc<Summary>)>,
    /// (method, wall microseconds, stats) per analysis, in the order run
    pub analyses: Vec<(MethodId, u64, MethodStats)>,
    pub micros: u64,
    /// no member is out of date (false: the round limit or the deadline came first)
    pub converged: bool,
}

/// Solves the component `ms` (sorted member ids) whose callees are `callees`.
pub(super) fn solve(
    base: &Ctx<'_>,
    ms: &[MethodId],
    callees: &BTreeMap<MethodId, Vec<MethodId>>,
    widened: &Mutex<BTreeSet<MethodId>>,
) -> SccRun {
    let t0 = Instant::now();
    let recursive = ms.len() > 1
        || callees
            .get(&ms[0])
            .is_some_and(|cs| cs.binary_search(&ms[0]).is_ok());
    let index: FxHashMap<MethodId, usize> = ms.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    // in-component callers of each member
    let mut callers: Vec<Vec<usize>> = vec![Vec::new(); ms.len()];
    if recursive {
        for (i, m) in ms.iter().enumerate() {
            for c in callees.get(m).map(|v| v.as_slice()).unwrap_or(&[]) {
                if let Some(&j) = index.get(c) {
                    callers[j].push(i);
                }
            }
        }
    }
    let empty: FxHashMap<MethodId, Arc<Summary>> = FxHashMap::default();
    let mut current: FxHashMap<MethodId, Arc<Summary>> = FxHashMap::default();
    if recursive {
        for m in ms {
            current.insert(*m, Arc::new(Summary::default()));
        }
    }
    let mut starts = vec![Start::default(); ms.len()];
    let mut dirty = vec![true; ms.len()];
    let mut analyses = Vec::new();
    let rounds = if recursive { max_rounds(ms.len()) } else { 1 };
    'rounds: for _ in 0..rounds {
        for (i, &m) in ms.iter().enumerate() {
            if !dirty[i] {
                continue;
            }
            if base.past_deadline() {
                break 'rounds;
            }
            dirty[i] = false;
            let Some(body) = base.program.body(m) else {
                continue;
            };
            let ctx = Ctx {
                current: if recursive { &current } else { &empty },
                ..*base
            };
            let t = Instant::now();
            let (s, st) = analyze_method(&ctx, m, &body, starts[i]);
            analyses.push((m, t.elapsed().as_micros() as u64, st));
            starts[i] = Start::after(&st);
            if st.widened
                && let Ok(mut set) = widened.lock()
            {
                set.insert(m);
            }
            if current.get(&m).is_none_or(|c| **c != s) {
                current.insert(m, Arc::new(s));
                for &c in &callers[i] {
                    dirty[c] = true;
                }
            }
        }
        if !dirty.iter().any(|d| *d) {
            break;
        }
    }
    let converged = !recursive || !dirty.iter().any(|d| *d);
    let mut summaries: Vec<(MethodId, Arc<Summary>)> = current.into_iter().collect();
    summaries.sort_by_key(|(m, _)| *m);
    SccRun {
        summaries,
        analyses,
        micros: t0.elapsed().as_micros() as u64,
        converged,
    }
}
