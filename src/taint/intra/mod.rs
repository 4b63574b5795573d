//! The analysis of one method body: a flow-sensitive worklist over basic blocks, with strong
//! updates on registers, field-sensitive abstract heap, calls resolved through models or callee
//! summaries, and the method's own summary extracted from its exit state.
//!
//! One analysis context (`MethodAnalysis`), its `impl` spread over files by concern: this file
//! holds the context, the entry (`analyze_method`), the initial state and the worklist;
//! `transfer.rs` the per-instruction transfer, `calls.rs` one call site, `dispatch.rs` receiver
//! classes, specialization and constants through calls, `models.rs` model application,
//! `apply.rs` summary application, `android.rs` reflection, native and ICC, `sinks.rs` sinks
//! reached, `finish.rs` summary building and `coarse.rs` the flow-insensitive widening.
//!
//! Must never: loop forever or run past the deadline (block visits are budgeted and the
//! deadline is checked on every visit); index registers or instructions unchecked (bodies come
//! from hostile dex files).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rustc_hash::FxHashMap;

use crate::bytecode::cfg::{BlockId, Cfg};
use crate::bytecode::consts::{Const, Consts, Frame, return_value};
use crate::bytecode::ir::{Body, InvokeKind, Op, Reg};
use crate::bytecode::program::{Program, Value};
use crate::bytecode::{FieldId, MethodId, TypeId};
use crate::callgraph::{CallGraph, EdgeKind};
use crate::consts::{AppEnv, BodyCalls};
use crate::maps::{MethodModel, Port, SourceKind, SourceRule};

use super::domain::{
    AccessPath, CallPort, FKey, Konst, Label, Labels, Obj, Objs, Path, Root, SiteKey, SourceOcc,
    State, Val,
};
use super::model::{ModelSource, port_arg, rule_applies};
use super::summary::{OutPort, OutVal, RawFlow, SinkFact, SinkInfo, Summary};
use super::{Confidence, TaintOptions};

mod android;
mod apply;
mod calls;
mod coarse;
mod dispatch;
mod finish;
mod models;
mod sinks;
mod transfer;

const INTENT: &str = "Landroid/content/Intent;";

/// The channel holding what is sent to a component by intents.
/// Prefix of the constant-propagation markers for reflective classes (`\0La/b/C;`) and
/// methods (`\0La/b/C;->name`).
const REFL_MARK: char = '\0';

/// The global root standing for the app's single `Application` object.
const APPLICATION_CHANNEL: &str = "application";

fn icc_root(class: &str) -> Root {
    Root::Chan(Arc::from(format!("icc:{class}")))
}

/// The element slot of writes at an index that is not a constant (read by every index).
const UNKNOWN_INDEX: i64 = i64::MIN;

/// The element slot of a constant string key of a keyed container (FNV-1a; a collision
/// only merges two keys' values).
fn key_slot(s: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let h = h as i64;
    if h == UNKNOWN_INDEX { h + 1 } else { h }
}

/// The channel holding the result intents (`setResult`) delivered to a class's
/// `onActivityResult`, apart from the intents that start it.
fn icc_result_root(class: &str) -> Root {
    Root::Chan(Arc::from(format!("icc-result:{class}")))
}

/// `onActivityResult(int, int, Intent)` (Activity, Fragment): its Intent is a result.
fn is_result_callback(program: &Program, m: MethodId) -> bool {
    let r = program.method(m);
    &*r.name == "onActivityResult"
        && r.params.len() == 3
        && program.type_name(r.params[2]) == INTENT
}

/// A value that is the result of a library call without a body (`Obj::Call` at its root):
/// the labels it carries taint the object as a whole.
fn made_by_library(v: &Val) -> bool {
    !v.labels.is_empty()
        && v.objs
            .iter()
            .any(|o| matches!(o, Obj::Call { port: CallPort::Ret, path, .. } if path.is_empty()))
}

