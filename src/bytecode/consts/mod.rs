//! Conditional constant propagation over one method's [`Cfg`]: what each register holds on
//! entry to each block (integer, string, class constant, array of known length, non-null
//! object, unknown), which branch and switch edges are feasible (a condition on constants
//! keeps only the side it takes; blocks reached by no feasible edge are unreachable and never
//! analysed), and which instructions can really throw (a fresh array indexed in bounds, a
//! division by a non-zero constant, a field of `this` cannot). Consumers: the taint engine's
//! worklist, the call-graph scan (reflection and intent targets), anything that needs content
//! URIs, URLs or preference keys held in registers.
//!
//! The lattice per register is `constant < NonNull < Unknown`, an unreached block having no
//! state at all (two different objects join to `NonNull`, anything else that differs to
//! `Unknown`); integers fold every `int`/`long` operation with Java's wrapping semantics
//! (division or remainder by zero is `Unknown`, not a fold), floats are not folded. `const 0`
//! is `Int(0)`, which is also `null`. Strings are interned per producing instruction (their
//! text is compared only where two meet), and a body without loops is analysed in one pass in
//! block order.
//!
//! Must never panic or run unbounded on hostile bodies: registers outside the frame read as
//! `Unknown` and are never written, visits are capped, and a body too large for the per-block
//! tables (blocks x registers) is analysed as if nothing were constant (every edge feasible).

use std::collections::VecDeque;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::bytecode::cfg::{BlockId, Cfg, EdgeKind};
use crate::bytecode::ir::{Body, FieldId, Insn, MethodId, Op, Reg, TypeId};
use crate::bytecode::program::{ACC_FINAL, Program, Value};

mod transfer;
#[cfg(test)]
mod tests;

pub use transfer::fold_binop;
use transfer::{Walker, branch, throws};

/// A constant as consumers see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Const {
    /// int, long, boolean, char, ... (`0` is also `null`)
    Int(i64),
    Str(Arc<str>),
    /// a `java.lang.Class` constant (`const-class`)
    Class(TypeId),
}

/// Index into the analysis's string table.
type StrId = u32;

/// What a register holds (internal, `Copy`: strings are interned per analysis).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CVal {
    Int(i64),
    Str(StrId),
    Class(TypeId),
    /// a non-null array of this length
    Array(i32),
    /// some non-null object
    NonNull,
    Unknown,
}

impl CVal {
    fn non_null(self) -> bool {
        matches!(
            self,
            CVal::Str(_) | CVal::Class(_) | CVal::Array(_) | CVal::NonNull
        )
    }
    /// Least upper bound; two string ids with the same text are the same constant.
    fn join(self, o: CVal, strings: &[Arc<str>]) -> CVal {
        match (self, o) {
            (a, b) if a == b => a,
            (CVal::Str(a), CVal::Str(b))
                if strings
                    .get(a as usize)
                    .is_some_and(|x| Some(x) == strings.get(b as usize)) =>
            {
                CVal::Str(a)
            }
            (a, b) if a.non_null() && b.non_null() => CVal::NonNull,
            _ => CVal::Unknown,
        }
    }
}

/// What the rest of the program tells the propagation: static fields and call results.
pub trait ConstEnv {
    /// The value of a static field read by `sget`, when it is a known constant.
    fn static_field(&self, _field: FieldId) -> Option<Const> {
        None
    }
    /// The value returned by the invoke at instruction index `i` calling `method` (a static
    /// call when `is_static`) with argument registers `args`, whose values before the call
    /// `frame` holds.
    fn call_result(
        &self,
        _i: usize,
        _method: MethodId,
        _is_static: bool,
        _args: &[Reg],
        _frame: &Frame<'_>,
    ) -> Option<Const> {
        None
    }
    /// Can `call_result` know what a call to `method` returns without any constant in the
    /// body (a resource read by an integer id)? Such a call keeps [`Consts::walk_body`] from
    /// its shortcut for bodies without string, class or static-field constants.
    fn knows_call(&self, _method: MethodId) -> bool {
        false
    }
    /// Can the invoke at instruction index `i` calling `method` throw an exception one of
    /// `catches` (the types its try block catches, None: catch-all) catches?
    fn call_may_throw(&self, _i: usize, _method: MethodId, _catches: &[Option<TypeId>]) -> bool {
        true
    }
}

