//! Entry points, dispatch, async/ICC/reflective edges and the hierarchy API on hand-built
//! programs.

use crate::callgraph_support::*;
use dexflow::bytecode::*;
use dexflow::callgraph::{self, CallGraphOptions, EdgeKind, EntryKind, Filter, ReachStatus};
use dexflow::manifest::{ComponentKind, LayoutHandlers};

const ACT: &str = "Landroidx/appcompat/app/AppCompatActivity;";
const BUNDLE: &str = "Landroid/os/Bundle;";
const VIEW: &str = "Landroid/view/View;";
const OBJ: &str = "Ljava/lang/Object;";

fn opts() -> CallGraphOptions {
    CallGraphOptions::default()
}

fn entry_kind(cg: &callgraph::CallGraph, m: MethodId) -> Option<EntryKind> {
    cg.entry_points
        .iter()
        .find(|e| e.method == m)
        .map(|e| e.kind)
}

#[test]
fn lifecycle_override_through_framework_superclass_chain() {
    let mut pb = Pb::new();
    let go = pb.mref("Lcom/ex/Util;", "go", &[], "V");
    pb.class(
        cls("Lcom/ex/Util;", OBJ, &[]),
        vec![
            sm("go", &[], "V", 0, vec![ret()]),
            sm("unused", &[], "V", 0, vec![ret()]),
        ],
    );
    pb.class(
        cls("Lcom/ex/Main;", ACT, &[]),
        vec![
            m("onCreate", &[BUNDLE], "V", 2, vec![stat(go, &[]), ret()]),
            m("onResume", &[], "V", 1, vec![ret()]),
            m("helper", &[], "V", 1, vec![ret()]),
        ],
    );
    let mf = manifest(vec![component(
        ComponentKind::Activity,
        "com.ex.Main",
        true,
        &[],
    )]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    let on_create = pb.id("Lcom/ex/Main;->onCreate(Landroid/os/Bundle;)V");
    let e = cg
        .entry_points
        .iter()
        .find(|e| e.method == on_create)
        .unwrap();
    assert_eq!(e.kind, EntryKind::Lifecycle);
    assert_eq!(e.component.as_deref(), Some("com.ex.Main"));
    assert_eq!(
        entry_kind(&cg, pb.id("Lcom/ex/Main;->onResume()V")),
        Some(EntryKind::Lifecycle)
    );
    assert!(cg.is_reachable(go));
    assert_eq!(
        edge_kinds(&pb, &cg, on_create, "Lcom/ex/Util;->go()V"),
        vec![EdgeKind::Direct]
    );
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Main;->helper()V")));
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Util;->unused()V")));
}

#[test]
fn disabled_component_is_not_an_entry_point() {
    let mut pb = Pb::new();
    pb.class(
        cls("Lcom/ex/Svc;", "Landroid/app/Service;", &[]),
        vec![m(
            "onStartCommand",
            &["Landroid/content/Intent;", "I", "I"],
            "I",
            4,
            vec![ret()],
        )],
    );
    pb.class(
        cls("Lcom/ex/Rcv;", "Landroid/content/BroadcastReceiver;", &[]),
        vec![m(
            "onReceive",
            &["Landroid/content/Context;", "Landroid/content/Intent;"],
            "V",
            3,
            vec![ret()],
        )],
    );
    let mf = manifest(vec![
        component(ComponentKind::Service, "com.ex.Svc", false, &[]),
        component(ComponentKind::Receiver, "com.ex.Rcv", true, &[]),
    ]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Svc;->onStartCommand(Landroid/content/Intent;II)I")));
    assert!(cg.is_reachable(
        pb.id("Lcom/ex/Rcv;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V")
    ));
    // a disabled application disables everything
    let mut mf2 = mf.clone();
    mf2.application_enabled = false;
    let (h, _) = pb.hierarchy();
    let (cg2, _) = callgraph::build(&pb.p, &h, Some(&mf2), &[], &opts());
    assert!(cg2.entry_points.is_empty());
}

#[test]
fn listener_passed_to_framework_method_and_rta_pruning() {
    let mut pb = Pb::new();
    let click = pb.ty("Lcom/ex/Click;");
    let click_init = pb.mref("Lcom/ex/Click;", "<init>", &[], "V");
    let find = pb.mref("Landroid/app/Activity;", "findViewById", &["I"], VIEW);
    let set = pb.mref(
        VIEW,
        "setOnClickListener",
        &["Landroid/view/View$OnClickListener;"],
        "V",
    );
    let leak = pb.mref("Lcom/ex/Main;", "leak", &[], "V");
    pb.class(
        cls(
            "Lcom/ex/Click;",
            OBJ,
            &["Landroid/view/View$OnClickListener;"],
        ),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m("onClick", &[VIEW], "V", 2, vec![ret()]),
        ],
    );
    pb.class(
        cls(
            "Lcom/ex/Click2;",
            OBJ,
            &["Landroid/view/View$OnClickListener;"],
        ),
        vec![m("onClick", &[VIEW], "V", 2, vec![ret()])],
    );
    // `this` registered: Main implements OnLongClickListener
    let set_long = pb.mref(
        VIEW,
        "setOnLongClickListener",
        &["Landroid/view/View$OnLongClickListener;"],
        "V",
    );
    pb.class(
        cls(
            "Lcom/ex/Main;",
            "Landroid/app/Activity;",
            &["Landroid/view/View$OnLongClickListener;"],
        ),
        vec![
            m(
                "onCreate",
                &[BUNDLE],
                "V",
                5,
                vec![
                    Op::Const { dst: 0, value: 1 },
                    virt(find, &[3, 0]),
                    res(1),
                    new(2, click),
                    direct(click_init, &[2]),
                    virt(set, &[1, 2]),
                    virt(set_long, &[1, 3]),
                    ret(),
                ],
            ),
            m(
                "onLongClick",
                &[VIEW],
                "Z",
                2,
                vec![virt(leak, &[0]), ret()],
            ),
            m("leak", &[], "V", 1, vec![ret()]),
        ],
    );
    let mf = manifest(vec![component(
        ComponentKind::Activity,
        "com.ex.Main",
        true,
        &[],
    )]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    let on_click = pb.id("Lcom/ex/Click;->onClick(Landroid/view/View;)V");
    assert_eq!(entry_kind(&cg, on_click), Some(EntryKind::Callback));
    assert!(
        !cg.is_reachable(pb.id("Lcom/ex/Click2;->onClick(Landroid/view/View;)V")),
        "never instantiated"
    );
    assert!(cg.is_reachable(pb.id("Lcom/ex/Main;->onLongClick(Landroid/view/View;)Z")));
    assert!(cg.is_reachable(leak));
    // external framework calls are targets so models apply
    assert!(cg.is_reachable(set));
}

#[test]
fn on_click_handler_from_layout() {
    let mut pb = Pb::new();
    pb.class(
        cls("Lcom/ex/Main;", ACT, &[]),
        vec![
            m("doIt", &[VIEW], "V", 2, vec![ret()]),
            m("other", &[VIEW], "V", 2, vec![ret()]),
        ],
    );
    let mf = manifest(vec![component(
        ComponentKind::Activity,
        "com.ex.Main",
        true,
        &[],
    )]);
    let layouts = vec![LayoutHandlers {
        layout: "res/layout/main.xml".into(),
        on_click: vec!["doIt".into(), "nowhere".into()],
        custom_views: vec![],
    }];
    let (_, cg, _) = pb.graph(Some(&mf), &layouts, &opts());
    let e = cg
        .entry_points
        .iter()
        .find(|e| e.method == pb.id("Lcom/ex/Main;->doIt(Landroid/view/View;)V"))
        .unwrap();
    assert_eq!(e.kind, EntryKind::LayoutOnClick);
    assert_eq!(e.component.as_deref(), Some("com.ex.Main"));
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Main;->other(Landroid/view/View;)V")));
}

#[test]
fn custom_view_from_layout_gets_constructors_and_view_callbacks() {
    let mut pb = Pb::new();
    pb.class(
        cls("Lcom/ex/MyView;", VIEW, &[]),
        vec![
            m(
                "<init>",
                &["Landroid/content/Context;", "Landroid/util/AttributeSet;"],
                "V",
                3,
                vec![ret()],
            ),
            m(
                "onDraw",
                &["Landroid/graphics/Canvas;"],
                "V",
                2,
                vec![ret()],
            ),
            m("notCalled", &[], "V", 1, vec![ret()]),
        ],
    );
    let layouts = vec![LayoutHandlers {
        layout: "res/layout/main.xml".into(),
        on_click: vec![],
        custom_views: vec!["com.ex.MyView".into()],
    }];
    let (_, cg, _) = pb.graph(Some(&manifest(vec![])), &layouts, &opts());
    assert!(cg.is_reachable(
        pb.id("Lcom/ex/MyView;-><init>(Landroid/content/Context;Landroid/util/AttributeSet;)V")
    ));
    assert!(cg.is_reachable(pb.id("Lcom/ex/MyView;->onDraw(Landroid/graphics/Canvas;)V")));
    assert!(!cg.is_reachable(pb.id("Lcom/ex/MyView;->notCalled()V")));
}

#[test]
fn thread_with_runnable_and_thread_subclass() {
    let mut pb0 = Pb::new();
    let task = pb0.ty("Lcom/ex/Task;");
    let mythread = pb0.ty("Lcom/ex/MyThread;");
    let thread = pb0.ty("Ljava/lang/Thread;");
    let t_init = pb0.mref(
        "Ljava/lang/Thread;",
        "<init>",
        &["Ljava/lang/Runnable;"],
        "V",
    );
    let t_start = pb0.mref("Ljava/lang/Thread;", "start", &[], "V");
    let task_init = pb0.mref("Lcom/ex/Task;", "<init>", &[], "V");
    let my_init = pb0.mref("Lcom/ex/MyThread;", "<init>", &[], "V");
    let my_start = pb0.mref("Lcom/ex/MyThread;", "start", &[], "V");
    let ops = vec![
        new(0, task),
        direct(task_init, &[0]),
        new(1, thread),
        direct(t_init, &[1, 0]),
        virt(t_start, &[1]),
        new(2, mythread),
        direct(my_init, &[2]),
        virt(my_start, &[2]),
        ret(),
    ];
    let mut pb = pb0;
    pb.class(
        cls("Lcom/ex/Task;", OBJ, &["Ljava/lang/Runnable;"]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m("run", &[], "V", 1, vec![ret()]),
        ],
    );
    pb.class(
        cls("Lcom/ex/MyThread;", "Ljava/lang/Thread;", &[]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m("run", &[], "V", 1, vec![ret()]),
        ],
    );
    pb.class(
        cls("Lcom/ex/Unused;", OBJ, &["Ljava/lang/Runnable;"]),
        vec![m("run", &[], "V", 1, vec![ret()])],
    );
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 5, ops)],
    )[0];
    let (_, cg, _) = pb.graph(None, &[], &opts());
    assert!(
        cg.targets(oc, 9)
            .iter()
            .any(|t| pb.sig(t.method) == "Lcom/ex/Task;->run()V"
                && t.kind
                    == EdgeKind::Async {
                        receiver_arg: 1,
                        params_from: None
                    })
    );
    assert!(
        cg.targets(oc, 21)
            .iter()
            .any(|t| pb.sig(t.method) == "Lcom/ex/MyThread;->run()V"
                && t.kind
                    == EdgeKind::Async {
                        receiver_arg: 0,
                        params_from: None
                    })
    );
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Unused;->run()V")));
}

