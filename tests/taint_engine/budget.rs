//! Budgets make a result coarser, never smaller: adversarial shapes that push one method past
//! its analysis budget still report the planted flow (at low confidence when the method was
//! widened, with the `taint-method-budget` warning), none of them overflows the stack or hangs,
//! and a flow-free twin of each shape stays silent whenever the budget was not hit.

use super::*;

use dexflow::taint::TaintResult;

fn analyze_app(app: App) -> TaintResult {
    let (p, cg) = app.build();
    analyze(&p, &cg, &models(), &TaintOptions::default())
}

fn budget_hit(r: &TaintResult) -> bool {
    r.diagnostics
        .iter()
        .any(|d| d.code == "taint-method-budget")
}

/// The planted flow (device id -> SMS) is reported; when the method was widened, the flow is
/// low-confidence and the warning says so.
fn assert_planted_flow(r: &TaintResult, what: &str) {
    assert_eq!(
        r.status,
        TaintStatus::Complete,
        "{what}: {:?}",
        r.diagnostics
    );
    assert!(
        r.flows
            .iter()
            .any(|f| f.source.category == "device_id" && f.sink.category == "sms"),
        "{what}: the planted flow vanished; diagnostics {:?}",
        r.diagnostics
    );
    if budget_hit(r) {
        assert!(
            r.flows.iter().all(|f| f.confidence == Confidence::Low),
            "{what}: a widened method's flows are low-confidence: {:#?}",
            r.flows
        );
    }
}

/// The twin never reports a high-confidence flow (a widened twin may report low-confidence
/// ones: coarser, not smaller).
fn assert_twin(r: &TaintResult, what: &str) {
    assert_eq!(r.status, TaintStatus::Complete, "{what}");
    if !budget_hit(r) {
        assert!(r.flows.is_empty(), "{what}: {:#?}", r.flows);
    }
    assert!(
        r.flows.iter().all(|f| f.confidence == Confidence::Low),
        "{what}: {:#?}",
        r.flows
    );
}

/// The planted flow found and the twin clean, for each size of one adversarial shape
/// (`build(size, planted)`).
fn check_shape<N: Copy + std::fmt::Display>(
    sizes: &[N],
    what: &str,
    build: impl Fn(N, bool) -> App,
) {
    for &n in sizes {
        assert_planted_flow(&analyze_app(build(n, true)), &format!("{n} {what}"));
        assert_twin(&analyze_app(build(n, false)), &format!("{n} {what} twin"));
    }
}

/// `v_first = ... = v_last = imei` one register per loop iteration: the moves run in ascending
/// order, so each iteration shifts the taint down by one register (`n` iterations to settle).
fn register_chain(n: u16, planted: bool) -> App {
    let mut app = App::new();
    let flag = app.m("Lcom/lib/Native;->flag()Z");
    // v0 tm, v1 null, v2 sms, v3..v3+n chain, v(3+n) spare, v(4+n) loop condition, then this
    let first: Reg = 3;
    let last: Reg = 3 + n - 1;
    let spare: Reg = 3 + n;
    let cond: Reg = 4 + n;
    let this: Reg = 5 + n;
    let mut ops = imei(&mut app, 0, if planted { last } else { spare });
    // a condition constant propagation cannot decide
    ops.push(inv(InvokeKind::Static, flag, &[]));
    ops.push(Op::MoveResult { dst: cond });
    let header = ops.len() as u32;
    for r in first..last {
        ops.push(Op::Move { dst: r, src: r + 1 });
    }
    ops.push(Op::If {
        cmp: CmpKind::Eq,
        a: cond,
        b: None,
        target: header,
    });
    ops.push(send_sms(&mut app, 2, 1, first));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, this + 1, ops);
    app.entry(m);
    app
}

#[test]
fn value_through_hundreds_of_registers_in_a_reverse_order_loop() {
    check_shape(&[20u16, 250], "hops", register_chain);
}