/// Source rule (broad rule set) for what other apps can put in an intent the app receives:
/// the intent of an exported component, a result from an activity outside the app.
pub const EXTERNAL_INTENT_RULE: &str = "intent.external";
const EXTERNAL_INTENT_CATEGORY: &str = "intent_data";

/// Most body targets of one call site whose summaries are applied.
pub(crate) const MAX_TARGETS: usize = 8;

/// Longest call chain kept on a source label or sink fact (paths are for people to read).
const MAX_CHAIN: usize = 12;

/// The caller's values at a callee's input access paths during one summary application.
type InputMemo = BTreeMap<AccessPath, Option<Val>>;

#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub program: &'a Program,
    pub cg: &'a CallGraph,
    pub models: &'a dyn ModelSource,
    pub opts: &'a TaintOptions,
    pub done: &'a FxHashMap<MethodId, Arc<Summary>>,
    pub current: &'a FxHashMap<MethodId, Arc<Summary>>,
    pub deadline: Option<Instant>,
    pub timed_out: &'a AtomicBool,
    pub budget_hit: &'a AtomicBool,
    /// callback entry points per class that is not a component (listeners, runnables): run
    /// on each instance after its constructor, so what they read and write of the objects
    /// captured at construction is seen by the creating code
    pub ctor_callbacks: &'a FxHashMap<crate::bytecode::TypeId, Vec<MethodId>>,
    /// per app class, its methods overriding a `[[return_sink]]` (what they return is sent):
    /// applied where an instance is constructed, whose constant URL is the destination
    pub return_overrides: &'a FxHashMap<crate::bytecode::TypeId, Vec<MethodId>>,
}

impl Ctx<'_> {
    fn summary(&self, m: MethodId) -> Option<&Arc<Summary>> {
        self.current.get(&m).or_else(|| self.done.get(&m))
    }
    pub fn past_deadline(&self) -> bool {
        if self.timed_out.load(Ordering::Relaxed) {
            return true;
        }
        if let Some(d) = self.deadline
            && Instant::now() >= d
        {
            self.timed_out.store(true, Ordering::Relaxed);
            return true;
        }
        false
    }
}

/// Call targets of the invoke at (m, pc) that have bodies, with how arguments map; falls back
/// to the referenced method itself when the call graph has nothing for the site.
pub fn body_targets(
    program: &Program,
    cg: &CallGraph,
    opts: &TaintOptions,
    m: MethodId,
    pc: u32,
    referenced: Option<MethodId>,
) -> Vec<(MethodId, EdgeKind)> {
    let analyzable = |t: MethodId| {
        program.method_def(t).is_some_and(|d| !d.is_abstract()) && !is_library(program, opts, t)
    };
    let ts = cg.targets(m, pc);
    let mut out: Vec<(MethodId, EdgeKind)> = ts
        .iter()
        .filter(|t| t.kind != EdgeKind::Icc)
        .filter(|t| analyzable(t.method))
        .map(|t| (t.method, t.kind))
        .collect();
    if ts.is_empty()
        && let Some(r) = referenced
        && analyzable(r)
    {
        out.push((r, EdgeKind::Direct));
    }
    out
}

/// The `<clinit>` methods with bodies that initializing app class `ty` runs: its own and its
/// app superclasses' (library classes are framework code).
pub fn class_initializers(program: &Program, opts: &TaintOptions, ty: TypeId) -> Vec<MethodId> {
    let mut out = Vec::new();
    let mut cur = Some(ty);
    let mut guard = 0;
    while let Some(c) = cur {
        guard += 1;
        if guard > 64 {
            break;
        }
        let Some(cd) = program.class(c) else { break };
        if let Some(d) = cd
            .direct_methods
            .iter()
            .find(|d| &*program.method(d.id).name == "<clinit>")
            && !is_library(program, opts, d.id)
            && program.body(d.id).is_some()
        {
            out.push(d.id);
        }
        cur = cd.super_class;
    }
    out
}

