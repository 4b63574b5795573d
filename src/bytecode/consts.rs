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

use super::cfg::{BlockId, Cfg, EdgeKind};
use super::ir::{BinOp, Body, CmpKind, FieldId, Insn, MethodId, NumType, Op, Reg, TypeId, UnOp};
use super::program::{ACC_FINAL, Program, Value};

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
    /// The value returned by the invoke at instruction index `i` calling `method` with
    /// argument registers `args`, whose values before the call `frame` holds.
    fn call_result(
        &self,
        _i: usize,
        _method: MethodId,
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

/// The state threaded through one block.
struct Walker<'s> {
    strings: &'s mut Vec<Arc<str>>,
    str_of: &'s mut FxHashMap<u32, StrId>,
    /// intern new strings (analysis) or only look them up (replay)
    grow: bool,
}

impl Walker<'_> {
    /// The id of string `s` produced by instruction `i`.
    fn intern(&mut self, i: usize, s: &Arc<str>) -> CVal {
        let key = i as u32;
        if let Some(&id) = self.str_of.get(&key)
            && let Some(known) = self.strings.get(id as usize)
            && (Arc::ptr_eq(known, s) || known == s)
        {
            return CVal::Str(id);
        }
        if !self.grow || self.strings.len() >= u32::MAX as usize {
            return CVal::NonNull;
        }
        let id = self.strings.len() as StrId;
        self.strings.push(s.clone());
        self.str_of.insert(key, id);
        CVal::Str(id)
    }

    fn lift(&mut self, i: usize, c: Option<Const>) -> CVal {
        match c {
            Some(Const::Int(v)) => CVal::Int(v),
            Some(Const::Str(s)) => self.intern(i, &s),
            Some(Const::Class(t)) => CVal::Class(t),
            None => CVal::Unknown,
        }
    }

    /// Effect of instruction `i` on `regs`; `pending` is the value a `move-result` picks up.
    fn step(
        &mut self,
        regs: &mut [CVal],
        pending: &mut CVal,
        i: usize,
        insn: &Insn,
        env: &dyn ConstEnv,
    ) {
        let get = |regs: &[CVal], r: Reg| regs.get(r as usize).copied().unwrap_or(CVal::Unknown);
        let mut result = CVal::Unknown;
        let mut def: Option<(Reg, CVal)> = None;
        let mut wide = false;
        match &insn.op {
            Op::Move { dst, src } => def = Some((*dst, get(regs, *src))),
            Op::MoveResult { dst } => def = Some((*dst, *pending)),
            Op::MoveException { dst } | Op::ConstOther { dst } | Op::NewInstance { dst, .. } => {
                def = Some((*dst, CVal::NonNull))
            }
            Op::Const { dst, value } => def = Some((*dst, CVal::Int(*value))),
            Op::ConstString { dst, value } => def = Some((*dst, self.intern(i, value))),
            Op::ConstClass { dst, ty } => def = Some((*dst, CVal::Class(*ty))),
            Op::InstanceOf { dst, src, .. } => {
                // null is an instance of nothing
                let v = match get(regs, *src) {
                    CVal::Int(0) => CVal::Int(0),
                    _ => CVal::Unknown,
                };
                def = Some((*dst, v));
            }
            Op::ArrayLength { dst, array } => {
                let v = match get(regs, *array) {
                    CVal::Array(n) => CVal::Int(n as i64),
                    _ => CVal::Unknown,
                };
                def = Some((*dst, v));
            }
            Op::NewArray { dst, size, .. } => {
                let v = match get(regs, *size) {
                    CVal::Int(n) if (0..=i32::MAX as i64).contains(&n) => CVal::Array(n as i32),
                    _ => CVal::NonNull,
                };
                def = Some((*dst, v));
            }
            Op::FilledNewArray { args, .. } => {
                result = CVal::Array(args.len().min(i32::MAX as usize) as i32)
            }
            Op::Unop { dst, src, op, ty } => {
                let v = match get(regs, *src) {
                    CVal::Int(x) => fold_unop(*op, *ty, x).map_or(CVal::Unknown, CVal::Int),
                    _ => CVal::Unknown,
                };
                wide = matches!(op, UnOp::ToLong | UnOp::ToDouble)
                    || (ty.is_wide() && matches!(op, UnOp::Neg | UnOp::Not));
                def = Some((*dst, v));
            }
            Op::Binop {
                dst, a, b, op, ty, ..
            } => {
                let v = match (get(regs, *a), get(regs, *b)) {
                    (CVal::Int(x), CVal::Int(y)) => {
                        fold_binop(*op, *ty, x, y).map_or(CVal::Unknown, CVal::Int)
                    }
                    _ => CVal::Unknown,
                };
                wide = ty.is_wide() && !matches!(op, BinOp::Cmp | BinOp::Cmpl | BinOp::Cmpg);
                def = Some((*dst, v));
            }
            Op::BinopLit { dst, src, lit, op } => {
                let v = match get(regs, *src) {
                    CVal::Int(x) => fold_binop(*op, NumType::Int, x, *lit as i64)
                        .map_or(CVal::Unknown, CVal::Int),
                    _ => CVal::Unknown,
                };
                def = Some((*dst, v));
            }
            Op::AGet { dst, .. } | Op::IGet { dst, .. } => def = Some((*dst, CVal::Unknown)),
            Op::SGet { dst, field } => {
                let v = self.lift(i, env.static_field(*field));
                def = Some((*dst, v));
            }
            Op::Invoke { method, args, .. } => {
                let frame = Frame {
                    regs,
                    strings: self.strings,
                };
                let c = env.call_result(i, *method, args, &frame);
                result = self.lift(i, c);
            }
            Op::InvokeCustom { .. } => {}
            _ => {}
        }
        if let Some((r, v)) = def {
            if let Some(slot) = regs.get_mut(r as usize) {
                *slot = v;
            }
            if wide && let Some(slot) = regs.get_mut(r as usize + 1) {
                *slot = CVal::Unknown;
            }
        }
        *pending = result;
    }
}