/// A switch on an unknown value with `cases` arms, each copying the tainted register (or a
/// constant, in the twin) into the sent one.
fn big_switch(cases: u32, planted: bool) -> App {
    let mut app = App::new();
    // v0 tm, v1 null, v2 sms, v3 imei, v4 sent, v5 const, v6 this
    let mut ops = imei(&mut app, 0, 3);
    ops.push(Op::ConstString {
        dst: 5,
        value: Arc::from("hello"),
    });
    let switch_pc = ops.len() as u32;
    let first_case = switch_pc + 2;
    let join = first_case + 2 * cases;
    let targets: Vec<(i32, u32)> = (0..cases).map(|i| (i as i32, first_case + 2 * i)).collect();
    ops.push(Op::Switch { src: 6, targets });
    ops.push(Op::Goto { target: join });
    for _ in 0..cases {
        ops.push(Op::Move {
            dst: 4,
            src: if planted { 3 } else { 5 },
        });
        ops.push(Op::Goto { target: join });
    }
    ops.push(send_sms(&mut app, 2, 1, 4));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 7, ops);
    app.entry(m);
    app
}

#[test]
fn switch_with_sixty_thousand_cases() {
    check_shape(&[600u32, 60_000], "cases", big_switch);
}

/// `handlers` links, each an unknown call whose only way on is its catch-all handler; the
/// tainted register (the constant one, in the twin) is sent after the last link.
fn handler_chain(handlers: u32, planted: bool) -> App {
    let mut app = App::new();
    let boom = app.m("Lcom/lib/Native;->boom()V");
    // v0 tm, v1 null, v2 sms, v3 imei, v4 const, v5 exception, v6 this
    let mut ops = imei(&mut app, 0, 3);
    ops.push(Op::ConstString {
        dst: 4,
        value: Arc::from("hello"),
    });
    let mut tries = Vec::new();
    let start = ops.len() as u32;
    let end = start + 3 * handlers;
    for i in 0..handlers {
        let pc = start + 3 * i;
        ops.push(inv(InvokeKind::Static, boom, &[]));
        ops.push(Op::Goto { target: end });
        ops.push(Op::MoveException { dst: 5 });
        tries.push(TryBlock {
            start_pc: pc,
            end_pc: pc + 1,
            handlers: vec![Handler {
                exception: None,
                target: pc + 2,
            }],
        });
    }
    ops.push(send_sms(&mut app, 2, 1, if planted { 3 } else { 4 }));
    ops.push(Op::ReturnVoid);
    let m = app.def_try(&main_sig("onCreate"), false, 7, ops, tries);
    app.entry(m);
    app
}

#[test]
fn chain_of_ten_thousand_exception_handlers() {
    check_shape(&[100u32, 10_000], "handlers", handler_chain);
}

/// `depth` try ranges nested around a run of unknown calls, each with its own handler that
/// copies the tainted register (the constant one, in the twin) into the sent one.
fn nested_tries(depth: u32, planted: bool) -> App {
    let mut app = App::new();
    let boom = app.m("Lcom/lib/Native;->boom()V");
    // v0 tm, v1 null, v2 sms, v3 imei, v4 const, v5 exception, v6 sent, v7 this
    let mut ops = imei(&mut app, 0, 3);
    ops.push(Op::ConstString {
        dst: 4,
        value: Arc::from("hello"),
    });
    ops.push(Op::Move { dst: 6, src: 4 });
    let start = ops.len() as u32;
    let calls = 2 * depth;
    for _ in 0..calls {
        ops.push(inv(InvokeKind::Static, boom, &[]));
    }
    let after_calls = ops.len() as u32;
    let sink = after_calls + 1 + 3 * depth;
    ops.push(Op::Goto { target: sink });
    let mut tries = Vec::new();
    for i in 0..depth {
        let handler = after_calls + 1 + 3 * i;
        ops.push(Op::MoveException { dst: 5 });
        ops.push(Op::Move {
            dst: 6,
            src: if planted { 3 } else { 4 },
        });
        ops.push(Op::Goto { target: sink });
        tries.push(TryBlock {
            start_pc: start + i,
            end_pc: start + calls - i,
            handlers: vec![Handler {
                exception: None,
                target: handler,
            }],
        });
    }
    ops.push(send_sms(&mut app, 2, 1, 6));
    ops.push(Op::ReturnVoid);
    let m = app.def_try(&main_sig("onCreate"), false, 8, ops, tries);
    app.entry(m);
    app
}

#[test]
fn one_hundred_eighty_nested_try_ranges() {
    check_shape(&[30u32, 180], "tries", nested_tries);
}

