//! Register def-use over one method's CFG: which registers each instruction writes and reads,
//! and, for every read, the definitions that can reach it (reaching definitions along the
//! edges constant propagation keeps feasible, exceptional edges included). For consumers that
//! need to know where a value came from (which `const-string` a URL argument was, whether a
//! register is a parameter) without re-walking the body.
//!
//! Wide values follow the IR convention: only the low register of a pair is named. `check-cast`
//! reads its register and does not redefine it (the value is the same object).
//!
//! Must never panic or grow without bound on hostile bodies: registers outside the frame are
//! ignored, and a body whose (blocks x registers) table would be too large yields `None`.

use super::cfg::{BlockId, Cfg};
use super::consts::Consts;
use super::ir::{Body, Op, Reg};

/// The register `op` writes (the low one of a wide pair), if any.
pub fn defined(op: &Op) -> Option<Reg> {
    match op {
        Op::Move { dst, .. }
        | Op::MoveResult { dst }
        | Op::MoveException { dst }
        | Op::Const { dst, .. }
        | Op::ConstString { dst, .. }
        | Op::ConstClass { dst, .. }
        | Op::ConstOther { dst }
        | Op::InstanceOf { dst, .. }
        | Op::ArrayLength { dst, .. }
        | Op::NewInstance { dst, .. }
        | Op::NewArray { dst, .. }
        | Op::Unop { dst, .. }
        | Op::Binop { dst, .. }
        | Op::BinopLit { dst, .. }
        | Op::AGet { dst, .. }
        | Op::IGet { dst, .. }
        | Op::SGet { dst, .. } => Some(*dst),
        _ => None,
    }
}

/// Calls `f` with each register `op` reads, in operand order.
pub fn used(op: &Op, mut f: impl FnMut(Reg)) {
    match op {
        Op::Move { src, .. }
        | Op::Return { src }
        | Op::Throw { src }
        | Op::Switch { src, .. }
        | Op::Unop { src, .. }
        | Op::BinopLit { src, .. }
        | Op::InstanceOf { src, .. }
        | Op::SPut { src, .. } => f(*src),
        Op::MonitorEnter { reg } | Op::MonitorExit { reg } | Op::CheckCast { reg, .. } => f(*reg),
        Op::ArrayLength { array, .. } | Op::FillArrayData { array, .. } => f(*array),
        Op::NewArray { size, .. } => f(*size),
        Op::If { a, b, .. } => {
            f(*a);
            if let Some(b) = b {
                f(*b);
            }
        }
        Op::Binop { a, b, .. } => {
            f(*a);
            f(*b);
        }
        Op::AGet { array, index, .. } => {
            f(*array);
            f(*index);
        }
        Op::APut { src, array, index } => {
            f(*src);
            f(*array);
            f(*index);
        }
        Op::IGet { obj, .. } => f(*obj),
        Op::IPut { src, obj, .. } => {
            f(*src);
            f(*obj);
        }
        Op::FilledNewArray { args, .. }
        | Op::Invoke { args, .. }
        | Op::InvokeCustom { args, .. } => args.iter().copied().for_each(f),
        _ => {}
    }
}

/// Where a value was defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DefSite {
    /// the method's parameter with this index in `Body::param_regs` (receiver first)
    Param(u16),
    /// the instruction with this index in `Body::insns`
    Insn(u32),
}

/// Reaching definitions of every register read in one body.
#[derive(Debug, Default)]
pub struct DefUse {
    /// (instruction index, register read), sorted
    uses: Vec<(u32, Reg)>,
    /// definitions reaching `uses[k]`: `defs[off[k]..off[k + 1]]`, sorted
    off: Vec<u32>,
    defs: Vec<DefSite>,
}

/// Most (blocks x registers) cells kept.
const MAX_CELLS: usize = 1 << 20;

type RegDefs = Vec<Vec<DefSite>>;

