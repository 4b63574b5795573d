//! Whole-app driver: reachable methods, strongly connected components of the call graph,
//! bottom-up summaries level by level (parallel within a level; `scc.rs` solves one
//! component), then the global step (`resolve.rs`) that resolves what summaries leave open at
//! the top, and the diagnostics and profile of the run.
//!
//! Must never: produce output that depends on thread scheduling (every level's results are
//! merged in SCC order; flows are sorted), or return nothing on timeout (what was found is
//! returned with status `partial`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::bytecode::ir::Op;
use crate::bytecode::program::Program;
use crate::bytecode::{MethodId, TypeId};
use crate::callgraph::{CallGraph, EntryKind};
use crate::diag::Diagnostic;

use super::intra::{Ctx, body_targets};
use super::model::ModelSource;
use super::scc::SccRun;
use super::summary::Summary;
use super::{
    MethodProfile, PROFILE_TOP, SccProfile, TaintOptions, TaintResult, TaintStats, TaintStatus,
};

/// Runs the taint analysis over the methods reachable in `cg`.
pub fn analyze(
    program: &Program,
    cg: &CallGraph,
    models: &dyn ModelSource,
    options: &TaintOptions,
) -> TaintResult {
    if let Some(n) = options.threads
        && let Ok(pool) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
    {
        return pool.install(|| run(program, cg, models, options));
    }
    run(program, cg, models, options)
}