/// Is `m` in a bundled platform/language library (`TaintOptions::library_prefixes`)?
pub fn is_library(program: &Program, opts: &TaintOptions, m: MethodId) -> bool {
    let c = program.type_name(program.method(m).class);
    opts.library_prefixes
        .iter()
        .any(|p| c.starts_with(p.as_str()))
}

/// What the engine adds to the app's constant environment (`consts::AppEnv`, which also gives
/// trusted static finals and string resources): the constant every call-graph target of a call
/// returns (small bodies only: `int foo() { return 42; }`), so that `if (80 + foo() < 10)`
/// keeps only its taken side, and whether a call can raise what a handler catches.
struct CallConsts<'x, 'a> {
    ctx: &'x Ctx<'a>,
    m: MethodId,
    body: &'x Body,
    memo: std::cell::RefCell<FxHashMap<usize, Option<Const>>>,
}

/// Exceptions the VM raises for an instruction of the method itself (bounds, array store,
/// negative size, cast). A handler catching only these is reached from a call when some body
/// the call can run holds such an instruction; framework methods are assumed not to let them
/// escape (they raise the exceptions of their API contract).
const VM_IMPLICIT: [&str; 4] = [
    "Ljava/lang/ArrayIndexOutOfBoundsException;",
    "Ljava/lang/ArrayStoreException;",
    "Ljava/lang/NegativeArraySizeException;",
    "Ljava/lang/ClassCastException;",
];

/// Most bodies looked at to decide whether a call can raise a VM exception.
const MAX_THROW_SEARCH: usize = 64;

/// Can `op` raise one of the `VM_IMPLICIT` kinds marked in `kinds` (or anything, `throw`)?
fn raises_implicit(op: &Op, kinds: [bool; 4]) -> bool {
    match op {
        Op::AGet { .. } | Op::FillArrayData { .. } => kinds[0],
        Op::APut { .. } => kinds[0] || kinds[1],
        Op::NewArray { .. } => kinds[2],
        Op::CheckCast { .. } => kinds[3],
        Op::Throw { .. } => true,
        _ => false,
    }
}

/// Largest callee body whose constant return value is looked at.
const MAX_CONST_CALLEE: usize = 24;

impl BodyCalls for CallConsts<'_, '_> {
    fn call_result(
        &self,
        i: usize,
        method: MethodId,
        _args: &[Reg],
        _frame: &Frame<'_>,
    ) -> Option<Const> {
        let p = self.ctx.program;
        let ret = p.type_name(p.method(method).ret);
        if !matches!(
            ret.as_bytes().first(),
            Some(b'Z' | b'B' | b'S' | b'C' | b'I' | b'J')
        ) && ret != "Ljava/lang/String;"
        {
            return None;
        }
        if let Some(v) = self.memo.borrow().get(&i) {
            return v.clone();
        }
        let v = (|| {
            let pc = self.body.insns.get(i)?.pc;
            let ts = self.ctx.cg.targets(self.m, pc);
            if ts.is_empty() || ts.len() > 4 {
                return None;
            }
            let mut out: Option<Const> = None;
            for t in ts {
                if !matches!(t.kind, EdgeKind::Direct | EdgeKind::Virtual) {
                    return None;
                }
                let def = p.method_def(t.method)?;
                let body = p.body(t.method)?;
                let this = (!def.is_static())
                    .then(|| body.param_regs.first().copied())
                    .flatten();
                let v = return_value(&body, this, MAX_CONST_CALLEE)?;
                match &out {
                    Some(o) if *o != v => return None,
                    _ => out = Some(v),
                }
            }
            out
        })();
        self.memo.borrow_mut().insert(i, v.clone());
        v
    }

