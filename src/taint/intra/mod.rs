//! The analysis of one method body: a flow-sensitive worklist over basic blocks, with strong
//! updates on registers, field-sensitive abstract heap, calls resolved through models or callee
//! summaries, and the method's own summary extracted from its exit state.
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
use crate::bytecode::consts::{Const, ConstEnv, Consts, Frame, return_value, static_final_value};
use crate::bytecode::ir::{Body, InvokeKind, Op, Reg};
use crate::bytecode::program::{Program, Value};
use crate::bytecode::{FieldId, MethodId, TypeId};
use crate::callgraph::{CallGraph, EdgeKind};
use crate::maps::{MethodModel, Port, SourceKind, SourceRule};

use super::domain::{
    AccessPath, FKey, Konst, Label, Labels, Obj, Objs, Path, Root, SiteKey, SourceOcc, State, Val,
};
use super::model::{ModelSource, port_arg, rule_applies};
use super::summary::{OutPort, OutVal, RawFlow, SinkFact, SinkInfo, Summary};
use super::{Confidence, TaintOptions};

mod coarse;

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
            .any(|o| matches!(o, Obj::Call { root: 255, path, .. } if path.is_empty()))
}

/// Source rule (broad rule set) for what other apps can put in an intent the app receives:
/// the intent of an exported component, a result from an activity outside the app.
const EXTERNAL_INTENT_RULE: &str = "intent.external";
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

/// What the shared constant propagation learns from outside the body: trusted static final
/// constants, and the constant every call-graph target of a call returns (small bodies only:
/// `int foo() { return 42; }`), so that `if (80 + foo() < 10)` keeps only its taken side.
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

impl ConstEnv for CallConsts<'_, '_> {
    fn static_field(&self, field: FieldId) -> Option<Const> {
        static_final_value(self.ctx.program, field)
    }

    fn call_result(
        &self,
        i: usize,
        method: MethodId,
        args: &[Reg],
        frame: &Frame<'_>,
    ) -> Option<Const> {
        if let Some(rs) = &self.ctx.cg.resource_strings
            && rs.is_getter(method)
        {
            let id = frame.int(*args.get(1)?)?;
            return rs.call_string(method, id).map(Const::Str);
        }
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
    /// abstract-state elements copied and joined (`WIDEN_COST` measure), last attempt
    pub cost: usize,
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
            ctx.budget_hit.store(true, Ordering::Relaxed);
            a.coarse = true;
        } else {
            a.run();
        }
        stats.visits += a.visits;
        stats.cost = a.cost;
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
        let env = CallConsts {
            ctx: self.ctx,
            m: self.m,
            body: self.body,
            memo: Default::default(),
        };
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

    fn step(&mut self, st: &mut State, i: usize, covered: bool) {
        let k = self.k;
        let insn = &self.body.insns[i];
        let pc = insn.pc;
        match &insn.op {
            Op::Nop | Op::MonitorEnter { .. } | Op::MonitorExit { .. } => {}
            Op::CheckCast { .. } | Op::FillArrayData { .. } => {}
            Op::Move { dst, src } => {
                let v = self.reg(st, *src);
                self.def(st, *dst, v);
            }
            Op::MoveResult { dst } => {
                let v = std::mem::take(&mut st.pending);
                self.def(st, *dst, v);
            }
            Op::MoveException { dst } => {
                let mut v = st.exc.clone();
                v.objs.insert(Obj::Alloc(pc));
                self.def(st, *dst, v);
            }
            Op::ReturnVoid => {
                self.exit_with(st);
            }
            Op::Return { src } => {
                let v = self.reg(st, *src);
                self.ret.join(&v);
                self.exit_with(st);
            }
            Op::Const { dst, value } => self.def(
                st,
                *dst,
                Val {
                    konst: Konst::Int(*value),
                    ..Val::default()
                },
            ),
            Op::ConstClass { dst, .. }
            | Op::ConstOther { dst }
            | Op::InstanceOf { dst, .. }
            | Op::ArrayLength { dst, .. } => self.def(st, *dst, Val::top()),
            Op::ConstString { dst, value } => self.def(st, *dst, Val::konst(value.clone())),
            Op::NewInstance { dst, ty } => {
                self.class_init(st, pc, *ty);
                let mut v = Val::top();
                v.objs.insert(Obj::Alloc(pc));
                self.def(st, *dst, v);
            }
            Op::NewArray { dst, .. } => {
                let mut v = Val::top();
                v.objs.insert(Obj::Alloc(pc));
                self.def(st, *dst, v);
            }
            Op::FilledNewArray { args, .. } => {
                let mut arr = Val::top();
                arr.objs.insert(Obj::Alloc(pc));
                let mut content = Val::default();
                for a in args {
                    let v = self.reg(st, *a);
                    content.labels.extend(st.taint(&v, k));
                }
                st.write_weak(&arr, FKey::Content, &content, k);
                st.pending = arr;
            }
            Op::Throw { src } => {
                let v = self.reg(st, *src);
                let mut exc = v.clone();
                exc.labels = st.taint(&v, k);
                if covered {
                    st.exc = exc;
                } else {
                    self.thrown.extend(exc.labels);
                    self.exit_with(st);
                }
            }
            Op::Goto { .. } | Op::Switch { .. } => {}
            Op::If { a, b, target, .. } => {
                if self.ctx.opts.implicit {
                    let mut ls = {
                        let v = self.reg(st, *a);
                        st.taint(&v, k)
                    };
                    if let Some(b) = b {
                        let v = self.reg(st, *b);
                        ls.extend(st.taint(&v, k));
                    }
                    // provenance tags are not data: a branch on a stream is no implicit flow
                    ls.retain(|l| !matches!(l, Label::Src(o) if !o.is_data()));
                    if !ls.is_empty() && *target > pc {
                        let end = self.region_end(*target);
                        st.ctl.entry(end).or_default().extend(ls);
                    }
                }
            }
            Op::Unop { dst, src, .. } | Op::BinopLit { dst, src, .. } => {
                let v = self.reg(st, *src);
                let mut out = Val::top();
                out.labels = st.taint(&v, k);
                self.def(st, *dst, out);
            }
            Op::Binop { dst, a, b, .. } => {
                let va = self.reg(st, *a);
                let vb = self.reg(st, *b);
                let mut out = Val::top();
                out.labels = st.taint(&va, k);
                out.labels.extend(st.taint(&vb, k));
                self.def(st, *dst, out);
            }
            Op::AGet { dst, array, index } => {
                let arr = self.reg(st, *array);
                let mut v = st.read(&arr, FKey::Content, k);
                if let Some(i) = self.reg(st, *index).konst.as_int()
                    && let Some(ls) = self.element_labels(st, &arr, i)
                {
                    v.labels = ls;
                }
                v.labels.union_with(&arr.labels);
                if v.objs.is_empty() {
                    v.objs.insert(Obj::Call {
                        pc,
                        root: 253,
                        path: Path::default(),
                    });
                }
                self.def(st, *dst, v);
            }
            Op::APut { src, array, index } => {
                let arr = self.reg(st, *array);
                let sv = self.reg(st, *src);
                let mut v = sv.clone();
                v.labels = st.taint(&sv, k);
                st.write_weak(&arr, FKey::Content, &v, k);
                if !arr.objs.is_empty() && arr.objs.iter().all(|o| matches!(o, Obj::Alloc(_))) {
                    let idx = self.reg(st, *index).konst.as_int();
                    let slot = FKey::Elem(idx.unwrap_or(UNKNOWN_INDEX));
                    let labels = Val {
                        labels: v.labels,
                        ..Val::default()
                    };
                    if idx.is_some() && arr.objs.len() == 1 {
                        st.write(&arr, slot, labels, k);
                    } else {
                        st.write_weak(&arr, slot, &labels, k);
                    }
                    for o in &arr.objs {
                        if let Obj::Alloc(apc) = o {
                            self.keyed_objects.insert(*apc);
                        }
                    }
                }
            }
            Op::IGet { dst, obj, field } => {
                let field = &self.canonical_field(*field);
                let base = self.reg(st, *obj);
                let mut v = st.read(&base, FKey::Field(*field), k);
                self.field_source(&mut v, pc, *field);
                // an object tainted as a whole (collapsed at the path cap, or filled by a
                // model) taints each of its fields
                for o in &base.objs {
                    if let Some(c) = st.heap.get(&(o.clone(), FKey::Content)) {
                        v.labels.union_with(&c.labels);
                    }
                }
                // so does a library object made from tainted data (`Message.obtain(h, what,
                // arg1, arg2)`, `Parcel.readValue`): the app reads its fields
                if made_by_library(&base) {
                    v.labels.union_with(&base.labels);
                }
                self.def(st, *dst, v);
            }
            Op::IPut { src, obj, field } => {
                let field = &self.canonical_field(*field);
                let base = self.reg(st, *obj);
                let mut v = self.reg(st, *src);
                if self.ctx.opts.implicit {
                    for ls in st.ctl.values() {
                        v.labels.extend(ls.iter().cloned());
                    }
                }
                st.write(&base, FKey::Field(*field), v, k);
            }
            Op::SGet { dst, field } => {
                let field = &self.canonical_field(*field);
                let mut v = st.global(&Root::Static(*field));
                if let Some(s) = self.static_konst(*field) {
                    v.konst = Konst::Str(s);
                }
                self.field_source(&mut v, pc, *field);
                self.def(st, *dst, v);
            }
            Op::SPut { src, field } => {
                let field = &self.canonical_field(*field);
                let mut v = self.reg(st, *src);
                if self.ctx.opts.implicit {
                    for ls in st.ctl.values() {
                        v.labels.extend(ls.iter().cloned());
                    }
                }
                st.globals.insert(Root::Static(*field), v);
            }
            Op::Invoke { kind, method, args } => {
                if *kind == InvokeKind::Static {
                    let class = self.ctx.program.method(*method).class;
                    self.class_init(st, pc, class);
                }
                self.call(
                    st,
                    pc,
                    Some(*method),
                    *kind == InvokeKind::Static,
                    args,
                    covered,
                );
            }
            Op::InvokeCustom { site, args } => {
                self.call(st, pc, site.implementation, true, args, covered);
            }
        }
    }