fn run(
    program: &Program,
    cg: &CallGraph,
    models: &dyn ModelSource,
    opts: &TaintOptions,
) -> TaintResult {
    let start = Instant::now();
    let deadline = opts.timeout.map(|t| start + t);
    let timed_out = AtomicBool::new(false);
    let budget_hit = AtomicBool::new(false);
    // methods whose access paths were shortened (`intra::WIDEN_COST`), for the warning
    let widened: Mutex<BTreeSet<MethodId>> = Mutex::new(BTreeSet::new());
    let empty: FxHashMap<MethodId, Arc<Summary>> = FxHashMap::default();
    let mut done: FxHashMap<MethodId, Arc<Summary>> = FxHashMap::default();

    // reachable methods with bodies and their callees
    let mut roots: Vec<MethodId> = cg.entry_points.iter().map(|e| e.method).collect();
    roots.extend(cg.reachable.iter().copied());
    // app methods that receive sensitive data as callback parameters (an SDK calls them
    // back) are roots even when the call graph does not see the registration
    let data_callbacks = data_callbacks(program, models, opts);
    roots.extend(data_callbacks.iter().copied());
    roots.sort();
    roots.dedup();
    let ctor_callbacks = ctor_callbacks(program, cg, opts, &data_callbacks);
    let return_overrides = return_overrides(program, models, opts);
    let mut callees: BTreeMap<MethodId, Vec<MethodId>> = BTreeMap::new();
    let mut stack: Vec<MethodId> = roots
        .into_iter()
        .filter(|m| !super::intra::is_library(program, opts, *m) && program.body(*m).is_some())
        .collect();
    let mut seen: FxHashSet<MethodId> = stack.iter().copied().collect();
    while let Some(m) = stack.pop() {
        let Some(body) = program.body(m) else {
            continue;
        };
        let mut cs = Vec::new();
        for insn in &body.insns {
            let referenced = match &insn.op {
                Op::Invoke { method, .. } => Some(*method),
                Op::InvokeCustom { site, .. } => site.implementation,
                _ => continue,
            };
            let ts = body_targets(program, cg, opts, m, insn.pc, referenced);
            let megamorphic = ts.len() > super::intra::MAX_TARGETS;
            for (t, _) in ts {
                if program.body(t).is_none() {
                    continue;
                }
                if !megamorphic {
                    cs.push(t);
                }
                if seen.insert(t) {
                    stack.push(t);
                }
            }
        }
        // class initialization at `new C()` / `C.m()` applies `C.<clinit>` (callee first)
        for insn in &body.insns {
            let class = match &insn.op {
                Op::NewInstance { ty, .. } => *ty,
                Op::Invoke {
                    kind: crate::bytecode::ir::InvokeKind::Static,
                    method,
                    ..
                } => program.method(*method).class,
                _ => continue,
            };
            if class == program.method(m).class {
                continue;
            }
            for t in super::intra::class_initializers(program, opts, class) {
                if t != m {
                    cs.push(t);
                    if seen.insert(t) {
                        stack.push(t);
                    }
                }
            }
        }
        for insn in &body.insns {
            if let Op::Invoke { method, .. } = &insn.op {
                let r = program.method(*method);
                if &*r.name != "<init>" {
                    continue;
                }
                let cbs = ctor_callbacks.get(&r.class).into_iter().flatten();
                let overrides = return_overrides.get(&r.class).into_iter().flatten();
                for t in cbs.chain(overrides) {
                    cs.push(*t);
                    if seen.insert(*t) {
                        stack.push(*t);
                    }
                }
            }
        }
        cs.sort();
        cs.dedup();
        callees.insert(m, cs);
    }

    // SCCs, callees first, grouped in levels
    let mut g: DiGraph<MethodId, ()> = DiGraph::new();
    let mut node: FxHashMap<MethodId, NodeIndex> = FxHashMap::default();
    for m in callees.keys() {
        node.insert(*m, g.add_node(*m));
    }
    for (m, cs) in &callees {
        for c in cs {
            if let (Some(a), Some(b)) = (node.get(m), node.get(c)) {
                g.add_edge(*a, *b, ());
            }
        }
    }
    // iterative (tarjan_scc recurses once per call depth: a 20,000-deep chain overflows the stack);
    // components come callees first, as the levels below need
    let sccs = petgraph::algo::kosaraju_scc(&g);
    let mut scc_of: FxHashMap<MethodId, usize> = FxHashMap::default();
    let mut members: Vec<Vec<MethodId>> = Vec::with_capacity(sccs.len());
    for (i, scc) in sccs.iter().enumerate() {
        let mut ms: Vec<MethodId> = scc.iter().map(|n| g[*n]).collect();
        ms.sort();
        for m in &ms {
            scc_of.insert(*m, i);
        }
        members.push(ms);
    }
    let mut level = vec![0usize; members.len()];
    for (i, ms) in members.iter().enumerate() {
        let mut l = 0;
        for m in ms {
            for c in callees.get(m).map(|v| v.as_slice()).unwrap_or(&[]) {
                if let Some(&j) = scc_of.get(c)
                    && j != i
                {
                    l = l.max(level[j] + 1);
                }
            }
        }
        level[i] = l;
    }
    let nlevels = level.iter().copied().max().map_or(0, |x| x + 1);
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); nlevels];
    for (i, l) in level.iter().enumerate() {
        by_level[*l].push(i);
    }

    let mut method_prof: FxHashMap<MethodId, MethodProfile> = FxHashMap::default();
    let mut scc_prof: Vec<(u64, usize, u32)> = Vec::new();
    let mut unconverged = 0usize;
    let mut cycles_widened: Vec<MethodId> = Vec::new();
    for lv in &by_level {
        let base = Ctx {
            program,
            cg,
            models,
            opts,
            done: &done,
            current: &empty,
            deadline,
            timed_out: &timed_out,
            budget_hit: &budget_hit,
            ctor_callbacks: &ctor_callbacks,
            return_overrides: &return_overrides,
        };
        let results: Vec<SccRun> = lv
            .par_iter()
            .map(|&i| super::scc::solve(&base, &members[i], &callees, &widened))
            .collect();
        for run in results {
            let r = run.summaries;
            unconverged += usize::from(!run.converged);
            if run.widened_all {
                cycles_widened.extend(r.iter().map(|(m, _)| *m));
            }
            if let Some((first, _)) = r.first() {
                scc_prof.push((run.micros, first.0 as usize, run.analyses.len() as u32));
            }
            for (m, us, st) in run.analyses {
                let p = method_prof.entry(m).or_default();
                p.micros += us;
                p.analyses += 1;
                p.block_visits += st.visits;
                p.peak_state = p.peak_state.max(st.peak_state);
                p.widened |= st.widened;
                p.coarse |= st.coarse;
            }
            for (m, s) in r {
                done.insert(m, s);
            }
        }
    }
    cycles_widened.sort();
    let mut coarse: Vec<MethodId> = method_prof
        .iter()
        .filter(|(m, p)| p.coarse && cycles_widened.binary_search(m).is_err())
        .map(|(m, _)| *m)
        .collect();
    coarse.sort();
    let stats = profile_stats(program, &members, method_prof, scc_prof);

    let flows = super::resolve::resolve_and_collect(program, cg, models, &done);
    let mut diagnostics = Vec::new();
    let timed = timed_out.load(std::sync::atomic::Ordering::Relaxed);
    // a cycle that did not settle even flow-insensitively may lack flows: never `ok`
    let partial = timed || unconverged > 0;
    if unconverged > 0 && !timed {
        diagnostics.push(Diagnostic::warning(
            "taint-unconverged",
            format!(
                "{unconverged} call-graph cycle(s) were still changing after their last round, even flow-insensitively; flows through them may be missing, so the app is partial"
            ),
        ));
    }
    if !cycles_widened.is_empty() {
        let names: Vec<String> = cycles_widened
            .iter()
            .take(3)
            .map(|m| program.method_signature(*m))
            .collect();
        diagnostics.push(Diagnostic::warning(
            "taint-cycle-widened",
            format!(
                "{} method(s) in call-graph cycles whose summaries had not settled after their rounds got flow-insensitive summaries, iterated to a fixpoint (coarser, low-confidence flows, none dropped), e.g. {}",
                cycles_widened.len(),
                names.join(", ")
            ),
        ));
    }
    if timed {
        diagnostics.push(Diagnostic::warning(
            "taint-timeout",
            format!(
                "taint analysis stopped at its time budget after {:.1}s; flows found so far are reported",
                start.elapsed().as_secs_f64()
            ),
        ));
    }
    let widened = widened.into_inner().unwrap_or_default();
    if !widened.is_empty() {
        let names: Vec<String> = widened
            .iter()
            .take(3)
            .map(|m| program.method_signature(*m))
            .collect();
        diagnostics.push(Diagnostic::warning(
            "taint-widened",
            format!(
                "{} method(s) outgrew the taint state bound and were analyzed with shorter access paths (fields below the bound merged into one: coarser, not dropped), e.g. {}",
                widened.len(),
                names.join(", ")
            ),
        ));
    }
    if budget_hit.load(std::sync::atomic::Ordering::Relaxed) || !coarse.is_empty() {
        let names: Vec<String> = coarse
            .iter()
            .take(3)
            .map(|m| program.method_signature(*m))
            .collect();
        diagnostics.push(Diagnostic::warning(
            "taint-method-budget",
            format!(
                "{} method(s) hit their analysis budget and got flow-insensitive summaries (everything they read reaches everything they write and every sink they call: coarser, low-confidence flows, none dropped), e.g. {}",
                coarse.len(),
                names.join(", ")
            ),
        ));
    }
    TaintResult {
        flows,
        status: if partial {
            TaintStatus::Partial
        } else {
            TaintStatus::Complete
        },
        diagnostics,
        stats: TaintStats {
            methods: callees.len(),
            sccs: members.len(),
            levels: nlevels,
            ..stats
        },
    }
}

