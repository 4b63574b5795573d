//! Intent resolution on hand-built programs: implicit intents matched on action, categories
//! and data as Android does; explicit intents only reach declared components; results of
//! `startActivityForResult`; Messenger IPC; `<instrumentation>` entry points.

use crate::callgraph_support::*;
use dexflow::bytecode::*;
use dexflow::callgraph::{CallGraphOptions, EdgeKind, EntryKind};
use dexflow::manifest::{Component, ComponentKind, IntentData, IntentFilter};

const BUNDLE: &str = "Landroid/os/Bundle;";
const INTENT: &str = "Landroid/content/Intent;";
const STR: &str = "Ljava/lang/String;";
const ON_CREATE: &str = "onCreate(Landroid/os/Bundle;)V";

fn opts() -> CallGraphOptions {
    CallGraphOptions::default()
}

/// An activity with one intent filter.
fn activity(name: &str, filter: IntentFilter) -> Component {
    Component {
        intent_filters: vec![filter],
        exported: true,
        ..component(ComponentKind::Activity, name, true, &[])
    }
}

fn filter(action: &str, categories: &[&str], data: Vec<IntentData>) -> IntentFilter {
    IntentFilter {
        actions: vec![action.to_string()],
        categories: categories.iter().map(|s| s.to_string()).collect(),
        data,
        priority: None,
    }
}

/// `name` extends Activity with an empty onCreate.
fn empty_activity(pb: &mut Pb, name: &'static str) -> MethodId {
    pb.class(
        cls(name, "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 2, vec![ret()])],
    )[0]
}

fn on_create(class: &str) -> String {
    format!("{class}->{ON_CREATE}")
}

const DEFAULT: &str = "android.intent.category.DEFAULT";

#[test]
fn implicit_activity_intents_match_categories_and_data() {
    let mut pb = Pb::new();
    let intent = pb.ty(INTENT);
    let i_act = pb.mref(INTENT, "<init>", &[STR], "V");
    let i_act_uri = pb.mref(INTENT, "<init>", &[STR, "Landroid/net/Uri;"], "V");
    let add_cat = pb.mref(INTENT, "addCategory", &[STR], INTENT);
    let set_type = pb.mref(INTENT, "setType", &[STR], INTENT);
    let parse = pb.mref("Landroid/net/Uri;", "parse", &[STR], "Landroid/net/Uri;");
    let start = pb.mref("Lcom/ex/Main;", "startActivity", &[INTENT], "V");
    let bcast = pb.mref("Lcom/ex/Main;", "sendBroadcast", &[INTENT], "V");
    let ops = |extra: Vec<Op>| -> Vec<Op> {
        let mut v = vec![new(0, intent), cstr(1, "com.ex.VIEW")];
        v.extend(extra);
        v.push(virt(start, &[9, 0]));
        v.push(ret());
        v
    };
    // plain: Intent("com.ex.VIEW")
    let plain = ops(vec![direct(i_act, &[0, 1])]);
    // with a category the filter of Cat lists
    let with_cat = ops(vec![
        direct(i_act, &[0, 1]),
        cstr(2, "com.ex.CAT"),
        virt(add_cat, &[0, 2]),
    ]);
    // with a tel: URI
    let with_tel = ops(vec![
        cstr(2, "tel:123"),
        stat(parse, &[2]),
        res(3),
        direct(i_act_uri, &[0, 1, 3]),
    ]);
    // with a MIME type
    let with_type = ops(vec![
        direct(i_act, &[0, 1]),
        cstr(2, "image/png"),
        virt(set_type, &[0, 2]),
    ]);
    // a broadcast with the same action: no DEFAULT category is added
    let broadcast = vec![
        new(0, intent),
        cstr(1, "com.ex.VIEW"),
        direct(i_act, &[0, 1]),
        virt(bcast, &[9, 0]),
        ret(),
    ];
    let ids = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![
            m("plain", &[], "V", 10, plain),
            m("withCat", &[], "V", 10, with_cat),
            m("withTel", &[], "V", 10, with_tel),
            m("withType", &[], "V", 10, with_type),
            m("broadcast", &[], "V", 10, broadcast),
        ],
    );
    for c in [
        "Lcom/ex/Default;",
        "Lcom/ex/NoDefault;",
        "Lcom/ex/Cat;",
        "Lcom/ex/Tel;",
        "Lcom/ex/Image;",
    ] {
        let name: &'static str = Box::leak(c.to_string().into_boxed_str());
        empty_activity(&mut pb, name);
    }
    pb.class(
        cls("Lcom/ex/Rcv;", "Landroid/content/BroadcastReceiver;", &[]),
        vec![m(
            "onReceive",
            &["Landroid/content/Context;", INTENT],
            "V",
            3,
            vec![ret()],
        )],
    );
    let tel = IntentData {
        scheme: Some("tel".into()),
        ..Default::default()
    };
    let image = IntentData {
        mime_type: Some("image/*".into()),
        ..Default::default()
    };
    let mut mf = manifest(vec![
        activity("com.ex.Default", filter("com.ex.VIEW", &[DEFAULT], vec![])),
        activity("com.ex.NoDefault", filter("com.ex.VIEW", &[], vec![])),
        activity(
            "com.ex.Cat",
            filter("com.ex.VIEW", &[DEFAULT, "com.ex.CAT"], vec![]),
        ),
        activity("com.ex.Tel", filter("com.ex.VIEW", &[DEFAULT], vec![tel])),
        activity(
            "com.ex.Image",
            filter("com.ex.VIEW", &[DEFAULT], vec![image]),
        ),
        component(
            ComponentKind::Receiver,
            "com.ex.Rcv",
            true,
            &["com.ex.VIEW"],
        ),
    ]);
    mf.components
        .push(component(ComponentKind::Activity, "com.ex.Main", true, &[]));
    // library mode makes every Main method an entry point
    let (_, cg, _) = pb.graph(
        Some(&mf),
        &[],
        &CallGraphOptions {
            public_methods_as_entries: true,
            ..opts()
        },
    );
    let reached = |caller: MethodId| -> Vec<String> {
        let mut v: Vec<String> = cg
            .sorted_sites()
            .into_iter()
            .filter(|((c, _), _)| *c == caller)
            .flat_map(|(_, ts)| ts.iter())
            .filter(|t| t.kind == EdgeKind::Icc)
            .map(|t| pb.sig(t.method))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        reached(ids[0]),
        vec![on_create("Lcom/ex/Cat;"), on_create("Lcom/ex/Default;")],
        "DEFAULT is required; extra filter categories are fine; data filters need data"
    );
    assert_eq!(reached(ids[1]), vec![on_create("Lcom/ex/Cat;")]);
    assert_eq!(reached(ids[2]), vec![on_create("Lcom/ex/Tel;")]);
    assert_eq!(reached(ids[3]), vec![on_create("Lcom/ex/Image;")]);
    assert_eq!(
        reached(ids[4]),
        vec!["Lcom/ex/Rcv;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V"]
    );
}