    fn call_may_throw(
        &self,
        i: usize,
        method: MethodId,
        catches: &[Option<crate::bytecode::TypeId>],
    ) -> bool {
        let p = self.ctx.program;
        let mut kinds = [false; 4];
        for c in catches {
            let Some(t) = c else { return true };
            match VM_IMPLICIT.iter().position(|n| *n == p.type_name(*t)) {
                Some(k) => kinds[k] = true,
                None => return true,
            }
        }
        let Some(pc) = self.body.insns.get(i).map(|x| x.pc) else {
            return true;
        };
        let direct = |m: MethodId, pc: u32, referenced: MethodId, out: &mut Vec<MethodId>| {
            let ts = self.ctx.cg.targets(m, pc);
            if ts.is_empty() {
                out.push(referenced);
            }
            out.extend(
                ts.iter()
                    .filter(|t| matches!(t.kind, EdgeKind::Direct | EdgeKind::Virtual))
                    .map(|t| t.method),
            );
        };
        let mut stack = Vec::new();
        direct(self.m, pc, method, &mut stack);
        let mut seen = rustc_hash::FxHashSet::default();
        while let Some(t) = stack.pop() {
            if !seen.insert(t) {
                continue;
            }
            if seen.len() > MAX_THROW_SEARCH {
                return true;
            }
            let Some(body) = p.body(t) else { continue };
            for insn in &body.insns {
                if raises_implicit(&insn.op, kinds) {
                    return true;
                }
                if let Op::Invoke { method, .. } = &insn.op {
                    direct(t, insn.pc, *method, &mut stack);
                }
            }
        }
        false
    }
}

pub struct MethodAnalysis<'c, 'a> {
    ctx: &'c Ctx<'a>,
    m: MethodId,
    body: &'c Body,
    k: usize,
    sum: Summary,
    exit: Option<State>,
    ret: Val,
    thrown: Labels,
    /// the method ran out of budget: its summary is the conservative library default
    coarse: bool,
    /// sink categories of the model of the method itself (it is a modeled sink API)
    inside_sink_model: Vec<Arc<str>>,
    /// exact classes of the object returned by the call at each pc, when the callees say
    /// (`Summary::ret_types`): the `Obj::Call` result object then dispatches like an
    /// allocation site
    call_types: FxHashMap<u32, BTreeSet<TypeId>>,
    /// exact classes of the parameters in a specialized analysis (empty otherwise)
    param_types: ParamTypes,
    /// summaries of callees specialized to argument classes, computed at this method's call
    /// sites (one level deep: a specialized analysis does not specialize further)
    specialized: FxHashMap<(MethodId, ParamTypes), Arc<Summary>>,
    /// arrays and keyed containers allocated here (by pc) that received a write at a
    /// constant index or key
    keyed_objects: BTreeSet<u32>,
    /// abstract-state elements copied so far (`WIDEN_COST`; join work is added when checked)
    cost: usize,
    /// the state outgrew `WIDEN_COST`: analyze again with shorter access paths
    widen: bool,
    /// block visits and the largest block-entry state, for `MethodStats`
    visits: usize,
    peak_state: usize,
}

/// Work past which a method is analyzed again with a shorter access-path bound (`widened_k`):
/// abstract-state elements copied (state size at each block visit and handler edge) plus
/// elements merged by joins (`domain::join_work`), checked after every instruction, so the
/// bound is deterministic and holds even when one call applies a large summary. Recursive data
/// structures (trees, linked lists with several link fields) otherwise make the number of
/// distinct access paths grow as fields^k, and every block visit copies and joins all of them.
/// Shorter paths are the engine's usual widening (an object at the bound stands for everything
/// below it, its fields collapsed into `Content`): coarser, not dropped. Only the last resort,
/// the library default summary, loses writes to fields of non-receiver parameters and globals.
/// Measured on the 3 MB settings app (unbounded): all but five analyses stay below 200,000;
/// GMS `zaaa.zah` (each of its 3 SCC rounds) and `NLService.onNotificationPosted` pass 2,300,000.
pub(crate) const WIDEN_COST: usize = 300_000;

/// The shorter access-path bound tried after a method outgrew `WIDEN_COST` at bound `k`
/// (None: give up and use the library default summary, as for the per-method work budget).
/// One retry only: when paths of length 2 are still too costly, the cost comes from the
/// callee summaries the method applies, which shorter paths here do not shrink.
pub(crate) fn widened_k(k: usize) -> Option<usize> {
    (k > 2).then_some(2)
}