/// The slowest methods and SCCs, for `--timings`.
fn profile_stats(
    program: &Program,
    members: &[Vec<MethodId>],
    method_prof: FxHashMap<MethodId, MethodProfile>,
    mut scc_prof: Vec<(u64, usize, u32)>,
) -> TaintStats {
    let analyses = method_prof.values().map(|p| p.analyses as usize).sum();
    let block_visits = method_prof.values().map(|p| p.block_visits).sum();
    let mut ms: Vec<(MethodId, MethodProfile)> = method_prof.into_iter().collect();
    ms.sort_by(|a, b| b.1.micros.cmp(&a.1.micros).then(a.0.cmp(&b.0)));
    ms.truncate(PROFILE_TOP);
    let slowest_methods = ms
        .into_iter()
        .map(|(m, p)| MethodProfile {
            method: program.method_signature(m),
            ..p
        })
        .collect();
    scc_prof.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scc_prof.truncate(PROFILE_TOP);
    let by_first: FxHashMap<usize, &Vec<MethodId>> = members
        .iter()
        .filter_map(|ms| ms.first().map(|f| (f.0 as usize, ms)))
        .collect();
    let slowest_sccs = scc_prof
        .into_iter()
        .filter_map(|(micros, first, analyses)| {
            let ms = by_first.get(&first)?;
            Some(SccProfile {
                first: program.method_signature(ms[0]),
                members: ms.len(),
                analyses,
                micros,
            })
        })
        .collect();
    TaintStats {
        analyses,
        block_visits,
        slowest_methods,
        slowest_sccs,
        ..TaintStats::default()
    }
}