#[test]
fn executor_handler_and_asynctask() {
    let mut pb = Pb::new();
    let task = pb.ty("Lcom/ex/Task;");
    let h = pb.ty("Lcom/ex/H;");
    let at = pb.ty("Lcom/ex/T;");
    let exec_new = pb.mref(
        "Ljava/util/concurrent/Executors;",
        "newSingleThreadExecutor",
        &[],
        "Ljava/util/concurrent/ExecutorService;",
    );
    let exec = pb.mref(
        "Ljava/util/concurrent/ExecutorService;",
        "execute",
        &["Ljava/lang/Runnable;"],
        "V",
    );
    let send = pb.mref("Lcom/ex/H;", "sendMessage", &["Landroid/os/Message;"], "Z");
    let obtain = pb.mref(
        "Landroid/os/Message;",
        "obtain",
        &[],
        "Landroid/os/Message;",
    );
    let execute = pb.mref(
        "Lcom/ex/T;",
        "execute",
        &["[Ljava/lang/Object;"],
        "Landroid/os/AsyncTask;",
    );
    let ops = vec![
        new(0, task),
        stat(exec_new, &[]),
        res(1),
        iface(exec, &[1, 0]),
        new(2, h),
        stat(obtain, &[]),
        res(3),
        virt(send, &[2, 3]),
        new(4, at),
        Op::Const { dst: 5, value: 0 },
        virt(execute, &[4, 5]),
        ret(),
    ];
    pb.class(
        cls("Lcom/ex/Task;", OBJ, &["Ljava/lang/Runnable;"]),
        vec![m("run", &[], "V", 1, vec![ret()])],
    );
    pb.class(
        cls("Lcom/ex/H;", "Landroid/os/Handler;", &[]),
        vec![m(
            "handleMessage",
            &["Landroid/os/Message;"],
            "V",
            2,
            vec![ret()],
        )],
    );
    pb.class(
        cls("Lcom/ex/T;", "Landroid/os/AsyncTask;", &[]),
        vec![
            m(
                "doInBackground",
                &["[Ljava/lang/Object;"],
                OBJ,
                2,
                vec![ret()],
            ),
            m("onPostExecute", &[OBJ], "V", 2, vec![ret()]),
        ],
    );
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 8, ops)],
    )[0];
    let (_, cg, _) = pb.graph(None, &[], &opts());
    let kinds = |callee: &str| edge_kinds(&pb, &cg, oc, callee);
    assert_eq!(
        kinds("Lcom/ex/Task;->run()V"),
        vec![EdgeKind::Async {
            receiver_arg: 1,
            params_from: None
        }]
    );
    assert_eq!(
        kinds("Lcom/ex/H;->handleMessage(Landroid/os/Message;)V"),
        vec![EdgeKind::Async {
            receiver_arg: 0,
            params_from: Some(1)
        }]
    );
    assert_eq!(
        kinds("Lcom/ex/T;->doInBackground([Ljava/lang/Object;)Ljava/lang/Object;"),
        vec![EdgeKind::Async {
            receiver_arg: 0,
            params_from: Some(1)
        }]
    );
    assert_eq!(
        kinds("Lcom/ex/T;->onPostExecute(Ljava/lang/Object;)V"),
        vec![EdgeKind::Async {
            receiver_arg: 0,
            params_from: None
        }]
    );
    // the framework call itself stays a target
    assert!(
        !kinds("Ljava/util/concurrent/ExecutorService;->execute(Ljava/lang/Runnable;)V").is_empty()
    );
}

