//! Taint across Android component boundaries on hand-built register IR: activity results
//! (`setResult` -> `onActivityResult`), intents from other apps (broad rule set), intents the
//! framework delivers nowhere, and library objects made from tainted data. Each test has the
//! twin that must stay silent.

use std::sync::Arc;

use dexflow::bytecode::ir::{Body, Insn, InvokeKind, Op, Reg};
use dexflow::bytecode::program::{ACC_PUBLIC, ClassDef, MethodDef, Program};
use dexflow::bytecode::{FieldId, MethodId};
use dexflow::callgraph::{CallGraph, CallTarget, EdgeKind, EntryKind, EntryPoint};
use dexflow::maps::{ChannelRule, Port, RuleSet, SinkRule, SourceKind, SourceRule};
use dexflow::taint::{Flow, SimpleModels, TaintOptions, TaintStatus, analyze};

const TM: &str = "Landroid/telephony/TelephonyManager;";
const SMS: &str = "Landroid/telephony/SmsManager;";
const INTENT: &str = "Landroid/content/Intent;";
const MAIN: &str = "Lcom/app/Main;";
const SECOND: &str = "Lcom/app/Second;";

/// A program and call graph built by hand (every class extends Object).
struct App {
    p: Program,
    methods: Vec<(String, MethodDef)>,
    cg: CallGraph,
}

impl App {
    fn new() -> Self {
        App {
            p: Program::new(),
            methods: Vec::new(),
            cg: CallGraph::default(),
        }
    }
    fn m(&mut self, class: &str, name: &str, params: &[&str], ret: &str) -> MethodId {
        self.p.intern_method_parts(class, name, params, ret)
    }
    fn f(&mut self, class: &str, name: &str, ty: &str) -> FieldId {
        self.p.intern_field_parts(class, name, ty)
    }
    /// An instance method with a body (pcs 0, 1, 2, ...), made an entry point.
    fn entry(
        &mut self,
        class: &str,
        name: &str,
        params: &[&str],
        regs: u16,
        ops: Vec<Op>,
    ) -> MethodId {
        let id = self.def(class, name, params, regs, ops);
        self.cg.entry_points.push(EntryPoint {
            method: id,
            kind: EntryKind::Lifecycle,
            component: None,
        });
        self.cg.reachable.insert(id);
        id
    }
    fn def(
        &mut self,
        class: &str,
        name: &str,
        params: &[&str],
        regs: u16,
        ops: Vec<Op>,
    ) -> MethodId {
        let id = self.m(class, name, params, "V");
        let n = params.len() as u16 + 1;
        let body = Body {
            registers: regs,
            param_regs: (regs - n..regs).collect(),
            insns: ops
                .into_iter()
                .enumerate()
                .map(|(i, op)| Insn { pc: i as u32, op })
                .collect(),
            tries: Vec::new(),
        };
        self.methods.push((
            class.to_string(),
            MethodDef::with_body(id, ACC_PUBLIC, body),
        ));
        id
    }
    fn edge(&mut self, caller: MethodId, pc: u32, target: MethodId, kind: EdgeKind) {
        let t = CallTarget {
            method: target,
            kind,
        };
        self.cg.targets.entry((caller, pc)).or_default().push(t);
        self.cg
            .callers
            .entry(target)
            .or_default()
            .push((caller, pc));
        self.cg.reachable.insert(target);
    }
    fn run(mut self, rule_set: RuleSet) -> Vec<Flow> {
        let mut by_class: std::collections::BTreeMap<String, Vec<MethodDef>> =
            std::collections::BTreeMap::new();
        for (c, d) in self.methods.drain(..) {
            by_class.entry(c).or_default().push(d);
        }
        let obj = self.p.intern_type("Ljava/lang/Object;");
        for (c, defs) in by_class {
            let ty = self.p.intern_type(&c);
            self.p.add_class(ClassDef {
                ty,
                access_flags: ACC_PUBLIC,
                super_class: Some(obj),
                interfaces: Vec::new(),
                dex: 0,
                annotations: Vec::new(),
                static_fields: Vec::new(),
                instance_fields: Vec::new(),
                direct_methods: Vec::new(),
                virtual_methods: defs,
            });
        }
        let opts = TaintOptions {
            rule_set,
            ..TaintOptions::default()
        };
        let r = analyze(&self.p, &self.cg, &models(), &opts);
        assert_eq!(r.status, TaintStatus::Complete);
        r.flows
    }
}