/// Callback entry points of classes that are not components, by class.
fn ctor_callbacks(
    program: &Program,
    cg: &CallGraph,
    opts: &TaintOptions,
    data_callbacks: &[MethodId],
) -> FxHashMap<TypeId, Vec<MethodId>> {
    let lifecycle: FxHashSet<TypeId> = cg
        .entry_points
        .iter()
        .filter(|e| e.kind == EntryKind::Lifecycle)
        .map(|e| program.method(e.method).class)
        .collect();
    let mut out: FxHashMap<TypeId, Vec<MethodId>> = FxHashMap::default();
    let callbacks = cg
        .entry_points
        .iter()
        .filter(|e| e.kind == EntryKind::Callback)
        .map(|e| e.method)
        .chain(data_callbacks.iter().copied());
    for m in callbacks {
        if super::intra::is_library(program, opts, m) {
            continue;
        }
        let class = program.method(m).class;
        if lifecycle.contains(&class)
            || !program
                .method_def(m)
                .is_some_and(|d| !d.is_static() && !d.is_abstract())
        {
            continue;
        }
        out.entry(class).or_default().push(m);
    }
    for v in out.values_mut() {
        v.sort();
        v.dedup();
    }
    out
}

/// Per app class, the methods it has or inherits from app superclasses that override a
/// `[[return_sink]]` (Volley `Request.getParams()`), most derived first: applied where the
/// class is constructed.
fn return_overrides(
    program: &Program,
    models: &dyn ModelSource,
    opts: &TaintOptions,
) -> FxHashMap<TypeId, Vec<MethodId>> {
    let is_lib = |t: TypeId| {
        let name = program.type_name(t);
        opts.library_prefixes
            .iter()
            .any(|p| name.starts_with(p.as_str()))
    };
    let mut own: FxHashMap<TypeId, Vec<MethodId>> = FxHashMap::default();
    for c in &program.classes {
        if is_lib(c.ty) {
            continue;
        }
        for m in &c.virtual_methods {
            if m.is_abstract() {
                continue;
            }
            let sinks = models.return_sinks(program, m.id);
            if sinks
                .iter()
                .any(|(r, _)| super::model::rule_applies(&r.rule_sets, opts.rule_set))
            {
                own.entry(c.ty).or_default().push(m.id);
            }
        }
    }
    if own.is_empty() {
        return own;
    }
    let mut out: FxHashMap<TypeId, Vec<MethodId>> = FxHashMap::default();
    for c in &program.classes {
        if is_lib(c.ty) {
            continue;
        }
        let mut chosen: Vec<MethodId> = Vec::new();
        let mut cur = Some(c.ty);
        let mut guard = 0;
        while let Some(t) = cur {
            guard += 1;
            if guard > 64 {
                break;
            }
            for m in own.get(&t).into_iter().flatten() {
                let r = program.method(*m);
                let shadowed = chosen.iter().any(|x| {
                    let x = program.method(*x);
                    x.name == r.name && x.params == r.params && x.ret == r.ret
                });
                if !shadowed {
                    chosen.push(*m);
                }
            }
            cur = program.class(t).and_then(|d| d.super_class);
        }
        if !chosen.is_empty() {
            out.insert(c.ty, chosen);
        }
    }
    out
}

/// App methods (outside library prefixes) that override a callback-parameter source.
fn data_callbacks(
    program: &Program,
    models: &dyn ModelSource,
    opts: &TaintOptions,
) -> Vec<MethodId> {
    let mut out = Vec::new();
    for c in &program.classes {
        let name = program.type_name(c.ty);
        if opts
            .library_prefixes
            .iter()
            .any(|p| name.starts_with(p.as_str()))
        {
            continue;
        }
        for m in &c.virtual_methods {
            if !m.is_abstract() && !models.callback_sources(program, m.id).is_empty() {
                out.push(m.id);
            }
        }
    }
    out.sort();
    out
}