#[test]
fn icc_explicit_and_implicit() {
    let mut pb = Pb::new();
    let intent = pb.ty("Landroid/content/Intent;");
    let second = pb.ty("Lcom/ex/Second;");
    let i_cls = pb.mref(
        "Landroid/content/Intent;",
        "<init>",
        &["Landroid/content/Context;", "Ljava/lang/Class;"],
        "V",
    );
    let i_act = pb.mref(
        "Landroid/content/Intent;",
        "<init>",
        &["Ljava/lang/String;"],
        "V",
    );
    let i_empty = pb.mref("Landroid/content/Intent;", "<init>", &[], "V");
    let set_cn = pb.mref(
        "Landroid/content/Intent;",
        "setClassName",
        &["Landroid/content/Context;", "Ljava/lang/String;"],
        "Landroid/content/Intent;",
    );
    let start = pb.mref(
        "Lcom/ex/Main;",
        "startActivity",
        &["Landroid/content/Intent;"],
        "V",
    );
    let start_svc = pb.mref(
        "Lcom/ex/Main;",
        "startService",
        &["Landroid/content/Intent;"],
        "Landroid/content/ComponentName;",
    );
    let bcast = pb.mref(
        "Lcom/ex/Main;",
        "sendBroadcast",
        &["Landroid/content/Intent;"],
        "V",
    );
    let ops = vec![
        new(0, intent),
        cclass(1, second),
        direct(i_cls, &[0, 6, 1]),
        virt(start, &[6, 0]),
        new(2, intent),
        cstr(3, "com.ex.PING"),
        direct(i_act, &[2, 3]),
        virt(bcast, &[6, 2]),
        new(4, intent),
        direct(i_empty, &[4]),
        cstr(5, "com.ex.Svc"),
        virt(set_cn, &[4, 6, 5]),
        res(4),
        virt(start_svc, &[6, 4]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 8, ops)],
    )[0];
    pb.class(
        cls("Lcom/ex/Second;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 2, vec![ret()])],
    );
    pb.class(
        cls("Lcom/ex/Rcv;", "Landroid/content/BroadcastReceiver;", &[]),
        vec![m(
            "onReceive",
            &["Landroid/content/Context;", "Landroid/content/Intent;"],
            "V",
            3,
            vec![ret()],
        )],
    );
    pb.class(
        cls("Lcom/ex/Other;", "Landroid/content/BroadcastReceiver;", &[]),
        vec![m(
            "onReceive",
            &["Landroid/content/Context;", "Landroid/content/Intent;"],
            "V",
            3,
            vec![ret()],
        )],
    );
    pb.class(
        cls("Lcom/ex/Svc;", "Landroid/app/IntentService;", &[]),
        vec![m(
            "onHandleIntent",
            &["Landroid/content/Intent;"],
            "V",
            2,
            vec![ret()],
        )],
    );
    let mf = manifest(vec![
        component(ComponentKind::Activity, "com.ex.Main", true, &[]),
        component(ComponentKind::Activity, "com.ex.Second", true, &[]),
        component(
            ComponentKind::Receiver,
            "com.ex.Rcv",
            true,
            &["com.ex.PING"],
        ),
        component(
            ComponentKind::Receiver,
            "com.ex.Other",
            true,
            &["com.ex.PONG"],
        ),
        component(ComponentKind::Service, "com.ex.Svc", true, &[]),
    ]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    let k = |callee: &str| edge_kinds(&pb, &cg, oc, callee);
    assert_eq!(
        k("Lcom/ex/Second;->onCreate(Landroid/os/Bundle;)V"),
        vec![EdgeKind::Icc]
    );
    assert_eq!(
        k("Lcom/ex/Rcv;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V"),
        vec![EdgeKind::Icc]
    );
    assert!(
        k("Lcom/ex/Other;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V")
            .is_empty()
    );
    assert_eq!(
        k("Lcom/ex/Svc;->onHandleIntent(Landroid/content/Intent;)V"),
        vec![EdgeKind::Icc]
    );
}

#[test]
fn dynamically_registered_receiver_is_reachable() {
    let mut pb = Pb::new();
    let r = pb.ty("Lcom/ex/Dyn;");
    let r_init = pb.mref("Lcom/ex/Dyn;", "<init>", &[], "V");
    let reg = pb.mref(
        "Lcom/ex/Main;",
        "registerReceiver",
        &[
            "Landroid/content/BroadcastReceiver;",
            "Landroid/content/IntentFilter;",
        ],
        "Landroid/content/Intent;",
    );
    let ops = vec![
        new(0, r),
        direct(r_init, &[0]),
        Op::Const { dst: 1, value: 0 },
        virt(reg, &[3, 0, 1]),
        ret(),
    ];
    pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 4, ops)],
    );
    pb.class(
        cls("Lcom/ex/Dyn;", "Landroid/content/BroadcastReceiver;", &[]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m(
                "onReceive",
                &["Landroid/content/Context;", "Landroid/content/Intent;"],
                "V",
                3,
                vec![ret()],
            ),
        ],
    );
    let mf = manifest(vec![component(
        ComponentKind::Activity,
        "com.ex.Main",
        true,
        &[],
    )]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    assert!(cg.is_reachable(
        pb.id("Lcom/ex/Dyn;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V")
    ));
}