fn union_into(dst: &mut RegDefs, src: &RegDefs) -> bool {
    let mut changed = false;
    for (d, s) in dst.iter_mut().zip(src) {
        for x in s {
            if let Err(at) = d.binary_search(x) {
                d.insert(at, *x);
                changed = true;
            }
        }
    }
    changed
}

impl DefUse {
    /// Reaching definitions along the feasible edges of `consts` (None: body too large).
    pub fn build(body: &Body, cfg: &Cfg, consts: &Consts) -> Option<DefUse> {
        let nb = cfg.len();
        let regs = body.registers as usize;
        if nb == 0 {
            return Some(DefUse::default());
        }
        if nb.saturating_mul(regs.max(1)) > MAX_CELLS {
            return None;
        }
        let mut entry: RegDefs = vec![Vec::new(); regs];
        for (k, &r) in body.param_regs.iter().enumerate().take(u16::MAX as usize) {
            if let Some(slot) = entry.get_mut(r as usize) {
                *slot = vec![DefSite::Param(k as u16)];
            }
        }
        let mut block_in: Vec<Option<RegDefs>> = vec![None; nb];
        block_in[0] = Some(entry);
        let mut queue = std::collections::VecDeque::from([0 as BlockId]);
        let mut queued = vec![false; nb];
        queued[0] = true;
        let step = |st: &mut RegDefs, i: usize, op: &Op| {
            if let Some(d) = defined(op)
                && let Some(slot) = st.get_mut(d as usize)
            {
                slot.clear();
                slot.push(DefSite::Insn(i as u32));
            }
        };
        while let Some(b) = queue.pop_front() {
            let Some(mut st) = block_in[b as usize].clone() else {
                continue;
            };
            queued[b as usize] = false;
            let mut push = |t: BlockId, st: &RegDefs| {
                let changed = match &mut block_in[t as usize] {
                    None => {
                        block_in[t as usize] = Some(st.clone());
                        true
                    }
                    Some(cur) => union_into(cur, st),
                };
                if changed && !queued[t as usize] {
                    queued[t as usize] = true;
                    queue.push_back(t);
                }
            };
            for i in cfg.blocks[b as usize].range() {
                let Some(insn) = body.insns.get(i) else { break };
                for &h in consts.handlers(cfg, i) {
                    push(h, &st);
                }
                step(&mut st, i, &insn.op);
            }
            for t in consts.succs(cfg, b) {
                push(t, &st);
            }
        }
        let mut found: Vec<((u32, Reg), Vec<DefSite>)> = Vec::new();
        for (b, blk) in cfg.blocks.iter().enumerate() {
            let Some(Some(mut st)) = block_in.get(b).cloned() else {
                continue;
            };
            for i in blk.range() {
                let Some(insn) = body.insns.get(i) else { break };
                used(&insn.op, |r| {
                    let ds = st.get(r as usize).cloned().unwrap_or_default();
                    found.push(((i as u32, r), ds));
                });
                step(&mut st, i, &insn.op);
            }
        }
        // operands are not in register order, and one register may be read twice
        found.sort_by_key(|(k, _)| *k);
        found.dedup_by_key(|(k, _)| *k);
        let mut out = DefUse::default();
        for (k, ds) in found {
            out.uses.push(k);
            out.off.push(out.defs.len() as u32);
            out.defs.extend(ds);
        }
        out.off.push(out.defs.len() as u32);
        Some(out)
    }

