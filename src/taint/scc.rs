//! One strongly connected component of the call graph to its fixpoint.
//!
//! Members are analysed in rounds, in id order; within a round a member sees the summaries its
//! in-component callees got earlier in the same round. A member is analysed again only when
//! one of its in-component callees' summaries changed since its last analysis (the analysis is
//! a function of those summaries, so skipping it changes nothing). At most 6 rounds (3 for
//! components of more than `LARGE_SCC` members). A component still changing after them is
//! widened as a whole: every member takes the flow-insensitive summary (`intra/coarse.rs`),
//! which grows monotonically with its callees' summaries, and the component iterates to that
//! fixpoint (diagnostic `taint-cycle-widened`; its flows are low-confidence). Coarser, never
//! smaller. Only if even that does not settle within `COARSE_PASSES` (or the deadline comes)
//! is the component unconverged and the app partial.
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

/// Flow-insensitive analyses per member, on average, in the widened phase. Its summaries only
/// grow with the callees' (sources and sinks are unions; call chains never revisit a method),
/// so it settles once facts have travelled around the component; the bound is a guard, and a
/// component still changing after it makes the app partial.
const COARSE_PASSES: usize = 64;

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
    /// no member is out of date (false: the deadline, or the coarse round limit, came first)
    pub converged: bool,
    /// the precise rounds did not settle, so every member got the flow-insensitive summary
    pub widened_all: bool,
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
    // analyses member i from `start`; true when its summary changed
    let mut step = |i: usize, start: Start, current: &mut FxHashMap<MethodId, Arc<Summary>>| {
        let m = ms[i];
        let body = base.program.body(m)?;
        let ctx = Ctx {
            current: if recursive { &*current } else { &empty },
            ..*base
        };
        let t = Instant::now();
        let (s, st) = analyze_method(&ctx, m, &body, start);
        analyses.push((m, t.elapsed().as_micros() as u64, st));
        let changed = current.get(&m).is_none_or(|c| **c != s);
        if changed {
            current.insert(m, Arc::new(s));
        }
        Some((changed, st))
    };
    let rounds = if recursive { max_rounds(ms.len()) } else { 1 };
    'rounds: for _ in 0..rounds {
        for i in 0..ms.len() {
            if !dirty[i] {
                continue;
            }
            if base.past_deadline() {
                break 'rounds;
            }
            dirty[i] = false;
            let Some((changed, st)) = step(i, starts[i], &mut current) else {
                continue;
            };
            starts[i] = Start::after(&st);
            if st.widened
                && let Ok(mut set) = widened.lock()
            {
                set.insert(ms[i]);
            }
            if changed {
                for &c in &callers[i] {
                    dirty[c] = true;
                }
            }
        }
        if !dirty.iter().any(|d| *d) {
            break;
        }
    }
    // still changing after its rounds: the whole component takes the flow-insensitive
    // widening, which only grows with its callees' summaries, and a worklist runs it to its
    // own fixpoint (ordered by `callee_first_ranks`, a function of the ids). Past the
    // deadline the reset members may stay empty: the app is partial then.
    let widened_all = recursive && dirty.iter().any(|d| *d) && !base.past_deadline();
    if widened_all {
        let coarse = Start {
            k: None,
            coarse: true,
        };
        // callees before callers: facts flow up the call edges, so most members are
        // analysed once their callees have settled
        let rank = callee_first_ranks(ms, callees, &index);
        // from the bottom, so the fixpoint is the least one whatever the order
        for m in ms {
            current.insert(*m, Arc::new(Summary::default()));
        }
        let mut work: BTreeSet<(usize, usize)> = (0..ms.len()).map(|i| (rank[i], i)).collect();
        dirty.fill(false);
        let mut budget = ms.len().saturating_mul(COARSE_PASSES);
        while let Some((r, i)) = work.pop_first() {
            if budget == 0 || base.past_deadline() {
                work.insert((r, i));
                break;
            }
            budget -= 1;
            if let Some((true, _)) = step(i, coarse, &mut current) {
                work.extend(callers[i].iter().map(|&c| (rank[c], c)));
            }
        }
        for (_, i) in work {
            dirty[i] = true;
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
        widened_all,
    }
}

/// Each member's position in a depth-first post-order of the component's own call edges
/// (from the lowest unvisited member, callees in id order): a callee comes before its caller
/// except across back edges. Iterative, so a deep component cannot overflow the stack.
fn callee_first_ranks(
    ms: &[MethodId],
    callees: &BTreeMap<MethodId, Vec<MethodId>>,
    index: &FxHashMap<MethodId, usize>,
) -> Vec<usize> {
    let inner = |i: usize| -> Vec<usize> {
        callees
            .get(&ms[i])
            .map(|cs| cs.iter().filter_map(|c| index.get(c).copied()).collect())
            .unwrap_or_default()
    };
    let mut rank = vec![usize::MAX; ms.len()];
    let mut seen = vec![false; ms.len()];
    let mut next = 0;
    for root in 0..ms.len() {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut stack: Vec<(usize, Vec<usize>, usize)> = vec![(root, inner(root), 0)];
        while let Some((node, succ, pos)) = stack.last_mut() {
            if let Some(&c) = succ.get(*pos) {
                *pos += 1;
                if !seen[c] {
                    seen[c] = true;
                    let cs = inner(c);
                    stack.push((c, cs, 0));
                }
            } else {
                rank[*node] = next;
                next += 1;
                stack.pop();
            }
        }
    }
    rank
}