#[test]
fn reflection_with_constant_strings() {
    let mut pb = Pb::new();
    let for_name = pb.mref(
        "Ljava/lang/Class;",
        "forName",
        &["Ljava/lang/String;"],
        "Ljava/lang/Class;",
    );
    let get_m = pb.mref(
        "Ljava/lang/Class;",
        "getMethod",
        &["Ljava/lang/String;", "[Ljava/lang/Class;"],
        "Ljava/lang/reflect/Method;",
    );
    let invoke = pb.mref(
        "Ljava/lang/reflect/Method;",
        "invoke",
        &[OBJ, "[Ljava/lang/Object;"],
        OBJ,
    );
    let new_inst = pb.mref("Ljava/lang/Class;", "newInstance", &[], OBJ);
    let ops = vec![
        cstr(0, "com.ex.Hidden"),
        stat(for_name, &[0]),
        res(1),
        virt(new_inst, &[1]),
        res(4),
        cstr(2, "secret"),
        Op::Const { dst: 3, value: 0 },
        virt(get_m, &[1, 2, 3]),
        res(5),
        virt(invoke, &[5, 4, 3]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 8, ops)],
    )[0];
    pb.class(
        cls("Lcom/ex/Hidden;", OBJ, &[]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m("secret", &[], "V", 1, vec![ret()]),
            m("other", &[], "V", 1, vec![ret()]),
        ],
    );
    let (_, cg, _) = pb.graph(None, &[], &opts());
    let k = |callee: &str| edge_kinds(&pb, &cg, oc, callee);
    assert_eq!(k("Lcom/ex/Hidden;->secret()V"), vec![EdgeKind::Reflective]);
    assert_eq!(k("Lcom/ex/Hidden;-><init>()V"), vec![EdgeKind::Reflective]);
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Hidden;->other()V")));
}