/// What one method analysis cost, for `--timings` and the widening warning.
#[derive(Clone, Copy, Debug, Default)]
pub struct MethodStats {
    /// basic-block visits, over every access-path bound tried
    pub visits: usize,
    /// largest state seen at a block entry (elements)
    pub peak_state: usize,
    /// access paths had to be shortened (`WIDEN_COST`)
    pub widened: bool,
    /// the summary is the flow-insensitive widening (`coarse.rs`: a budget was hit)
    pub coarse: bool,
    /// the access-path bound of the last attempt
    pub k: usize,
}

/// Where a method's analysis starts, learned from an earlier round of its SCC: a method that
/// needed shorter access paths, or the flow-insensitive widening, needs them again once its
/// callees' summaries have grown, so it is not analyzed in vain at the longer bound first.
#[derive(Clone, Copy, Debug, Default)]
pub struct Start {
    pub k: Option<usize>,
    pub coarse: bool,
}

impl Start {
    /// The start the next round should take after an analysis that cost `st`.
    pub fn after(st: &MethodStats) -> Start {
        Start {
            k: st.widened.then_some(st.k),
            coarse: st.coarse,
        }
    }
}

/// Analyzes `m` and returns its summary and what the analysis cost.
pub fn analyze_method(
    ctx: &Ctx<'_>,
    m: MethodId,
    body: &Body,
    start: Start,
) -> (Summary, MethodStats) {
    analyze_in_context(ctx, m, body, Vec::new(), start)
}

/// Exact classes of a call's arguments, per parameter (`None` = unknown): the context a
/// summary is specialized to.
type ParamTypes = Vec<Option<BTreeSet<TypeId>>>;

/// Most specialized summaries one method analysis computes (each is one callee analysis).
const MAX_SPECIALIZED: usize = 8;

/// Analyzes `m` assuming its parameters have the given exact classes (empty: no context);
/// also says whether its access paths had to be shortened (`WIDEN_COST`).
fn analyze_in_context(
    ctx: &Ctx<'_>,
    m: MethodId,
    body: &Body,
    param_types: ParamTypes,
    start: Start,
) -> (Summary, MethodStats) {
    let full = ctx.opts.access_path_len.max(1);
    let mut k = start.k.unwrap_or(full).min(full);
    let mut stats = MethodStats {
        widened: k < full,
        ..MethodStats::default()
    };
    loop {
        let mut a = MethodAnalysis {
            ctx,
            m,
            body,
            k,
            sum: Summary::default(),
            exit: None,
            ret: Val::default(),
            thrown: Labels::new(),
            coarse: false,
            call_types: FxHashMap::default(),
            param_types: param_types.clone(),
            specialized: FxHashMap::default(),
            keyed_objects: BTreeSet::new(),
            inside_sink_model: ctx
                .models
                .call_models(ctx.program, m)
                .iter()
                .flat_map(|mm| mm.sinks.iter().map(|s| s.category.clone()))
                .collect(),
            cost: 0,
            widen: false,
            visits: 0,
            peak_state: 0,
        };
        stats.k = k;
        if start.coarse {
            // a hint from an earlier round (which reported its budget) or a cycle widened as
            // a whole (`scc.rs`, which reports it)
            a.coarse = true;
        } else {
            a.run();
        }
        stats.visits += a.visits;
        stats.peak_state = stats.peak_state.max(a.peak_state);
        if a.widen {
            if let Some(k2) = widened_k(k) {
                k = k2;
                stats.widened = true;
                continue;
            }
            // even the shortest paths are too costly: the library default, as for the
            // per-method work budget
            ctx.budget_hit.store(true, Ordering::Relaxed);
            a.coarse = true;
        }
        stats.coarse = a.coarse;
        return (a.finish(), stats);
    }
}