/// `op` on an int or long constant (None: not folded).
fn fold_unop(op: UnOp, ty: NumType, x: i64) -> Option<i64> {
    match ty {
        NumType::Int => {
            let x = x as i32;
            Some(match op {
                UnOp::Neg => x.wrapping_neg() as i64,
                UnOp::Not => !x as i64,
                UnOp::ToLong | UnOp::ToInt => x as i64,
                UnOp::ToByte => x as i8 as i64,
                UnOp::ToChar => x as u16 as i64,
                UnOp::ToShort => x as i16 as i64,
                UnOp::ToFloat | UnOp::ToDouble => return None,
            })
        }
        NumType::Long => Some(match op {
            UnOp::Neg => x.wrapping_neg(),
            UnOp::Not => !x,
            UnOp::ToInt => x as i32 as i64,
            UnOp::ToLong => x,
            _ => return None,
        }),
        NumType::Float | NumType::Double => None,
    }
}

/// `a op b` on int or long constants with Java semantics: wrapping overflow, shift distances
/// masked, division and remainder by zero not folded (they throw).
pub fn fold_binop(op: BinOp, ty: NumType, a: i64, b: i64) -> Option<i64> {
    match ty {
        NumType::Int => {
            let (x, y) = (a as i32, b as i32);
            Some(match op {
                BinOp::Add => x.wrapping_add(y),
                BinOp::Sub => x.wrapping_sub(y),
                BinOp::Rsub => y.wrapping_sub(x),
                BinOp::Mul => x.wrapping_mul(y),
                BinOp::Div if y != 0 => x.wrapping_div(y),
                BinOp::Rem if y != 0 => x.wrapping_rem(y),
                BinOp::And => x & y,
                BinOp::Or => x | y,
                BinOp::Xor => x ^ y,
                BinOp::Shl => x.wrapping_shl(y as u32),
                BinOp::Shr => x.wrapping_shr(y as u32),
                BinOp::Ushr => (x as u32).wrapping_shr(y as u32) as i32,
                _ => return None,
            } as i64)
        }
        NumType::Long => Some(match op {
            BinOp::Add => a.wrapping_add(b),
            BinOp::Sub => a.wrapping_sub(b),
            BinOp::Rsub => b.wrapping_sub(a),
            BinOp::Mul => a.wrapping_mul(b),
            BinOp::Div if b != 0 => a.wrapping_div(b),
            BinOp::Rem if b != 0 => a.wrapping_rem(b),
            BinOp::And => a & b,
            BinOp::Or => a | b,
            BinOp::Xor => a ^ b,
            // the shift distance is an int register; only its low 6 bits count
            BinOp::Shl => a.wrapping_shl(b as u32),
            BinOp::Shr => a.wrapping_shr(b as u32),
            BinOp::Ushr => (a as u64).wrapping_shr(b as u32) as i64,
            BinOp::Cmp => a.cmp(&b) as i64,
            _ => return None,
        }),
        NumType::Float | NumType::Double => None,
    }
}