#[test]
fn explicit_intent_to_undeclared_activity_goes_nowhere() {
    let mut pb = Pb::new();
    let intent = pb.ty(INTENT);
    let hidden = pb.ty("Lcom/ex/Hidden;");
    let i_cls = pb.mref(
        INTENT,
        "<init>",
        &["Landroid/content/Context;", "Ljava/lang/Class;"],
        "V",
    );
    let start = pb.mref("Lcom/ex/Main;", "startActivity", &[INTENT], "V");
    let ops = vec![
        new(0, intent),
        cclass(1, hidden),
        direct(i_cls, &[0, 3, 1]),
        virt(start, &[3, 0]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 4, ops)],
    )[0];
    let hidden_create = empty_activity(&mut pb, "Lcom/ex/Hidden;");
    let mf = manifest(vec![component(
        ComponentKind::Activity,
        "com.ex.Main",
        true,
        &[],
    )]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    assert!(!cg.is_reachable(hidden_create), "undeclared activity ran");
    assert!(edge_kinds(&pb, &cg, oc, &on_create("Lcom/ex/Hidden;")).is_empty());
    assert!(
        cg.undelivered_icc.contains(&(oc, 9)),
        "{:?}",
        cg.undelivered_icc
    );
    // declared: delivered
    let mf = manifest(vec![
        component(ComponentKind::Activity, "com.ex.Main", true, &[]),
        component(ComponentKind::Activity, "com.ex.Hidden", true, &[]),
    ]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    assert_eq!(
        edge_kinds(&pb, &cg, oc, &on_create("Lcom/ex/Hidden;")),
        vec![EdgeKind::Icc]
    );
    assert!(cg.undelivered_icc.is_empty());
}

#[test]
fn set_result_reaches_on_activity_result_of_the_starter() {
    let mut pb = Pb::new();
    let intent = pb.ty(INTENT);
    let second = pb.ty("Lcom/ex/Second;");
    let i_cls = pb.mref(
        INTENT,
        "<init>",
        &["Landroid/content/Context;", "Ljava/lang/Class;"],
        "V",
    );
    let i_act = pb.mref(INTENT, "<init>", &[STR], "V");
    let for_result = pb.mref(
        "Lcom/ex/Main;",
        "startActivityForResult",
        &[INTENT, "I"],
        "V",
    );
    let other_for_result = pb.mref(
        "Lcom/ex/Other;",
        "startActivityForResult",
        &[INTENT, "I"],
        "V",
    );
    let set_result = pb.mref("Lcom/ex/Second;", "setResult", &["I", INTENT], "V");
    let get_intent = pb.mref("Lcom/ex/Second;", "getIntent", &[], INTENT);
    // Second sets its result before anyone is seen starting it (order must not matter)
    pb.class(
        cls("Lcom/ex/Second;", "Landroid/app/Activity;", &[]),
        vec![m(
            "onCreate",
            &[BUNDLE],
            "V",
            4,
            vec![
                virt(get_intent, &[2]),
                res(0),
                Op::Const { dst: 1, value: -1 },
                virt(set_result, &[2, 1, 0]),
                ret(),
            ],
        )],
    );
    let main_ops = vec![
        new(0, intent),
        cclass(1, second),
        direct(i_cls, &[0, 4, 1]),
        Op::Const { dst: 2, value: 7 },
        virt(for_result, &[4, 0, 2]),
        ret(),
    ];
    let main_ids = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![
            m("onCreate", &[BUNDLE], "V", 5, main_ops),
            m("onActivityResult", &["I", "I", INTENT], "V", 4, vec![ret()]),
        ],
    );
    // Other asks an outside app (no component of this app handles the action)
    let other_ops = vec![
        new(0, intent),
        cstr(1, "com.elsewhere.PICK"),
        direct(i_act, &[0, 1]),
        Op::Const { dst: 2, value: 1 },
        virt(other_for_result, &[4, 0, 2]),
        ret(),
    ];
    let other_ids = pb.class(
        cls("Lcom/ex/Other;", "Landroid/app/Activity;", &[]),
        vec![
            m("onCreate", &[BUNDLE], "V", 5, other_ops),
            m("onActivityResult", &["I", "I", INTENT], "V", 4, vec![ret()]),
        ],
    );
    let mf = manifest(vec![
        component(ComponentKind::Activity, "com.ex.Main", true, &[]),
        component(ComponentKind::Activity, "com.ex.Second", true, &[]),
        component(ComponentKind::Activity, "com.ex.Other", true, &[]),
    ]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    let second_create = pb.id(&on_create("Lcom/ex/Second;"));
    assert_eq!(
        edge_kinds(
            &pb,
            &cg,
            second_create,
            "Lcom/ex/Main;->onActivityResult(IILandroid/content/Intent;)V"
        ),
        vec![EdgeKind::Icc]
    );
    assert!(
        edge_kinds(
            &pb,
            &cg,
            second_create,
            "Lcom/ex/Other;->onActivityResult(IILandroid/content/Intent;)V"
        )
        .is_empty()
    );
    assert_eq!(
        edge_kinds(&pb, &cg, main_ids[0], &on_create("Lcom/ex/Second;")),
        vec![EdgeKind::Icc]
    );
    let main = pb.ty("Lcom/ex/Main;");
    let other = pb.ty("Lcom/ex/Other;");
    assert!(cg.external_results.contains(&other));
    assert!(!cg.external_results.contains(&main));
    let _ = other_ids;
}

#[test]
fn action_from_a_helper_returning_one_of_two_constants() {
    let mut pb = Pb::new();
    let intent = pb.ty(INTENT);
    let i_act = pb.mref(INTENT, "<init>", &[STR], "V");
    let pick = pb.mref("Lcom/ex/Main;", "pick", &[], STR);
    let flag = pb.mref("Lcom/ex/Main;", "flag", &[], "Z");
    let start = pb.mref("Lcom/ex/Main;", "startActivity", &[INTENT], "V");
    // pick(): v0 = flag(); if v0 == 0 goto B; v0 = "com.ex.A"; return v0; B: v0 = "com.ex.B";
    // goto return (the register is reused, as javac and D8 do)
    let pick_ops = vec![
        virt(flag, &[1]),
        res(0),
        Op::If {
            cmp: CmpKind::Eq,
            a: 0,
            b: None,
            target: 15,
        },
        cstr(0, "com.ex.A"),
        Op::Return { src: 0 },
        cstr(0, "com.ex.B"),
        Op::Goto { target: 12 },
    ];
    let ops = vec![
        new(0, intent),
        virt(pick, &[2]),
        res(1),
        direct(i_act, &[0, 1]),
        virt(start, &[2, 0]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![
            m("onCreate", &[BUNDLE], "V", 3, ops),
            m("pick", &[], STR, 2, pick_ops),
            m(
                "flag",
                &[],
                "Z",
                2,
                vec![Op::Const { dst: 0, value: 1 }, Op::Return { src: 0 }],
            ),
        ],
    )[0];
    empty_activity(&mut pb, "Lcom/ex/A;");
    empty_activity(&mut pb, "Lcom/ex/B;");
    empty_activity(&mut pb, "Lcom/ex/C;");
    let mf = manifest(vec![
        component(ComponentKind::Activity, "com.ex.Main", true, &[]),
        activity("com.ex.A", filter("com.ex.A", &[DEFAULT], vec![])),
        activity("com.ex.B", filter("com.ex.B", &[DEFAULT], vec![])),
        activity("com.ex.C", filter("com.ex.C", &[DEFAULT], vec![])),
    ]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    let k = |c: &str| edge_kinds(&pb, &cg, oc, &on_create(c));
    assert_eq!(k("Lcom/ex/A;"), vec![EdgeKind::Icc]);
    assert_eq!(k("Lcom/ex/B;"), vec![EdgeKind::Icc]);
    assert!(k("Lcom/ex/C;").is_empty());
    // exported, but addressed by the app's own actions only: not where other apps come in
    assert!(cg.external_intents.is_empty());
}

#[test]
fn activities_filtering_platform_actions_receive_external_intents() {
    let mut pb = Pb::new();
    empty_activity(&mut pb, "Lcom/ex/Share;");
    empty_activity(&mut pb, "Lcom/ex/Own;");
    empty_activity(&mut pb, "Lcom/ex/Private;");
    let mut private = activity(
        "com.ex.Private",
        filter("android.intent.action.SEND", &[DEFAULT], vec![]),
    );
    private.exported = false;
    let mf = manifest(vec![
        activity(
            "com.ex.Share",
            filter("android.intent.action.SEND", &[DEFAULT], vec![]),
        ),
        activity("com.ex.Own", filter("com.ex.OPEN", &[DEFAULT], vec![])),
        private,
    ]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    let share = pb.ty("Lcom/ex/Share;");
    assert_eq!(
        cg.external_intents.iter().copied().collect::<Vec<_>>(),
        vec![share]
    );
}

#[test]
fn messenger_send_reaches_the_wrapped_handler() {
    let mut pb = Pb::new();
    let messenger = pb.ty("Landroid/os/Messenger;");
    let handler = pb.ty("Lcom/ex/H;");
    let msg_t = "Landroid/os/Message;";
    let m_init = pb.mref(
        "Landroid/os/Messenger;",
        "<init>",
        &["Landroid/os/Handler;"],
        "V",
    );
    let h_init = pb.mref("Lcom/ex/H;", "<init>", &[], "V");
    let send = pb.mref("Landroid/os/Messenger;", "send", &[msg_t], "V");
    let obtain = pb.mref(msg_t, "obtain", &[], msg_t);
    let field =
        pb.p.intern_field_parts("Lcom/ex/Main;", "m", "Landroid/os/Messenger;");
    // the send is seen before the service wraps its handler
    let main_ops = vec![
        Op::IGet {
            dst: 0,
            obj: 2,
            field,
        },
        stat(obtain, &[]),
        res(1),
        virt(send, &[0, 1]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 4, main_ops)],
    )[0];
    pb.class(
        cls("Lcom/ex/Svc;", "Landroid/app/Service;", &[]),
        vec![m(
            "<init>",
            &[],
            "V",
            3,
            vec![
                new(0, messenger),
                new(1, handler),
                direct(h_init, &[1]),
                direct(m_init, &[0, 1]),
                ret(),
            ],
        )],
    );
    pb.class(
        cls("Lcom/ex/H;", "Landroid/os/Handler;", &[]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m("handleMessage", &[msg_t], "V", 2, vec![ret()]),
        ],
    );
    let mf = manifest(vec![
        component(ComponentKind::Activity, "com.ex.Main", true, &[]),
        component(ComponentKind::Service, "com.ex.Svc", true, &[]),
    ]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    assert_eq!(
        edge_kinds(
            &pb,
            &cg,
            oc,
            "Lcom/ex/H;->handleMessage(Landroid/os/Message;)V"
        ),
        vec![EdgeKind::Async {
            receiver_arg: 0,
            params_from: Some(1)
        }]
    );
}

#[test]
fn instrumentation_class_is_an_entry_point() {
    let mut pb = Pb::new();
    let ids = pb.class(
        cls("Lcom/ex/Runner;", "Landroid/app/Instrumentation;", &[]),
        vec![
            m("onCreate", &[BUNDLE], "V", 2, vec![ret()]),
            m("onStart", &[], "V", 1, vec![ret()]),
        ],
    );
    let mut mf = manifest(vec![]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    assert!(!cg.is_reachable(ids[0]));
    mf.instrumentations = vec!["com.ex.Runner".into()];
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    for id in ids {
        let e = cg.entry_points.iter().find(|e| e.method == id);
        assert_eq!(
            e.map(|e| e.kind),
            Some(EntryKind::Lifecycle),
            "{}",
            pb.sig(id)
        );
        assert_eq!(
            e.and_then(|e| e.component.as_deref()),
            Some("com.ex.Runner")
        );
    }
}

#[test]
fn parcel_writes_and_handler_dispatch_call_back_into_the_app() {
    let mut pb = Pb::new();
    let parcel = "Landroid/os/Parcel;";
    let msg = "Landroid/os/Message;";
    let foo = pb.ty("Lcom/ex/Foo;");
    let h = pb.ty("Lcom/ex/H;");
    let foo_init = pb.mref("Lcom/ex/Foo;", "<init>", &[], "V");
    let h_init = pb.mref("Lcom/ex/H;", "<init>", &[], "V");
    let obtain = pb.mref(parcel, "obtain", &[], parcel);
    let write_value = pb.mref(parcel, "writeValue", &["Ljava/lang/Object;"], "V");
    let dispatch = pb.mref("Landroid/os/Handler;", "dispatchMessage", &[msg], "V");
    let ops = vec![
        new(0, foo),
        direct(foo_init, &[0]),
        stat(obtain, &[]),
        res(1),
        virt(write_value, &[1, 0]),
        new(2, h),
        direct(h_init, &[2]),
        virt(dispatch, &[2, 3]),
        ret(),
    ];
    let oc = pb.class(
        cls("Lcom/ex/Main;", "Landroid/app/Activity;", &[]),
        vec![m("onCreate", &[BUNDLE], "V", 5, ops)],
    )[0];
    pb.class(
        cls(
            "Lcom/ex/Foo;",
            "Ljava/lang/Object;",
            &["Landroid/os/Parcelable;"],
        ),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m("writeToParcel", &[parcel, "I"], "V", 3, vec![ret()]),
        ],
    );
    pb.class(
        cls("Lcom/ex/H;", "Landroid/os/Handler;", &[]),
        vec![
            m("<init>", &[], "V", 1, vec![ret()]),
            m("handleMessage", &[msg], "V", 2, vec![ret()]),
        ],
    );
    let mf = manifest(vec![component(
        ComponentKind::Activity,
        "com.ex.Main",
        true,
        &[],
    )]);
    let (_, cg, _) = pb.graph(Some(&mf), &[], &opts());
    assert_eq!(
        edge_kinds(
            &pb,
            &cg,
            oc,
            "Lcom/ex/Foo;->writeToParcel(Landroid/os/Parcel;I)V"
        ),
        vec![EdgeKind::Async {
            receiver_arg: 1,
            params_from: Some(0)
        }]
    );
    assert_eq!(
        edge_kinds(
            &pb,
            &cg,
            oc,
            "Lcom/ex/H;->handleMessage(Landroid/os/Message;)V"
        ),
        vec![EdgeKind::Async {
            receiver_arg: 0,
            params_from: Some(1)
        }]
    );
}