fn rta_app() -> (Pb, MethodId) {
    let mut pb = Pb::new();
    let a = pb.ty("Lcom/ex/A;");
    let a_init = pb.mref("Lcom/ex/A;", "<init>", &[], "V");
    let work = pb.mref("Lcom/ex/Base;", "work", &[], "V");
    pb.class(
        ClassSpec {
            flags: ACC_PUBLIC | ACC_ABSTRACT,
            ..cls("Lcom/ex/Base;", OBJ, &[])
        },
        vec![abs("work", &[], "V")],
    );
    pb.class(
        cls("Lcom/ex/A;", "Lcom/ex/Base;", &[]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m("work", &[], "V", 1, vec![ret()]),
        ],
    );
    pb.class(
        cls("Lcom/ex/B;", "Lcom/ex/Base;", &[]),
        vec![m("work", &[], "V", 1, vec![ret()])],
    );
    let ops = vec![
        new(0, a),
        direct(a_init, &[0]),
        Op::CheckCast {
            reg: 0,
            ty: pb.p.lookup_type("Lcom/ex/Base;").unwrap(),
        },
        virt(work, &[0]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 3, ops)],
    )[0];
    (pb, oc)
}

#[test]
fn rta_prunes_non_instantiated_subclass() {
    let (mut pb, oc) = rta_app();
    let (_, cg, _) = pb.graph(None, &[], &opts());
    assert_eq!(
        edge_kinds(&pb, &cg, oc, "Lcom/ex/A;->work()V"),
        vec![EdgeKind::Virtual]
    );
    assert!(edge_kinds(&pb, &cg, oc, "Lcom/ex/B;->work()V").is_empty());
    assert!(!cg.is_reachable(pb.id("Lcom/ex/B;->work()V")));
    // plain CHA keeps it
    let (_, cg2, _) = pb.graph(
        None,
        &[],
        &CallGraphOptions {
            rta: false,
            ..opts()
        },
    );
    assert_eq!(
        edge_kinds(&pb, &cg2, oc, "Lcom/ex/B;->work()V"),
        vec![EdgeKind::Virtual]
    );
}

#[test]
fn static_initializers_of_used_classes() {
    let mut pb = Pb::new();
    let f = pb.p.intern_field_parts("Lcom/ex/Cfg;", "x", "I");
    pb.class(
        cls("Lcom/ex/Cfg;", OBJ, &[]),
        vec![sm("<clinit>", &[], "V", 0, vec![ret()])],
    );
    pb.class(
        cls("Lcom/ex/Never;", OBJ, &[]),
        vec![sm("<clinit>", &[], "V", 0, vec![ret()])],
    );
    pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m(
            "onCreate",
            &[BUNDLE],
            "V",
            3,
            vec![Op::SGet { dst: 0, field: f }, ret()],
        )],
    );
    let (_, cg, _) = pb.graph(None, &[], &opts());
    assert_eq!(
        entry_kind(&cg, pb.id("Lcom/ex/Cfg;-><clinit>()V")),
        Some(EntryKind::StaticInit)
    );
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Never;-><clinit>()V")));
}

#[test]
fn invoke_custom_lambda_and_kotlin_lambda_dispatch() {
    let mut pb = Pb::new();
    let imp = pb.mref("Lcom/ex/Main;", "lambda$onCreate$0", &[], "V");
    let lam = pb.ty("Lcom/ex/Main$$ExternalSyntheticLambda0;");
    let lam_init = pb.mref(
        "Lcom/ex/Main$$ExternalSyntheticLambda0;",
        "<init>",
        &[],
        "V",
    );
    let f0 = pb.mref("Lkotlin/jvm/functions/Function0;", "invoke", &[], OBJ);
    let ops = vec![
        Op::InvokeCustom {
            site: CallSite {
                bootstrap: None,
                name: "run".into(),
                implementation: Some(imp),
            },
            args: vec![],
        },
        new(0, lam),
        direct(lam_init, &[0]),
        iface(f0, &[0]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![
            m("onCreate", &[BUNDLE], "V", 3, ops),
            sm("lambda$onCreate$0", &[], "V", 0, vec![ret()]),
        ],
    )[0];
    pb.class(
        cls(
            "Lcom/ex/Main$$ExternalSyntheticLambda0;",
            OBJ,
            &["Lkotlin/jvm/functions/Function0;"],
        ),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m("invoke", &[], OBJ, 1, vec![ret()]),
        ],
    );
    let (_, cg, _) = pb.graph(None, &[], &opts());
    assert_eq!(
        edge_kinds(&pb, &cg, oc, "Lcom/ex/Main;->lambda$onCreate$0()V"),
        vec![EdgeKind::Reflective]
    );
    assert_eq!(
        edge_kinds(
            &pb,
            &cg,
            oc,
            "Lcom/ex/Main$$ExternalSyntheticLambda0;->invoke()Ljava/lang/Object;"
        ),
        vec![EdgeKind::Virtual]
    );
}

#[test]
fn fragment_instantiated_in_reachable_code_and_worker_class_literal() {
    let mut pb = Pb::new();
    let frag = pb.ty("Lcom/ex/Frag;");
    let frag_init = pb.mref("Lcom/ex/Frag;", "<init>", &[], "V");
    let worker = pb.ty("Lcom/ex/W;");
    let builder = pb.ty("Landroidx/work/OneTimeWorkRequest$Builder;");
    let b_init = pb.mref(
        "Landroidx/work/OneTimeWorkRequest$Builder;",
        "<init>",
        &["Ljava/lang/Class;"],
        "V",
    );
    let ops = vec![
        new(0, frag),
        direct(frag_init, &[0]),
        new(1, builder),
        cclass(2, worker),
        direct(b_init, &[1, 2]),
        ret(),
    ];
    pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 4, ops)],
    );
    pb.class(
        cls("Lcom/ex/Frag;", "Landroidx/fragment/app/Fragment;", &[]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m(
                "onCreateView",
                &[
                    "Landroid/view/LayoutInflater;",
                    "Landroid/view/ViewGroup;",
                    BUNDLE,
                ],
                VIEW,
                4,
                vec![ret()],
            ),
        ],
    );
    pb.class(
        cls("Lcom/ex/W;", "Landroidx/work/Worker;", &[]),
        vec![m(
            "doWork",
            &[],
            "Landroidx/work/ListenableWorker$Result;",
            1,
            vec![ret()],
        )],
    );
    let (_, cg, _) = pb.graph(None, &[], &opts());
    assert!(cg.is_reachable(pb.id(
        "Lcom/ex/Frag;->onCreateView(Landroid/view/LayoutInflater;Landroid/view/ViewGroup;Landroid/os/Bundle;)Landroid/view/View;"
    )));
    assert!(cg.is_reachable(pb.id("Lcom/ex/W;->doWork()Landroidx/work/ListenableWorker$Result;")));
}