    /// `new C()` and `C.staticMethod()` initialize class `C` (JLS 12.4.1): `C.<clinit>` runs
    /// here, so what it writes into objects reached through statics (`Main.instance.f = id`)
    /// meets this method's view of those objects. Weak: the class may be initialized already.
    fn class_init(&mut self, st: &mut State, pc: u32, ty: TypeId) {
        let own = self.ctx.program.method(self.m).class;
        if ty == own {
            return;
        }
        let mut ran = false;
        for clinit in class_initializers(self.ctx.program, self.ctx.opts, ty) {
            if clinit == self.m {
                continue;
            }
            if let Some(s) = self.ctx.summary(clinit).cloned() {
                ran = true;
                let mut ignored = Val::default();
                let mut exc = Val::default();
                self.apply_summary(
                    st,
                    pc,
                    &[],
                    &s,
                    EdgeKind::Direct,
                    false,
                    &mut ignored,
                    &mut exc,
                );
            }
        }
        if ran {
            self.keyed_after_call(st, &[], true);
        }
    }

    /// What `arr[i]` holds for a constant `i` when every object `arr` may be is an array
    /// allocated here: the labels written at index `i` or at unknown indices, plus whatever the
    /// array's contents hold that no constant-index write explains (filled by a callee, a
    /// model, `filled-new-array`). `None`: use the whole contents.
    fn element_labels(&self, st: &State, arr: &Val, i: i64) -> Option<Labels> {
        if arr.objs.is_empty() || !arr.objs.iter().all(|o| matches!(o, Obj::Alloc(_))) {
            return None;
        }
        let mut out = Labels::new();
        for o in &arr.objs {
            let content = st.read_field(o, FKey::Content, self.k).labels;
            let mut explained = Labels::new();
            let lo = (o.clone(), FKey::Elem(i64::MIN));
            for ((_, fk), v) in st.heap.range(lo..).take_while(|((oo, _), _)| oo == o) {
                let FKey::Elem(j) = fk else { continue };
                if *j == i || *j == UNKNOWN_INDEX {
                    out.union_with(&v.labels);
                }
                explained.union_with(&v.labels);
            }
            out.extend(content.iter().filter(|l| !explained.contains(l)).cloned());
        }
        Some(out)
    }

    /// After a call: the constant-index arrays the call may have written lose their index
    /// precision (their whole contents become readable at every index). A call that runs
    /// app code (`app_code`) may reach any of them through statics and fields; a library call
    /// only the arrays reachable from its arguments.
    fn keyed_after_call(&self, st: &mut State, argv: &[Val], app_code: bool) {
        if self.keyed_objects.is_empty() {
            return;
        }
        let reach: Objs = if app_code {
            Objs::new()
        } else {
            let mut seen: Objs = Objs::new();
            let mut stack: Vec<Obj> = argv.iter().flat_map(|v| v.objs.iter().cloned()).collect();
            while let Some(o) = stack.pop() {
                if seen.len() > 256 || !seen.insert(o.clone()) {
                    continue;
                }
                let lo = (o.clone(), FKey::Field(FieldId(0)));
                for (_, v) in st.heap.range(lo..).take_while(|((oo, _), _)| *oo == o) {
                    stack.extend(v.objs.iter().filter(|x| !seen.contains(*x)).cloned());
                }
            }
            seen
        };
        for pc in &self.keyed_objects {
            let o = Obj::Alloc(*pc);
            if !app_code && !reach.contains(&o) {
                continue;
            }
            let content = st.read_field(&o, FKey::Content, self.k).labels;
            if content.is_empty() {
                continue;
            }
            let base = Val {
                objs: [o].into_iter().collect(),
                ..Val::default()
            };
            let v = Val {
                labels: content,
                ..Val::default()
            };
            st.write_weak(&base, FKey::Elem(UNKNOWN_INDEX), &v, self.k);
        }
    }

    /// End of the region controlled by a forward branch to `target`: the join after an else
    /// branch when the then-branch ends in a forward goto, else the target.
    fn region_end(&self, target: u32) -> u32 {
        if let Some(ti) = self.body.index_of_pc(target)
            && ti > 0
            && let Op::Goto { target: g } = self.body.insns[ti - 1].op
            && g > target
        {
            return g;
        }
        target
    }

    /// The field a reference resolves to: `Sub.f` names the `f` declared by the nearest
    /// superclass defining it, so both spellings are one heap location.
    fn canonical_field(&self, f: FieldId) -> FieldId {
        let p = self.ctx.program;
        let fr = p.field(f);
        let mut cur = Some(fr.class);
        let mut guard = 0;
        while let Some(c) = cur {
            guard += 1;
            if guard > 64 {
                break;
            }
            let Some(cd) = p.class(c) else { break };
            for d in cd.instance_fields.iter().chain(cd.static_fields.iter()) {
                let dr = p.field(d.id);
                if dr.name == fr.name && dr.ty == fr.ty {
                    return d.id;
                }
            }
            cur = cd.super_class;
        }
        f
    }

    /// Reads of source fields (`Build.SERIAL`) carry the source.
    fn field_source(&self, v: &mut Val, pc: u32, field: FieldId) {
        let Some(fs) = self.ctx.models.field_source(self.ctx.program, field) else {
            return;
        };
        // the api of a field source is reported as the method of its class that reads it:
        // keep the enclosing method id so signatures stay printable
        v.labels.insert(Label::Src(Arc::new(SourceOcc {
            site: (self.m, pc),
            api: self.m,
            category: fs.category,
            rule: fs.rule,
            confidence: Confidence::High,
            chain: Vec::new(),
            tag: false,
        })));
    }