/// Outcome of `if-<cmp>` on these operands (`b` None: compare with zero / null).
fn branch(cmp: CmpKind, a: CVal, b: Option<CVal>) -> Option<bool> {
    let b = b.unwrap_or(CVal::Int(0));
    let ord = match (a, b) {
        (CVal::Int(x), CVal::Int(y)) => x.cmp(&y),
        // a non-null object against null: only (in)equality is decided
        (o, CVal::Int(0)) | (CVal::Int(0), o) if o.non_null() => {
            return match cmp {
                CmpKind::Eq => Some(false),
                CmpKind::Ne => Some(true),
                _ => None,
            };
        }
        _ => return None,
    };
    use std::cmp::Ordering::*;
    Some(match cmp {
        CmpKind::Eq => ord == Equal,
        CmpKind::Ne => ord != Equal,
        CmpKind::Lt => ord == Less,
        CmpKind::Ge => ord != Less,
        CmpKind::Gt => ord == Greater,
        CmpKind::Le => ord != Greater,
    })
}

/// Can instruction `i` throw, given the registers before it? Only asked for instructions the
/// CFG gave exceptional edges.
fn throws(i: usize, op: &Op, regs: &[CVal], cfg: &Cfg, env: &dyn ConstEnv) -> bool {
    let get = |r: Reg| regs.get(r as usize).copied().unwrap_or(CVal::Unknown);
    let in_bounds = |array: Reg, index: Reg| match (get(array), get(index)) {
        (CVal::Array(n), CVal::Int(k)) => (0..n as i64).contains(&k),
        _ => false,
    };
    match op {
        Op::IGet { obj, .. } | Op::IPut { obj, .. } => !get(*obj).non_null(),
        Op::ArrayLength { array, .. } => !get(*array).non_null(),
        Op::AGet { array, index, .. } => !in_bounds(*array, *index),
        // storing a primitive (or null) cannot fail the array's element type check
        Op::APut { src, array, index } => {
            !(in_bounds(*array, *index) && matches!(get(*src), CVal::Int(_)))
        }
        Op::NewArray { size, .. } => !matches!(get(*size), CVal::Int(n) if n >= 0),
        Op::Binop { b, .. } => !matches!(get(*b), CVal::Int(y) if y != 0),
        Op::BinopLit { lit, .. } => *lit == 0,
        // null passes any cast
        Op::CheckCast { reg, .. } => get(*reg) != CVal::Int(0),
        Op::Invoke { method, .. } => env.call_may_throw(i, *method, cfg.catches(i)),
        _ => true,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::ir::{Handler, InvokeKind, TryBlock};

    fn body(ops: Vec<Op>) -> Body {
        Body {
            registers: 8,
            param_regs: Vec::new(),
            insns: ops
                .into_iter()
                .enumerate()
                .map(|(i, op)| Insn { pc: i as u32, op })
                .collect(),
            tries: Vec::new(),
        }
    }

    fn run(b: &Body) -> (Cfg, Consts) {
        let cfg = Cfg::build(b);
        let c = Consts::analyze(b, &cfg, &NoEnv, None);
        (cfg, c)
    }

    /// Registers before instruction `at`.
    fn before(b: &Body, at: usize, r: Reg) -> Option<Const> {
        let (cfg, mut c) = run(b);
        let mut out = None;
        c.walk(b, &cfg, &NoEnv, |i, _, f| {
            if i == at {
                out = f.get(r);
            }
        });
        out
    }

    fn lit(dst: Reg, src: Reg, lit: i32, op: BinOp) -> Op {
        Op::BinopLit { dst, src, lit, op }
    }
    fn bin(dst: Reg, a: Reg, b: Reg, op: BinOp, ty: NumType) -> Op {
        Op::Binop { dst, a, b, op, ty }
    }
    fn konst(dst: Reg, value: i64) -> Op {
        Op::Const { dst, value }
    }

    #[test]
    fn folds_int_arithmetic_with_java_semantics() {
        let int = |op, a, b| fold_binop(op, NumType::Int, a, b);
        let long = |op, a, b| fold_binop(op, NumType::Long, a, b);
        assert_eq!(int(BinOp::Add, i32::MAX as i64, 1), Some(i32::MIN as i64));
        assert_eq!(int(BinOp::Mul, 0x10000, 0x10000), Some(0));
        assert_eq!(int(BinOp::Div, i32::MIN as i64, -1), Some(i32::MIN as i64));
        assert_eq!(int(BinOp::Rem, i32::MIN as i64, -1), Some(0));
        assert_eq!(int(BinOp::Div, 7, 0), None);
        assert_eq!(int(BinOp::Rem, 7, 0), None);
        assert_eq!(int(BinOp::Rem, -7, 2), Some(-1));
        assert_eq!(int(BinOp::Shl, 1, 33), Some(2)); // distance masked to 5 bits
        assert_eq!(int(BinOp::Shr, -8, 1), Some(-4));
        assert_eq!(int(BinOp::Ushr, -1, 28), Some(15));
        assert_eq!(int(BinOp::Rsub, 3, 10), Some(7));
        assert_eq!(
            int(BinOp::And, 0xff, 0x1234).and_then(|v| int(BinOp::Or, v, 0x100)),
            Some(0x134)
        );
        assert_eq!(int(BinOp::Xor, 5, 3), Some(6));
        assert_eq!(long(BinOp::Add, i64::MAX, 1), Some(i64::MIN));
        assert_eq!(long(BinOp::Shl, 1, 65), Some(2));
        assert_eq!(long(BinOp::Ushr, -1, 60), Some(15));
        assert_eq!(long(BinOp::Div, 1, 0), None);
        assert_eq!(long(BinOp::Cmp, 1, 5), Some(-1));
        assert_eq!(fold_binop(BinOp::Add, NumType::Float, 1, 2), None);
        assert_eq!(fold_unop(UnOp::ToByte, NumType::Int, 0x1ff), Some(-1));
        assert_eq!(fold_unop(UnOp::ToChar, NumType::Int, -1), Some(0xffff));
        assert_eq!(fold_unop(UnOp::ToInt, NumType::Long, 1 << 32 | 5), Some(5));
        assert_eq!(
            fold_unop(UnOp::Neg, NumType::Int, i32::MIN as i64),
            Some(i32::MIN as i64)
        );
    }

    #[test]
    fn propagates_through_registers_and_folds() {
        let b = body(vec![
            konst(0, 80),
            konst(1, 42),
            bin(2, 0, 1, BinOp::Add, NumType::Int),
            lit(3, 2, 3, BinOp::Mul),
            Op::Move { dst: 4, src: 3 },
            Op::ConstString {
                dst: 5,
                value: "content://sms".into(),
            },
            Op::ReturnVoid,
        ]);
        assert_eq!(before(&b, 6, 4), Some(Const::Int(366)));
        assert_eq!(before(&b, 6, 5), Some(Const::Str("content://sms".into())));
        assert_eq!(before(&b, 6, 7), None);
    }

    #[test]
    fn branch_on_constants_keeps_only_the_taken_side() {
        // v0 = 80 + 42; if (v0 < 10) { sink } return
        let b = body(vec![
            konst(0, 80),
            lit(0, 0, 42, BinOp::Add),
            konst(1, 10),
            Op::If {
                cmp: CmpKind::Ge,
                a: 0,
                b: Some(1),
                target: 6,
            },
            Op::ConstString {
                dst: 2,
                value: "dead".into(),
            },
            Op::ReturnVoid,
            Op::ReturnVoid,
        ]);
        let (cfg, c) = run(&b);
        let dead = cfg.block_of(4).unwrap();
        let live = cfg.block_of(6).unwrap();
        assert!(!c.reachable(dead));
        assert!(c.reachable(live));
        assert_eq!(c.succs(&cfg, 0).collect::<Vec<_>>(), vec![live]);
    }

    #[test]
    fn branch_to_the_next_instruction_keeps_its_successor() {
        // if-eqz v0 -> 2 with v0 = 1: the taken edge is infeasible, the fall-through to the
        // same block is not
        let b = body(vec![
            konst(0, 1),
            Op::If {
                cmp: CmpKind::Eq,
                a: 0,
                b: None,
                target: 2,
            },
            Op::ReturnVoid,
        ]);
        let (cfg, c) = run(&b);
        assert_eq!(cfg.succs(0).len(), 2);
        assert_eq!(c.succs(&cfg, 0).collect::<Vec<_>>(), vec![1]);
        assert!(c.reachable(1));
    }

    #[test]
    fn equal_strings_from_two_instructions_stay_constant() {
        let cs = |dst, v: &str| Op::ConstString {
            dst,
            value: v.into(),
        };
        let b = body(vec![
            Op::If {
                cmp: CmpKind::Eq,
                a: 7,
                b: None,
                target: 3,
            },
            cs(0, "k"),
            Op::Goto { target: 4 },
            cs(0, "k"),
            Op::ReturnVoid,
        ]);
        assert_eq!(before(&b, 4, 0), Some(Const::Str("k".into())));
        let mut b2 = b.clone();
        b2.insns[3].op = cs(0, "other");
        assert_eq!(before(&b2, 4, 0), None);
    }

    #[test]
    fn switch_on_a_constant_keeps_its_case() {
        let b = body(vec![
            konst(0, 7),
            Op::Switch {
                src: 0,
                targets: vec![(1, 3), (7, 4)],
            },
            Op::ReturnVoid, // default
            Op::ReturnVoid, // case 1
            Op::ReturnVoid, // case 7
        ]);
        let (cfg, c) = run(&b);
        assert_eq!(c.succs(&cfg, 0).collect::<Vec<_>>(), vec![3]);
        assert!(!c.reachable(1) && !c.reachable(2) && c.reachable(3));
        // a key no case has: only the default
        let mut b2 = b.clone();
        b2.insns[0].op = konst(0, 99);
        let (cfg, c) = run(&b2);
        assert_eq!(c.succs(&cfg, 0).collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn joins_at_merges_and_loops() {
        // v0 = p ? 1 : 2 (unknown condition) -> unknown after the merge; v1 = "a" on both
        // sides stays constant; a loop increments v2, so it is not constant in the header
        let b = body(vec![
            Op::ConstString {
                dst: 1,
                value: "a".into(),
            },
            konst(2, 0),
            Op::If {
                cmp: CmpKind::Eq,
                a: 7,
                b: None,
                target: 5,
            },
            konst(0, 1),
            Op::Goto { target: 6 },
            konst(0, 2),
            lit(2, 2, 1, BinOp::Add), // 6: loop header
            Op::If {
                cmp: CmpKind::Lt,
                a: 2,
                b: Some(7),
                target: 6,
            },
            Op::ReturnVoid, // 8
        ]);
        assert_eq!(before(&b, 8, 0), None);
        assert_eq!(before(&b, 8, 1), Some(Const::Str("a".into())));
        assert_eq!(before(&b, 6, 2), None);
        // if-eqz on a non-null string is never taken
        let b = body(vec![
            Op::ConstString {
                dst: 1,
                value: "a".into(),
            },
            Op::If {
                cmp: CmpKind::Eq,
                a: 1,
                b: None,
                target: 3,
            },
            Op::ReturnVoid,
            Op::ReturnVoid,
        ]);
        let (_, c) = run(&b);
        assert!(!c.reachable(2));
    }

    #[test]
    fn exceptional_edges_narrowed_by_constants() {
        // try { v1 = new int[42]; v2 = v1[32]; v3 = 6 / 3; v4 = this.f; call() } catch ...
        let mut b = body(vec![
            konst(0, 42),
            Op::NewArray {
                dst: 1,
                size: 0,
                ty: TypeId(0),
            },
            konst(0, 32),
            Op::AGet {
                dst: 2,
                array: 1,
                index: 0,
            },
            konst(5, 3),
            lit(3, 5, 3, BinOp::Div),
            bin(3, 3, 5, BinOp::Div, NumType::Int),
            Op::IGet {
                dst: 4,
                obj: 6,
                field: FieldId(0),
            },
            konst(7, 42),
            Op::AGet {
                dst: 2,
                array: 1,
                index: 7,
            }, // 9: out of bounds: throws
            Op::ReturnVoid,
            Op::MoveException { dst: 0 }, // 11
            Op::ReturnVoid,
        ]);
        b.tries = vec![TryBlock {
            start_pc: 0,
            end_pc: 9,
            handlers: vec![Handler {
                exception: None,
                target: 11,
            }],
        }];
        let cfg = Cfg::build(&b);
        let c = Consts::analyze(&b, &cfg, &NoEnv, Some(6));
        let throwing: Vec<usize> = (0..b.insns.len())
            .filter(|&i| !c.handlers(&cfg, i).is_empty())
            .collect();
        // nothing in the try can throw: the handler is dead
        assert!(throwing.is_empty(), "{throwing:?}");
        assert!(!c.reachable(cfg.block_of(11).unwrap()));
        // widen the try to the out-of-bounds read and add a call: both throw
        b.tries[0].end_pc = 10;
        b.insns[8].op = Op::Invoke {
            kind: InvokeKind::Static,
            method: MethodId(0),
            args: vec![],
        };
        let cfg = Cfg::build(&b);
        let c = Consts::analyze(&b, &cfg, &NoEnv, Some(6));
        let throwing: Vec<usize> = (0..b.insns.len())
            .filter(|&i| !c.handlers(&cfg, i).is_empty())
            .collect();
        assert_eq!(throwing, vec![8, 9]);
        assert!(c.reachable(cfg.block_of(11).unwrap()));
        // without knowing `this`, the field read may throw too
        let c = Consts::analyze(&b, &cfg, &NoEnv, None);
        assert!(!c.handlers(&cfg, 7).is_empty());
        // a call the environment knows cannot throw what the handlers catch
        struct NoThrow;
        impl ConstEnv for NoThrow {
            fn call_may_throw(&self, _: usize, _: MethodId, catches: &[Option<TypeId>]) -> bool {
                assert_eq!(catches, &[None]);
                false
            }
        }
        let c = Consts::analyze(&b, &cfg, &NoThrow, Some(6));
        assert!(c.handlers(&cfg, 8).is_empty());
        assert!(!c.handlers(&cfg, 9).is_empty());
    }

    #[test]
    fn environment_supplies_calls_and_statics() {
        struct Env;
        impl ConstEnv for Env {
            fn call_result(
                &self,
                _: usize,
                m: MethodId,
                args: &[Reg],
                frame: &Frame<'_>,
            ) -> Option<Const> {
                match args.first() {
                    // `String.valueOf("x")`-like: the argument itself
                    Some(&r) => frame.get(r),
                    None => (m == MethodId(9)).then_some(Const::Int(42)),
                }
            }
            fn static_field(&self, _: FieldId) -> Option<Const> {
                Some(Const::Str("k".into()))
            }
        }
        let b = body(vec![
            Op::Invoke {
                kind: InvokeKind::Virtual,
                method: MethodId(9),
                args: vec![],
            },
            Op::MoveResult { dst: 0 },
            Op::SGet {
                dst: 1,
                field: FieldId(0),
            },
            Op::Invoke {
                kind: InvokeKind::Static,
                method: MethodId(3),
                args: vec![1],
            },
            Op::MoveResult { dst: 2 },
            Op::ReturnVoid,
        ]);
        let cfg = Cfg::build(&b);
        let mut c = Consts::analyze(&b, &cfg, &Env, None);
        let mut seen = Vec::new();
        c.walk(&b, &cfg, &Env, |i, _, f| {
            if i == 5 {
                seen = vec![f.get(0), f.get(1), f.get(2)];
            }
        });
        assert_eq!(
            seen,
            vec![
                Some(Const::Int(42)),
                Some(Const::Str("k".into())),
                Some(Const::Str("k".into()))
            ]
        );
        // a getter's constant return
        let getter = body(vec![konst(0, 42), Op::Return { src: 0 }]);
        assert_eq!(return_value(&getter, None, 16), Some(Const::Int(42)));
        assert_eq!(return_value(&getter, None, 1), None);
    }
}