/// `Main.onCreate` -> m0 -> m1 -> ... -> m(n-1), which returns the device id; every level
/// returns what it got, and `onCreate` sends it.
#[test]
fn twenty_thousand_method_call_chain() {
    let n = 20_000usize;
    let mut app = App::new();
    let sig = |i: usize| format!("Lcom/app/Chain;->m{i}()Ljava/lang/String;");
    let ids: Vec<MethodId> = (0..n).map(|i| app.m(&sig(i))).collect();
    for i in 0..n {
        let ops = if i + 1 == n {
            let mut ops = imei(&mut app, 0, 1);
            ops.push(Op::Return { src: 1 });
            ops
        } else {
            vec![
                inv(InvokeKind::Static, ids[i + 1], &[]),
                Op::MoveResult { dst: 1 },
                Op::Return { src: 1 },
            ]
        };
        let m = app.def(&sig(i), true, 2, ops);
        if i + 1 < n {
            app.edge(m, 0, ids[i + 1], EdgeKind::Direct);
        }
    }
    let ops = vec![
        inv(InvokeKind::Static, ids[0], &[]),
        Op::MoveResult { dst: 1 },
        send_sms(&mut app, 2, 3, 1),
        Op::ReturnVoid,
    ];
    let main = app.def(&main_sig("onCreate"), false, 5, ops);
    app.edge(main, 0, ids[0], EdgeKind::Direct);
    app.entry(main);
    let r = analyze_app(app);
    assert_eq!(r.status, TaintStatus::Complete);
    assert_eq!(sink_sites(&r.flows), vec![(main_sig("onCreate"), 2)]);
}

/// A ring of `n` methods (m_i calls m_(i+1 mod n)); m0 also reads the device id (or, in the
/// twin, a constant) and the ring carries it to m(n-1), which sends it.
fn ring(n: usize, leak: bool) -> TaintResult {
    let mut app = App::new();
    let sig = |i: usize| format!("Lcom/app/Ring;->m{i}(Ljava/lang/String;)V");
    let ids: Vec<MethodId> = (0..n).map(|i| app.m(&sig(i))).collect();
    for i in 0..n {
        // v0 tm, v1 value, v2 sms, v3 null, v4 param
        let mut ops = Vec::new();
        if i == 0 && leak {
            ops.extend(imei(&mut app, 0, 1));
        } else if i == 0 {
            ops.push(Op::ConstString {
                dst: 1,
                value: "hello".into(),
            });
        } else {
            ops.push(Op::Move { dst: 1, src: 4 });
        }
        let call_pc = ops.len() as u32;
        ops.push(inv(InvokeKind::Static, ids[(i + 1) % n], &[1]));
        if i + 1 == n {
            ops.push(send_sms(&mut app, 2, 3, 4));
        }
        ops.push(Op::ReturnVoid);
        let m = app.def(&sig(i), true, 5, ops);
        app.edge(m, call_pc, ids[(i + 1) % n], EdgeKind::Direct);
        if i == 0 {
            app.entry(m);
        }
    }
    analyze_app(app)
}

/// The 2,000-method ring is one SCC too long to settle in the rounds a component gets: it is
/// widened as a whole and settles flow-insensitively, without overflowing the stack or
/// hanging; the flow is kept (low confidence) and the app complete.
#[test]
fn two_thousand_method_scc() {
    let n = 2_000;
    let r = ring(n, true);
    let sig = format!("Lcom/app/Ring;->m{}(Ljava/lang/String;)V", n - 1);
    assert_eq!(sink_sites(&r.flows), vec![(sig, 2)]);
    assert!(r.flows.iter().all(|f| f.confidence == Confidence::Low));
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "taint-cycle-widened")
    );
    assert!(!r.diagnostics.iter().any(|d| d.code == "taint-unconverged"));
    assert_eq!(r.status, TaintStatus::Complete);
}

/// Its twin carries a constant: widening the cycle invents no flow.
#[test]
fn two_thousand_method_scc_without_a_source() {
    let r = ring(2_000, false);
    assert!(r.flows.is_empty(), "{:?}", sink_sites(&r.flows));
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "taint-cycle-widened")
    );
    assert_eq!(r.status, TaintStatus::Complete);
}

/// A method of 60,000 instructions (a straight run of moves) analyses without a budget warning
/// swallowing the flow.
#[test]
fn sixty_thousand_instruction_method() {
    let mut app = App::new();
    let mut ops = imei(&mut app, 0, 3);
    for i in 0..60_000u32 {
        let (d, s) = if i % 2 == 0 { (4, 3) } else { (3, 4) };
        ops.push(Op::Move { dst: d, src: s });
    }
    ops.push(send_sms(&mut app, 2, 1, 3));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 6, ops);
    app.entry(m);
    assert_planted_flow(&analyze_app(app), "60,000 instructions");
}