    fn static_konst(&self, f: FieldId) -> Option<Arc<str>> {
        let p = self.ctx.program;
        let sig = p.field_signature(f);
        if let Some(u) = self.ctx.models.uri_field(&sig) {
            return Some(u);
        }
        let fr = p.field(f);
        let c = p.class(fr.class)?;
        let def = c.static_fields.iter().find(|d| d.id == f)?;
        if def.access_flags & crate::bytecode::program::ACC_FINAL == 0 {
            return None;
        }
        match &def.initial_value {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// Records that `labels` reach a sink: flows for the sources among them, a summary fact for
    /// the symbolic inputs. `guard` is the sink rule's provenance requirement with the labels of
    /// the receiver: met when the receiver carries the tag; pending (the whole fact, sources
    /// included, waits for a caller) when only input labels could bring it; else no sink.
    fn record_sink(
        &mut self,
        info: Arc<SinkInfo>,
        labels: Labels,
        chain: Vec<SiteKey>,
        destination: Option<Arc<str>>,
        guard: Option<(Arc<str>, Labels)>,
        widened: bool,
    ) {
        // inside the bundled implementation of a modeled sink API (an SDK or library copy
        // in the app), the model already reports the same kind of leak at the API's call
        // sites; other kinds (an analytics call that ends in a network write) still count
        if self.inside_sink_model.contains(&info.category) {
            return;
        }
        let (requires, guard_ins) = match guard {
            None => (None, Labels::new()),
            Some((tag, g)) => {
                let met = g
                    .iter()
                    .any(|l| matches!(l, Label::Src(o) if !o.is_data() && o.category == tag));
                if met {
                    (None, Labels::new())
                } else {
                    let ins: Labels = g
                        .into_iter()
                        .filter(|l| matches!(l, Label::In(_)))
                        .collect();
                    if ins.is_empty() {
                        return;
                    }
                    (Some(tag), ins)
                }
            }
        };
        let key = (info.site, info.rule.clone());
        // a pending fact whose requirement is now met at this site becomes unconditional
        let mut labels = labels;
        if requires.is_none()
            && let Some(f) = self.sum.sinks.get_mut(&key)
            && f.requires.is_some()
        {
            f.requires = None;
            f.guard.clear();
            labels.extend(std::mem::take(&mut f.labels));
        }
        let mut ins = Labels::new();
        for l in labels {
            match l {
                Label::Src(occ) if !occ.is_data() => {}
                Label::Src(occ) if requires.is_none() => {
                    let key = (occ.site, occ.rule.clone(), info.site);
                    let flow = RawFlow {
                        confidence: if widened {
                            Confidence::Low
                        } else {
                            occ.confidence
                        },
                        source: occ,
                        sink: info.clone(),
                        sink_chain: chain.clone(),
                        destination: destination.clone(),
                    };
                    match self.sum.flows.entry(key) {
                        std::collections::btree_map::Entry::Vacant(e) => {
                            e.insert(flow);
                        }
                        // a rule with a met provenance requirement is the specific reading
                        std::collections::btree_map::Entry::Occupied(mut e) => {
                            if info.conditional && !e.get().sink.conditional {
                                e.insert(flow);
                            }
                        }
                    }
                }
                l => {
                    ins.insert(l);
                }
            }
        }
        if ins.is_empty() {
            return;
        }
        let fact = self.sum.sinks.entry(key).or_insert_with(|| SinkFact {
            sink: info.clone(),
            chain: chain.clone(),
            labels: Labels::new(),
            destination: destination.clone(),
            requires: requires.clone(),
            guard: Labels::new(),
            widened,
        });
        fact.widened |= widened;
        fact.labels.extend(ins);
        if fact.requires.is_some() {
            fact.guard.extend(guard_ins);
        }
        if fact.destination.is_none() {
            fact.destination = destination;
        }
    }

    /// `new C(...)` of an app class overriding a `[[return_sink]]` method (a Volley request
    /// whose `getParams()` builds the form): what the override returns, read from this object
    /// as its constructor left it, is sent. The sink is this construction site, the api the
    /// overridden method, the destination the object's constant (its URL).
    fn return_sinks_at_construction(&mut self, st: &State, pc: u32, mref: MethodId, args: &[Reg]) {
        let class = self.ctx.program.method(mref).class;
        let Some(overrides) = self.ctx.return_overrides.get(&class) else {
            return;
        };
        let Some(&r0) = args.first() else {
            return;
        };
        let recv = self.reg(st, r0);
        // a super-constructor call inside a constructor is not a construction
        if !recv.objs.iter().any(|o| matches!(o, Obj::Alloc(_))) {
            return;
        }
        let argv = [recv.clone()];
        let arg_of = |j: u8| (j == 0).then_some(0usize);
        for &o in overrides {
            let Some(s) = self.ctx.summary(o).cloned() else {
                continue;
            };
            let rules: Vec<_> = self
                .ctx
                .models
                .return_sinks(self.ctx.program, o)
                .into_iter()
                .filter(|(r, _)| rule_applies(&r.rule_sets, self.ctx.opts.rule_set))
                .collect();
            if rules.is_empty() {
                continue;
            }
            let mut labels = Labels::new();
            let mut memo = InputMemo::new();
            for (port, v) in &s.outs {
                if !matches!(port, OutPort::Ret(_)) {
                    continue;
                }
                labels.extend(self.subst(st, pc, &v.labels, &arg_of, &argv, &mut memo));
                let objs = self.subst_objs(st, &v.objs, &arg_of, &argv, &mut memo);
                if !objs.is_empty() {
                    let v = Val {
                        objs,
                        ..Val::default()
                    };
                    labels.extend(st.deep_taint(&v, self.k));
                }
            }
            if labels.is_empty() {
                continue;
            }
            for (rule, api) in rules {
                let destination = match rule.destination {
                    Some(Port::This) => recv.konst.as_str().cloned(),
                    _ => None,
                };
                let info = Arc::new(SinkInfo {
                    site: (self.m, pc),
                    api,
                    category: rule.category.clone(),
                    rule: rule.id.clone(),
                    conditional: false,
                });
                self.record_sink(info, labels.clone(), Vec::new(), destination, None, false);
            }
        }
    }

    /// Records the constants passed to the parameters of `t` that decide where its flows
    /// go (their destination is a parameter marker, directly or through `t`'s own callees),
    /// so destinations left open at the top resolve from the call sites (`dest.rs`).
    fn note_call_args(&mut self, t: MethodId, s: &Summary, argv: &[Val]) {
        let mut params: Vec<u8> = s
            .flows
            .values()
            .filter_map(|f| f.destination.as_deref())
            .filter_map(super::dest::marker_param)
            .chain(s.call_args.values().flat_map(|a| a.markers()))
            .chain(s.gated.values().copied())
            .collect();
        params.sort_unstable();
        params.dedup();
        for j in params {
            let k = argv.get(j as usize).map_or(Konst::Top, |v| v.konst.clone());
            self.sum.call_args.entry((t, j)).or_default().add(&k);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        st: &mut State,
        pc: u32,
        method: Option<MethodId>,
        is_static: bool,
        args: &[Reg],
        covered: bool,
    ) {
        let app_code = self.call_inner(st, pc, method, is_static, args, covered);
        if !self.keyed_objects.is_empty() {
            // a keyed container's own put/get model says exactly what it does to the receiver
            let keyed_model = !is_static
                && method.is_some_and(|m| {
                    self.ctx
                        .models
                        .call_models(self.ctx.program, m)
                        .iter()
                        .any(|mm| mm.key_arg.is_some())
                });
            let argv: Vec<Val> = args
                .iter()
                .skip(usize::from(keyed_model))
                .map(|r| self.reg(st, *r))
                .collect();
            self.keyed_after_call(st, &argv, app_code);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn call_inner(
        &mut self,
        st: &mut State,
        pc: u32,
        method: Option<MethodId>,
        is_static: bool,
        args: &[Reg],
        covered: bool,
    ) -> bool {
        let argv: Vec<Val> = args.iter().map(|r| self.reg(st, *r)).collect();
        let mut app_code = false;
        let mut result = Val::default();
        let mut exc = Val::default();
        let mut modeled = false;
        let mut sanitized = false;
        if let Some(mref) = method {
            let models = self.ctx.models.call_models(self.ctx.program, mref);
            if !models.is_empty() {
                modeled = true;
                for model in models {
                    sanitized |= model.sanitizer;
                    self.apply_model(st, pc, mref, model, is_static, args, &argv, &mut result);
                    // a decorator (`new Formatter(sb)`) may be the object it wraps: writes
                    // into it reach the wrapped object's contents
                    if let Some(a) = model.wraps_arg
                        && !is_static
                        && let Some(wrapped) = argv.get(a as usize + 1)
                        && let Some(&recv) = args.first()
                        && let Some(v) = st.regs.get_mut(recv as usize)
                    {
                        v.objs.union_with(&wrapped.objs);
                        v.cap();
                    }
                }
            }
            if self.apply_retrofit(st, pc, mref, is_static, &argv) {
                modeled = true;
            }
        }
        self.icc_send(st, pc, is_static, &argv);
        if let Some(mref) = method {
            self.native_sink(st, pc, mref, &argv);
        }
        let mut targets = body_targets(
            self.ctx.program,
            self.ctx.cg,
            self.ctx.opts,
            self.m,
            pc,
            method,
        );
        let has_body = !targets.is_empty();
        // megamorphic sites (e.g. Parcelable.writeToParcel over every implementation) are
        // treated as an unknown library call: applying dozens of summaries costs more than
        // it tells; the targets are still analyzed on their own
        let megamorphic = targets.len() > MAX_TARGETS;
        if megamorphic {
            targets.clear();
        }
        if !is_static
            && targets
                .iter()
                .filter(|(_, k)| *k == EdgeKind::Virtual)
                .count()
                > 1
            && let Some(recv) = argv.first()
        {
            for o in &recv.objs {
                if let Obj::Entry(AccessPath {
                    root: Root::Param(i),
                    path,
                }) = o
                    && path.is_empty()
                {
                    self.sum.dispatch_params.insert(*i);
                }
            }
        }
        let receivers = self.receivers_by_target(&targets, is_static, &argv);
        // one callee runs for sure: what it overwrites on every path is overwritten here
        let sole = receivers.iter().filter(|r| r.is_some()).count() == 1;
        let mut ret_types: Option<BTreeSet<TypeId>> =
            (!targets.is_empty() && !modeled).then(BTreeSet::new);
        for ((t, kind), recv) in targets.into_iter().zip(receivers) {
            let Some(recv) = recv else { continue };
            app_code = true;
            let narrowed;
            let argv: &[Val] = match recv {
                Some(r) => {
                    let mut a = argv.clone();
                    a[0] = r;
                    narrowed = a;
                    &narrowed
                }
                None => &argv,
            };
            if let Some(s) = self.ctx.summary(t).cloned() {
                let s = self.specialize(t, kind, s, argv);
                match (&mut ret_types, &s.ret_types) {
                    (Some(acc), Some(ts)) if kind != EdgeKind::Reflective => acc.extend(ts),
                    _ => ret_types = None,
                }
                if kind == EdgeKind::Reflective
                    && let Some(refl) =
                        method.and_then(|m| self.reflective_args(st, pc, m, t, argv))
                {
                    let (rargv, ret) = refl;
                    ret_types = None;
                    self.apply_summary(
                        st,
                        pc,
                        &rargv,
                        &s,
                        EdgeKind::Direct,
                        false,
                        &mut result,
                        &mut exc,
                    );
                    if let Some(obj) = ret {
                        result.join(&obj);
                    }
                    continue;
                }
                let strong = sole && matches!(kind, EdgeKind::Direct | EdgeKind::Virtual);
                self.apply_summary(st, pc, argv, &s, kind, strong, &mut result, &mut exc);
                if matches!(kind, EdgeKind::Direct | EdgeKind::Virtual) {
                    self.note_call_args(t, &s, argv);
                }
            } else {
                ret_types = None;
            }
        }
        match ret_types {
            Some(ts) if !ts.is_empty() && !megamorphic => {
                self.call_types.insert(pc, ts);
            }
            _ => {
                self.call_types.remove(&pc);
            }
        }
        if let Some(mref) = method
            && !is_static
            && &*self.ctx.program.method(mref).name == "<init>"
            && let Some(cbs) = self
                .ctx
                .ctor_callbacks
                .get(&self.ctx.program.method(mref).class)
        {
            let kind = EdgeKind::Async {
                receiver_arg: 0,
                params_from: None,
            };
            for cb in cbs {
                app_code = true;
                if let Some(s) = self.ctx.summary(*cb).cloned() {
                    let mut ignored = Val::default();
                    let mut exc2 = Val::default();
                    self.apply_summary(st, pc, &argv, &s, kind, false, &mut ignored, &mut exc2);
                }
            }
        }
        if let Some(mref) = method
            && !has_body
        {
            modeled |= self.reflective_framework_call(st, pc, mref, &argv, &mut result);
        }
        if let Some(mref) = method {
            self.konst_through_call(st, pc, mref, is_static, &argv, &mut result);
            if !is_static && &*self.ctx.program.method(mref).name == "<init>" {
                self.return_sinks_at_construction(st, pc, mref, args);
            }
        }
        if !modeled && (!has_body || megamorphic) {
            self.default_call(st, pc, method, is_static, &argv, &mut result);
        }
        if sanitized {
            result.labels.clear();
        }
        if let Some(mref) = method
            && let Some(tag) = self.ctx.models.stream_factory(self.ctx.program, mref)
        {
            let occ = Label::Src(Arc::new(SourceOcc {
                site: (self.m, pc),
                api: mref,
                category: tag,
                rule: Arc::from("stream_factory"),
                confidence: Confidence::High,
                chain: Vec::new(),
                tag: true,
            }));
            // a constructor factory (`new FileOutputStream(f)`) tags the object it builds,
            // which every alias of the new object sees; a method factory tags its result
            if !is_static
                && &*self.ctx.program.method(mref).name == "<init>"
                && let Some(recv) = argv.first()
            {
                let mut c = Val::default();
                c.labels.insert(occ);
                st.write_weak(recv, FKey::Content, &c, self.k);
            } else {
                result.labels.insert(occ);
            }
        }
        if let Some(mref) = method {
            let r = self.ctx.program.method(mref);
            if &*r.name == "getIntent"
                && r.params.is_empty()
                && self.ctx.program.type_name(r.ret) == INTENT
            {
                let root = icc_root(self.ctx.program.type_name(r.class));
                let v = st.global(&root);
                result.labels.extend(v.labels);
                if self.ctx.cg.external_intents.contains(&r.class)
                    && let Some(l) = self.external_intent((self.m, pc), mref)
                {
                    result.labels.insert(l);
                }
            }
            // one Application instance per process: what one component stores in its fields
            // another component reads back
            if &*r.name == "getApplication"
                && r.params.is_empty()
                && self.ctx.program.type_name(r.ret) == "Landroid/app/Application;"
            {
                let v = st.global(&Root::Chan(Arc::from(APPLICATION_CHANNEL)));
                result.join(&v);
            }
        }
        if result.objs.is_empty() {
            result.objs.insert(Obj::Call {
                pc,
                root: 255,
                path: Path::default(),
            });
        }
        if self.ctx.opts.implicit {
            for ls in st.ctl.values() {
                result.labels.extend(ls.iter().cloned());
            }
        }
        if result.konst == Konst::Bot {
            result.konst = Konst::Top;
        }
        st.pending = result;
        if !exc.labels.is_empty() {
            if covered {
                st.exc = exc;
            } else {
                self.thrown.extend(exc.labels);
            }
        }
        app_code
    }

    /// The target's view of a reflective call: `Method.invoke(obj, Object[] args)` passes `obj`
    /// as receiver and the array's (coarse) contents as every parameter;
    /// `Constructor.newInstance(Object[] args)` and `Class.newInstance()` construct a fresh object
    /// (the call's result) that is the `<init>` receiver. Returns the argument values for a 1:1
    /// mapping and, for constructors, the new object to join into the result. `None` for other
    /// reflective edges (lambdas, method references), which map 1:1 already.
    fn reflective_args(
        &self,
        st: &State,
        pc: u32,
        api: MethodId,
        target: MethodId,
        argv: &[Val],
    ) -> Option<(Vec<Val>, Option<Val>)> {
        let p = self.ctx.program;
        let r = p.method(api);
        let class = p.type_name(r.class);
        let target_static = p.method_def(target).is_some_and(|d| d.is_static());
        let nparams = p.method(target).params.len();
        let contents = |arr: Option<&Val>| -> Val {
            let Some(a) = arr else {
                return Val::default();
            };
            let mut v = self.read_path(st, a, &[FKey::Content]);
            v.labels.union_with(&a.labels);
            v
        };
        let (recv, array, ret) = match (class, &*r.name) {
            ("Ljava/lang/reflect/Method;", "invoke") => (argv.get(1).cloned(), argv.get(2), None),
            ("Ljava/lang/reflect/Constructor;", "newInstance") => {
                let obj = Val {
                    objs: [Obj::Call {
                        pc,
                        root: 255,
                        path: Path::default(),
                    }]
                    .into_iter()
                    .collect(),
                    ..Val::default()
                };
                (Some(obj.clone()), argv.get(1), Some(obj))
            }
            ("Ljava/lang/Class;", "newInstance") => {
                let obj = Val {
                    objs: [Obj::Call {
                        pc,
                        root: 255,
                        path: Path::default(),
                    }]
                    .into_iter()
                    .collect(),
                    ..Val::default()
                };
                (Some(obj.clone()), None, Some(obj))
            }
            _ => return None,
        };
        let params = contents(array);
        let mut out = Vec::with_capacity(nparams + 1);
        if !target_static {
            out.push(recv.unwrap_or_default());
        }
        out.extend(std::iter::repeat_n(params, nparams));
        Some((out, ret))
    }

    /// `Method.invoke` of a framework/SDK method known only by constant class and method name
    /// (the call graph has no body to link): the target's models apply with the invoke's
    /// object as receiver and the argument array's contents as every parameter.
    fn reflective_framework_call(
        &mut self,
        st: &mut State,
        pc: u32,
        mref: MethodId,
        argv: &[Val],
        result: &mut Val,
    ) -> bool {
        let p = self.ctx.program;
        let r = p.method(mref);
        if &*r.name != "invoke" || p.type_name(r.class) != "Ljava/lang/reflect/Method;" {
            return false;
        }
        let Some(mark) = argv.first().and_then(|v| v.konst.as_str()).cloned() else {
            return false;
        };
        let Some((class, name)) = mark
            .strip_prefix(REFL_MARK)
            .and_then(|m| m.split_once("->"))
        else {
            return false;
        };
        let models = self.ctx.models.models_by_name(class, name);
        if models.is_empty() {
            return false;
        }
        let mut params = argv
            .get(2)
            .map(|a| self.read_path(st, a, &[FKey::Content]))
            .unwrap_or_default();
        if let Some(a) = argv.get(2) {
            params.labels.union_with(&a.labels);
        }
        let mut rargv = vec![argv.get(1).cloned().unwrap_or_default()];
        rargv.extend(std::iter::repeat_n(params, 6));
        // no registers stand for these values: writes go to the heap only
        let rargs = vec![Reg::MAX; rargv.len()];
        for model in models {
            self.apply_model(st, pc, mref, model, false, &rargs, &rargv, result);
        }
        true
    }

    /// Broad rule set: data handed to an app's own native method that returns no object
    /// leaves what bytecode analysis can follow (category `native`).
    fn native_sink(&mut self, st: &State, pc: u32, mref: MethodId, argv: &[Val]) {
        if self.ctx.opts.rule_set != crate::maps::RuleSet::Broad {
            return;
        }
        let Some(def) = self.ctx.program.method_def(mref) else {
            return;
        };
        // a native function returning an object is treated as a transformation (its result
        // carries the arguments' taint by the default rule); one returning nothing or a
        // status code is where the data goes
        let ret = self
            .ctx
            .program
            .type_name(self.ctx.program.method(mref).ret);
        if def.access_flags & crate::bytecode::program::ACC_NATIVE == 0
            || ret.starts_with('L')
            || ret.starts_with('[')
        {
            return;
        }
        let mut labels = Labels::new();
        for v in argv.iter().skip(usize::from(!def.is_static())) {
            labels.extend(st.deep_taint(v, self.k));
        }
        if labels.is_empty() {
            return;
        }
        let info = Arc::new(SinkInfo {
            site: (self.m, pc),
            api: mref,
            category: Arc::from("native"),
            rule: Arc::from("native-method"),
            conditional: false,
        });
        self.record_sink(info, labels, Vec::new(), None, None, false);
    }

    /// The `intent.external` source at `site` (broad rule set only).
    fn external_intent(&self, site: (MethodId, u32), api: MethodId) -> Option<Label> {
        if self.ctx.opts.rule_set != crate::maps::RuleSet::Broad {
            return None;
        }
        Some(Label::Src(Arc::new(SourceOcc {
            site,
            api,
            category: Arc::from(EXTERNAL_INTENT_CATEGORY),
            rule: Arc::from(EXTERNAL_INTENT_RULE),
            confidence: Confidence::High,
            chain: Vec::new(),
            tag: false,
        })))
    }

    /// A call the call graph resolved to components of this app (startActivity,
    /// startService, sendBroadcast, ...): what its arguments carry is delivered to each
    /// receiving component's intent channel.
    fn icc_send(&mut self, st: &mut State, pc: u32, is_static: bool, argv: &[Val]) {
        let k = self.k;
        let p = self.ctx.program;
        let mut classes: Vec<(bool, crate::bytecode::TypeId)> = self
            .ctx
            .cg
            .targets(self.m, pc)
            .iter()
            .filter(|t| t.kind == EdgeKind::Icc)
            .map(|t| (is_result_callback(p, t.method), p.method(t.method).class))
            .collect();
        if classes.is_empty() {
            return;
        }
        classes.sort();
        classes.dedup();
        let mut labels = Labels::new();
        for v in argv.iter().skip(usize::from(!is_static)) {
            labels.extend(st.deep_taint(v, k));
        }
        if labels.is_empty() {
            return;
        }
        let add = Val {
            labels,
            ..Val::default()
        };
        for (result, c) in classes {
            let name = self.ctx.program.type_name(c);
            let root = if result {
                icc_result_root(name)
            } else {
                icc_root(name)
            };
            let mut cur = st.global(&root);
            cur.join(&add);
            st.globals.insert(root, cur);
        }
    }

    /// The summary of `t` specialized to the exact classes of this call's arguments, when
    /// `t` dispatches on a parameter whose argument here has known classes (a strategy
    /// object passed in: `run(new SafeTask())` runs only `SafeTask`'s override inside).
    /// Otherwise, or past the budget, the general summary.
    fn specialize(
        &mut self,
        t: MethodId,
        kind: EdgeKind,
        general: Arc<Summary>,
        argv: &[Val],
    ) -> Arc<Summary> {
        if general.dispatch_params.is_empty()
            || !self.param_types.is_empty()
            || !matches!(kind, EdgeKind::Direct | EdgeKind::Virtual)
            || self.ctx.current.contains_key(&t)
        {
            return general;
        }
        let mut ctx_types: ParamTypes = vec![None; argv.len()];
        let mut any = false;
        for &i in &general.dispatch_params {
            let Some(v) = argv.get(i as usize) else {
                continue;
            };
            let mut ts = BTreeSet::new();
            let known = !v.objs.is_empty()
                && v.objs.iter().all(|o| match self.exact_types(o) {
                    Some(x) => {
                        ts.extend(x);
                        true
                    }
                    None => false,
                });
            if known {
                ctx_types[i as usize] = Some(ts);
                any = true;
            }
        }
        if !any {
            return general;
        }
        let key = (t, ctx_types);
        if let Some(s) = self.specialized.get(&key) {
            return s.clone();
        }
        if self.specialized.len() >= MAX_SPECIALIZED {
            return general;
        }
        let Some(body) = self.ctx.program.body(t) else {
            return general;
        };
        let s = Arc::new(analyze_in_context(self.ctx, t, &body, key.1.clone(), Start::default()).0);
        self.specialized.insert(key, s.clone());
        s
    }

    /// The receiver each virtual target sees: only the objects whose exact runtime class
    /// (allocation site, or a callee's returned allocation) dispatches to that target, so
    /// `(flag ? new A() : new B()).m()` runs `A.m` on the `A` object and `B.m` on the `B`
    /// object. Per target: `Some(None)` = the receiver unchanged, `Some(Some(v))` = narrowed,
    /// `None` = no receiver object can reach the target (skipped). When no target would run
    /// at all (a resolution this method does not understand), every target keeps the whole
    /// receiver.
    fn receivers_by_target(
        &self,
        targets: &[(MethodId, EdgeKind)],
        is_static: bool,
        argv: &[Val],
    ) -> Vec<Option<Option<Val>>> {
        let unchanged = || vec![Some(None); targets.len()];
        let Some(recv) = argv.first().filter(|r| !is_static && !r.objs.is_empty()) else {
            return unchanged();
        };
        let typed: Vec<(&Obj, Option<BTreeSet<TypeId>>)> =
            recv.objs.iter().map(|o| (o, self.exact_types(o))).collect();
        if typed.iter().all(|(_, t)| t.is_none()) {
            return unchanged();
        }
        let out: Vec<Option<Option<Val>>> = targets
            .iter()
            .map(|&(t, kind)| {
                if kind != EdgeKind::Virtual {
                    return Some(None);
                }
                let objs: Objs = typed
                    .iter()
                    .filter(|(_, ts)| match ts {
                        None => true,
                        Some(ts) => ts
                            .iter()
                            .any(|ty| self.dispatch(*ty, t).is_none_or(|m| m == t)),
                    })
                    .map(|(o, _)| (*o).clone())
                    .collect();
                if objs.is_empty() {
                    None
                } else if objs.len() == recv.objs.len() {
                    Some(None)
                } else {
                    Some(Some(Val {
                        objs,
                        ..recv.clone()
                    }))
                }
            })
            .collect();
        if out.iter().all(Option::is_none) {
            return unchanged();
        }
        out
    }

    /// The exact classes an object may have at run time, when known: the class of a
    /// `new-instance` in this method, or what the callee returning it allocated.
    fn exact_types(&self, o: &Obj) -> Option<BTreeSet<TypeId>> {
        match o {
            Obj::Alloc(apc) => {
                let i = self.body.index_of_pc(*apc)?;
                match &self.body.insns.get(i)?.op {
                    Op::NewInstance { ty, .. } => Some([*ty].into_iter().collect()),
                    _ => None,
                }
            }
            Obj::Call {
                pc,
                root: 255,
                path,
            } if path.is_empty() => self.call_types.get(pc).cloned(),
            Obj::Entry(AccessPath {
                root: Root::Param(i),
                path,
            }) if path.is_empty() => self.param_types.get(*i as usize).cloned().flatten(),
            _ => None,
        }
    }

    /// The method a virtual call of `target`'s signature runs on an object of exact class
    /// `ty`: the nearest definition up the superclass chain. `None` when the chain leaves the
    /// app's classes first (framework or missing code decides).
    fn dispatch(&self, ty: TypeId, target: MethodId) -> Option<MethodId> {
        let p = self.ctx.program;
        let want = p.method(target);
        let mut cur = Some(ty);
        let mut guard = 0;
        while let Some(c) = cur {
            guard += 1;
            if guard > 64 {
                return None;
            }
            let cd = p.class(c)?;
            for d in &cd.virtual_methods {
                let r = p.method(d.id);
                if r.name == want.name && r.params == want.params && r.ret == want.ret {
                    return (!d.is_abstract()).then_some(d.id);
                }
            }
            cur = cd.super_class;
        }
        None
    }

    /// No model and no body: the result carries the inputs' taint; a receiver that looks like
    /// a container being filled takes the arguments' taint.
    fn default_call(
        &mut self,
        st: &mut State,
        pc: u32,
        method: Option<MethodId>,
        is_static: bool,
        argv: &[Val],
        result: &mut Val,
    ) {
        let k = self.k;
        let p = self.ctx.program;
        let (name, ret_void) = match method {
            Some(m) => {
                let r = p.method(m);
                (r.name.clone(), p.type_name(r.ret) == "V")
            }
            None => (Arc::from(""), false),
        };
        let mut all = Labels::new();
        for v in argv {
            all.extend(st.taint(v, k));
        }
        if !ret_void {
            result.labels.extend(all.iter().cloned());
        }
        if !is_static && argv.len() > 1 {
            let n: &str = &name;
            let fills = [
                "add", "put", "set", "append", "insert", "offer", "push", "write",
            ]
            .iter()
            .any(|p| n.starts_with(p))
                || n == "<init>";
            if fills {
                let mut ls = Labels::new();
                for v in &argv[1..] {
                    ls.extend(st.taint(v, k));
                }
                if !ls.is_empty() {
                    let content = Val {
                        labels: ls,
                        ..Val::default()
                    };
                    st.write_weak(&argv[0], FKey::Content, &content, k);
                }
            }
        }
        if !result.labels.is_empty() || result.objs.is_empty() {
            result.objs.insert(Obj::Call {
                pc,
                root: 255,
                path: Path::default(),
            });
        }
    }

    /// Light constant propagation through calls without bodies: URL/Uri/builder wrappers,
    /// `StringBuilder.append`, and objects derived from a constant receiver (a connection
    /// from a URL, a stream from a connection, a client from a builder) keep its constant.
    fn konst_through_call(
        &self,
        st: &mut State,
        pc: u32,
        method: MethodId,
        is_static: bool,
        argv: &[Val],
        result: &mut Val,
    ) {
        let p = self.ctx.program;
        let r = p.method(method);
        let name = r.name.clone();
        let ret = p.type_name(r.ret);
        let n: &str = &name;
        let recv_k = if is_static {
            None
        } else {
            argv.first().and_then(|v| v.konst.as_str().cloned())
        };
        let first_str = argv
            .iter()
            .skip(usize::from(!is_static))
            .find_map(|v| v.konst.as_str().cloned());
        let marked = |k: &Option<Arc<str>>| k.as_deref().is_some_and(super::dest::is_marker);
        // `getString(R.string.x)`: the string resource the constant id names
        if let Some(rs) = &self.ctx.cg.resource_strings
            && rs.is_getter(method)
        {
            if let Some(s) = argv
                .get(1)
                .and_then(|v| v.konst.as_int())
                .and_then(|id| rs.call_string(method, id))
            {
                result.konst = Konst::Str(s);
            }
            return;
        }
        // reflection with constant names: `Class.forName("a.b.C")` and `getMethod("m", ..)`
        // become markers that no real string can be (they start with NUL)
        let class_name = p.type_name(r.class);
        if class_name == "Ljava/lang/Class;" || class_name == "Ljava/lang/ClassLoader;" {
            match n {
                "forName" | "loadClass" => {
                    if let Some(s) = first_str
                        .filter(|s| !s.starts_with(REFL_MARK) && !super::dest::is_marker(s))
                    {
                        let d = format!("{REFL_MARK}L{};", s.replace('.', "/"));
                        result.konst = Konst::Str(Arc::from(d));
                    }
                    return;
                }
                "getMethod" | "getDeclaredMethod" => {
                    if let (Some(c), Some(m)) = (&recv_k, &first_str)
                        && c.starts_with(REFL_MARK)
                        && !c.contains("->")
                    {
                        result.konst = Konst::Str(Arc::from(format!("{c}->{m}")));
                    }
                    return;
                }
                _ => {}
            }
        }
        match n {
            // `"pre.name.post".substring(4, 8)` with constant bounds (ASCII: char = byte)
            "substring" if class_name == "Ljava/lang/String;" && !is_static => {
                let bound = |i: usize| argv.get(i).and_then(|v| v.konst.as_int());
                if let Some(s) = recv_k.filter(|s| s.is_ascii())
                    && let Some(b) = bound(1)
                    && let Ok(b) = usize::try_from(b)
                {
                    let e = match argv.len() {
                        2 => Some(s.len()),
                        _ => bound(2).and_then(|e| usize::try_from(e).ok()),
                    };
                    if let Some(part) = e.filter(|e| b <= *e).and_then(|e| s.get(b..e)) {
                        result.konst = Konst::Str(Arc::from(part));
                    }
                }
            }
            "<init>" => {
                if let Some(s) = first_str {
                    self.set_receiver_konst(st, pc, s);
                }
            }
            // a parameter marker stands for a whole value: it is not concatenated
            "append" if marked(&recv_k) || marked(&first_str) => {}
            "append" => {
                if let (Some(a), Some(b)) = (recv_k, first_str) {
                    let s: Arc<str> = Arc::from(format!("{a}{b}"));
                    self.set_receiver_konst(st, pc, s.clone());
                    result.konst = Konst::Str(s);
                }
            }
            "parse" | "withAppendedPath" | "valueOf" | "url" | "baseUrl" => {
                if let Some(s) = first_str {
                    result.konst = Konst::Str(s.clone());
                    if !is_static && (n == "url" || n == "baseUrl") {
                        self.set_receiver_konst(st, pc, s);
                    }
                } else if let Some(a) = recv_k {
                    result.konst = Konst::Str(a);
                }
            }
            _ => {
                let derived = ret.starts_with('L') || ret.starts_with('[');
                // else from an object argument (client.newCall(request) -> the call)
                let from_obj_arg = || {
                    r.params
                        .iter()
                        .zip(argv.iter().skip(usize::from(!is_static)))
                        .filter(|(t, _)| {
                            let t = p.type_name(**t);
                            t.starts_with('L') && t != "Ljava/lang/String;"
                        })
                        .find_map(|(_, v)| v.konst.as_str().cloned())
                };
                if matches!(result.konst, Konst::Bot | Konst::Top)
                    && (derived || n == "toString")
                    && let Some(a) = recv_k.or_else(from_obj_arg)
                    && !a.starts_with(REFL_MARK)
                {
                    result.konst = Konst::Str(a);
                }
            }
        }
    }

    /// Sets the constant of the receiver register of the invoke at `pc` (constructors and
    /// builders: `new URL("https://...")`, `sb.append("...")`).
    fn set_receiver_konst(&self, st: &mut State, pc: u32, s: Arc<str>) {
        let Some(i) = self.body.index_of_pc(pc) else {
            return;
        };
        if let Op::Invoke { args, .. } = &self.body.insns[i].op
            && let Some(&r) = args.first()
            && let Some(v) = st.regs.get_mut(r as usize)
        {
            v.konst = Konst::Str(s);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn apply_model(
        &mut self,
        st: &mut State,
        pc: u32,
        mref: MethodId,
        model: &MethodModel,
        is_static: bool,
        args: &[Reg],
        argv: &[Val],
        result: &mut Val,
    ) {
        let k = self.k;
        let rs = self.ctx.opts.rule_set;
        let port_val = |p: Port| port_arg(p, is_static, argv.len()).map(|i| &argv[i]);
        for src in &model.sources {
            if src.kind != SourceKind::Call || !rule_applies(&src.rule_sets, rs) {
                continue;
            }
            let mut gate_conf = Confidence::High;
            if let Some((arg, values)) = self.ctx.models.const_gate(&src.id) {
                let k = port_val(Port::Arg(arg)).map(|v| &v.konst);
                match k.and_then(super::dest::real) {
                    Some(s) if values.iter().any(|x| x == s) => {}
                    Some(_) => continue,
                    None => gate_conf = Confidence::Low,
                }
                // the key is a parameter: the callers' constants decide (dest.rs)
                if let Some(j) = k
                    .and_then(|k| k.as_str())
                    .and_then(|s| super::dest::marker_param(s))
                {
                    self.sum.gated.insert(((self.m, pc), src.id.clone()), j);
                }
            }
            let (category, confidence) = match src.uri_arg {
                None => (src.category.clone(), gate_conf),
                Some(ua) => {
                    let uri =
                        port_val(Port::Arg(ua)).and_then(|v| super::dest::real(&v.konst).cloned());
                    match uri.and_then(|u| self.ctx.models.classify_uri(&u)) {
                        Some((c, conf)) => (c, conf),
                        None => (Arc::from("content_provider"), Confidence::Low),
                    }
                }
            };
            let occ = Label::Src(Arc::new(SourceOcc {
                site: (self.m, pc),
                api: mref,
                category,
                rule: src.id.clone(),
                confidence,
                chain: Vec::new(),
                tag: false,
            }));
            match port_arg(src.port, is_static, argv.len()) {
                None => {
                    result.labels.insert(occ);
                }
                Some(i) => {
                    let mut c = Val::default();
                    c.labels.insert(occ.clone());
                    st.write_weak(&argv[i], FKey::Content, &c, k);
                    if let Some(v) = st.regs.get_mut(args[i] as usize) {
                        v.labels.insert(occ);
                    }
                }
            }
        }
        let icc_resolved = self
            .ctx
            .cg
            .targets(self.m, pc)
            .iter()
            .any(|t| t.kind == EdgeKind::Icc)
            || self.ctx.cg.undelivered_icc.contains(&(self.m, pc));
        for sink in &model.sinks {
            if !rule_applies(&sink.rule_sets, rs) {
                continue;
            }
            // an intent delivered to a component of this app keeps its data inside the app:
            // the receiving side reads it back through the intent-extra channel
            if icc_resolved && &*sink.category == "intent" {
                continue;
            }
            let mut labels = Labels::new();
            for p in &sink.ports {
                if let Some(v) = port_val(*p) {
                    labels.extend(st.deep_taint(v, k));
                }
            }
            if labels.is_empty() {
                continue;
            }
            let destination = match sink.destination {
                Some(d) => port_val(d).and_then(|v| v.konst.as_str().cloned()),
                // no destination port: an object derived from a constant URL (connection,
                // stream, request) still knows where it goes
                None => port_val(Port::This).and_then(|v| v.konst.as_str().cloned()),
            };
            // `requires = TAG`: the receiver's provenance decides (known now, or through the
            // receiver's input labels once a caller substitutes them)
            let guard = self.ctx.models.sink_requirement(&sink.id).map(|tag| {
                let recv = port_val(Port::This)
                    .map(|v| st.taint(v, k))
                    .unwrap_or_default();
                (tag, recv)
            });
            let info = Arc::new(SinkInfo {
                site: (self.m, pc),
                api: mref,
                category: sink.category.clone(),
                rule: sink.id.clone(),
                conditional: guard.is_some(),
            });
            self.record_sink(info, labels, Vec::new(), destination, guard, false);
        }
        // a keyed container allocated here (`map.put("k", v)` / `map.get("k")`): its slot for
        // a constant key (unknown keys share `UNKNOWN_INDEX`)
        let keyed = model
            .key_arg
            .filter(|_| {
                !is_static
                    && !argv[0].objs.is_empty()
                    && argv[0].objs.iter().all(|o| matches!(o, Obj::Alloc(_)))
            })
            .map(|a| match port_val(Port::Arg(a)).map(|v| &v.konst) {
                Some(Konst::Str(s)) => key_slot(s),
                Some(Konst::Int(i)) if *i != UNKNOWN_INDEX => *i,
                _ => UNKNOWN_INDEX,
            });
        for prop in &model.propagations {
            let mut ls = Labels::new();
            for p in &prop.from {
                if let Some(v) = port_val(*p) {
                    match (p, keyed) {
                        (Port::This, Some(slot)) if slot != UNKNOWN_INDEX => {
                            ls.union_with(&v.labels);
                            ls.extend(self.element_labels(st, v, slot).unwrap_or_default());
                        }
                        // a serializer sends the fields written into the object too
                        _ if model.deep => ls.extend(st.deep_taint(v, k)),
                        _ => ls.extend(st.taint(v, k)),
                    }
                }
            }
            if let Some(slot) = keyed
                && prop.to.contains(&Port::This)
            {
                let v = Val {
                    labels: ls.clone(),
                    ..Val::default()
                };
                if slot != UNKNOWN_INDEX && argv[0].objs.len() == 1 {
                    st.write(&argv[0], FKey::Elem(slot), v, k);
                } else {
                    st.write_weak(&argv[0], FKey::Elem(slot), &v, k);
                }
                for o in &argv[0].objs {
                    if let Obj::Alloc(apc) = o {
                        self.keyed_objects.insert(*apc);
                    }
                }
            }
            if ls.is_empty() {
                continue;
            }
            for to in &prop.to {
                match port_arg(*to, is_static, argv.len()) {
                    None => result.labels.extend(ls.iter().cloned()),
                    Some(i) => {
                        let c = Val {
                            labels: ls.clone(),
                            ..Val::default()
                        };
                        if argv[i].objs.is_empty() {
                            if let Some(v) = st.regs.get_mut(args[i] as usize) {
                                v.labels.extend(ls.iter().cloned());
                            }
                        } else {
                            st.write_weak(&argv[i], FKey::Content, &c, k);
                        }
                    }
                }
            }
        }
        for ch in &model.channels {
            let key: Arc<str> = match ch.key_arg {
                None => Arc::from("*"),
                Some(a) => match port_val(Port::Arg(a)).and_then(|v| super::dest::real(&v.konst)) {
                    Some(s) => s.clone(),
                    None => Arc::from("?"),
                },
            };
            let root = Root::Chan(Arc::from(format!("{}:{}", ch.channel, key)));
            if ch.put {
                let Some(v) = port_val(ch.value) else {
                    continue;
                };
                let ls = st.deep_taint(v, k);
                let add = Val {
                    labels: ls.clone(),
                    ..Val::default()
                };
                let mut cur = st.global(&root);
                cur.join(&add);
                st.globals.insert(root, cur);
                if !is_static && !ls.is_empty() && ch.value != Port::This {
                    let c = argv[0].clone();
                    st.write_weak(&c, FKey::Content, &add, k);
                }
            } else {
                let received = !is_static
                    && &*ch.channel == "intent-extra"
                    && argv.first().is_some_and(|r| {
                        st.taint(r, k).iter().any(|l| {
                            matches!(l, Label::In(ap) if matches!(&ap.root, Root::Chan(c) if c.starts_with("icc:") || c.starts_with("icc-result:")))
                        })
                    });
                // an intent or bundle this method was given, read with a key it cannot resolve:
                // what it holds is decided by the caller (its own puts into the object, or
                // the sender's extras for a delivered intent), not by every put of every key
                // in the app, which would tie unrelated code together
                let from_input = !is_static
                    && &*ch.channel == "intent-extra"
                    && ch.key_arg.is_some()
                    && &*key == "?"
                    && argv.first().is_some_and(|r| {
                        !r.objs.is_empty()
                            && r.objs.iter().all(|o| {
                                matches!(o, Obj::Entry(ap) if matches!(ap.root, Root::Param(_)))
                            })
                    });
                let v = if received || from_input {
                    // an intent delivered to this component: its extras are what its senders
                    // put in (resolved per receiving component), not every intent's extras
                    Val {
                        labels: st.deep_taint(&argv[0], k),
                        ..Val::default()
                    }
                } else {
                    st.global(&root)
                };
                match port_arg(ch.value, is_static, argv.len()) {
                    None => {
                        result.labels.extend(v.labels);
                    }
                    Some(i) => {
                        let c = Val {
                            labels: v.labels,
                            ..Val::default()
                        };
                        st.write_weak(&argv[i], FKey::Content, &c, k);
                    }
                }
            }
        }
        let _ = result.konst;
    }

    /// Retrofit: a call to an interface method annotated `@GET/@POST/...` sends its annotated
    /// parameters over the network; the annotation value is the destination.
    fn apply_retrofit(
        &mut self,
        st: &mut State,
        pc: u32,
        mref: MethodId,
        is_static: bool,
        argv: &[Val],
    ) -> bool {
        let p = self.ctx.program;
        let Some(def) = p.method_def(mref) else {
            return false;
        };
        let verbs = [
            "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "HTTP",
        ];
        let mut dest: Option<Arc<str>> = None;
        let mut is_http = false;
        for a in &def.annotations {
            let t = p.type_name(a.ty);
            let Some(rest) = t
                .strip_prefix("Lretrofit2/http/")
                .or_else(|| t.strip_prefix("Lretrofit/http/"))
            else {
                continue;
            };
            if verbs.iter().any(|v| rest == format!("{v};")) {
                is_http = true;
                for (name, v) in &a.elements {
                    if (&**name == "value" || &**name == "path")
                        && let Value::String(s) = v
                    {
                        dest = Some(s.clone());
                    }
                }
            }
        }
        if !is_http {
            return false;
        }
        // the proxy from Retrofit.create carries the base URL given to Retrofit.Builder
        if let Some(base) = (!is_static)
            .then(|| {
                argv.first()
                    .and_then(|v| super::dest::real(&v.konst).cloned())
            })
            .flatten()
        {
            dest = Some(match &dest {
                Some(rel) if rel.contains("://") => rel.clone(),
                Some(rel) => Arc::from(format!(
                    "{}/{}",
                    base.trim_end_matches('/'),
                    rel.trim_start_matches('/')
                )),
                None => base,
            });
        }
        let k = self.k;
        let mut labels = Labels::new();
        let off = usize::from(!is_static);
        for (i, v) in argv.iter().enumerate().skip(off) {
            let _annotated = def
                .parameter_annotations
                .get(i - off)
                .is_some_and(|l| !l.is_empty());
            labels.extend(st.deep_taint(v, k));
        }
        if labels.is_empty() {
            return true;
        }
        let info = Arc::new(SinkInfo {
            site: (self.m, pc),
            api: mref,
            category: Arc::from("network"),
            rule: Arc::from("retrofit"),
            conditional: false,
        });
        self.record_sink(info, labels, Vec::new(), dest, None, false);
        true
    }

    fn read_path(&self, st: &State, start: &Val, path: &[FKey]) -> Val {
        let mut v = start.clone();
        for f in path {
            v = self.read_step(st, &v, *f);
        }
        v
    }

    /// One step of `read_path`: the field or contents `f` of `v`.
    fn read_step(&self, st: &State, v: &Val, f: FKey) -> Val {
        let mut next = st.read(v, f, self.k);
        // an object tainted as a whole by sensitive data taints each of its fields (as at
        // `iget`; symbolic contents are left to the callee's own reads)
        if matches!(f, FKey::Field(_)) {
            if made_by_library(v) {
                next.labels.extend(
                    v.labels
                        .iter()
                        .filter(|l| matches!(l, Label::Src(_)))
                        .cloned(),
                );
            }
            for o in &v.objs {
                if let Some(c) = st.heap.get(&(o.clone(), FKey::Content)) {
                    next.labels.extend(
                        c.labels
                            .iter()
                            .filter(|l| matches!(l, Label::Src(_)))
                            .cloned(),
                    );
                }
            }
        }
        next
    }

    /// The caller's value at the callee's input access path `ap` (None: no such argument).
    /// Memoized per summary application: the ports and sink facts of one summary name the
    /// same few input paths over and over, and each path is read from its cached prefix, so
    /// one application costs one heap read per distinct path instead of one per label.
    fn input_at<'m>(
        &self,
        st: &State,
        ap: &AccessPath,
        arg_of: &dyn Fn(u8) -> Option<usize>,
        argv: &[Val],
        memo: &'m mut InputMemo,
    ) -> Option<&'m Val> {
        if !memo.contains_key(ap) {
            let v = match ap.path.split_last() {
                None => match &ap.root {
                    Root::Param(j) => arg_of(*j).and_then(|i| argv.get(i)).cloned(),
                    r => Some(st.global(r)),
                },
                Some((last, prefix)) => {
                    let parent = AccessPath {
                        root: ap.root.clone(),
                        path: Arc::from(prefix),
                    };
                    self.input_at(st, &parent, arg_of, argv, memo)
                        .map(|base| self.read_step(st, base, *last))
                }
            };
            memo.insert(ap.clone(), v);
        }
        memo.get(ap).and_then(|v| v.as_ref())
    }

    fn subst(
        &self,
        st: &State,
        pc: u32,
        labels: &Labels,
        arg_of: &dyn Fn(u8) -> Option<usize>,
        argv: &[Val],
        memo: &mut InputMemo,
    ) -> Labels {
        // one sort at the end instead of a merge per input label: a wide summary names
        // hundreds of inputs, each bringing dozens of labels
        let mut out: Vec<Label> = Vec::new();
        for l in labels {
            match l {
                Label::Src(occ) => {
                    if occ.chain.len() < MAX_CHAIN {
                        let mut o = (**occ).clone();
                        o.chain.push((self.m, pc));
                        out.push(Label::Src(Arc::new(o)));
                    } else {
                        out.push(l.clone());
                    }
                }
                Label::In(ap) => {
                    if ap.path.last() == Some(&FKey::AnyField) {
                        let base = AccessPath {
                            root: ap.root.clone(),
                            path: Arc::from(&ap.path[..ap.path.len() - 1]),
                        };
                        if let Some(b) = self.input_at(st, &base, arg_of, argv, memo) {
                            out.extend(st.deep_taint(b, self.k));
                        }
                        continue;
                    }
                    if let Some(v) = self.input_at(st, ap, arg_of, argv, memo) {
                        out.extend(v.labels.iter().cloned());
                    }
                }
            }
        }
        Labels::from_vec_first_wins(out)
    }

    fn subst_objs(
        &self,
        st: &State,
        objs: &BTreeSet<AccessPath>,
        arg_of: &dyn Fn(u8) -> Option<usize>,
        argv: &[Val],
        memo: &mut InputMemo,
    ) -> Objs {
        let mut out = Objs::new();
        for ap in objs {
            if let Some(v) = self.input_at(st, ap, arg_of, argv, memo) {
                out.union_with(&v.objs);
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn apply_summary(
        &mut self,
        st: &mut State,
        pc: u32,
        argv: &[Val],
        s: &Summary,
        kind: EdgeKind,
        strong: bool,
        result: &mut Val,
        exc: &mut Val,
    ) {
        let k = self.k;
        let n = argv.len();
        let arg_of = move |j: u8| -> Option<usize> {
            let j = j as usize;
            let i = match kind {
                EdgeKind::Async {
                    receiver_arg,
                    params_from,
                } => {
                    if j == 0 {
                        receiver_arg as usize
                    } else {
                        params_from? as usize + j - 1
                    }
                }
                _ => j,
            };
            (i < n).then_some(i)
        };
        let is_async = matches!(kind, EdgeKind::Async { .. });
        // the callee's parameter markers (dest.rs) become this call's argument constants
        let arg_konst = |j: u8| arg_of(j).and_then(|i| argv.get(i)).map(|v| v.konst.clone());
        // the state is not written until every port is substituted: one memo serves all
        let mut memo = InputMemo::new();
        // sinks first: they see the values at call time
        let facts: Vec<SinkFact> = s.sinks.values().cloned().collect();
        for f in facts {
            // sources held back by a pending provenance requirement did not pass this call:
            // keep them as they are; substitute the inputs
            let (held, ins): (Labels, Labels) = f
                .labels
                .iter()
                .cloned()
                .partition(|l| matches!(l, Label::Src(_)));
            let mut labels = self.subst(st, pc, &ins, &arg_of, argv, &mut memo);
            labels.extend(held);
            if labels.is_empty() {
                continue;
            }
            let guard = f.requires.as_ref().map(|tag| {
                (
                    tag.clone(),
                    self.subst(st, pc, &f.guard, &arg_of, argv, &mut memo),
                )
            });
            let mut chain = Vec::with_capacity(f.chain.len() + 1);
            chain.push((self.m, pc));
            chain.extend(f.chain.iter().take(MAX_CHAIN).copied());
            let dest = super::dest::subst_dest(&f.destination, &arg_konst);
            self.record_sink(f.sink.clone(), labels, chain, dest, guard, f.widened);
        }
        let outs: Vec<(OutPort, Labels, Objs, Konst, bool)> = s
            .outs
            .iter()
            .map(|(p, v)| {
                (
                    p.clone(),
                    self.subst(st, pc, &v.labels, &arg_of, argv, &mut memo),
                    self.subst_objs(st, &v.objs, &arg_of, argv, &mut memo),
                    super::dest::subst(&v.konst, &arg_konst),
                    v.fresh || v.objs.is_empty(),
                )
            })
            .collect();
        for (port, labels, mut objs, konst, fresh) in outs {
            match port {
                OutPort::Ret(path) => {
                    if is_async {
                        continue;
                    }
                    if path.is_empty() {
                        result.labels.extend(labels);
                        result.objs.extend(objs);
                        if fresh {
                            result.objs.insert(Obj::Call {
                                pc,
                                root: 255,
                                path: Path::default(),
                            });
                        }
                        result.konst.join(&konst);
                    } else {
                        let base = self.read_path(st, result, &path[..path.len() - 1]);
                        if fresh {
                            objs.insert(Obj::Call {
                                pc,
                                root: 255,
                                path: Path::from(path.as_slice()),
                            });
                        }
                        let v = Val {
                            labels,
                            objs,
                            konst: konst.clone(),
                        };
                        st.write_weak(&base, path[path.len() - 1], &v, k);
                    }
                }
                OutPort::Param(j, path) => {
                    let Some(i) = arg_of(j) else { continue };
                    if path.is_empty() {
                        continue;
                    }
                    let base = self.read_path(st, &argv[i], &path[..path.len() - 1]);
                    if fresh {
                        objs.insert(Obj::Call {
                            pc,
                            root: j,
                            path: Path::from(path.as_slice()),
                        });
                    }
                    let last = path[path.len() - 1];
                    // the callee overwrote this field of its parameter on every path (the
                    // old value, its own input label, is gone): a strong update of the one
                    // object the argument is (`setName(this, null)` clears `this.name`)
                    let overwritten = strong
                        && path.len() == 1
                        && matches!(last, FKey::Field(_))
                        && base.objs.len() == 1
                        && s.outs
                            .get(&OutPort::Param(j, path.clone()))
                            .is_some_and(|o| {
                                let own = AccessPath {
                                    root: Root::Param(j),
                                    path: Path::from(path.as_slice()),
                                };
                                !o.labels.contains(&Label::In(own.clone()))
                                    && !o.objs.contains(&own)
                            });
                    let v = Val {
                        labels,
                        objs,
                        konst: konst.clone(),
                    };
                    if overwritten {
                        st.write(&base, last, v, k);
                    } else {
                        st.write_weak(&base, last, &v, k);
                    }
                }
                OutPort::Global(root, path) => {
                    let v = Val {
                        labels,
                        objs,
                        konst,
                    };
                    if path.is_empty() {
                        let mut cur = st.global(&root);
                        cur.join(&v);
                        st.globals.insert(root, cur);
                    } else {
                        let g = st.global(&root);
                        let base = self.read_path(st, &g, &path[..path.len() - 1]);
                        st.write_weak(&base, path[path.len() - 1], &v, k);
                    }
                }
                OutPort::Thrown => {
                    exc.labels.extend(labels);
                }
            }
        }
    }

    fn finish(mut self) -> Summary {
        if self.coarse {
            self.coarse_summary();
            return self.sum;
        }
        let Some(exit) = self.exit.take() else {
            return self.sum;
        };
        let k = self.k;
        let mut outs: BTreeMap<OutPort, OutVal> = BTreeMap::new();
        let entry_objs = |objs: &Objs| -> BTreeSet<AccessPath> {
            objs.iter()
                .filter_map(|o| match o {
                    Obj::Entry(ap) => Some(ap.clone()),
                    _ => None,
                })
                .collect()
        };
        let ret = std::mem::take(&mut self.ret);
        if !ret.objs.is_empty() {
            let mut ts = BTreeSet::new();
            let known = ret.objs.iter().all(|o| match self.exact_types(o) {
                Some(t) => {
                    ts.extend(t);
                    true
                }
                None => false,
            });
            self.sum.ret_types = known.then_some(ts);
        }
        if !ret.labels.is_empty() || !ret.objs.is_empty() || ret.konst != Konst::Bot {
            outs.insert(
                OutPort::Ret(Vec::new()),
                OutVal {
                    labels: ret.labels.clone(),
                    objs: entry_objs(&ret.objs),
                    konst: ret.konst.clone(),
                    fresh: ret.objs.iter().any(|o| !matches!(o, Obj::Entry(_))),
                },
            );
            let mut seen = BTreeSet::new();
            walk(
                &exit,
                &ret.objs,
                &mut Vec::new(),
                k,
                &mut seen,
                &mut |p, v| {
                    put_out(&mut outs, OutPort::Ret(p), v, &entry_objs);
                },
            );
        }
        for i in 0..self.body.param_regs.len().min(255) {
            let ap = AccessPath::new(Root::Param(i as u8));
            let start: Objs = [Obj::Entry(ap)].into_iter().collect();
            let mut seen = BTreeSet::new();
            walk(&exit, &start, &mut Vec::new(), k, &mut seen, &mut |p, v| {
                put_out(&mut outs, OutPort::Param(i as u8, p), v, &entry_objs);
            });
        }
        for (root, v) in &exit.globals {
            let ap = AccessPath::new(root.clone());
            let identity = v.labels.len() == 1
                && v.labels.contains(&Label::In(ap.clone()))
                && v.objs.len() == 1
                && v.objs.contains(&Obj::Entry(ap.clone()));
            if !identity {
                put_out(
                    &mut outs,
                    OutPort::Global(root.clone(), Vec::new()),
                    v,
                    &entry_objs,
                );
            }
            let mut start = v.objs.clone();
            start.insert(Obj::Entry(ap));
            let mut seen = BTreeSet::new();
            walk(&exit, &start, &mut Vec::new(), k, &mut seen, &mut |p, v| {
                put_out(&mut outs, OutPort::Global(root.clone(), p), v, &entry_objs);
            });
        }
        // entries below input objects that were read before being written (x = this.f; x.g = v)
        for ((o, fk), v) in &exit.heap {
            let Obj::Entry(ap) = o else { continue };
            let mut p = ap.path.to_vec();
            p.push(*fk);
            // objects at the cap keep everything below them under `Content`
            if p.len() > k + 1 || *v == super::domain::heap_default(o, *fk, k).2 {
                continue;
            }
            let port = match &ap.root {
                Root::Param(i) => OutPort::Param(*i, p),
                r => OutPort::Global(r.clone(), p),
            };
            put_out(&mut outs, port, v, &entry_objs);
        }
        if !self.thrown.is_empty() {
            outs.insert(
                OutPort::Thrown,
                OutVal {
                    labels: std::mem::take(&mut self.thrown),
                    ..OutVal::default()
                },
            );
        }
        if outs.len() > MAX_OUTS {
            for l in (0..k).rev() {
                let w = widen_outs(&outs, l);
                if w.len() <= MAX_OUTS || l == 0 {
                    outs = w;
                    break;
                }
            }
        }
        self.sum.outs = outs;
        self.sum
    }
}

/// Most output ports a summary keeps; beyond it, paths are cut and what lies below the cut is
/// merged into the cut object's `Content` (sound for taint, coarser for fields).
const MAX_OUTS: usize = 48;

fn widen_outs(outs: &BTreeMap<OutPort, OutVal>, l: usize) -> BTreeMap<OutPort, OutVal> {
    let cut = |p: &Vec<FKey>| -> Vec<FKey> {
        if p.len() > l + 1 {
            let mut q = p[..l].to_vec();
            q.push(FKey::Content);
            q
        } else {
            p.clone()
        }
    };
    let mut w: BTreeMap<OutPort, OutVal> = BTreeMap::new();
    for (port, v) in outs {
        let np = match port {
            OutPort::Ret(p) => OutPort::Ret(cut(p)),
            OutPort::Param(i, p) => OutPort::Param(*i, cut(p)),
            OutPort::Global(r, p) => OutPort::Global(r.clone(), cut(p)),
            OutPort::Thrown => OutPort::Thrown,
        };
        let e = w.entry(np).or_default();
        e.labels.union_with(&v.labels);
        e.objs.extend(v.objs.iter().cloned());
        e.konst.join(&v.konst);
        e.fresh |= v.fresh;
    }
    w
}

fn put_out(
    outs: &mut BTreeMap<OutPort, OutVal>,
    port: OutPort,
    v: &Val,
    entry_objs: &dyn Fn(&Objs) -> BTreeSet<AccessPath>,
) {
    let e = outs.entry(port).or_default();
    e.labels.union_with(&v.labels);
    e.objs.extend(entry_objs(&v.objs));
    e.konst.join(&v.konst);
    e.fresh |= v.objs.iter().any(|o| !matches!(o, Obj::Entry(_)));
}

/// Visits every written heap entry reachable from `objs`, with its access path.
fn walk(
    st: &State,
    objs: &Objs,
    path: &mut Vec<FKey>,
    k: usize,
    seen: &mut BTreeSet<(Obj, usize)>,
    f: &mut dyn FnMut(Vec<FKey>, &Val),
) {
    if path.len() >= k {
        return;
    }
    for o in objs {
        if !seen.insert((o.clone(), path.len())) {
            continue;
        }
        let lo = (o.clone(), FKey::Field(FieldId(0)));
        let entries: Vec<(FKey, &Val)> = st
            .heap
            .range(lo..)
            .take_while(|((oo, _), _)| oo == o)
            .map(|((_, fk), v)| (*fk, v))
            .collect();
        for (fk, v) in entries {
            // constant-index slots repeat what `Content` holds, for this method only
            if matches!(fk, FKey::Elem(_)) {
                continue;
            }
            let (_, _, def) = super::domain::heap_default(o, fk, k);
            path.push(fk);
            if *v != def {
                f(path.clone(), v);
            }
            walk(st, &v.objs, path, k, seen, f);
            path.pop();
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