impl MethodAnalysis<'_, '_> {
    fn initial_state(&self) -> State {
        let mut st = State {
            regs: vec![Val::default(); self.body.registers as usize],
            ..State::default()
        };
        let is_static = self
            .ctx
            .program
            .method_def(self.m)
            .is_some_and(|d| d.is_static());
        let cb: Vec<SourceRule> = self
            .ctx
            .models
            .callback_sources(self.ctx.program, self.m)
            .into_iter()
            .filter(|r| {
                r.kind == SourceKind::CallbackParameter
                    && rule_applies(&r.rule_sets, self.ctx.opts.rule_set)
            })
            .collect();
        let cb_api = if cb.is_empty() {
            self.m
        } else {
            self.ctx
                .models
                .callback_api(self.ctx.program, self.m)
                .unwrap_or(self.m)
        };
        let mref = self.ctx.program.method(self.m);
        let is_entry = self.ctx.cg.entry_points.iter().any(|e| e.method == self.m);
        for (i, &r) in self.body.param_regs.iter().enumerate().take(255) {
            let ap = AccessPath::new(Root::Param(i as u8));
            let mut v = Val::top();
            v.labels.insert(Label::In(ap.clone()));
            v.objs.insert(Obj::Entry(ap));
            let declared = i
                .checked_sub(usize::from(!is_static))
                .and_then(|j| mref.params.get(j))
                .map(|t| self.ctx.program.type_name(*t));
            if is_entry && declared == Some(INTENT) {
                let class = self.ctx.program.type_name(mref.class);
                let (root, external) = if is_result_callback(self.ctx.program, self.m) {
                    (
                        icc_result_root(class),
                        self.ctx.cg.external_results.contains(&mref.class),
                    )
                } else {
                    (
                        icc_root(class),
                        self.ctx.cg.external_intents.contains(&mref.class),
                    )
                };
                v.labels.insert(Label::In(AccessPath::new(root)));
                if external && let Some(l) = self.external_intent((self.m, 0), self.m) {
                    v.labels.insert(l);
                }
            }
            if let Some(k) = declared.and_then(|d| super::dest::param_marker(d, i)) {
                v.konst = k;
            }
            for rule in &cb {
                let pi = match rule.port {
                    Port::This => 0,
                    Port::Arg(n) => n as usize + usize::from(!is_static),
                    Port::Return => continue,
                };
                if pi == i {
                    v.labels.insert(Label::Src(Arc::new(SourceOcc {
                        site: (self.m, 0),
                        api: cb_api,
                        category: rule.category.clone(),
                        rule: rule.id.clone(),
                        confidence: Confidence::High,
                        chain: Vec::new(),
                        arg: None,
                        tag: false,
                    })));
                }
            }
            if (r as usize) >= st.regs.len() {
                st.regs.resize(r as usize + 1, Val::default());
            }
            st.regs[r as usize] = v;
        }
        st
    }