/// Nothing known beyond the body itself.
pub struct NoEnv;
impl ConstEnv for NoEnv {}

/// Static final fields with a constant initial value in the dex (`static final String URI =
/// "content://..."`). A zero, `false` or `null` initial value is not trusted: dex files store
/// those as defaults for fields a static initializer assigns later.
pub struct ProgramEnv<'p>(pub &'p Program);

impl ConstEnv for ProgramEnv<'_> {
    fn static_field(&self, field: FieldId) -> Option<Const> {
        static_final_value(self.0, field)
    }
}

/// The trusted constant initial value of a static final field (see [`ProgramEnv`]).
pub fn static_final_value(program: &Program, field: FieldId) -> Option<Const> {
    let class = program.class(program.field(field).class)?;
    let def = class.static_fields.iter().find(|d| d.id == field)?;
    if def.access_flags & ACC_FINAL == 0 {
        return None;
    }
    match def.initial_value.as_ref()? {
        Value::String(s) => Some(Const::Str(s.clone())),
        Value::Int(v) if *v != 0 => Some(Const::Int(*v)),
        Value::Bool(true) => Some(Const::Int(1)),
        Value::Type(t) => Some(Const::Class(*t)),
        _ => None,
    }
}

/// Most (blocks x registers) cells kept; past it the body is not analysed.
const MAX_CELLS: usize = 1 << 21;

/// The register file before one instruction, as [`Consts::walk`] shows it.
pub struct Frame<'a> {
    regs: &'a [CVal],
    strings: &'a [Arc<str>],
}

impl Frame<'_> {
    fn raw(&self, r: Reg) -> CVal {
        self.regs.get(r as usize).copied().unwrap_or(CVal::Unknown)
    }
    /// The constant in register `r`, if it holds one.
    pub fn get(&self, r: Reg) -> Option<Const> {
        match self.raw(r) {
            CVal::Int(v) => Some(Const::Int(v)),
            CVal::Str(s) => self.strings.get(s as usize).cloned().map(Const::Str),
            CVal::Class(t) => Some(Const::Class(t)),
            _ => None,
        }
    }
    pub fn int(&self, r: Reg) -> Option<i64> {
        match self.raw(r) {
            CVal::Int(v) => Some(v),
            _ => None,
        }
    }
    pub fn str(&self, r: Reg) -> Option<&Arc<str>> {
        match self.raw(r) {
            CVal::Str(s) => self.strings.get(s as usize),
            _ => None,
        }
    }
    pub fn class(&self, r: Reg) -> Option<TypeId> {
        match self.raw(r) {
            CVal::Class(t) => Some(t),
            _ => None,
        }
    }
    /// Is register `r` known to hold a non-null object (a constant string or class, a new
    /// object or array, `this`)?
    pub fn non_null(&self, r: Reg) -> bool {
        self.raw(r).non_null()
    }
}

/// The result of constant propagation over one body.
#[derive(Debug, Default)]
pub struct Consts {
    strings: Vec<Arc<str>>,
    /// the string id each instruction produced last (const-string, static field, call result):
    /// keyed by instruction, so no string is hashed
    str_of: FxHashMap<u32, StrId>,
    /// registers on entry to each block; None: unreachable
    block_in: Vec<Option<Box<[CVal]>>>,
    /// per edge of `Cfg::succs` (flat): can control take it
    edge_ok: Vec<bool>,
    /// per instruction: can it throw to its handlers
    throw_ok: Vec<bool>,
    /// false when the body was too large: every block reachable, every edge feasible
    precise: bool,
    regs: usize,
    this_reg: Option<Reg>,
}

impl Consts {
    /// Propagates constants through `body`; `this_reg` is the receiver of an instance method
    /// (never null).
    pub fn analyze(body: &Body, cfg: &Cfg, env: &dyn ConstEnv, this_reg: Option<Reg>) -> Consts {
        Self::analyze_with(body, cfg, env, this_reg, &mut |_, _, _| {}).0
    }

