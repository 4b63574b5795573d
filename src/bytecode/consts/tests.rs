//! Unit tests of the constant propagation on hand-built bodies (compiled only under
//! `#[cfg(test)]`, where `mod.rs` declares this module).

use super::transfer::fold_unop;
use super::*;
use crate::bytecode::ir::{BinOp, CmpKind, Handler, InvokeKind, NumType, TryBlock, UnOp};

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
            _: bool,
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
