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

use crate::bytecode::ir::{Body, InvokeKind, Op, Reg};
use crate::bytecode::program::{Program, Value};
use crate::bytecode::{FieldId, MethodId};
use crate::callgraph::{CallGraph, EdgeKind};
use crate::maps::{MethodModel, Port, SourceKind, SourceRule};

use super::domain::{
    AccessPath, FKey, Konst, Label, Labels, Obj, Root, SiteKey, SourceOcc, State, Val,
};
use super::model::{ModelSource, port_arg, rule_applies};
use super::summary::{OutPort, OutVal, RawFlow, SinkFact, SinkInfo, Summary};
use super::{Confidence, TaintOptions};

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

/// Most body targets of one call site whose summaries are applied.
pub(crate) const MAX_TARGETS: usize = 8;

/// Longest call chain kept on a source label or sink fact (paths are for people to read).
const MAX_CHAIN: usize = 12;

/// The caller's values at a callee's input access paths during one summary application.
type InputMemo = BTreeMap<AccessPath, Option<Val>>;

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

/// Is `m` in a bundled platform/language library (`TaintOptions::library_prefixes`)?
pub fn is_library(program: &Program, opts: &TaintOptions, m: MethodId) -> bool {
    let c = program.type_name(program.method(m).class);
    opts.library_prefixes
        .iter()
        .any(|p| c.starts_with(p.as_str()))
}

struct Blocks {
    /// (first insn index, end insn index exclusive)
    ranges: Vec<(usize, usize)>,
    /// block of each leader insn index
    block_of: FxHashMap<usize, usize>,
    /// handler block ids per insn index (empty when not in a try)
    handlers: Vec<Vec<usize>>,
}

