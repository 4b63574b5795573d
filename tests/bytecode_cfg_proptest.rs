//! Random bodies (branches anywhere, registers outside the frame, overlapping and dangling try
//! blocks, division by zero, huge shifts) never make the CFG or constant propagation panic or
//! hang, and the results keep their invariants: blocks partition the body, feasible edges are
//! CFG edges between reachable blocks, kept exceptional edges are CFG edges, and the one-pass
//! walk of loop-free bodies agrees with analysis followed by a walk.

use dexflow::bytecode::cfg::Cfg;
use dexflow::bytecode::consts::{Consts, NoEnv};
use dexflow::bytecode::*;
use proptest::prelude::*;

fn op(n: u32) -> impl Strategy<Value = Op> {
    let r = 0u16..10;
    let t = 0u32..n + 3;
    let bin = prop_oneof![
        Just(BinOp::Add),
        Just(BinOp::Sub),
        Just(BinOp::Mul),
        Just(BinOp::Div),
        Just(BinOp::Rem),
        Just(BinOp::Shl),
        Just(BinOp::Ushr),
        Just(BinOp::Cmp),
        Just(BinOp::Rsub),
    ];
    let ty = prop_oneof![
        Just(NumType::Int),
        Just(NumType::Long),
        Just(NumType::Float)
    ];
    let cmp = prop_oneof![
        Just(CmpKind::Eq),
        Just(CmpKind::Ne),
        Just(CmpKind::Lt),
        Just(CmpKind::Ge)
    ];
    prop_oneof![
        (r.clone(), any::<i64>()).prop_map(|(dst, value)| Op::Const { dst, value }),
        (r.clone(), 0i64..4).prop_map(|(dst, value)| Op::Const { dst, value }),
        (r.clone(), r.clone()).prop_map(|(dst, src)| Op::Move { dst, src }),
        (r.clone(), r.clone(), r.clone(), bin.clone(), ty)
            .prop_map(|(dst, a, b, op, ty)| Op::Binop { dst, a, b, op, ty }),
        (r.clone(), r.clone(), any::<i32>(), bin).prop_map(|(dst, src, lit, op)| Op::BinopLit {
            dst,
            src,
            lit,
            op
        }),
        (cmp, r.clone(), proptest::option::of(r.clone()), t.clone())
            .prop_map(|(cmp, a, b, target)| Op::If { cmp, a, b, target }),
        t.clone().prop_map(|target| Op::Goto { target }),
        (
            r.clone(),
            proptest::collection::vec((-2i32..3, t.clone()), 0..4)
        )
            .prop_map(|(src, targets)| Op::Switch { src, targets }),
        (r.clone(), r.clone()).prop_map(|(dst, size)| Op::NewArray {
            dst,
            size,
            ty: TypeId(0)
        }),
        (r.clone(), r.clone(), r.clone()).prop_map(|(dst, array, index)| Op::AGet {
            dst,
            array,
            index
        }),
        (r.clone(), r.clone()).prop_map(|(dst, obj)| Op::IGet {
            dst,
            obj,
            field: FieldId(0)
        }),
        r.clone().prop_map(|dst| Op::ConstString {
            dst,
            value: "s".into()
        }),
        r.clone().prop_map(|dst| Op::MoveResult { dst }),
        r.clone().prop_map(|dst| Op::MoveException { dst }),
        proptest::collection::vec(r.clone(), 0..3).prop_map(|args| Op::Invoke {
            kind: InvokeKind::Static,
            method: MethodId(0),
            args
        }),
        r.clone().prop_map(|src| Op::Throw { src }),
        r.prop_map(|src| Op::Return { src }),
        Just(Op::ReturnVoid),
    ]
}

fn body() -> impl Strategy<Value = Body> {
    (1u32..24).prop_flat_map(|n| {
        (
            proptest::collection::vec(op(n), n as usize),
            proptest::collection::vec(
                (
                    0u32..n + 2,
                    0u32..n + 4,
                    proptest::collection::vec(0u32..n + 2, 0..3),
                ),
                0..3,
            ),
            0u16..12,
        )
            .prop_map(|(ops, tries, registers)| Body {
                registers,
                param_regs: vec![0],
                insns: ops
                    .into_iter()
                    .enumerate()
                    .map(|(i, op)| Insn { pc: i as u32, op })
                    .collect(),
                tries: tries
                    .into_iter()
                    .map(|(s, e, hs)| TryBlock {
                        start_pc: s,
                        end_pc: e,
                        handlers: hs
                            .into_iter()
                            .map(|target| Handler {
                                exception: None,
                                target,
                            })
                            .collect(),
                    })
                    .collect(),
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn cfg_and_consts_hold_their_invariants(b in body()) {
        let cfg = Cfg::build(&b);
        let n = b.insns.len();
        prop_assert_eq!(cfg.blocks.first().map(|x| x.start), Some(0));
        prop_assert_eq!(cfg.blocks.last().map(|x| x.end as usize), Some(n));
        for w in cfg.blocks.windows(2) {
            prop_assert!(w[0].start < w[0].end && w[0].end == w[1].start);
        }
        for this in [None, Some(0)] {
            let mut c = Consts::analyze(&b, &cfg, &NoEnv, this);
            prop_assert!(c.reachable(0));
            for blk in 0..cfg.len() as u32 {
                if !c.reachable(blk) {
                    continue;
                }
                for s in c.succs(&cfg, blk) {
                    prop_assert!(cfg.succs(blk).iter().any(|(t, _)| *t == s));
                    prop_assert!(c.reachable(s));
                }
                for i in cfg.blocks[blk as usize].range() {
                    let kept = c.handlers(&cfg, i);
                    prop_assert!(kept.is_empty() || kept == cfg.handlers(i));
                    for h in kept {
                        prop_assert!(c.reachable(*h));
                    }
                }
            }
            let mut seen = 0usize;
            c.walk(&b, &cfg, &NoEnv, |i, _, f| {
                seen += 1;
                let _ = (f.get(i as u16), f.int(300), f.non_null(0));
            });
            prop_assert!(seen <= n);
            // the one-pass walk of loop-free bodies sees what analysis then walk sees
            let mut two = Vec::new();
            c.walk(&b, &cfg, &NoEnv, |i, _, f| two.push((i, (0..10).map(|r| f.get(r)).collect::<Vec<_>>())));
            let mut one = Vec::new();
            Consts::analyze_walk(&b, &cfg, &NoEnv, this, |i, _, f| {
                one.push((i, (0..10).map(|r| f.get(r)).collect::<Vec<_>>()))
            });
            prop_assert_eq!(one, two);
            // the CFG-free walk of plain bodies shows the same strings, classes and reach
            let strs = |f: &dexflow::bytecode::consts::Frame<'_>| {
                (0..10).map(|r| (f.str(r).cloned(), f.class(r))).collect::<Vec<_>>()
            };
            let mut full = Vec::new();
            c.walk(&b, &cfg, &NoEnv, |i, _, f| full.push((i, strs(f))));
            let mut quick = Vec::new();
            Consts::walk_body(&b, &NoEnv, this, |i, _, f| quick.push((i, strs(f))));
            prop_assert_eq!(quick, full);
        }
    }
}