#[test]
fn unresolved_supertypes_are_reported_and_hierarchy_queries() {
    let mut pb = Pb::new();
    pb.class(cls("Lcom/ex/X;", "Lcom/lib/Missing;", &[]), vec![]);
    pb.class(
        cls(
            "Lcom/ex/Main;",
            ACT,
            &["Landroid/view/View$OnClickListener;"],
        ),
        vec![m("onClick", &[VIEW], "V", 2, vec![ret()])],
    );
    pb.class(cls("Lcom/ex/Sub;", "Lcom/ex/Main;", &[]), vec![]);
    let (h, d) = pb.hierarchy();
    let diag = d
        .iter()
        .find(|d| d.code == "hierarchy-unresolved-types")
        .expect("reported");
    assert!(
        diag.message.contains("Lcom/lib/Missing;") && diag.message.starts_with("1 "),
        "{}",
        diag.message
    );
    let t = |pb: &Pb, d: &str| pb.p.lookup_type(d).unwrap();
    let main = t(&pb, "Lcom/ex/Main;");
    let sub = t(&pb, "Lcom/ex/Sub;");
    let names: Vec<&str> = h
        .supertypes(sub)
        .iter()
        .map(|s| pb.p.type_name(*s))
        .collect();
    assert_eq!(
        &names[..7],
        &[
            "Lcom/ex/Main;",
            "Landroidx/appcompat/app/AppCompatActivity;",
            "Landroidx/fragment/app/FragmentActivity;",
            "Landroidx/activity/ComponentActivity;",
            "Landroidx/core/app/ComponentActivity;",
            "Landroid/app/Activity;",
            "Landroid/view/ContextThemeWrapper;",
        ]
    );
    assert!(names.contains(&"Landroid/view/View$OnClickListener;"));
    assert!(names.contains(&"Landroid/content/ComponentCallbacks;"));
    let activity = t(&pb, "Landroid/app/Activity;");
    assert!(h.is_subtype(sub, activity));
    assert!(!h.is_subtype(activity, sub));
    assert!(h.subtypes(activity).contains(&sub) && h.subtypes(activity).contains(&main));
    let on_click = pb.id("Lcom/ex/Main;->onClick(Landroid/view/View;)V");
    let iface_click = pb.mref(
        "Landroid/view/View$OnClickListener;",
        "onClick",
        &[VIEW],
        "V",
    );
    let (h, _) = pb.hierarchy();
    assert_eq!(h.resolve_virtual(&pb.p, sub, iface_click), Some(on_click));
    assert_eq!(h.implementations(&pb.p, iface_click), vec![on_click]);
    let x = t(&pb, "Lcom/ex/X;");
    assert_eq!(h.supertypes(x), &[t(&pb, "Lcom/lib/Missing;")]);
}

#[test]
fn cyclic_hierarchy_does_not_hang() {
    let mut pb = Pb::new();
    pb.class(cls("Lcom/ex/A;", "Lcom/ex/B;", &["Lcom/ex/I;"]), vec![]);
    pb.class(cls("Lcom/ex/B;", "Lcom/ex/A;", &[]), vec![]);
    pb.class(
        ClassSpec {
            flags: ACC_INTERFACE,
            ..cls("Lcom/ex/I;", OBJ, &["Lcom/ex/I;"])
        },
        vec![],
    );
    let (h, d) = pb.hierarchy();
    assert!(d.iter().any(|d| d.code == "hierarchy-cycle"));
    let a = pb.p.lookup_type("Lcom/ex/A;").unwrap();
    assert!(h.supertypes(a).len() <= 3);
}

#[test]
fn same_result_with_one_thread_and_reach_chains() {
    let build = |threads: usize| {
        let (mut pb, _) = rta_app();
        let (h, _) = pb.hierarchy();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let cg = pool.install(|| callgraph::build(&pb.p, &h, None, &[], &opts()).0);
        (
            format!("{:?}", cg.sorted_sites()),
            reachable_sigs(&pb, &cg),
            callgraph::to_dot(&pb.p, &h, &cg, &Filter::default()),
        )
    };
    assert_eq!(build(1), build(2));

    let (mut pb, oc) = rta_app();
    let (h, cg, _) = pb.graph(None, &[], &opts());
    let r = callgraph::reach(&pb.p, &h, &cg, "Lcom/ex/Base;->work()V");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].status, ReachStatus::Reachable);
    assert_eq!(r[0].chain[0].method, pb.sig(oc));
    assert_eq!(r[0].chain[0].entry_kind, Some(EntryKind::Lifecycle));
    assert_eq!(r[0].chain.last().unwrap().method, "Lcom/ex/Base;->work()V");
    let none = callgraph::reach(
        &pb.p,
        &h,
        &cg,
        "Landroid/telephony/SmsManager;->sendTextMessage",
    );
    assert_eq!(none[0].status, ReachStatus::ApiNeverCalled);
    let dot = callgraph::to_dot(
        &pb.p,
        &h,
        &cg,
        &Filter {
            from: None,
            to: Some("Lcom/ex/A;->work".into()),
        },
    );
    assert!(
        dot.contains("Lcom/ex/A;->work()V") && dot.contains("onCreate") && !dot.contains("<init>"),
        "{dot}"
    );
    let json = callgraph::to_json(
        &pb.p,
        &h,
        &cg,
        &Filter {
            from: Some("Lcom/ex/A;".into()),
            to: None,
        },
    );
    assert!(
        json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["method"].as_str().unwrap().starts_with("Lcom/ex/A;"))
    );
    let g = callgraph::to_petgraph(&cg);
    assert_eq!(
        g.edge_count(),
        cg.targets.values().map(|v| v.len()).sum::<usize>()
    );
}

