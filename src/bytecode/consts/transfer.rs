//! The transfer function of the constant propagation: the effect of one instruction on the
//! register file (`Walker::step`, folding `int`/`long` arithmetic with Java's wrapping
//! semantics), the outcome of a branch on constants, and whether an instruction can throw given
//! the registers before it. Must never panic on any operand: registers outside the frame read
//! as `Unknown` and are never written.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{CVal, Const, ConstEnv, Frame, StrId};
use crate::bytecode::cfg::Cfg;
use crate::bytecode::ir::{BinOp, CmpKind, Insn, NumType, Op, Reg, UnOp};

/// The state threaded through one block.
pub(super) struct Walker<'s> {
    pub(super) strings: &'s mut Vec<Arc<str>>,
    pub(super) str_of: &'s mut FxHashMap<u32, StrId>,
    /// intern new strings (analysis) or only look them up (replay)
    pub(super) grow: bool,
}

impl Walker<'_> {
    /// The id of string `s` produced by instruction `i`.
    pub(super) fn intern(&mut self, i: usize, s: &Arc<str>) -> CVal {
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

    pub(super) fn lift(&mut self, i: usize, c: Option<Const>) -> CVal {
        match c {
            Some(Const::Int(v)) => CVal::Int(v),
            Some(Const::Str(s)) => self.intern(i, &s),
            Some(Const::Class(t)) => CVal::Class(t),
            None => CVal::Unknown,
        }
    }

    /// Effect of instruction `i` on `regs`; `pending` is the value a `move-result` picks up.
    pub(super) fn step(
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
            Op::Invoke { kind, method, args } => {
                let frame = Frame {
                    regs,
                    strings: self.strings,
                };
                let is_static = *kind == crate::bytecode::ir::InvokeKind::Static;
                let c = env.call_result(i, *method, is_static, args, &frame);
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
pub(super) fn fold_unop(op: UnOp, ty: NumType, x: i64) -> Option<i64> {
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
pub(super) fn branch(cmp: CmpKind, a: CVal, b: Option<CVal>) -> Option<bool> {
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
pub(super) fn throws(i: usize, op: &Op, regs: &[CVal], cfg: &Cfg, env: &dyn ConstEnv) -> bool {
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