    fn run(&mut self) {
        let cfg = Cfg::build(self.body);
        if cfg.is_empty() {
            return;
        }
        let is_static = self
            .ctx
            .program
            .method_def(self.m)
            .is_some_and(|d| d.is_static());
        let this_reg = (!is_static)
            .then(|| self.body.param_regs.first().copied())
            .flatten();
        let bodies = CallConsts {
            ctx: self.ctx,
            m: self.m,
            body: self.body,
            memo: Default::default(),
        };
        // trusted static finals, string resources and the constants small callees return
        let env = AppEnv::new(self.ctx.program, self.ctx.cg.resource_strings.as_deref())
            .with_bodies(&bodies);
        // branches decided by constants keep one side; unreachable blocks are never visited
        let consts = if Consts::has_decisions(self.body) {
            Consts::analyze(self.body, &cfg, &env, this_reg)
        } else {
            Consts::all_feasible(self.body)
        };
        let nb = cfg.len();
        let mut ins: Vec<Option<State>> = vec![None; nb];
        ins[0] = Some(self.initial_state());
        let mut queue: VecDeque<usize> = VecDeque::new();
        let mut queued = vec![false; nb];
        queue.push_back(0);
        queued[0] = true;
        let budget = self
            .ctx
            .opts
            .max_block_visits
            .max(nb.saturating_mul(20))
            .min(self.ctx.opts.max_block_visits.saturating_mul(50));
        let mut visits = 0usize;
        let mut work = 0usize;
        let join_work0 = super::domain::join_work();
        while let Some(b) = queue.pop_front() {
            queued[b] = false;
            visits += 1;
            if let Some(st) = &ins[b] {
                work += st.heap.len() + st.regs.len() + cfg.blocks[b].range().len();
                let size = st.size();
                self.cost += size;
                self.peak_state = self.peak_state.max(size);
            }
            self.visits = visits;
            if self.cost + super::domain::join_work().wrapping_sub(join_work0) > WIDEN_COST {
                self.widen = true;
                break;
            }
            if visits > budget || work > self.ctx.opts.max_method_work {
                self.ctx.budget_hit.store(true, Ordering::Relaxed);
                self.coarse = true;
                break;
            }
            if self.ctx.past_deadline() {
                break;
            }
            let Some(mut st) = ins[b].clone() else {
                continue;
            };

            // successors come from the CFG (pruned by constants)
            for i in cfg.blocks[b].range() {
                let Some(insn) = self.body.insns.get(i) else {
                    break;
                };
                let pc = insn.pc;
                st.ctl.retain(|end, _| *end > pc);
                // only instructions that can throw reach the handlers of their try block
                let handlers = consts.handlers(&cfg, i);
                let covered = !handlers.is_empty();
                self.step(&mut st, i, covered);
                // one call can apply large summaries: the bound is checked per instruction
                if self.cost + super::domain::join_work().wrapping_sub(join_work0) > WIDEN_COST {
                    self.widen = true;
                    break;
                }
                for &hb in handlers {
                    let hb = hb as usize;
                    self.cost += st.size();
                    let mut hs = st.clone();
                    hs.pending = Val::default();
                    if Self::merge(&mut ins[hb], &hs, self.k) && !queued[hb] {
                        queued[hb] = true;
                        queue.push_back(hb);
                    }
                }
                st.exc = Val::default();
            }
            if self.widen {
                break;
            }
            st.exc = Val::default();
            for t in consts.succs(&cfg, b as BlockId) {
                let t = t as usize;
                if Self::merge(&mut ins[t], &st, self.k) && !queued[t] {
                    queued[t] = true;
                    queue.push_back(t);
                }
            }
        }
    }

    fn merge(slot: &mut Option<State>, st: &State, k: usize) -> bool {
        match slot {
            None => {
                *slot = Some(st.clone());
                true
            }
            Some(cur) => cur.join(st, k),
        }
    }

    fn reg(&self, st: &State, r: Reg) -> Val {
        st.regs.get(r as usize).cloned().unwrap_or_default()
    }

    fn def(&self, st: &mut State, r: Reg, mut v: Val) {
        if self.ctx.opts.implicit {
            for ls in st.ctl.values() {
                v.labels.extend(ls.iter().cloned());
            }
        }
        let r = r as usize;
        if r >= st.regs.len() {
            if r > u16::MAX as usize {
                return;
            }
            st.regs.resize(r + 1, Val::default());
        }
        st.regs[r] = v;
    }

    fn exit_with(&mut self, st: &State) {
        match &mut self.exit {
            None => self.exit = Some(st.clone()),
            Some(e) => {
                e.join(st, self.k);
            }
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    /// Widening retries once with a shorter bound and then gives up (library default summary),
    /// so a pathological method costs at most twice `WIDEN_COST`.
    #[test]
    fn widening_shortens_access_paths_once_then_stops() {
        let default_k = TaintOptions::default().access_path_len;
        let k2 = widened_k(default_k).expect("the default bound can be shortened");
        assert!(k2 < default_k && k2 >= 1);
        assert_eq!(widened_k(k2), None);
        assert_eq!(widened_k(1), None);
        for k in 0..16 {
            if let Some(s) = widened_k(k) {
                assert!(s < k && widened_k(s).is_none());
            }
        }
    }
}