    /// Definitions that reach the read of register `r` by instruction index `i` (empty: not
    /// read there, unreachable, or never defined).
    pub fn reaching(&self, i: usize, r: Reg) -> &[DefSite] {
        let Ok(k) = self.uses.binary_search(&(i as u32, r)) else {
            return &[];
        };
        match (self.off.get(k), self.off.get(k + 1)) {
            (Some(&s), Some(&e)) => self.defs.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Every (instruction index, register) read that definition `d` reaches.
    pub fn uses_of(&self, d: DefSite) -> impl Iterator<Item = (usize, Reg)> + '_ {
        self.uses
            .iter()
            .enumerate()
            .filter_map(move |(k, &(i, r))| {
                let s = *self.off.get(k)? as usize;
                let e = *self.off.get(k + 1)? as usize;
                self.defs.get(s..e)?.contains(&d).then_some((i as usize, r))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::consts::NoEnv;
    use crate::bytecode::ir::{CmpKind, Handler, Insn, InvokeKind, MethodId, TryBlock};

    fn body(ops: Vec<Op>, params: Vec<Reg>) -> Body {
        Body {
            registers: 6,
            param_regs: params,
            insns: ops
                .into_iter()
                .enumerate()
                .map(|(i, op)| Insn { pc: i as u32, op })
                .collect(),
            tries: Vec::new(),
        }
    }

    fn build(b: &Body) -> DefUse {
        let cfg = Cfg::build(b);
        let c = Consts::analyze(b, &cfg, &NoEnv, None);
        DefUse::build(b, &cfg, &c).unwrap()
    }

    #[test]
    fn reaching_definitions_merge_at_joins_and_loops() {
        // 0: v0 = "a" | 1: if-eqz p(v5) -> 3 | 2: v0 = "b" | 3: invoke f(v0) | 4: v0 = v0
        // 5: if-nez v5 -> 3 | 6: return v0
        let b = body(
            vec![
                Op::ConstString {
                    dst: 0,
                    value: "a".into(),
                },
                Op::If {
                    cmp: CmpKind::Eq,
                    a: 5,
                    b: None,
                    target: 3,
                },
                Op::ConstString {
                    dst: 0,
                    value: "b".into(),
                },
                Op::Invoke {
                    kind: InvokeKind::Static,
                    method: MethodId(0),
                    args: vec![0],
                },
                Op::Move { dst: 0, src: 0 },
                Op::If {
                    cmp: CmpKind::Ne,
                    a: 5,
                    b: None,
                    target: 3,
                },
                Op::Return { src: 0 },
            ],
            vec![5],
        );
        let du = build(&b);
        assert_eq!(du.reaching(1, 5), &[DefSite::Param(0)]);
        assert_eq!(
            du.reaching(3, 0),
            &[DefSite::Insn(0), DefSite::Insn(2), DefSite::Insn(4)]
        );
        assert_eq!(du.reaching(6, 0), &[DefSite::Insn(4)]);
        assert!(du.reaching(6, 1).is_empty());
        let uses: Vec<_> = du.uses_of(DefSite::Insn(2)).collect();
        assert_eq!(uses, vec![(3, 0), (4, 0)]);
    }

    #[test]
    fn exceptional_edges_carry_definitions_before_the_throw() {
        // try { v0 = 1; invoke; v0 = 2 } catch { return v0 }: the handler sees v0 = 1 (from
        // the invoke); the const after it cannot throw
        let mut b = body(
            vec![
                Op::Const { dst: 0, value: 1 },
                Op::Invoke {
                    kind: InvokeKind::Static,
                    method: MethodId(0),
                    args: vec![],
                },
                Op::Const { dst: 0, value: 2 },
                Op::Return { src: 0 },
                Op::MoveException { dst: 1 },
                Op::Return { src: 0 },
            ],
            vec![],
        );
        b.tries = vec![TryBlock {
            start_pc: 0,
            end_pc: 3,
            handlers: vec![Handler {
                exception: None,
                target: 4,
            }],
        }];
        let du = build(&b);
        assert_eq!(du.reaching(5, 0), &[DefSite::Insn(0)]);
        assert_eq!(du.reaching(3, 0), &[DefSite::Insn(2)]);
        assert_eq!(defined(&b.insns[4].op), Some(1));
        let mut u = Vec::new();
        used(
            &Op::APut {
                src: 1,
                array: 2,
                index: 3,
            },
            |r| u.push(r),
        );
        assert_eq!(u, vec![1, 2, 3]);
    }
}