#[test]
fn unreachable_caller_is_explained() {
    let mut pb = Pb::new();
    let send = pb.mref(
        "Landroid/telephony/SmsManager;",
        "sendTextMessage",
        &["Ljava/lang/String;"],
        "V",
    );
    pb.class(
        cls("Lcom/ex/Dead;", OBJ, &[]),
        vec![sm("x", &[], "V", 1, vec![stat(send, &[0]), ret()])],
    );
    pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 2, vec![ret()])],
    );
    let (h, cg, _) = pb.graph(None, &[], &opts());
    let r = callgraph::reach(
        &pb.p,
        &h,
        &cg,
        "Landroid/telephony/SmsManager;->sendTextMessage",
    );
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].status, ReachStatus::CallerUnreachable);
    assert_eq!(r[0].caller.as_deref(), Some("Lcom/ex/Dead;->x()V"));
}

#[test]
fn bundled_sdk_callback_interface_listed_in_model() {
    // the SDK is in the app (a stub that only stores the callback); the model lists its
    // callback interface, so handing an object to it makes the callback an entry point
    let mut pb = Pb::new();
    let cb_iface = "Lcom/facebook/GraphRequest$GraphJSONArrayCallback;";
    let cb = pb.ty("Lcom/ex/Cb;");
    let cb_init = pb.mref("Lcom/ex/Cb;", "<init>", &[], "V");
    let req = pb.mref(
        "Lcom/facebook/GraphRequest;",
        "newMyFriendsRequest",
        &[cb_iface],
        "V",
    );
    pb.class(
        ClassSpec {
            flags: ACC_INTERFACE | ACC_ABSTRACT,
            ..cls(cb_iface, OBJ, &[])
        },
        vec![abs(
            "onCompleted",
            &["Lorg/json/JSONArray;", "Lcom/facebook/GraphResponse;"],
            "V",
        )],
    );
    pb.class(
        cls("Lcom/facebook/GraphRequest;", OBJ, &[]),
        vec![sm("newMyFriendsRequest", &[cb_iface], "V", 1, vec![ret()])],
    );
    pb.class(
        cls("Lcom/ex/Cb;", OBJ, &[cb_iface]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m(
                "onCompleted",
                &["Lorg/json/JSONArray;", "Lcom/facebook/GraphResponse;"],
                "V",
                3,
                vec![ret()],
            ),
        ],
    );
    pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m(
            "onCreate",
            &[BUNDLE],
            "V",
            3,
            vec![new(0, cb), direct(cb_init, &[0]), stat(req, &[0]), ret()],
        )],
    );
    let (_, cg, _) = pb.graph(None, &[], &opts());
    let on_completed =
        pb.id("Lcom/ex/Cb;->onCompleted(Lorg/json/JSONArray;Lcom/facebook/GraphResponse;)V");
    assert_eq!(entry_kind(&cg, on_completed), Some(EntryKind::Callback));
}

#[test]
fn reflection_through_a_field_written_in_the_same_method() {
    let mut pb = Pb::new();
    let name_f =
        pb.p.intern_field_parts("Lcom/ex/Main;", "che", "Ljava/lang/String;");
    let class_f =
        pb.p.intern_field_parts("Lcom/ex/Main;", "c", "Ljava/lang/Class;");
    let for_name = pb.mref(
        "Ljava/lang/Class;",
        "forName",
        &["Ljava/lang/String;"],
        "Ljava/lang/Class;",
    );
    let new_inst = pb.mref("Ljava/lang/Class;", "newInstance", &[], OBJ);
    let ops = vec![
        cstr(0, "com.ex.Hidden"),
        Op::IPut {
            src: 0,
            obj: 3,
            field: name_f,
        },
        Op::IGet {
            dst: 1,
            obj: 3,
            field: name_f,
        },
        stat(for_name, &[1]),
        res(1),
        Op::IPut {
            src: 1,
            obj: 3,
            field: class_f,
        },
        Op::Const { dst: 1, value: 0 },
        Op::IGet {
            dst: 2,
            obj: 3,
            field: class_f,
        },
        virt(new_inst, &[2]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 5, ops)],
    )[0];
    pb.class(
        cls("Lcom/ex/Hidden;", OBJ, &[]),
        vec![m("<init>", &[], "V", 1, vec![ret()])],
    );
    let (_, cg, _) = pb.graph(None, &[], &opts());
    assert_eq!(
        edge_kinds(&pb, &cg, oc, "Lcom/ex/Hidden;-><init>()V"),
        vec![EdgeKind::Reflective]
    );
}