fn models() -> SimpleModels {
    let mut ms = SimpleModels::new();
    ms.model(TM, "getDeviceId()Ljava/lang/String;")
        .sources
        .push(SourceRule {
            id: Arc::from("imei"),
            category: Arc::from("device_id"),
            kind: SourceKind::Call,
            port: Port::Return,
            uri_arg: None,
            permissions: Vec::new(),
            rule_sets: Vec::new(),
        });
    let sink = |id: &str, cat: &str, port: u8| SinkRule {
        id: Arc::from(id),
        category: Arc::from(cat),
        ports: vec![Port::Arg(port)],
        destination: None,
        rule_sets: Vec::new(),
    };
    ms.model(SMS, "sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V")
        .sinks
        .push(sink("sms", "sms", 2));
    ms.model(MAIN, "startActivity(Landroid/content/Intent;)V")
        .sinks
        .push(sink("start", "intent", 0));
    let chan = |put: bool, value: Port| ChannelRule {
        channel: Arc::from("intent-extra"),
        put,
        key_arg: Some(0),
        value,
    };
    ms.model(
        INTENT,
        "putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;",
    )
    .channels
    .push(chan(true, Port::Arg(1)));
    ms.model(
        INTENT,
        "getStringExtra(Ljava/lang/String;)Ljava/lang/String;",
    )
    .channels
    .push(chan(false, Port::Return));
    ms
}

fn inv(kind: InvokeKind, method: MethodId, args: &[Reg]) -> Op {
    Op::Invoke {
        kind,
        method,
        args: args.to_vec(),
    }
}

fn cstr(dst: Reg, s: &str) -> Op {
    Op::ConstString {
        dst,
        value: Arc::from(s),
    }
}

/// `v_dst = tm.getDeviceId()` (tm in `tm`): two instructions.
fn imei(app: &mut App, tm: Reg, dst: Reg) -> Vec<Op> {
    let m = app.m(TM, "getDeviceId", &[], "Ljava/lang/String;");
    vec![inv(InvokeKind::Virtual, m, &[tm]), Op::MoveResult { dst }]
}

/// `sms.sendTextMessage(null, null, v, null, null)` (SmsManager in `sm`, null in `z`).
fn send_sms(app: &mut App, sm: Reg, z: Reg, v: Reg) -> Op {
    let m = app.m(
        SMS,
        "sendTextMessage",
        &[
            "Ljava/lang/String;",
            "Ljava/lang/String;",
            "Ljava/lang/String;",
            "Landroid/app/PendingIntent;",
            "Landroid/app/PendingIntent;",
        ],
        "V",
    );
    inv(InvokeKind::Virtual, m, &[sm, z, z, v, z, z])
}