fn build_blocks(body: &Body) -> Blocks {
    let n = body.insns.len();
    let mut leader = vec![false; n];
    if n > 0 {
        leader[0] = true;
    }
    let idx = |pc: u32| body.index_of_pc(pc);
    for (i, insn) in body.insns.iter().enumerate() {
        let mut mark_next = false;
        match &insn.op {
            Op::Goto { target } => {
                if let Some(t) = idx(*target) {
                    leader[t] = true;
                }
                mark_next = true;
            }
            Op::If { target, .. } => {
                if let Some(t) = idx(*target) {
                    leader[t] = true;
                }
                mark_next = true;
            }
            Op::Switch { targets, .. } => {
                for (_, t) in targets {
                    if let Some(t) = idx(*t) {
                        leader[t] = true;
                    }
                }
                mark_next = true;
            }
            Op::Return { .. } | Op::ReturnVoid | Op::Throw { .. } => mark_next = true,
            Op::Invoke { .. } | Op::InvokeCustom { .. } | Op::FilledNewArray { .. } => {}
            _ => {}
        }
        if mark_next && i + 1 < n {
            leader[i + 1] = true;
        }
    }
    for t in &body.tries {
        for h in &t.handlers {
            if let Some(x) = idx(h.target) {
                leader[x] = true;
            }
        }
    }
    let mut ranges = Vec::new();
    let mut block_of = FxHashMap::default();
    let mut start = 0usize;
    for (i, &lead) in leader.iter().enumerate().skip(1).chain([(n, &true)]) {
        if lead {
            if start < i {
                block_of.insert(start, ranges.len());
                ranges.push((start, i));
            }
            start = i;
        }
    }
    let mut handlers = vec![Vec::new(); n];
    for t in &body.tries {
        let hb: Vec<usize> = t
            .handlers
            .iter()
            .filter_map(|h| idx(h.target))
            .filter_map(|x| block_of.get(&x).copied())
            .collect();
        if hb.is_empty() {
            continue;
        }
        for (i, insn) in body.insns.iter().enumerate() {
            if insn.pc >= t.start_pc && insn.pc < t.end_pc {
                for b in &hb {
                    if !handlers[i].contains(b) {
                        handlers[i].push(*b);
                    }
                }
            }
        }
    }
    Blocks {
        ranges,
        block_of,
        handlers,
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
    /// abstract-state elements copied so far (`WIDEN_COST`; join work is added when checked)
    cost: usize,
    /// the state outgrew `WIDEN_COST`: analyze again with shorter access paths
    widen: bool,
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

/// Analyzes `m` and returns its summary, and whether its access paths had to be shortened.
pub fn analyze_method(ctx: &Ctx<'_>, m: MethodId, body: &Body) -> (Summary, bool) {
    let mut k = ctx.opts.access_path_len.max(1);
    let mut widened = false;
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
            inside_sink_model: ctx
                .models
                .call_models(ctx.program, m)
                .iter()
                .flat_map(|mm| mm.sinks.iter().map(|s| s.category.clone()))
                .collect(),
            cost: 0,
            widen: false,
        };
        a.run();
        if a.widen {
            if let Some(k2) = widened_k(k) {
                k = k2;
                widened = true;
                continue;
            }
            // even the shortest paths are too costly: the library default, as for the
            // per-method work budget
            ctx.budget_hit.store(true, Ordering::Relaxed);
            a.coarse = true;
        }
        return (a.finish(), widened);
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
                let root = icc_root(self.ctx.program.type_name(mref.class));
                v.labels.insert(Label::In(AccessPath::new(root)));
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
        let blocks = build_blocks(self.body);
        if blocks.ranges.is_empty() {
            return;
        }
        let nb = blocks.ranges.len();
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
                work += st.heap.len() + st.regs.len() + (blocks.ranges[b].1 - blocks.ranges[b].0);
                self.cost += st.size();
            }
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

            let (s, e) = blocks.ranges[b];
            let mut succs: Vec<u32> = Vec::new();
            let mut falls = true;
            for i in s..e {
                let insn = &self.body.insns[i];
                let pc = insn.pc;
                st.ctl.retain(|end, _| *end > pc);
                let covered = !blocks.handlers[i].is_empty();
                self.step(&mut st, i, covered, &mut succs, &mut falls);
                // one call can apply large summaries: the bound is checked per instruction
                if self.cost + super::domain::join_work().wrapping_sub(join_work0) > WIDEN_COST {
                    self.widen = true;
                    break;
                }
                for &hb in &blocks.handlers[i] {
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
            let mut targets: Vec<usize> = succs
                .iter()
                .filter_map(|pc| self.body.index_of_pc(*pc))
                .filter_map(|x| blocks.block_of.get(&x).copied())
                .collect();
            if falls && e < self.body.insns.len() {
                if let Some(&nbk) = blocks.block_of.get(&e) {
                    targets.push(nbk);
                }
            }
            for t in targets {
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

    fn step(
        &mut self,
        st: &mut State,
        i: usize,
        covered: bool,
        succs: &mut Vec<u32>,
        falls: &mut bool,
    ) {
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
                *falls = false;
                self.exit_with(st);
            }
            Op::Return { src } => {
                *falls = false;
                let v = self.reg(st, *src);
                self.ret.join(&v);
                self.exit_with(st);
            }
            Op::Const { dst, .. }
            | Op::ConstClass { dst, .. }
            | Op::ConstOther { dst }
            | Op::InstanceOf { dst, .. }
            | Op::ArrayLength { dst, .. } => self.def(st, *dst, Val::top()),
            Op::ConstString { dst, value } => self.def(st, *dst, Val::konst(value.clone())),
            Op::NewInstance { dst, .. } | Op::NewArray { dst, .. } => {
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
                *falls = false;
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
            Op::Goto { target } => {
                *falls = false;
                succs.push(*target);
            }
            Op::Switch { targets, .. } => {
                for (_, t) in targets {
                    succs.push(*t);
                }
            }
            Op::If { a, b, target, .. } => {
                succs.push(*target);
                if self.ctx.opts.implicit {
                    let mut ls = {
                        let v = self.reg(st, *a);
                        st.taint(&v, k)
                    };
                    if let Some(b) = b {
                        let v = self.reg(st, *b);
                        ls.extend(st.taint(&v, k));
                    }
                    ls.retain(|l| matches!(l, Label::Src(_)) || self.ctx.opts.implicit);
                    if !ls.is_empty() && *target > pc {
                        let end = self.region_end(*target);
                        st.ctl.entry(end).or_default().extend(ls);
                    }
                }
            }
            Op::Unop { dst, src } | Op::BinopLit { dst, src, .. } => {
                let v = self.reg(st, *src);
                let mut out = Val::top();
                out.labels = st.taint(&v, k);
                self.def(st, *dst, out);
            }
            Op::Binop { dst, a, b } => {
                let va = self.reg(st, *a);
                let vb = self.reg(st, *b);
                let mut out = Val::top();
                out.labels = st.taint(&va, k);
                out.labels.extend(st.taint(&vb, k));
                self.def(st, *dst, out);
            }
            Op::AGet { dst, array, .. } => {
                let arr = self.reg(st, *array);
                let mut v = st.read(&arr, FKey::Content, k);
                v.labels.extend(arr.labels.iter().cloned());
                if v.objs.is_empty() {
                    v.objs.insert(Obj::Call {
                        pc,
                        root: 253,
                        path: Vec::new(),
                    });
                }
                self.def(st, *dst, v);
            }
            Op::APut { src, array, .. } => {
                let arr = self.reg(st, *array);
                let sv = self.reg(st, *src);
                let mut v = sv.clone();
                v.labels = st.taint(&sv, k);
                st.write_weak(&arr, FKey::Content, &v, k);
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
                        v.labels.extend(c.labels.iter().cloned());
                    }
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

    fn record_sink(
        &mut self,
        info: Arc<SinkInfo>,
        labels: Labels,
        chain: Vec<SiteKey>,
        destination: Option<Arc<str>>,
    ) {
        // inside the bundled implementation of a modeled sink API (an SDK or library copy
        // in the app), the model already reports the same kind of leak at the API's call
        // sites; other kinds (an analytics call that ends in a network write) still count
        if self.inside_sink_model.contains(&info.category) {
            return;
        }
        let mut ins = Labels::new();
        for l in labels {
            match l {
                Label::Src(occ) => {
                    let key = (occ.site, occ.rule.clone(), info.site);
                    self.sum.flows.entry(key).or_insert_with(|| RawFlow {
                        confidence: occ.confidence,
                        source: occ,
                        sink: info.clone(),
                        sink_chain: chain.clone(),
                        destination: destination.clone(),
                    });
                }
                l @ Label::In(_) => {
                    ins.insert(l);
                }
            }
        }
        if ins.is_empty() {
            return;
        }
        let fact = self.sum.sinks.entry(info.site).or_insert_with(|| SinkFact {
            sink: info.clone(),
            chain: chain.clone(),
            labels: Labels::new(),
            destination: destination.clone(),
        });
        fact.labels.extend(ins);
        if fact.destination.is_none() {
            fact.destination = destination;
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
        let argv: Vec<Val> = args.iter().map(|r| self.reg(st, *r)).collect();
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
        if !is_static && let Some(recv) = argv.first() {
            self.filter_by_alloc_type(&mut targets, recv);
        }
        for (t, kind) in targets {
            if let Some(s) = self.ctx.summary(t).cloned() {
                if kind == EdgeKind::Reflective
                    && let Some(refl) =
                        method.and_then(|m| self.reflective_args(st, pc, m, t, &argv))
                {
                    let (rargv, ret) = refl;
                    self.apply_summary(st, pc, &rargv, &s, EdgeKind::Direct, &mut result, &mut exc);
                    if let Some(obj) = ret {
                        result.join(&obj);
                    }
                    continue;
                }
                self.apply_summary(st, pc, &argv, &s, kind, &mut result, &mut exc);
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
                if let Some(s) = self.ctx.summary(*cb).cloned() {
                    let mut ignored = Val::default();
                    let mut exc2 = Val::default();
                    self.apply_summary(st, pc, &argv, &s, kind, &mut ignored, &mut exc2);
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
        }
        if !modeled && (!has_body || megamorphic) {
            self.default_call(st, pc, method, is_static, &argv, &mut result);
        }
        if sanitized {
            result.labels.clear();
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
                path: Vec::new(),
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
            v.labels.extend(a.labels.iter().cloned());
            v
        };
        let (recv, array, ret) = match (class, &*r.name) {
            ("Ljava/lang/reflect/Method;", "invoke") => (argv.get(1).cloned(), argv.get(2), None),
            ("Ljava/lang/reflect/Constructor;", "newInstance") => {
                let obj = Val {
                    objs: [Obj::Call {
                        pc,
                        root: 255,
                        path: Vec::new(),
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
                        path: Vec::new(),
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
            params.labels.extend(a.labels.iter().cloned());
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
        });
        self.record_sink(info, labels, Vec::new(), None);
    }

    /// A call the call graph resolved to components of this app (startActivity,
    /// startService, sendBroadcast, ...): what its arguments carry is delivered to each
    /// receiving component's intent channel.
    fn icc_send(&mut self, st: &mut State, pc: u32, is_static: bool, argv: &[Val]) {
        let k = self.k;
        let mut classes: Vec<crate::bytecode::TypeId> = self
            .ctx
            .cg
            .targets(self.m, pc)
            .iter()
            .filter(|t| t.kind == EdgeKind::Icc)
            .map(|t| self.ctx.program.method(t.method).class)
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
        for c in classes {
            let root = icc_root(self.ctx.program.type_name(c));
            let mut cur = st.global(&root);
            cur.join(&add);
            st.globals.insert(root, cur);
        }
    }

    /// Virtual targets whose class cannot be the runtime type of a receiver allocated in this
    /// method are dropped (allocation sites know their exact type).
    fn filter_by_alloc_type(&self, targets: &mut Vec<(MethodId, EdgeKind)>, recv: &Val) {
        let p = self.ctx.program;
        let mut types = Vec::new();
        for o in &recv.objs {
            let Obj::Alloc(apc) = o else { return };
            let Some(i) = self.body.index_of_pc(*apc) else {
                return;
            };
            let Op::NewInstance { ty, .. } = &self.body.insns[i].op else {
                return;
            };
            types.push(*ty);
        }
        if types.is_empty() {
            return;
        }
        let compatible = |class: crate::bytecode::TypeId| {
            types.iter().any(|t| {
                let mut cur = Some(*t);
                let mut guard = 0;
                while let Some(c) = cur {
                    if c == class {
                        return true;
                    }
                    guard += 1;
                    if guard > 64 {
                        break;
                    }
                    cur = p.class(c).and_then(|d| d.super_class);
                }
                false
            })
        };
        let kept: Vec<(MethodId, EdgeKind)> = targets
            .iter()
            .copied()
            .filter(|(t, k)| *k != EdgeKind::Virtual || compatible(p.method(*t).class))
            .collect();
        if !kept.is_empty() {
            *targets = kept;
        }
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
                path: Vec::new(),
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
        // reflection with constant names: `Class.forName("a.b.C")` and `getMethod("m", ..)`
        // become markers that no real string can be (they start with NUL)
        let class_name = p.type_name(r.class);
        if class_name == "Ljava/lang/Class;" || class_name == "Ljava/lang/ClassLoader;" {
            match n {
                "forName" | "loadClass" => {
                    if let Some(s) = first_str.filter(|s| !s.starts_with(REFL_MARK)) {
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
            "<init>" => {
                if let Some(s) = first_str {
                    self.set_receiver_konst(st, pc, s);
                }
            }
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
                match port_val(Port::Arg(arg)).and_then(|v| v.konst.as_str()) {
                    Some(s) if values.iter().any(|x| x == s) => {}
                    Some(_) => continue,
                    None => gate_conf = Confidence::Low,
                }
            }
            let (category, confidence) = match src.uri_arg {
                None => (src.category.clone(), gate_conf),
                Some(ua) => {
                    let uri = port_val(Port::Arg(ua)).and_then(|v| v.konst.as_str().cloned());
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
            .any(|t| t.kind == EdgeKind::Icc);
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
            let info = Arc::new(SinkInfo {
                site: (self.m, pc),
                api: mref,
                category: sink.category.clone(),
                rule: sink.id.clone(),
            });
            self.record_sink(info, labels, Vec::new(), destination);
        }
        for prop in &model.propagations {
            let mut ls = Labels::new();
            for p in &prop.from {
                if let Some(v) = port_val(*p) {
                    ls.extend(st.taint(v, k));
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
                Some(a) => match port_val(Port::Arg(a)).and_then(|v| v.konst.as_str()) {
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
                            matches!(l, Label::In(ap) if matches!(&ap.root, Root::Chan(c) if c.starts_with("icc:")))
                        })
                    });
                let v = if received {
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
            .then(|| argv.first().and_then(|v| v.konst.as_str().cloned()))
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
        });
        self.record_sink(info, labels, Vec::new(), dest);
        true
    }

    fn read_path(&self, st: &State, start: &Val, path: &[FKey]) -> Val {
        let mut v = start.clone();
        for f in path {
            v = st.read(&v, *f, self.k);
        }
        v
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
                        path: prefix.to_vec(),
                    };
                    self.input_at(st, &parent, arg_of, argv, memo)
                        .map(|base| st.read(base, *last, self.k))
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
        let mut out = Labels::new();
        for l in labels {
            match l {
                Label::Src(occ) => {
                    if occ.chain.len() < MAX_CHAIN {
                        let mut o = (**occ).clone();
                        o.chain.push((self.m, pc));
                        out.insert(Label::Src(Arc::new(o)));
                    } else {
                        out.insert(l.clone());
                    }
                }
                Label::In(ap) => {
                    if ap.path.last() == Some(&FKey::AnyField) {
                        let base = AccessPath {
                            root: ap.root.clone(),
                            path: ap.path[..ap.path.len() - 1].to_vec(),
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
        out
    }

    fn subst_objs(
        &self,
        st: &State,
        objs: &BTreeSet<AccessPath>,
        arg_of: &dyn Fn(u8) -> Option<usize>,
        argv: &[Val],
        memo: &mut InputMemo,
    ) -> BTreeSet<Obj> {
        let mut out = BTreeSet::new();
        for ap in objs {
            if let Some(v) = self.input_at(st, ap, arg_of, argv, memo) {
                out.extend(v.objs.iter().cloned());
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
        // the state is not written until every port is substituted: one memo serves all
        let mut memo = InputMemo::new();
        // sinks first: they see the values at call time
        let facts: Vec<SinkFact> = s.sinks.values().cloned().collect();
        for f in facts {
            let labels = self.subst(st, pc, &f.labels, &arg_of, argv, &mut memo);
            if labels.is_empty() {
                continue;
            }
            let mut chain = Vec::with_capacity(f.chain.len() + 1);
            chain.push((self.m, pc));
            chain.extend(f.chain.iter().take(MAX_CHAIN).copied());
            self.record_sink(f.sink.clone(), labels, chain, f.destination.clone());
        }
        let outs: Vec<(OutPort, Labels, BTreeSet<Obj>, Konst, bool)> = s
            .outs
            .iter()
            .map(|(p, v)| {
                (
                    p.clone(),
                    self.subst(st, pc, &v.labels, &arg_of, argv, &mut memo),
                    self.subst_objs(st, &v.objs, &arg_of, argv, &mut memo),
                    v.konst.clone(),
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
                                path: Vec::new(),
                            });
                        }
                        result.konst.join(&konst);
                    } else {
                        let base = self.read_path(st, result, &path[..path.len() - 1]);
                        if fresh {
                            objs.insert(Obj::Call {
                                pc,
                                root: 255,
                                path: path.clone(),
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
                            path: path.clone(),
                        });
                    }
                    let v = Val {
                        labels,
                        objs,
                        konst: konst.clone(),
                    };
                    st.write_weak(&base, path[path.len() - 1], &v, k);
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

    /// The summary of a method too costly to analyze: like an unknown library method, every
    /// input's taint reaches the return value and the receiver's contents.
    fn coarse_outs(&self) -> BTreeMap<OutPort, OutVal> {
        let mut all = OutVal::default();
        for i in 0..self.body.param_regs.len().min(255) {
            let ap = AccessPath::new(Root::Param(i as u8));
            all.labels.insert(Label::In(ap.child(FKey::Content)));
            all.labels.insert(Label::In(ap));
        }
        all.konst = Konst::Top;
        let mut outs = BTreeMap::new();
        let is_static = self
            .ctx
            .program
            .method_def(self.m)
            .is_some_and(|d| d.is_static());
        if !is_static && !self.body.param_regs.is_empty() {
            outs.insert(OutPort::Param(0, vec![FKey::Content]), all.clone());
        }
        outs.insert(OutPort::Ret(Vec::new()), all);
        outs
    }

    fn finish(mut self) -> Summary {
        if self.coarse {
            self.sum.outs = self.coarse_outs();
            return self.sum;
        }
        let Some(exit) = self.exit.take() else {
            return self.sum;
        };
        let k = self.k;
        let mut outs: BTreeMap<OutPort, OutVal> = BTreeMap::new();
        let entry_objs = |objs: &BTreeSet<Obj>| -> BTreeSet<AccessPath> {
            objs.iter()
                .filter_map(|o| match o {
                    Obj::Entry(ap) => Some(ap.clone()),
                    _ => None,
                })
                .collect()
        };
        let ret = std::mem::take(&mut self.ret);
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
            let start: BTreeSet<Obj> = [Obj::Entry(ap)].into_iter().collect();
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
            let mut p = ap.path.clone();
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
        e.labels.extend(v.labels.iter().cloned());
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
    entry_objs: &dyn Fn(&BTreeSet<Obj>) -> BTreeSet<AccessPath>,
) {
    let e = outs.entry(port).or_default();
    e.labels.extend(v.labels.iter().cloned());
    e.objs.extend(entry_objs(&v.objs));
    e.konst.join(&v.konst);
    e.fresh |= v.objs.iter().any(|o| !matches!(o, Obj::Entry(_)));
}

/// Visits every written heap entry reachable from `objs`, with its access path.
fn walk(
    st: &State,
    objs: &BTreeSet<Obj>,
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
