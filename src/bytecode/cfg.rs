//! Basic blocks and the control-flow graph of one method body, derived from the IR: normal
//! edges (fall-through, `goto`, both sides of `if-*`, every `switch` case plus its default) and
//! exceptional edges from each instruction that can throw to the handlers of the try block
//! covering it, in catch order. Every analysis that walks a body (taint, call-graph scan,
//! constant propagation) reads this one graph.
//!
//! Which instructions throw follows the opcode table's `CAN_THROW` flag, narrowed to the
//! exceptions the instruction's semantics raise (null receiver, bounds, cast, arithmetic,
//! negative size, class initialization, monitor state, anything from a call or `throw`). VM
//! resource and linkage errors (`OutOfMemoryError`, `NoClassDefFoundError`) are not modeled:
//! with them every `const-string` would reach every handler. `consts` narrows further with
//! what constant propagation knows (a fresh array indexed in bounds, division by a non-zero
//! constant, a receiver that is `this`).
//!
//! Must never panic or index out of bounds on hostile bodies: branch targets that are not the
//! start of an instruction, handlers that point nowhere and code that falls off its end are
//! dropped edges, not errors. Building is linear in the number of instructions plus edges.

use super::ir::{BinOp, Body, NumType, Op, TypeId};

/// Index of a block in [`Cfg::blocks`] (blocks are numbered in pc order; block 0 is the entry).
pub type BlockId = u32;

/// Why control goes from a block to a successor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// to the next instruction: straight-line code, the untaken side of an `if`, a switch
    /// whose key matches no case
    Fall,
    /// `goto`
    Goto,
    /// the taken side of an `if-*`
    Taken,
    /// a switch case with this key
    Case(i32),
}

/// A maximal run of instructions entered only at its first one: `[start, end)` as indices
/// into `Body::insns`. Blocks end after a branch, switch, return or throw, and before a branch
/// target or handler; an instruction that can throw does not end its block (its exceptional
/// edges are per instruction: [`Cfg::handlers`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub start: u32,
    pub end: u32,
}