#[test]
fn implicit_broadcast_reaches_receiver_registered_in_code() {
    let mut pb = Pb::new();
    let r = pb.ty("Lcom/ex/Dyn;");
    let intent = pb.ty("Landroid/content/Intent;");
    let filter = pb.ty("Landroid/content/IntentFilter;");
    let r_init = pb.mref("Lcom/ex/Dyn;", "<init>", &[], "V");
    let f_init = pb.mref("Landroid/content/IntentFilter;", "<init>", &[], "V");
    let add = pb.mref(
        "Landroid/content/IntentFilter;",
        "addAction",
        &["Ljava/lang/String;"],
        "V",
    );
    let i_init = pb.mref(
        "Landroid/content/Intent;",
        "<init>",
        &["Ljava/lang/String;"],
        "V",
    );
    let reg = pb.mref(
        "Lcom/ex/Main;",
        "registerReceiver",
        &[
            "Landroid/content/BroadcastReceiver;",
            "Landroid/content/IntentFilter;",
        ],
        "Landroid/content/Intent;",
    );
    let send = pb.mref(
        "Lcom/ex/Main;",
        "sendBroadcast",
        &["Landroid/content/Intent;"],
        "V",
    );
    // the broadcast is sent before the registration is seen (order must not matter)
    let ops = vec![
        new(0, intent),
        cstr(1, "com.ex.LOCAL"),
        direct(i_init, &[0, 1]),
        virt(send, &[5, 0]),
        new(2, r),
        direct(r_init, &[2]),
        new(3, filter),
        direct(f_init, &[3]),
        virt(add, &[3, 1]),
        virt(reg, &[5, 2, 3]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 6, ops)],
    )[0];
    pb.class(
        cls("Lcom/ex/Dyn;", "Landroid/content/BroadcastReceiver;", &[]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m(
                "onReceive",
                &["Landroid/content/Context;", "Landroid/content/Intent;"],
                "V",
                3,
                vec![ret()],
            ),
        ],
    );
    let (_, cg, _) = pb.graph(None, &[], &opts());
    assert_eq!(
        edge_kinds(
            &pb,
            &cg,
            oc,
            "Lcom/ex/Dyn;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V"
        ),
        vec![EdgeKind::Icc]
    );
}

/// `Class.forName(getString(R.string.cls)).getMethod(getString(R.string.m))`: the names live in
/// the string resources; `getString(int)` on an Activity (a Context) with a constant id reads
/// them. An app class overriding `getString(int)` is not read through the table.
#[test]
fn reflection_with_names_from_string_resources() {
    use dexflow::manifest::Resources;
    use std::sync::Arc;

    fn app(override_get_string: bool) -> (Pb, MethodId) {
        let mut pb = Pb::new();
        let for_name = pb.mref(
            "Ljava/lang/Class;",
            "forName",
            &["Ljava/lang/String;"],
            "Ljava/lang/Class;",
        );
        let get_m = pb.mref(
            "Ljava/lang/Class;",
            "getMethod",
            &["Ljava/lang/String;", "[Ljava/lang/Class;"],
            "Ljava/lang/reflect/Method;",
        );
        let invoke = pb.mref(
            "Ljava/lang/reflect/Method;",
            "invoke",
            &[OBJ, "[Ljava/lang/Object;"],
            OBJ,
        );
        let get_string = pb.mref("Lcom/ex/Main;", "getString", &["I"], "Ljava/lang/String;");
        let ops = vec![
            Op::Const {
                dst: 0,
                value: 0x7f05_0003,
            },
            virt(get_string, &[7, 0]),
            res(0),
            stat(for_name, &[0]),
            res(1),
            Op::Const {
                dst: 2,
                value: 0x7f05_0004,
            },
            virt(get_string, &[7, 2]),
            res(2),
            Op::Const { dst: 3, value: 0 },
            virt(get_m, &[1, 2, 3]),
            res(5),
            virt(invoke, &[5, 3, 3]),
            ret(),
        ];
        let mut methods = vec![m("onCreate", &[BUNDLE], "V", 8, ops)];
        if override_get_string {
            methods.push(m(
                "getString",
                &["I"],
                "Ljava/lang/String;",
                2,
                vec![cstr(0, "other"), Op::Return { src: 0 }],
            ));
        }
        let oc = pb.class(cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]), methods)[0];
        pb.class(
            cls("Lcom/ex/Hidden;", OBJ, &[]),
            vec![
                sm("secret", &[], "V", 0, vec![ret()]),
                sm("other", &[], "V", 0, vec![ret()]),
            ],
        );
        (pb, oc)
    }
    let resources = || {
        Some(Arc::new(Resources::from_strings([
            (0x7f05_0003, "com.ex.Hidden"),
            (0x7f05_0004, "secret"),
        ])))
    };
    let graph = |pb: &mut Pb, res: Option<Arc<Resources>>| {
        let (h, _) = pb.hierarchy();
        callgraph::build_with_resources(&pb.p, &h, None, &[], &opts(), res).0
    };

    let (mut pb, oc) = app(false);
    let cg = graph(&mut pb, resources());
    assert!(cg.resource_strings.is_some());
    assert_eq!(
        edge_kinds(&pb, &cg, oc, "Lcom/ex/Hidden;->secret()V"),
        vec![EdgeKind::Reflective]
    );
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Hidden;->other()V")));

    // without the table the names are unknown
    let (mut pb, _) = app(false);
    let cg = graph(&mut pb, None);
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Hidden;->secret()V")));

    // an app override of getString(int) may return anything: not read through the table
    let (mut pb, _) = app(true);
    let cg = graph(&mut pb, resources());
    assert!(!cg.is_reachable(pb.id("Lcom/ex/Hidden;->secret()V")));
}
