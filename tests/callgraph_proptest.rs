//! Random programs (cyclic hierarchies, registers outside the frame, calls to anything) never
//! make the hierarchy or the call graph panic or hang, and the graph keeps its invariants:
//! every entry point, caller and target is reachable; two builds are identical.

use crate::callgraph_support::*;
use dexflow::bytecode::*;
use dexflow::callgraph::{self, CallGraphOptions};
use proptest::prelude::*;

const FRAMEWORK: &[&str] = &[
    "Landroid/app/Activity;",
    "Ljava/lang/Thread;",
    "Ljava/lang/Runnable;",
    "Landroid/view/View$OnClickListener;",
    "Landroid/os/AsyncTask;",
    "Ljava/lang/Object;",
    "Lcom/missing/Lib;",
];

#[derive(Debug, Clone)]
enum ROp {
    New(u16, usize),
    Call(u8, usize, usize, Vec<u16>),
    Str(u16, u8),
    Class(u16, usize),
    Move(u16, u16),
}

fn rop() -> impl Strategy<Value = ROp> {
    prop_oneof![
        (0u16..12, 0usize..16).prop_map(|(r, t)| ROp::New(r, t)),
        (
            0u8..5,
            0usize..16,
            0usize..6,
            proptest::collection::vec(0u16..12, 0..4)
        )
            .prop_map(|(k, c, n, a)| ROp::Call(k, c, n, a)),
        (0u16..12, 0u8..4).prop_map(|(r, s)| ROp::Str(r, s)),
        (0u16..12, 0usize..16).prop_map(|(r, t)| ROp::Class(r, t)),
        (0u16..12, 0u16..12).prop_map(|(a, b)| ROp::Move(a, b)),
    ]
}

const NAMES: &[&str] = &["run", "onClick", "onCreate", "start", "execute", "<init>"];
const STRS: &[&str] = &["com.r.C0", "run", "com.r.C3", "ACTION"];

fn type_name(i: usize) -> String {
    if i < 9 {
        format!("Lcom/r/C{i};")
    } else {
        FRAMEWORK[(i - 9) % FRAMEWORK.len()].to_string()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn random_programs_keep_invariants(
        supers in proptest::collection::vec((0usize..16, proptest::collection::vec(0usize..16, 0..3)), 9),
        bodies in proptest::collection::vec(proptest::collection::vec(rop(), 0..12), 9),
    ) {
        let mut pb = Pb::new();
        for (i, ((s, ifaces), ops)) in supers.iter().zip(bodies.iter()).enumerate() {
            let name = type_name(i);
            let sup = type_name(*s);
            let ifs: Vec<String> = ifaces.iter().map(|t| type_name(*t)).collect();
            let mut ir = Vec::new();
            for op in ops {
                ir.push(match op {
                    ROp::New(r, t) => { let ty = pb.ty(&type_name(*t)); Op::NewInstance { dst: *r, ty } }
                    ROp::Call(k, c, n, args) => {
                        let kind = [InvokeKind::Virtual, InvokeKind::Static, InvokeKind::Direct,
                                    InvokeKind::Interface, InvokeKind::Super][*k as usize % 5];
                        let nparams = args.len().saturating_sub(1);
                        let params: Vec<&str> = ["Ljava/lang/Object;"; 4][..nparams].to_vec();
                        let mid = pb.mref(&type_name(*c), NAMES[*n], &params, "V");
                        Op::Invoke { kind, method: mid, args: args.clone() }
                    }
                    ROp::Str(r, s) => Op::ConstString { dst: *r, value: STRS[*s as usize % 4].into() },
                    ROp::Class(r, t) => { let ty = pb.ty(&type_name(*t)); Op::ConstClass { dst: *r, ty } }
                    ROp::Move(a, b) => Op::Move { dst: *a, src: *b },
                });
            }
            ir.push(Op::ReturnVoid);
            let ifs_ref: Vec<&str> = ifs.iter().map(|s| s.as_str()).collect();
            pb.class(
                ClassSpec { name: &name, sup: &sup, ifaces: &ifs_ref, flags: ACC_PUBLIC },
                vec![m("onCreate", &["Landroid/os/Bundle;"], "V", 6, ir), m("run", &[], "V", 2, vec![Op::ReturnVoid])],
            );
        }
        let (h, _) = pb.hierarchy();
        let (cg, _) = callgraph::build(&pb.p, &h, None, &[], &CallGraphOptions::default());
        for e in &cg.entry_points {
            prop_assert!(cg.is_reachable(e.method));
        }
        let mut edges = 0;
        for ((caller, pc), ts) in &cg.targets {
            prop_assert!(cg.is_reachable(*caller));
            for t in ts {
                edges += 1;
                prop_assert!(cg.is_reachable(t.method));
                prop_assert!(cg.callers_of(t.method).contains(&(*caller, *pc)));
            }
        }
        prop_assert_eq!(callgraph::to_petgraph(&cg).edge_count(), edges);
        let (cg2, _) = callgraph::build(&pb.p, &h, None, &[], &CallGraphOptions::default());
        prop_assert_eq!(cg.sorted_sites(), cg2.sorted_sites());
        prop_assert_eq!(&cg.entry_points, &cg2.entry_points);
        let _ = callgraph::to_dot(&pb.p, &h, &cg, &Default::default());
        let _ = callgraph::reach(&pb.p, &h, &cg, "Lcom/r/C0;->run");
    }
}