    /// [`Consts::analyze`] then [`Consts::walk`]; a body without loops is analysed and walked
    /// in one pass (each block is final when first visited).
    pub fn analyze_walk(
        body: &Body,
        cfg: &Cfg,
        env: &dyn ConstEnv,
        this_reg: Option<Reg>,
        mut f: impl FnMut(usize, &Insn, &Frame<'_>),
    ) -> Consts {
        let (mut c, walked) = Self::analyze_with(body, cfg, env, this_reg, &mut f);
        if !walked {
            c.walk(body, cfg, env, f);
        }
        c
    }

    /// Walks `body` with the registers before each reachable instruction, building the CFG
    /// only when there is something to learn: a straight-line body (no branch, switch, goto
    /// or try) with no string, class or static-field constant and no call the environment
    /// knows (`ConstEnv::knows_call`) is walked up to its first exit with every register
    /// unknown, as the full analysis would show it for strings and classes (integer constants
    /// are not shown then).
    pub fn walk_body(
        body: &Body,
        env: &dyn ConstEnv,
        this_reg: Option<Reg>,
        mut f: impl FnMut(usize, &Insn, &Frame<'_>),
    ) {
        let plain = body.tries.is_empty()
            && !body.insns.iter().any(|x| {
                matches!(
                    x.op,
                    Op::If { .. }
                        | Op::Switch { .. }
                        | Op::Goto { .. }
                        | Op::ConstString { .. }
                        | Op::ConstClass { .. }
                        | Op::SGet { .. }
                ) || matches!(&x.op, Op::Invoke { method, .. } if env.knows_call(*method))
            });
        if !plain {
            let cfg = Cfg::build(body);
            Self::analyze_walk(body, &cfg, env, this_reg, f);
            return;
        }
        let frame = Frame {
            regs: &[],
            strings: &[],
        };
        for (i, insn) in body.insns.iter().enumerate() {
            f(i, insn, &frame);
            if matches!(
                insn.op,
                Op::Return { .. } | Op::ReturnVoid | Op::Throw { .. }
            ) {
                break;
            }
        }
    }

    /// The propagation; on a forward CFG `f` sees every reachable instruction (returns true).
    fn analyze_with(
        body: &Body,
        cfg: &Cfg,
        env: &dyn ConstEnv,
        this_reg: Option<Reg>,
        f: &mut dyn FnMut(usize, &Insn, &Frame<'_>),
    ) -> (Consts, bool) {
        let nb = cfg.len();
        let regs = body.registers as usize;
        let mut c = Consts {
            regs,
            this_reg,
            ..Consts::default()
        };
        if nb == 0 {
            return (c, true);
        }
        if nb.saturating_mul(regs.max(1)) > MAX_CELLS {
            return (c.imprecise(), false);
        }
        let forward = cfg.is_forward();
        let mut next = 0usize;
        c.block_in = vec![None; nb];
        c.edge_ok = vec![false; cfg.edge_count()];
        if !body.tries.is_empty() {
            c.throw_ok = vec![false; body.insns.len()];
        }
        c.precise = true;
        c.block_in[0] = Some(c.entry_state());
        let mut queue: VecDeque<BlockId> = VecDeque::from([0]);
        let mut queued = vec![false; nb];
        queued[0] = true;
        // each block's entry state only rises, at most 3 steps per register: a cap well above
        // that only stops hostile inputs
        let cap = nb.saturating_mul(8).saturating_add(regs.saturating_mul(64)) + 1024;
        let mut visits = 0usize;
        let mut st: Vec<CVal> = Vec::with_capacity(regs);
        loop {
            // without loops, block order visits each block after all its predecessors
            let b = if forward {
                if next >= nb {
                    break;
                }
                next += 1;
                (next - 1) as BlockId
            } else {
                match queue.pop_front() {
                    Some(b) => b,
                    None => break,
                }
            };
            queued[b as usize] = false;
            visits += 1;
            if visits > cap {
                return (c.imprecise(), false);
            }
            let Some(Some(entry)) = c.block_in.get(b as usize) else {
                continue;
            };
            st.clear();
            st.extend_from_slice(entry);
            let blk = cfg.blocks[b as usize];
            let mut pending = CVal::Unknown;
            for i in blk.range() {
                let Some(insn) = body.insns.get(i) else { break };
                let hs = cfg.handlers(i);
                if !hs.is_empty() && throws(i, &insn.op, &st, cfg, env) {
                    c.throw_ok[i] = true;
                    for &h in hs {
                        if join_into(&mut c.block_in[h as usize], &st, &c.strings)
                            && !forward
                            && !queued[h as usize]
                        {
                            queued[h as usize] = true;
                            queue.push_back(h);
                        }
                    }
                }
                if forward {
                    f(
                        i,
                        insn,
                        &Frame {
                            regs: &st,
                            strings: &c.strings,
                        },
                    );
                }
                let mut w = Walker {
                    strings: &mut c.strings,
                    str_of: &mut c.str_of,
                    grow: true,
                };
                w.step(&mut st, &mut pending, i, insn, env);
            }
            let last = body.insns.get(blk.end as usize - 1).map(|x| &x.op);
            let base = cfg.succ_base(b);
            for (k, &(t, kind)) in cfg.succs(b).iter().enumerate() {
                if !edge_feasible(last, kind, &st) {
                    continue;
                }
                c.edge_ok[base + k] = true;
                if join_into(&mut c.block_in[t as usize], &st, &c.strings)
                    && !forward
                    && !queued[t as usize]
                {
                    queued[t as usize] = true;
                    queue.push_back(t);
                }
            }
        }
        (c, forward)
    }

    fn entry_state(&self) -> Box<[CVal]> {
        let mut st = vec![CVal::Unknown; self.regs];
        if let Some(r) = self.this_reg
            && let Some(slot) = st.get_mut(r as usize)
        {
            *slot = CVal::NonNull;
        }
        st.into_boxed_slice()
    }

    /// The result without running the analysis, for a consumer that only needs edges and
    /// has nothing to decide (no conditional branch, switch or try block).
    pub fn all_feasible(body: &Body) -> Consts {
        Consts {
            regs: body.registers as usize,
            ..Consts::default()
        }
        .imprecise()
    }

    /// Is there anything constant propagation could prune in `body` (a conditional branch, a
    /// switch, a try block)?
    pub fn has_decisions(body: &Body) -> bool {
        !body.tries.is_empty()
            || body
                .insns
                .iter()
                .any(|x| matches!(x.op, Op::If { .. } | Op::Switch { .. }))
    }

    /// Nothing is known: every block reachable, every edge feasible, every exceptional edge
    /// of the CFG kept.
    fn imprecise(mut self) -> Consts {
        self.precise = false;
        self.block_in = Vec::new();
        // empty tables: every lookup misses and answers "feasible" / "throws"
        self.edge_ok = Vec::new();
        self.throw_ok = Vec::new();
        self
    }

    /// Did the analysis run (false: body too large, nothing pruned)?
    pub fn is_precise(&self) -> bool {
        self.precise
    }

    /// Can control reach block `b`?
    pub fn reachable(&self, b: BlockId) -> bool {
        if !self.precise {
            return true;
        }
        matches!(self.block_in.get(b as usize), Some(Some(_)))
    }

    /// Feasible successors of block `b`, each block once.
    pub fn succs<'c>(&'c self, cfg: &'c Cfg, b: BlockId) -> impl Iterator<Item = BlockId> + 'c {
        let base = cfg.succ_base(b);
        let all = cfg.succs(b);
        let ok = move |k: usize| self.edge_ok.get(base + k).copied().unwrap_or(true);
        all.iter()
            .enumerate()
            .filter(move |&(k, _)| ok(k))
            // a block reached by two feasible edges (an `if` to the next instruction) once
            .filter(move |&(k, (t, _))| {
                !all[..k]
                    .iter()
                    .enumerate()
                    .any(|(j, (u, _))| u == t && ok(j))
            })
            .map(|(_, (t, _))| *t)
    }

    /// Handlers instruction `i` can throw to (empty when it cannot throw).
    pub fn handlers<'c>(&self, cfg: &'c Cfg, i: usize) -> &'c [BlockId] {
        if self.throw_ok.get(i).copied().unwrap_or(true) {
            cfg.handlers(i)
        } else {
            &[]
        }
    }

    /// Calls `f` for every instruction of every reachable block, in pc order, with the
    /// registers before it. `env` must be the one given to [`Consts::analyze`].
    pub fn walk(
        &mut self,
        body: &Body,
        cfg: &Cfg,
        env: &dyn ConstEnv,
        mut f: impl FnMut(usize, &Insn, &Frame<'_>),
    ) {
        let mut st: Vec<CVal> = Vec::with_capacity(self.regs);
        for (b, blk) in cfg.blocks.iter().enumerate() {
            st.clear();
            match self.block_in.get(b) {
                Some(Some(entry)) => st.extend_from_slice(entry),
                _ if !self.precise => {
                    st.resize(self.regs, CVal::Unknown);
                    if b == 0
                        && let Some(r) = self.this_reg
                        && let Some(slot) = st.get_mut(r as usize)
                    {
                        *slot = CVal::NonNull;
                    }
                }
                _ => continue,
            }
            let mut pending = CVal::Unknown;
            for i in blk.range() {
                let Some(insn) = body.insns.get(i) else { break };
                f(
                    i,
                    insn,
                    &Frame {
                        regs: &st,
                        strings: &self.strings,
                    },
                );
                let mut w = Walker {
                    strings: &mut self.strings,
                    str_of: &mut self.str_of,
                    grow: !self.precise,
                };
                w.step(&mut st, &mut pending, i, insn, env);
            }
        }
    }
}

fn edge_feasible(last: Option<&Op>, kind: EdgeKind, st: &[CVal]) -> bool {
    let get = |r: Reg| st.get(r as usize).copied().unwrap_or(CVal::Unknown);
    match (last, kind) {
        (Some(Op::If { cmp, a, b, .. }), EdgeKind::Taken | EdgeKind::Fall) => {
            match branch(*cmp, get(*a), b.map(get)) {
                Some(taken) => taken == (kind == EdgeKind::Taken),
                None => true,
            }
        }
        (Some(Op::Switch { src, targets }), _) => match (get(*src), kind) {
            (CVal::Int(x), EdgeKind::Case(key)) => x == key as i64,
            (CVal::Int(x), EdgeKind::Fall) => !targets.iter().any(|(k, _)| *k as i64 == x),
            _ => true,
        },
        _ => true,
    }
}

fn join_into(slot: &mut Option<Box<[CVal]>>, st: &[CVal], strings: &[Arc<str>]) -> bool {
    match slot {
        None => {
            *slot = Some(st.into());
            true
        }
        Some(cur) => {
            let mut changed = false;
            for (c, &v) in cur.iter_mut().zip(st) {
                let j = c.join(v, strings);
                if j != *c {
                    *c = j;
                    changed = true;
                }
            }
            changed
        }
    }
}

/// The constant every reachable `return` of a small body yields (a getter like
/// `int foo() { return 42; }`); None when they differ, none is constant or the body has more
/// than `max_insns` instructions.
pub fn return_value(body: &Body, this_reg: Option<Reg>, max_insns: usize) -> Option<Const> {
    // most small methods are getters of a field: no constant to return, nothing to analyse
    if body.insns.len() > max_insns
        || !body.insns.iter().any(|x| {
            matches!(
                x.op,
                Op::Const { .. } | Op::ConstString { .. } | Op::ConstClass { .. }
            )
        })
    {
        return None;
    }
    let cfg = Cfg::build(body);
    let mut out: Option<Option<Const>> = None;
    Consts::analyze_walk(body, &cfg, &NoEnv, this_reg, |_, insn, frame| {
        if let Op::Return { src } = insn.op {
            let v = frame.get(src);
            out = Some(match &out {
                None => v,
                Some(prev) if *prev == v => v,
                Some(_) => None,
            });
        }
    });
    out.flatten()
}