fn sink_sites(flows: &[Flow]) -> Vec<(String, u32, String)> {
    let mut v: Vec<(String, u32, String)> = flows
        .iter()
        .map(|f| {
            (
                f.sink.site.method.clone(),
                f.sink.site.pc,
                f.source.category.to_string(),
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// `v_dst = intent.getStringExtra("k")` with the intent in `intent`: three instructions.
fn get_extra(app: &mut App, intent: Reg, key: Reg, dst: Reg) -> Vec<Op> {
    let get = app.m(
        INTENT,
        "getStringExtra",
        &["Ljava/lang/String;"],
        "Ljava/lang/String;",
    );
    vec![
        cstr(key, "k"),
        inv(InvokeKind::Virtual, get, &[intent, key]),
        Op::MoveResult { dst },
    ]
}

#[test]
fn set_result_reaches_the_starters_on_activity_result_only() {
    let mut app = App::new();
    let intent_t = app.p.intern_type(INTENT);
    let i_init = app.m(INTENT, "<init>", &[], "V");
    let put = app.m(
        INTENT,
        "putExtra",
        &["Ljava/lang/String;", "Ljava/lang/String;"],
        INTENT,
    );
    let set_result = app.m(SECOND, "setResult", &["I", INTENT], "V");
    // Second.onCreate: v1 = imei; v2 = new Intent(); v2.putExtra("k", v1); setResult(-1, v2)
    let mut ops = imei(&mut app, 0, 1);
    ops.extend([
        Op::NewInstance {
            dst: 2,
            ty: intent_t,
        },
        inv(InvokeKind::Direct, i_init, &[2]),
        cstr(3, "k"),
        inv(InvokeKind::Virtual, put, &[2, 3, 1]),
        Op::Const { dst: 0, value: -1 },
        inv(InvokeKind::Virtual, set_result, &[6, 0, 2]), // pc 7
        Op::ReturnVoid,
    ]);
    let second = app.entry(SECOND, "onCreate", &[], 7, ops);
    // Main.onActivityResult(int, int, Intent data): sms(data.getStringExtra("k"))
    let mut ops = get_extra(&mut app, 9, 0, 1);
    ops.push(send_sms(&mut app, 2, 3, 1));
    ops.push(Op::ReturnVoid);
    let result_cb = app.entry(MAIN, "onActivityResult", &["I", "I", INTENT], 10, ops);
    // Main.onNewIntent(Intent i): the intents that start Main do not carry the result
    let mut ops = get_extra(&mut app, 5, 0, 1);
    ops.push(send_sms(&mut app, 2, 3, 1));
    ops.push(Op::ReturnVoid);
    app.entry(MAIN, "onNewIntent", &[INTENT], 6, ops);
    app.edge(second, 7, result_cb, EdgeKind::Icc);
    let sig = "Lcom/app/Main;->onActivityResult(IILandroid/content/Intent;)V";
    assert_eq!(
        sink_sites(&app.run(RuleSet::Privacy)),
        vec![(sig.to_string(), 3, "device_id".to_string())]
    );
}

#[test]
fn intents_from_other_apps_are_sources_in_the_broad_rule_set() {
    let build = |external: bool| {
        let mut app = App::new();
        let get_intent = app.m(MAIN, "getIntent", &[], INTENT);
        // Main.onCreate: sms(getIntent().getStringExtra("k"))
        let mut ops = vec![
            inv(InvokeKind::Virtual, get_intent, &[5]),
            Op::MoveResult { dst: 4 },
        ];
        ops.extend(get_extra(&mut app, 4, 0, 1));
        ops.push(send_sms(&mut app, 2, 3, 1));
        ops.push(Op::ReturnVoid);
        app.entry(MAIN, "onCreate", &[], 6, ops);
        if external {
            let t = app.p.intern_type(MAIN);
            app.cg.external_intents.insert(t);
        }
        app
    };
    let flows = build(true).run(RuleSet::Broad);
    assert_eq!(
        sink_sites(&flows),
        vec![(format!("{MAIN}->onCreate()V"), 5, "intent_data".to_string())]
    );
    assert_eq!(&*flows[0].source.rule, "intent.external");
    assert_eq!(flows[0].source.site.pc, 0);
    assert!(build(true).run(RuleSet::Privacy).is_empty());
    assert!(build(false).run(RuleSet::Broad).is_empty());
}

#[test]
fn an_intent_delivered_nowhere_is_no_intent_sink() {
    let build = |undelivered: bool| {
        let mut app = App::new();
        let intent_t = app.p.intern_type(INTENT);
        let i_init = app.m(INTENT, "<init>", &[], "V");
        let put = app.m(
            INTENT,
            "putExtra",
            &["Ljava/lang/String;", "Ljava/lang/String;"],
            INTENT,
        );
        let start = app.m(MAIN, "startActivity", &[INTENT], "V");
        let mut ops = imei(&mut app, 0, 1);
        ops.extend([
            Op::NewInstance {
                dst: 2,
                ty: intent_t,
            },
            inv(InvokeKind::Direct, i_init, &[2]),
            cstr(3, "k"),
            inv(InvokeKind::Virtual, put, &[2, 3, 1]),
            inv(InvokeKind::Virtual, start, &[5, 2]), // pc 6
            Op::ReturnVoid,
        ]);
        let m = app.entry(MAIN, "onCreate", &[], 6, ops);
        if undelivered {
            app.cg.undelivered_icc.insert((m, 6));
        }
        app
    };
    assert_eq!(
        sink_sites(&build(false).run(RuleSet::Broad)),
        vec![(format!("{MAIN}->onCreate()V"), 6, "device_id".to_string())]
    );
    assert!(build(true).run(RuleSet::Broad).is_empty());
}

#[test]
fn fields_of_a_library_object_made_from_tainted_data() {
    let build = |tainted: bool| {
        let mut app = App::new();
        let msg = "Landroid/os/Message;";
        let obtain = app.m(msg, "obtain", &["Ljava/lang/String;"], msg);
        let f = app.f(msg, "obj", "Ljava/lang/Object;");
        let handle = app.m("Lcom/app/H;", "handle", &[msg], "V");
        // H.handle(Message m): sms(m.obj)
        let hops = vec![
            Op::IGet {
                dst: 1,
                obj: 5,
                field: f,
            },
            send_sms(&mut app, 2, 3, 1),
            Op::ReturnVoid,
        ];
        let h = app.def("Lcom/app/H;", "handle", &[msg], 6, hops);
        // onCreate: v1 = imei or "x"; m = Message.obtain(v1); sms(m.obj); h.handle(m)
        let mut ops = if tainted {
            imei(&mut app, 0, 1)
        } else {
            vec![cstr(1, "x"), Op::Nop]
        };
        ops.extend([
            inv(InvokeKind::Static, obtain, &[1]),
            Op::MoveResult { dst: 4 },
            Op::IGet {
                dst: 0,
                obj: 4,
                field: f,
            },
            send_sms(&mut app, 2, 3, 0),               // pc 5
            inv(InvokeKind::Virtual, handle, &[6, 4]), // pc 6
            Op::ReturnVoid,
        ]);
        let m = app.entry(MAIN, "onCreate", &[], 7, ops);
        app.edge(m, 6, h, EdgeKind::Direct);
        app
    };
    assert_eq!(
        sink_sites(&build(true).run(RuleSet::Privacy)),
        vec![
            (
                "Lcom/app/H;->handle(Landroid/os/Message;)V".to_string(),
                1,
                "device_id".to_string()
            ),
            (format!("{MAIN}->onCreate()V"), 5, "device_id".to_string()),
        ]
    );
    assert!(build(false).run(RuleSet::Privacy).is_empty());
}