impl Block {
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

const NO_TRY: u32 = u32::MAX;

#[derive(Clone, Debug, Default)]
pub struct Cfg {
    pub blocks: Vec<Block>,
    /// block of each instruction index
    block_of: Vec<BlockId>,
    /// successors of block b: `succs[succ_off[b]..succ_off[b + 1]]`
    succ_off: Vec<u32>,
    succs: Vec<(BlockId, EdgeKind)>,
    /// handler blocks of each try block, in catch order (targets that are not instructions
    /// dropped, duplicates removed)
    try_handlers: Vec<Vec<BlockId>>,
    /// exception types each try block catches (None: catch-all), parallel to `try_handlers`
    try_catches: Vec<Vec<Option<TypeId>>>,
    /// index into `try_handlers` of the try block covering each instruction that can throw
    /// (`NO_TRY`: not covered, or cannot throw)
    try_of: Vec<u32>,
    /// every edge, exceptional ones included, goes to a later block (no loop): visiting blocks
    /// in order sees each one after all its predecessors
    forward: bool,
}

/// Can this instruction raise an exception (see the module header for the model)?
pub fn may_throw(op: &Op) -> bool {
    match op {
        Op::Invoke { .. }
        | Op::InvokeCustom { .. }
        | Op::Throw { .. }
        | Op::IGet { .. }
        | Op::IPut { .. }
        | Op::SGet { .. }
        | Op::SPut { .. }
        | Op::AGet { .. }
        | Op::APut { .. }
        | Op::ArrayLength { .. }
        | Op::NewInstance { .. }
        | Op::NewArray { .. }
        | Op::FillArrayData { .. }
        | Op::CheckCast { .. }
        | Op::MonitorEnter { .. }
        | Op::MonitorExit { .. } => true,
        Op::Binop { op, ty, .. } => {
            matches!(op, BinOp::Div | BinOp::Rem) && matches!(ty, NumType::Int | NumType::Long)
        }
        Op::BinopLit { op, .. } => matches!(op, BinOp::Div | BinOp::Rem),
        _ => false,
    }
}

/// Does execution end after this instruction instead of going on to the next one?
fn ends_flow(op: &Op) -> bool {
    matches!(
        op,
        Op::Goto { .. } | Op::Return { .. } | Op::ReturnVoid | Op::Throw { .. }
    )
}

impl Cfg {
    pub fn build(body: &Body) -> Cfg {
        let insns = &body.insns;
        let n = insns.len();
        if n == 0 || n >= u32::MAX as usize {
            return Cfg::default();
        }
        let idx = |pc: u32| body.index_of_pc(pc);
        let mut leader = vec![false; n];
        leader[0] = true;
        for (i, insn) in insns.iter().enumerate() {
            let ends_block = match &insn.op {
                Op::Goto { target } | Op::If { target, .. } => {
                    if let Some(t) = idx(*target) {
                        leader[t] = true;
                    }
                    true
                }
                Op::Switch { targets, .. } => {
                    for (_, t) in targets {
                        if let Some(t) = idx(*t) {
                            leader[t] = true;
                        }
                    }
                    true
                }
                op => ends_flow(op),
            };
            if ends_block && i + 1 < n {
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
        let mut blocks = Vec::new();
        let mut block_of = vec![0 as BlockId; n];
        let mut start = 0usize;
        for i in 1..=n {
            if i == n || leader[i] {
                let b = blocks.len() as BlockId;
                block_of[start..i].fill(b);
                blocks.push(Block {
                    start: start as u32,
                    end: i as u32,
                });
                start = i;
            }
        }
        let block_at = |pc: u32| idx(pc).map(|i| block_of[i]);
        let mut succ_off = Vec::with_capacity(blocks.len() + 1);
        let mut succs = Vec::with_capacity(blocks.len() * 2);
        for blk in &blocks {
            succ_off.push(succs.len() as u32);
            let last = blk.end as usize - 1;
            let next = (blk.end as usize) < n;
            let next_block = || block_of[blk.end as usize];
            match &insns[last].op {
                Op::Goto { target } => succs.extend(block_at(*target).map(|b| (b, EdgeKind::Goto))),
                Op::If { target, .. } => {
                    succs.extend(block_at(*target).map(|b| (b, EdgeKind::Taken)));
                    if next {
                        succs.push((next_block(), EdgeKind::Fall));
                    }
                }
                Op::Switch { targets, .. } => {
                    for (key, t) in targets {
                        succs.extend(block_at(*t).map(|b| (b, EdgeKind::Case(*key))));
                    }
                    if next {
                        succs.push((next_block(), EdgeKind::Fall));
                    }
                }
                op if ends_flow(op) => {}
                _ => {
                    if next {
                        succs.push((next_block(), EdgeKind::Fall));
                    }
                }
            }
        }
        succ_off.push(succs.len() as u32);
        let mut forward = (0..blocks.len()).all(|b| {
            succs[succ_off[b] as usize..succ_off[b + 1] as usize]
                .iter()
                .all(|&(t, _)| t as usize > b)
        });

        let mut try_handlers = Vec::with_capacity(body.tries.len());
        let mut try_catches = Vec::with_capacity(body.tries.len());
        // most bodies have no try block: no per-instruction table then
        let mut try_of = if body.tries.is_empty() {
            Vec::new()
        } else {
            vec![NO_TRY; n]
        };
        for t in &body.tries {
            let mut hs: Vec<BlockId> = Vec::with_capacity(t.handlers.len());
            let mut types = Vec::with_capacity(t.handlers.len());
            for h in &t.handlers {
                if let Some(b) = block_at(h.target) {
                    types.push(h.exception);
                    if !hs.contains(&b) {
                        hs.push(b);
                    }
                }
            }
            if hs.is_empty() {
                continue;
            }
            let k = try_handlers.len() as u32;
            try_handlers.push(hs);
            try_catches.push(types);
            // instructions in [start_pc, end_pc); valid files never overlap try blocks, a
            // hostile one that does keeps the first
            let first = insns.partition_point(|i| i.pc < t.start_pc);
            let covered = try_of[first..].iter_mut().zip(&insns[first..]);
            for (j, (slot, insn)) in covered.enumerate() {
                if insn.pc >= t.end_pc {
                    break;
                }
                if *slot == NO_TRY && may_throw(&insn.op) {
                    *slot = k;
                    let from = block_of[first + j];
                    forward &= try_handlers[k as usize].iter().all(|&h| h > from);
                }
            }
        }
        Cfg {
            blocks,
            block_of,
            succ_off,
            succs,
            try_handlers,
            try_catches,
            try_of,
            forward,
        }
    }

    /// Does every edge go to a later block (no loop, handlers after their try)?
    pub fn is_forward(&self) -> bool {
        self.forward
    }

    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The block holding instruction index `i`.
    pub fn block_of(&self, i: usize) -> Option<BlockId> {
        self.block_of.get(i).copied()
    }

    /// Normal successors of block `b` (a block may appear twice: an `if` whose target is the
    /// next instruction).
    pub fn succs(&self, b: BlockId) -> &[(BlockId, EdgeKind)] {
        let b = b as usize;
        match (self.succ_off.get(b), self.succ_off.get(b + 1)) {
            (Some(&s), Some(&e)) => self.succs.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Position of block `b`'s successor list in the flat edge list (for per-edge facts).
    pub(crate) fn succ_base(&self, b: BlockId) -> usize {
        self.succ_off.get(b as usize).map_or(0, |&o| o as usize)
    }

    /// Total number of normal edges.
    pub fn edge_count(&self) -> usize {
        self.succs.len()
    }

    /// Handler blocks instruction `i` may throw to, in catch order (empty: it cannot throw,
    /// or no try block covers it).
    pub fn handlers(&self, i: usize) -> &[BlockId] {
        match self.try_of.get(i) {
            Some(&k) if k != NO_TRY => self
                .try_handlers
                .get(k as usize)
                .map_or(&[][..], |v| v.as_slice()),
            _ => &[],
        }
    }

    /// The exception types caught by the handlers of [`Cfg::handlers`] (None: catch-all).
    pub fn catches(&self, i: usize) -> &[Option<TypeId>] {
        match self.try_of.get(i) {
            Some(&k) if k != NO_TRY => self
                .try_catches
                .get(k as usize)
                .map_or(&[][..], |v| v.as_slice()),
            _ => &[],
        }
    }

    /// Every block that starts a handler some instruction can throw to.
    pub fn handler_blocks(&self) -> impl Iterator<Item = BlockId> + '_ {
        self.try_handlers.iter().flatten().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::ir::{CmpKind, Handler, Insn, InvokeKind, MethodId, TryBlock, TypeId};

    pub(crate) fn body(ops: Vec<Op>) -> Body {
        // pcs 0, 1, 2...: every test instruction is one code unit wide
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

    fn succ_blocks(cfg: &Cfg, b: BlockId) -> Vec<(BlockId, EdgeKind)> {
        cfg.succs(b).to_vec()
    }

    #[test]
    fn if_and_back_edge() {
        // 0: const v0 3 | 1: if-eqz v0 -> 4 | 2: add | 3: goto 1 | 4: return-void
        let b = body(vec![
            Op::Const { dst: 0, value: 3 },
            Op::If {
                cmp: CmpKind::Eq,
                a: 0,
                b: None,
                target: 4,
            },
            Op::BinopLit {
                dst: 0,
                src: 0,
                lit: -1,
                op: BinOp::Add,
            },
            Op::Goto { target: 1 },
            Op::ReturnVoid,
        ]);
        let cfg = Cfg::build(&b);
        let ranges: Vec<_> = cfg.blocks.iter().map(|b| (b.start, b.end)).collect();
        assert_eq!(ranges, vec![(0, 1), (1, 2), (2, 4), (4, 5)]);
        assert_eq!(succ_blocks(&cfg, 0), vec![(1, EdgeKind::Fall)]);
        assert_eq!(
            succ_blocks(&cfg, 1),
            vec![(3, EdgeKind::Taken), (2, EdgeKind::Fall)]
        );
        // the back edge
        assert_eq!(succ_blocks(&cfg, 2), vec![(1, EdgeKind::Goto)]);
        assert!(succ_blocks(&cfg, 3).is_empty());
        assert_eq!(cfg.block_of(3), Some(2));
    }

    #[test]
    fn switch_cases_and_default() {
        let b = body(vec![
            Op::Const { dst: 0, value: 1 },
            Op::Switch {
                src: 0,
                targets: vec![(1, 4), (7, 5), (9, 99)],
            },
            Op::ReturnVoid,
            Op::Nop,
            Op::ReturnVoid,
            Op::ReturnVoid,
        ]);
        let cfg = Cfg::build(&b);
        let starts: Vec<_> = cfg.blocks.iter().map(|b| b.start).collect();
        assert_eq!(starts, vec![0, 2, 3, 4, 5]);
        // the case to pc 99 is not an instruction: dropped
        assert_eq!(
            succ_blocks(&cfg, 0),
            vec![
                (3, EdgeKind::Case(1)),
                (4, EdgeKind::Case(7)),
                (1, EdgeKind::Fall)
            ]
        );
        // nop at 3 is unreachable but still a block; falls into 4
        assert_eq!(succ_blocks(&cfg, 2), vec![(3, EdgeKind::Fall)]);
    }

    #[test]
    fn exception_edges_only_from_throwing_instructions() {
        let mut b = body(vec![
            Op::Const { dst: 0, value: 0 }, // 0 try: cannot throw
            Op::ConstString {
                // 1 try: cannot throw (no VM errors)
                dst: 1,
                value: "a".into(),
            },
            Op::Invoke {
                // 2 try: throws
                kind: InvokeKind::Static,
                method: MethodId(0),
                args: vec![1],
            },
            Op::Binop {
                // 3 try: div-int throws
                dst: 2,
                a: 0,
                b: 0,
                op: BinOp::Div,
                ty: NumType::Int,
            },
            Op::Binop {
                // 4 try: add-int does not
                dst: 2,
                a: 0,
                b: 0,
                op: BinOp::Add,
                ty: NumType::Int,
            },
            Op::Binop {
                // 5 try: div-float does not
                dst: 2,
                a: 0,
                b: 0,
                op: BinOp::Div,
                ty: NumType::Float,
            },
            Op::IGet {
                // 6 outside the try: no edge
                dst: 3,
                obj: 1,
                field: crate::bytecode::FieldId(0),
            },
            Op::ReturnVoid,               // 7
            Op::MoveException { dst: 0 }, // 8 handler 1
            Op::ReturnVoid,               // 9
            Op::MoveException { dst: 0 }, // 10 handler 2 (catch-all)
            Op::ReturnVoid,
        ]);
        b.tries = vec![TryBlock {
            start_pc: 0,
            end_pc: 6,
            handlers: vec![
                Handler {
                    exception: Some(TypeId(3)),
                    target: 8,
                },
                Handler {
                    exception: Some(TypeId(4)),
                    target: 50, // points nowhere: dropped
                },
                Handler {
                    exception: None,
                    target: 10,
                },
            ],
        }];
        let cfg = Cfg::build(&b);
        let h8 = cfg.block_of(8).unwrap();
        let h10 = cfg.block_of(10).unwrap();
        let throwing: Vec<usize> = (0..b.insns.len())
            .filter(|&i| !cfg.handlers(i).is_empty())
            .collect();
        assert_eq!(throwing, vec![2, 3]);
        assert_eq!(cfg.handlers(2), &[h8, h10]);
        assert_eq!(cfg.catches(3), &[Some(TypeId(3)), None]);
        assert!(cfg.catches(4).is_empty());
        // handlers start blocks; the try body is one block (throwing does not split)
        assert_eq!(cfg.blocks[0], Block { start: 0, end: 8 });
        assert_eq!(cfg.handler_blocks().collect::<Vec<_>>(), vec![h8, h10]);
    }

    #[test]
    fn hostile_bodies_do_not_panic() {
        let cfg = Cfg::build(&body(vec![]));
        assert!(cfg.is_empty());
        assert!(cfg.succs(3).is_empty());
        assert!(cfg.handlers(7).is_empty());
        // falls off the end; branch into the middle of nowhere
        let cfg = Cfg::build(&body(vec![
            Op::Goto { target: 77 },
            Op::If {
                cmp: CmpKind::Lt,
                a: 300,
                b: Some(2),
                target: 1,
            },
        ]));
        assert_eq!(cfg.len(), 2);
        assert!(cfg.succs(0).is_empty());
        assert_eq!(succ_blocks(&cfg, 1), vec![(1, EdgeKind::Taken)]);
    }
}
