//! Taint engine behaviour on hand-built register IR: one test per feature, each with the
//! negative twin that must stay silent.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use dexflow::bytecode::ir::{
    BinOp, Body, CallSite, CmpKind, Handler, Insn, InvokeKind, Op, Reg, TryBlock,
};
use dexflow::bytecode::program::{
    ACC_ABSTRACT, ACC_FINAL, ACC_INTERFACE, ACC_PUBLIC, ACC_STATIC, Annotation, ClassDef, FieldDef,
    MethodDef, Program, Value,
};
use dexflow::bytecode::{FieldId, MethodId};
use dexflow::callgraph::{CallGraph, CallTarget, EdgeKind, EntryKind, EntryPoint};
use dexflow::maps::{ChannelRule, Port, PropagationRule, SinkRule, SourceKind, SourceRule};
use dexflow::taint::{Confidence, Flow, SimpleModels, TaintOptions, TaintStatus, analyze};

const TM: &str = "Landroid/telephony/TelephonyManager;";
const SMS: &str = "Landroid/telephony/SmsManager;";
const STR: &str = "Ljava/lang/String;";
const OBJ: &str = "Ljava/lang/Object;";
const INTENT: &str = "Landroid/content/Intent;";

/// Splits `Lcls;->name(params)ret` into its parts.
fn parse_sig(sig: &str) -> (String, String, Vec<String>, String) {
    let (cls, rest) = sig.split_once("->").unwrap();
    let (name, rest) = rest.split_once('(').unwrap();
    let (params, ret) = rest.split_once(')').unwrap();
    let mut ps = Vec::new();
    let b = params.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let s = i;
        while b[i] == b'[' {
            i += 1;
        }
        if b[i] == b'L' {
            while b[i] != b';' {
                i += 1;
            }
        }
        i += 1;
        ps.push(params[s..i].to_string());
    }
    (cls.into(), name.into(), ps, ret.into())
}

/// (name, superclass, interfaces, access flags, methods, static fields)
type ClassSpec = (
    String,
    Option<String>,
    Vec<String>,
    u32,
    Vec<MethodDef>,
    Vec<FieldDef>,
);

struct App {
    p: Program,
    classes: Vec<ClassSpec>,
    entries: Vec<EntryPoint>,
    targets: Vec<((MethodId, u32), CallTarget)>,
}

impl App {
    fn new() -> Self {
        App {
            p: Program::new(),
            classes: Vec::new(),
            entries: Vec::new(),
            targets: Vec::new(),
        }
    }
    fn m(&mut self, sig: &str) -> MethodId {
        let (c, n, ps, r) = parse_sig(sig);
        let ps: Vec<&str> = ps.iter().map(|s| s.as_str()).collect();
        self.p.intern_method_parts(&c, &n, &ps, &r)
    }
    fn f(&mut self, cls: &str, name: &str, ty: &str) -> FieldId {
        self.p.intern_field_parts(cls, name, ty)
    }
    fn class(&mut self, name: &str, sup: Option<&str>) -> usize {
        if let Some(i) = self.classes.iter().position(|c| c.0 == name) {
            return i;
        }
        self.classes.push((
            name.into(),
            sup.map(|s| s.to_string()),
            Vec::new(),
            ACC_PUBLIC,
            Vec::new(),
            Vec::new(),
        ));
        self.classes.len() - 1
    }
    /// Defines a method with a body; instructions get pcs 0, 1, 2, ...
    fn def(&mut self, sig: &str, is_static: bool, registers: u16, ops: Vec<Op>) -> MethodId {
        self.def_try(sig, is_static, registers, ops, Vec::new())
    }
    fn def_try(
        &mut self,
        sig: &str,
        is_static: bool,
        registers: u16,
        ops: Vec<Op>,
        tries: Vec<TryBlock>,
    ) -> MethodId {
        let id = self.m(sig);
        let (c, _, ps, _) = parse_sig(sig);
        let nparams = ps.len() + usize::from(!is_static);
        let first = registers as usize - nparams;
        let param_regs: Vec<Reg> = (0..nparams).map(|i| (first + i) as Reg).collect();
        let insns = ops
            .into_iter()
            .enumerate()
            .map(|(i, op)| Insn { pc: i as u32, op })
            .collect();
        let body = Body {
            registers,
            param_regs,
            insns,
            tries,
        };
        let flags = ACC_PUBLIC | if is_static { ACC_STATIC } else { 0 };
        let ci = self.class(&c, Some(OBJ));
        self.classes[ci]
            .4
            .push(MethodDef::with_body(id, flags, body));
        id
    }
    fn entry(&mut self, m: MethodId) {
        self.entries.push(EntryPoint {
            method: m,
            kind: EntryKind::Lifecycle,
            component: None,
        });
    }
    fn edge(&mut self, caller: MethodId, pc: u32, target: MethodId, kind: EdgeKind) {
        self.targets.push((
            (caller, pc),
            CallTarget {
                method: target,
                kind,
            },
        ));
    }
    fn build(mut self) -> (Program, CallGraph) {
        for (name, sup, ifaces, flags, methods, sfields) in self.classes.drain(..) {
            let ty = self.p.intern_type(&name);
            let sup = sup.map(|s| self.p.intern_type(&s));
            let interfaces = ifaces.iter().map(|i| self.p.intern_type(i)).collect();
            let (direct, virt): (Vec<MethodDef>, Vec<MethodDef>) =
                methods.into_iter().partition(|m| m.is_static());
            self.p.add_class(ClassDef {
                ty,
                access_flags: flags,
                super_class: sup,
                interfaces,
                dex: 0,
                annotations: Vec::new(),
                static_fields: sfields,
                instance_fields: Vec::new(),
                direct_methods: direct,
                virtual_methods: virt,
            });
        }
        let mut cg = CallGraph::default();
        for e in &self.entries {
            cg.reachable.insert(e.method);
        }
        cg.entry_points = self.entries;
        for (k, t) in self.targets {
            cg.targets.entry(k).or_default().push(t);
            cg.callers.entry(t.method).or_default().push(k);
        }
        (self.p, cg)
    }
}

fn models() -> SimpleModels {
    let mut ms = SimpleModels::new();
    let src = |id: &str, cat: &str| SourceRule {
        id: Arc::from(id),
        category: Arc::from(cat),
        kind: SourceKind::Call,
        port: Port::Return,
        uri_arg: None,
        permissions: Vec::new(),
        rule_sets: Vec::new(),
    };
    let sink = |id: &str, cat: &str, ports: Vec<Port>, dest: Option<Port>| SinkRule {
        id: Arc::from(id),
        category: Arc::from(cat),
        ports,
        destination: dest,
        rule_sets: Vec::new(),
    };
    ms.model(TM, "getDeviceId()Ljava/lang/String;")
        .sources
        .push(src("imei", "device_id"));
    ms.model(SMS, "sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V")
        .sinks
        .push(sink("sms", "sms", vec![Port::Arg(2)], None));
    ms.model(
        "Landroid/util/Log;",
        "i(Ljava/lang/String;Ljava/lang/String;)I",
    )
    .sinks
    .push(sink("log", "log", vec![Port::Arg(1)], None));
    ms.model(
        "Lokhttp3/Http;",
        "post(Ljava/lang/String;Ljava/lang/String;)V",
    )
    .sinks
    .push(sink(
        "net",
        "network",
        vec![Port::Arg(1)],
        Some(Port::Arg(0)),
    ));
    let put = ms.model(
        INTENT,
        "putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;",
    );
    put.channels.push(ChannelRule {
        channel: Arc::from("intent-extra"),
        put: true,
        key_arg: Some(0),
        value: Port::Arg(1),
    });
    put.propagations.push(PropagationRule {
        from: vec![Port::This],
        to: vec![Port::Return],
    });
    ms.model(
        INTENT,
        "getStringExtra(Ljava/lang/String;)Ljava/lang/String;",
    )
    .channels
    .push(ChannelRule {
        channel: Arc::from("intent-extra"),
        put: false,
        key_arg: Some(0),
        value: Port::Return,
    });
    ms.model(
        "Landroid/content/SharedPreferences$Editor;",
        "putString(Ljava/lang/String;Ljava/lang/String;)Landroid/content/SharedPreferences$Editor;",
    )
    .channels
    .push(ChannelRule {
        channel: Arc::from("shared-preferences"),
        put: true,
        key_arg: Some(0),
        value: Port::Arg(1),
    });
    ms.model(
        "Landroid/content/SharedPreferences;",
        "getString(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
    )
    .channels
    .push(ChannelRule {
        channel: Arc::from("shared-preferences"),
        put: false,
        key_arg: Some(0),
        value: Port::Return,
    });
    ms.model(
        "Lcom/lib/Hash;",
        "sha(Ljava/lang/String;)Ljava/lang/String;",
    )
    .sanitizer = true;
    ms.model(
        "Landroid/location/LocationListener;",
        "onLocationChanged(Landroid/location/Location;)V",
    )
    .sources
    .push(SourceRule {
        kind: SourceKind::CallbackParameter,
        port: Port::Arg(0),
        ..src("location-cb", "location")
    });
    ms.model(
        "Landroid/content/ContentResolver;",
        "query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;",
    )
    .sources
    .push(SourceRule {
        uri_arg: Some(0),
        ..src("cp-query", "content_provider")
    });
    ms.uris.push((
        "content://com.android.contacts".into(),
        Arc::from("contacts"),
        Confidence::High,
    ));
    // annotations.toml: the Retrofit verb the tests use
    ms.http_requests
        .insert("Lretrofit2/http/POST;".into(), true);
    ms
}

fn inv(kind: InvokeKind, method: MethodId, args: &[Reg]) -> Op {
    Op::Invoke {
        kind,
        method,
        args: args.to_vec(),
    }
}

/// `v_dst = tm.getDeviceId()` as two instructions (tm in register `tm`).
fn imei(app: &mut App, tm: Reg, dst: Reg) -> Vec<Op> {
    let m = app.m(&format!("{TM}->getDeviceId()Ljava/lang/String;"));
    vec![inv(InvokeKind::Virtual, m, &[tm]), Op::MoveResult { dst }]
}

/// `sms.sendTextMessage(null, null, v, null, null)` with the SmsManager in `sm` and null in `z`.
fn send_sms(app: &mut App, sm: Reg, z: Reg, v: Reg) -> Op {
    let m = app.m(&format!("{SMS}->sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V"));
    inv(InvokeKind::Virtual, m, &[sm, z, z, v, z, z])
}

fn log(app: &mut App, tag: Reg, v: Reg) -> Op {
    let m = app.m("Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I");
    inv(InvokeKind::Static, m, &[tag, v])
}

fn run(app: App) -> Vec<Flow> {
    run_with(app, &TaintOptions::default())
}

fn run_with(app: App, opts: &TaintOptions) -> Vec<Flow> {
    let (p, cg) = app.build();
    let r = analyze(&p, &cg, &models(), opts);
    assert_eq!(r.status, TaintStatus::Complete);
    r.flows
}

fn sink_sites(flows: &[Flow]) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = flows
        .iter()
        .map(|f| (f.sink.site.method.clone(), f.sink.site.pc))
        .collect();
    v.sort();
    v.dedup();
    v
}

const ACT: &str = "Lcom/app/Main;";

fn main_sig(name: &str) -> String {
    format!("{ACT}->{name}()V")
}

#[test]
fn direct_leak_and_untainted_twin() {
    let mut app = App::new();
    // v0 tm, v1 imei, v2 sms, v3 null, v4 const
    let mut ops = imei(&mut app, 0, 1);
    ops.push(send_sms(&mut app, 2, 3, 1));
    ops.push(Op::ConstString {
        dst: 4,
        value: Arc::from("hello"),
    });
    ops.push(send_sms(&mut app, 2, 3, 4));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 6, ops);
    app.entry(m);
    let flows = run(app);
    assert_eq!(flows.len(), 1, "{flows:#?}");
    let f = &flows[0];
    assert_eq!(f.source.category, "device_id");
    assert_eq!(f.source.site.pc, 0);
    assert_eq!(f.sink.category, "sms");
    assert_eq!(f.sink.site.pc, 2);
    assert_eq!(f.sink.site.method, main_sig("onCreate"));
    assert_eq!(f.path.first(), Some(&f.source.site));
    assert_eq!(f.path.last(), Some(&f.sink.site));
}

#[test]
fn field_sensitive_instance_fields() {
    let mut app = App::new();
    let fa = app.f("Lcom/app/Box;", "a", STR);
    let fb = app.f("Lcom/app/Box;", "b", STR);
    let box_t = app.p.intern_type("Lcom/app/Box;");
    let mut ops = vec![Op::NewInstance { dst: 5, ty: box_t }];
    ops.extend(imei(&mut app, 0, 1));
    ops.push(Op::IPut {
        src: 1,
        obj: 5,
        field: fa,
    });
    ops.push(Op::IGet {
        dst: 6,
        obj: 5,
        field: fb,
    });
    ops.push(send_sms(&mut app, 2, 3, 6)); // pc 5: clean field b
    ops.push(Op::IGet {
        dst: 7,
        obj: 5,
        field: fa,
    });
    ops.push(send_sms(&mut app, 2, 3, 7)); // pc 7: tainted field a
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 9, ops);
    app.entry(m);
    let flows = run(app);
    assert_eq!(sink_sites(&flows), vec![(main_sig("onCreate"), 7)]);
}

#[test]
fn static_field_between_entry_points() {
    let mut app = App::new();
    let sf = app.f(ACT, "leak", STR);
    let mut ops = imei(&mut app, 0, 1);
    ops.push(Op::SPut { src: 1, field: sf });
    ops.push(Op::ReturnVoid);
    let a = app.def(&main_sig("onCreate"), false, 4, ops);
    let ops = vec![
        Op::SGet { dst: 1, field: sf },
        send_sms(&mut app, 2, 3, 1),
        Op::ReturnVoid,
    ];
    let b = app.def("Lcom/app/Other;->onStart()V", false, 5, ops);
    app.entry(a);
    app.entry(b);
    let flows = run(app);
    assert_eq!(
        sink_sites(&flows),
        vec![("Lcom/app/Other;->onStart()V".into(), 1)]
    );
}

#[test]
fn array_element_carries_taint() {
    let mut app = App::new();
    let arr_t = app.p.intern_type("[Ljava/lang/String;");
    let mut ops = imei(&mut app, 0, 1);
    ops.push(Op::Const { dst: 4, value: 1 });
    ops.push(Op::NewArray {
        dst: 5,
        size: 4,
        ty: arr_t,
    });
    ops.push(Op::APut {
        src: 1,
        array: 5,
        index: 4,
    });
    ops.push(Op::AGet {
        dst: 6,
        array: 5,
        index: 4,
    });
    ops.push(send_sms(&mut app, 2, 3, 6));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 8, ops);
    app.entry(m);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 6)]);
}

#[test]
fn must_alias_through_move_and_heap() {
    let mut app = App::new();
    let fa = app.f("Lcom/app/Box;", "a", STR);
    let box_t = app.p.intern_type("Lcom/app/Box;");
    let mut ops = vec![
        Op::NewInstance { dst: 5, ty: box_t },
        Op::Move { dst: 6, src: 5 },
        Op::NewInstance { dst: 8, ty: box_t },
    ];
    ops.extend(imei(&mut app, 0, 1));
    ops.push(Op::IPut {
        src: 1,
        obj: 5,
        field: fa,
    });
    ops.push(Op::IGet {
        dst: 7,
        obj: 6,
        field: fa,
    });
    ops.push(send_sms(&mut app, 2, 3, 7)); // pc 7: alias of the tainted box
    ops.push(Op::IGet {
        dst: 9,
        obj: 8,
        field: fa,
    });
    ops.push(send_sms(&mut app, 2, 3, 9)); // pc 9: another box
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 11, ops);
    app.entry(m);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 7)]);
}

#[test]
fn strong_updates_kill_taint() {
    let mut app = App::new();
    let fa = app.f("Lcom/app/Box;", "a", STR);
    let box_t = app.p.intern_type("Lcom/app/Box;");
    let mut ops = vec![Op::NewInstance { dst: 5, ty: box_t }];
    ops.extend(imei(&mut app, 0, 1));
    ops.push(Op::IPut {
        src: 1,
        obj: 5,
        field: fa,
    });
    ops.push(Op::ConstString {
        dst: 1,
        value: Arc::from("clean"),
    });
    ops.push(Op::IPut {
        src: 1,
        obj: 5,
        field: fa,
    });
    ops.push(Op::IGet {
        dst: 6,
        obj: 5,
        field: fa,
    });
    ops.push(send_sms(&mut app, 2, 3, 6));
    ops.push(send_sms(&mut app, 2, 3, 1));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 8, ops);
    app.entry(m);
    assert!(run(app).is_empty());
}

#[test]
fn callee_summaries_are_context_sensitive() {
    let mut app = App::new();
    let id = app.def(
        "Lcom/app/Util;->id(Ljava/lang/String;)Ljava/lang/String;",
        true,
        1,
        vec![Op::Return { src: 0 }],
    );
    let mut ops = imei(&mut app, 0, 1);
    ops.push(inv(InvokeKind::Static, id, &[1])); // 2
    ops.push(Op::MoveResult { dst: 4 });
    ops.push(Op::ConstString {
        dst: 5,
        value: Arc::from("x"),
    });
    ops.push(inv(InvokeKind::Static, id, &[5])); // 5
    ops.push(Op::MoveResult { dst: 6 });
    ops.push(send_sms(&mut app, 2, 3, 6)); // 7 clean
    ops.push(send_sms(&mut app, 2, 3, 4)); // 8 tainted
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 8, ops);
    app.entry(m);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 8)]);
}

#[test]
fn source_in_callee_and_sink_in_callee() {
    let mut app = App::new();
    let get_sig = "Lcom/app/Util;->imei(Landroid/telephony/TelephonyManager;)Ljava/lang/String;";
    let mut ops = imei(&mut app, 0, 1);
    ops.push(Op::Return { src: 1 });
    let get = app.def(get_sig, true, 2, ops);
    // leak(sms, s): sends s
    let leak_sig = "Lcom/app/Util;->leak(Landroid/telephony/SmsManager;Ljava/lang/String;)V";
    let ops = vec![
        Op::Const { dst: 0, value: 0 },
        send_sms(&mut app, 1, 0, 2),
        Op::ReturnVoid,
    ];
    let leak = app.def(leak_sig, true, 3, ops);
    let ops = vec![
        inv(InvokeKind::Static, get, &[0]), // 0
        Op::MoveResult { dst: 1 },
        inv(InvokeKind::Static, leak, &[2, 1]), // 2
        Op::ConstString {
            dst: 3,
            value: Arc::from("x"),
        },
        inv(InvokeKind::Static, leak, &[2, 3]), // 4: clean call of the same sink method
        Op::ReturnVoid,
    ];
    let m = app.def(&main_sig("onCreate"), false, 5, ops);
    app.entry(m);
    let flows = run(app);
    assert_eq!(flows.len(), 1, "{flows:#?}");
    let f = &flows[0];
    assert_eq!(f.source.site.method, get_sig);
    assert_eq!(f.sink.site.method, leak_sig);
    assert_eq!(f.sink.site.pc, 1);
    let path: Vec<(String, u32)> = f.path.iter().map(|s| (s.method.clone(), s.pc)).collect();
    assert_eq!(
        path,
        vec![
            (get_sig.to_string(), 0),
            (main_sig("onCreate"), 0),
            (main_sig("onCreate"), 2),
            (leak_sig.to_string(), 1),
        ]
    );
}

#[test]
fn async_edge_maps_receiver_and_fields() {
    let mut app = App::new();
    let task = "Lcom/app/Task;";
    let fdata = app.f(task, "data", STR);
    let fsms = app.f(task, "sms", SMS);
    // Task.run(): sms.send(this.data)
    let ops = vec![
        Op::IGet {
            dst: 0,
            obj: 3,
            field: fdata,
        },
        Op::IGet {
            dst: 1,
            obj: 3,
            field: fsms,
        },
        Op::Const { dst: 2, value: 0 },
        send_sms(&mut app, 1, 2, 0),
        Op::ReturnVoid,
    ];
    let run_m = app.def(&format!("{task}->run()V"), false, 4, ops);
    let exec = app.m("Ljava/util/concurrent/Executor;->execute(Ljava/lang/Runnable;)V");
    let task_t = app.p.intern_type(task);
    let mut ops = imei(&mut app, 0, 1);
    ops.push(Op::NewInstance { dst: 5, ty: task_t }); // 2
    ops.push(Op::IPut {
        src: 1,
        obj: 5,
        field: fdata,
    });
    ops.push(Op::IPut {
        src: 2,
        obj: 5,
        field: fsms,
    });
    ops.push(inv(InvokeKind::Interface, exec, &[6, 5])); // 5
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 8, ops);
    app.edge(
        m,
        5,
        run_m,
        EdgeKind::Async {
            receiver_arg: 1,
            params_from: None,
        },
    );
    app.entry(m);
    let flows = run(app);
    assert_eq!(sink_sites(&flows), vec![(format!("{task}->run()V"), 3)]);
    assert!(
        flows[0]
            .path
            .iter()
            .any(|s| s.method == main_sig("onCreate") && s.pc == 5)
    );
}

#[test]
fn lifecycle_fields_persist_across_entry_points() {
    let mut app = App::new();
    let fl = app.f(ACT, "id", STR);
    let fclean = app.f(ACT, "name", STR);
    // onCreate(): this.id = imei   (this = v4)
    let mut ops = imei(&mut app, 0, 1);
    ops.push(Op::IPut {
        src: 1,
        obj: 4,
        field: fl,
    });
    ops.push(Op::ReturnVoid);
    let a = app.def(&main_sig("onCreate"), false, 5, ops);
    // onResume(): send(this.id); send(this.name)   (this = v4)
    let ops = vec![
        Op::IGet {
            dst: 1,
            obj: 4,
            field: fl,
        },
        send_sms(&mut app, 2, 3, 1),
        Op::IGet {
            dst: 1,
            obj: 4,
            field: fclean,
        },
        send_sms(&mut app, 2, 3, 1),
        Op::ReturnVoid,
    ];
    let b = app.def(&main_sig("onResume"), false, 5, ops);
    app.entry(a);
    app.entry(b);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onResume"), 1)]);
}

fn intent_app(put_key: &str, get_key: &str) -> App {
    let mut app = App::new();
    let put = app.m(&format!(
        "{INTENT}->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;"
    ));
    let get = app.m(&format!(
        "{INTENT}->getStringExtra(Ljava/lang/String;)Ljava/lang/String;"
    ));
    let mut ops = imei(&mut app, 0, 1);
    ops.push(Op::ConstString {
        dst: 2,
        value: Arc::from(put_key),
    });
    ops.push(inv(InvokeKind::Virtual, put, &[3, 2, 1]));
    ops.push(Op::ReturnVoid);
    let a = app.def(&main_sig("onCreate"), false, 5, ops);
    let ops = vec![
        Op::ConstString {
            dst: 0,
            value: Arc::from(get_key),
        },
        inv(InvokeKind::Virtual, get, &[4, 0]),
        Op::MoveResult { dst: 1 },
        send_sms(&mut app, 2, 3, 1),
        Op::ReturnVoid,
    ];
    let b = app.def("Lcom/app/Second;->onCreate()V", false, 6, ops);
    app.entry(a);
    app.entry(b);
    app
}

#[test]
fn intent_extra_channel_by_key() {
    let flows = run(intent_app("secret", "secret"));
    assert_eq!(
        sink_sites(&flows),
        vec![("Lcom/app/Second;->onCreate()V".into(), 3)]
    );
    assert!(run(intent_app("secret", "other")).is_empty());
}

#[test]
fn shared_preferences_channel() {
    let mut app = App::new();
    let put = app.m("Landroid/content/SharedPreferences$Editor;->putString(Ljava/lang/String;Ljava/lang/String;)Landroid/content/SharedPreferences$Editor;");
    let get = app.m("Landroid/content/SharedPreferences;->getString(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;");
    let mut ops = imei(&mut app, 0, 1);
    ops.push(Op::ConstString {
        dst: 2,
        value: Arc::from("k"),
    });
    ops.push(inv(InvokeKind::Interface, put, &[3, 2, 1]));
    ops.push(Op::ReturnVoid);
    let a = app.def(&main_sig("onPause"), false, 5, ops);
    let ops = vec![
        Op::ConstString {
            dst: 0,
            value: Arc::from("k"),
        },
        inv(InvokeKind::Interface, get, &[4, 0, 0]),
        Op::MoveResult { dst: 1 },
        log(&mut app, 0, 1),
        Op::ConstString {
            dst: 0,
            value: Arc::from("other"),
        },
        inv(InvokeKind::Interface, get, &[4, 0, 0]),
        Op::MoveResult { dst: 1 },
        log(&mut app, 0, 1),
        Op::ReturnVoid,
    ];
    let b = app.def(&main_sig("onResume"), false, 6, ops);
    app.entry(a);
    app.entry(b);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onResume"), 3)]);
}

#[test]
fn exception_carries_taint_to_handler() {
    let mut app = App::new();
    let ex_t = app.p.intern_type("Ljava/lang/RuntimeException;");
    let init = app.m("Ljava/lang/RuntimeException;-><init>(Ljava/lang/String;)V");
    let get_msg = app.m("Ljava/lang/Throwable;->getMessage()Ljava/lang/String;");
    let mut ops = imei(&mut app, 0, 1); // 0,1
    ops.push(Op::NewInstance { dst: 5, ty: ex_t }); // 2
    ops.push(inv(InvokeKind::Direct, init, &[5, 1])); // 3
    ops.push(Op::Throw { src: 5 }); // 4
    ops.push(Op::MoveException { dst: 6 }); // 5 handler
    ops.push(inv(InvokeKind::Virtual, get_msg, &[6])); // 6
    ops.push(Op::MoveResult { dst: 7 });
    ops.push(send_sms(&mut app, 2, 3, 7)); // 8
    ops.push(Op::ReturnVoid);
    let tries = vec![TryBlock {
        start_pc: 2,
        end_pc: 5,
        handlers: vec![Handler {
            exception: None,
            target: 5,
        }],
    }];
    let m = app.def_try(&main_sig("onCreate"), false, 9, ops, tries);
    app.entry(m);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 8)]);
}

fn implicit_app() -> App {
    let mut app = App::new();
    let eq = app.m("Ljava/lang/String;->equals(Ljava/lang/Object;)Z");
    let mut ops = imei(&mut app, 0, 1); // 0,1
    ops.push(Op::ConstString {
        dst: 4,
        value: Arc::from("123"),
    }); // 2
    ops.push(inv(InvokeKind::Virtual, eq, &[1, 4])); // 3
    ops.push(Op::MoveResult { dst: 5 }); // 4
    ops.push(Op::If {
        cmp: CmpKind::Eq,
        a: 5,
        b: None,
        target: 8,
    }); // 5
    ops.push(Op::ConstString {
        dst: 6,
        value: Arc::from("yes"),
    }); // 6
    ops.push(Op::Goto { target: 9 }); // 7
    ops.push(Op::ConstString {
        dst: 6,
        value: Arc::from("no"),
    }); // 8
    ops.push(send_sms(&mut app, 2, 3, 6)); // 9
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 8, ops);
    app.entry(m);
    app
}

#[test]
fn implicit_flows_only_with_the_option() {
    assert!(run(implicit_app()).is_empty());
    let opts = TaintOptions {
        implicit: true,
        ..TaintOptions::default()
    };
    assert_eq!(
        sink_sites(&run_with(implicit_app(), &opts)),
        vec![(main_sig("onCreate"), 9)]
    );
}

#[test]
fn sanitizer_clears_taint() {
    let mut app = App::new();
    let sha = app.m("Lcom/lib/Hash;->sha(Ljava/lang/String;)Ljava/lang/String;");
    let conc = app.m("Lcom/lib/Other;->mix(Ljava/lang/String;)Ljava/lang/String;");
    let mut ops = imei(&mut app, 0, 1);
    ops.push(inv(InvokeKind::Static, sha, &[1])); // 2
    ops.push(Op::MoveResult { dst: 4 });
    ops.push(send_sms(&mut app, 2, 3, 4)); // 4: sanitized
    ops.push(inv(InvokeKind::Static, conc, &[1])); // 5: unknown library: default propagation
    ops.push(Op::MoveResult { dst: 4 });
    ops.push(send_sms(&mut app, 2, 3, 4)); // 7
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 6, ops);
    app.entry(m);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 7)]);
}

/// Caller passes a box; callee writes `p.f.x = imei` through reads; caller sends `p.f.y`.
fn deep_path_app() -> App {
    let mut app = App::new();
    let box_t = "Lcom/app/Box;";
    let ff = app.f(box_t, "f", box_t);
    let fx = app.f(box_t, "x", STR);
    let fy = app.f(box_t, "y", STR);
    let mut ops = imei(&mut app, 0, 1); // v0 tm, v1 imei; param v2 = box
    ops.push(Op::IGet {
        dst: 3,
        obj: 2,
        field: ff,
    });
    ops.push(Op::IPut {
        src: 1,
        obj: 3,
        field: fx,
    });
    ops.push(Op::ReturnVoid);
    let fill = app.def("Lcom/app/Util;->fill(Lcom/app/Box;)V", true, 3, ops);
    let box_ty = app.p.intern_type(box_t);
    let ops = vec![
        Op::NewInstance { dst: 0, ty: box_ty },
        Op::NewInstance { dst: 1, ty: box_ty },
        Op::IPut {
            src: 1,
            obj: 0,
            field: ff,
        },
        inv(InvokeKind::Static, fill, &[0]), // 3
        Op::IGet {
            dst: 5,
            obj: 0,
            field: ff,
        },
        Op::IGet {
            dst: 6,
            obj: 5,
            field: fy,
        },
        send_sms(&mut app, 2, 3, 6), // 6: clean field y
        Op::IGet {
            dst: 6,
            obj: 5,
            field: fx,
        },
        send_sms(&mut app, 2, 3, 6), // 8: tainted field x
        Op::ReturnVoid,
    ];
    let m = app.def(&main_sig("onCreate"), false, 8, ops);
    app.entry(m);
    app
}

#[test]
fn access_path_cap_collapses_deeper_fields() {
    assert_eq!(
        sink_sites(&run(deep_path_app())),
        vec![(main_sig("onCreate"), 8)]
    );
    // with k = 1 the callee's p.f stands for all its fields: over-approximate, never lost
    let opts = TaintOptions {
        access_path_len: 1,
        ..TaintOptions::default()
    };
    assert_eq!(
        sink_sites(&run_with(deep_path_app(), &opts)),
        vec![(main_sig("onCreate"), 6), (main_sig("onCreate"), 8)]
    );
}

#[test]
fn timeout_gives_partial_status() {
    let (p, cg) = deep_path_app().build();
    let opts = TaintOptions {
        timeout: Some(Duration::ZERO),
        ..TaintOptions::default()
    };
    let r = analyze(&p, &cg, &models(), &opts);
    assert_eq!(r.status, TaintStatus::Partial);
    assert!(r.diagnostics.iter().any(|d| d.code == "taint-timeout"));
}

#[test]
fn one_thread_and_many_give_the_same_flows() {
    let one = run_with(
        deep_path_app(),
        &TaintOptions {
            threads: Some(1),
            ..TaintOptions::default()
        },
    );
    let two = run_with(
        deep_path_app(),
        &TaintOptions {
            threads: Some(2),
            ..TaintOptions::default()
        },
    );
    assert_eq!(one, two);
}

#[test]
fn callback_parameter_source() {
    let mut app = App::new();
    let l = "Lcom/app/Loc;";
    let ci = app.class(l, Some(OBJ));
    app.classes[ci]
        .2
        .push("Landroid/location/LocationListener;".into());
    let ops = vec![
        Op::Const { dst: 0, value: 0 },
        log(&mut app, 0, 2),
        Op::ReturnVoid,
    ];
    let m = app.def(
        &format!("{l}->onLocationChanged(Landroid/location/Location;)V"),
        false,
        3,
        ops,
    );
    app.entry(m);
    let flows = run(app);
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0].source.category, "location");
    assert_eq!(flows[0].sink.category, "log");
}

fn provider_app(uri: Option<&str>) -> App {
    let mut app = App::new();
    let parse = app.m("Landroid/net/Uri;->parse(Ljava/lang/String;)Landroid/net/Uri;");
    let query = app.m("Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;");
    let mut ops = Vec::new();
    match uri {
        Some(u) => ops.push(Op::ConstString {
            dst: 1,
            value: Arc::from(u),
        }),
        None => ops.push(Op::Nop),
    }
    ops.push(inv(InvokeKind::Static, parse, &[1])); // 1
    ops.push(Op::MoveResult { dst: 1 });
    ops.push(Op::Const { dst: 2, value: 0 });
    ops.push(inv(InvokeKind::Virtual, query, &[0, 1, 2, 2, 2, 2])); // 4
    ops.push(Op::MoveResult { dst: 3 });
    ops.push(log(&mut app, 2, 3)); // 6
    ops.push(Op::ReturnVoid);
    let m = app.def(
        &format!("{ACT}->load(Landroid/content/ContentResolver;Ljava/lang/String;)V"),
        false,
        6,
        ops,
    );
    app.entry(m);
    app
}

#[test]
fn content_provider_category_from_constant_uri() {
    let flows = run(provider_app(Some("content://com.android.contacts/data")));
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0].source.category, "contacts");
    assert_eq!(flows[0].confidence, Confidence::High);
    let flows = run(provider_app(None));
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0].source.category, "content_provider");
    assert_eq!(flows[0].confidence, Confidence::Low);
}

#[test]
fn constant_destination_reaches_flow() {
    let mut app = App::new();
    let post = app.m("Lokhttp3/Http;->post(Ljava/lang/String;Ljava/lang/String;)V");
    let sb_t = app.p.intern_type("Ljava/lang/StringBuilder;");
    let sb_init = app.m("Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V");
    let append =
        app.m("Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;");
    let to_s = app.m("Ljava/lang/StringBuilder;->toString()Ljava/lang/String;");
    let host = app.f(ACT, "HOST", STR);
    let ci = app.class(ACT, Some(OBJ));
    app.classes[ci].5.push(FieldDef {
        id: host,
        access_flags: ACC_STATIC | ACC_FINAL,
        initial_value: Some(Value::String(Arc::from("https://collect.example.com"))),
    });
    let mut ops = imei(&mut app, 0, 1); // 0,1
    ops.push(Op::SGet {
        dst: 2,
        field: host,
    }); // 2
    ops.push(Op::NewInstance { dst: 3, ty: sb_t }); // 3
    ops.push(inv(InvokeKind::Direct, sb_init, &[3, 2])); // 4
    ops.push(Op::ConstString {
        dst: 4,
        value: Arc::from("/upload"),
    }); // 5
    ops.push(inv(InvokeKind::Virtual, append, &[3, 4])); // 6
    ops.push(inv(InvokeKind::Virtual, to_s, &[3])); // 7
    ops.push(Op::MoveResult { dst: 5 }); // 8
    ops.push(inv(InvokeKind::Static, post, &[5, 1])); // 9
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 7, ops);
    app.entry(m);
    let flows = run(app);
    assert_eq!(flows.len(), 1);
    assert_eq!(
        flows[0].destination.as_deref(),
        Some("https://collect.example.com/upload")
    );
}

/// `onCreate` passes the IMEI to `Api.upload`, an interface method annotated `@POST("v1/ids")`
/// with an `@Body` parameter.
fn retrofit_app() -> App {
    let mut app = App::new();
    let api = "Lcom/app/Api;";
    let upload = app.m(&format!(
        "{api}->upload(Ljava/lang/String;)Lretrofit2/Call;"
    ));
    let post_t = app.p.intern_type("Lretrofit2/http/POST;");
    let body_t = app.p.intern_type("Lretrofit2/http/Body;");
    let mut def = MethodDef::new(upload, ACC_PUBLIC | ACC_ABSTRACT, None);
    def.annotations.push(Annotation {
        ty: post_t,
        visibility: 1,
        elements: vec![(Arc::from("value"), Value::String(Arc::from("v1/ids")))],
    });
    def.parameter_annotations.push(vec![Annotation {
        ty: body_t,
        visibility: 1,
        elements: Vec::new(),
    }]);
    let ci = app.class(api, Some(OBJ));
    app.classes[ci].3 = ACC_PUBLIC | ACC_INTERFACE | ACC_ABSTRACT;
    app.classes[ci].4.push(def);
    let mut ops = imei(&mut app, 0, 1);
    ops.push(inv(InvokeKind::Interface, upload, &[2, 1])); // 2
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 4, ops);
    app.entry(m);
    app
}

#[test]
fn retrofit_verb_is_read_from_the_models() {
    let (p, cg) = retrofit_app().build();
    let mut ms = models();
    ms.http_requests.clear();
    let r = analyze(&p, &cg, &ms, &TaintOptions::default());
    assert!(r.flows.is_empty(), "{:#?}", r.flows);
}

#[test]
fn retrofit_annotated_interface_is_a_network_sink() {
    let flows = run(retrofit_app());
    assert_eq!(flows.len(), 1, "{flows:#?}");
    assert_eq!(flows[0].sink.category, "network");
    assert_eq!(flows[0].sink.site.pc, 2);
    assert_eq!(flows[0].destination.as_deref(), Some("v1/ids"));
}

#[test]
fn lambda_invoke_custom_maps_arguments() {
    let mut app = App::new();
    let body_sig = "Lcom/app/Main;->lambda$0(Ljava/lang/String;)V";
    let ops = vec![
        Op::Const { dst: 0, value: 0 },
        log(&mut app, 0, 1),
        Op::ReturnVoid,
    ];
    let lam = app.def(body_sig, true, 2, ops);
    let mut ops = imei(&mut app, 0, 1);
    ops.push(Op::InvokeCustom {
        site: CallSite {
            bootstrap: None,
            name: Arc::from("accept"),
            implementation: Some(lam),
        },
        args: vec![1],
    });
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 3, ops);
    app.entry(m);
    assert_eq!(sink_sites(&run(app)), vec![(body_sig.to_string(), 1)]);
    let _ = HashMap::<u8, u8>::new();
}

const INVOKE: &str =
    "Ljava/lang/reflect/Method;->invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";

#[test]
fn reflective_invoke_maps_receiver_and_array_contents() {
    let mut app = App::new();
    let obj_arr = app.p.intern_type("[Ljava/lang/Object;");
    // Util.leak(String s): logs s (an instance method: the array's contents are parameter 1)
    let leak_sig = "Lcom/app/Util;->leak(Ljava/lang/String;)V";
    let ops = vec![
        Op::Const { dst: 0, value: 0 },
        log(&mut app, 0, 2),
        Op::ReturnVoid,
    ];
    let leak = app.def(leak_sig, false, 3, ops);
    let invoke = app.m(INVOKE);
    let build = |app: &mut App, tainted: bool| {
        let mut ops = imei(app, 0, 1);
        ops.push(Op::Const { dst: 2, value: 1 });
        ops.push(Op::NewArray {
            dst: 3,
            size: 2,
            ty: obj_arr,
        });
        if tainted {
            ops.push(Op::APut {
                src: 1,
                array: 3,
                index: 2,
            });
        } else {
            ops.push(Op::Nop);
        }
        // v4 the Method, v5 the Util object
        ops.push(inv(InvokeKind::Virtual, invoke, &[4, 5, 3])); // 5
        ops.push(Op::ReturnVoid);
        ops
    };
    let ops = build(&mut app, true);
    let m = app.def(&main_sig("onCreate"), false, 7, ops);
    app.entry(m);
    app.edge(m, 5, leak, EdgeKind::Reflective);
    let ops = build(&mut app, false);
    let m2 = app.def(&main_sig("onResume"), false, 7, ops);
    app.entry(m2);
    app.edge(m2, 5, leak, EdgeKind::Reflective);
    let flows = run(app);
    assert_eq!(sink_sites(&flows), vec![(leak_sig.to_string(), 1)]);
    assert!(
        flows
            .iter()
            .all(|f| f.path.iter().any(|s| s.method == main_sig("onCreate"))),
        "{flows:#?}"
    );
}

#[test]
fn reflective_framework_method_by_constant_names_gets_its_model() {
    let mut app = App::new();
    let for_name = app.m("Ljava/lang/Class;->forName(Ljava/lang/String;)Ljava/lang/Class;");
    let get_method = app.m(
        "Ljava/lang/Class;->getMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;",
    );
    let invoke = app.m(INVOKE);
    let build = |app: &mut App, name: &str| {
        vec![
            Op::ConstString {
                dst: 0,
                value: Arc::from("android.telephony.TelephonyManager"),
            },
            inv(InvokeKind::Static, for_name, &[0]),
            Op::MoveResult { dst: 1 },
            Op::ConstString {
                dst: 2,
                value: Arc::from(name),
            },
            inv(InvokeKind::Virtual, get_method, &[1, 2, 3]),
            Op::MoveResult { dst: 4 },
            // v5 the TelephonyManager, v3 null args
            inv(InvokeKind::Virtual, invoke, &[4, 5, 3]),
            Op::MoveResult { dst: 6 },
            log(app, 0, 6), // 8
            Op::ReturnVoid,
        ]
    };
    let ops = build(&mut app, "getDeviceId");
    let m = app.def(&main_sig("onCreate"), false, 8, ops);
    app.entry(m);
    let ops = build(&mut app, "getPhoneType");
    let m2 = app.def(&main_sig("onResume"), false, 8, ops);
    app.entry(m2);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 8)]);
}

#[test]
fn application_object_is_shared_between_components() {
    let mut app = App::new();
    let get_app_a = app.m("Lcom/app/Main;->getApplication()Landroid/app/Application;");
    let get_app_b = app.m("Lcom/app/Other;->getApplication()Landroid/app/Application;");
    let secret = app.f("Lcom/app/MyApp;", "secret", "Ljava/lang/String;");
    let other = app.f("Lcom/app/MyApp;", "other", "Ljava/lang/String;");
    let mut ops = imei(&mut app, 0, 1);
    ops.push(inv(InvokeKind::Virtual, get_app_a, &[3]));
    ops.push(Op::MoveResult { dst: 2 });
    ops.push(Op::IPut {
        src: 1,
        obj: 2,
        field: secret,
    });
    ops.push(Op::ReturnVoid);
    let w = app.def(&main_sig("onCreate"), false, 4, ops);
    app.entry(w);
    let read = |app: &mut App, f: FieldId| {
        vec![
            inv(InvokeKind::Virtual, get_app_b, &[3]),
            Op::MoveResult { dst: 2 },
            Op::IGet {
                dst: 1,
                obj: 2,
                field: f,
            },
            Op::Const { dst: 0, value: 0 },
            log(app, 0, 1), // 4
            Op::ReturnVoid,
        ]
    };
    let ops = read(&mut app, secret);
    let r1 = app.def("Lcom/app/Other;->onCreate()V", false, 4, ops);
    app.entry(r1);
    let ops = read(&mut app, other);
    let r2 = app.def("Lcom/app/Other;->onResume()V", false, 4, ops);
    app.entry(r2);
    assert_eq!(
        sink_sites(&run(app)),
        vec![("Lcom/app/Other;->onCreate()V".to_string(), 4)]
    );
}

const NET_POST: &str = "Lokhttp3/Http;->post(Ljava/lang/String;Ljava/lang/String;)V";

/// `Net.send(url)` reads the device id and posts it to `url` (a flow complete inside `send`);
/// `onCreate` calls `send` once per URL, or through `Net.wrap(url)` which passes it on.
fn send_app(urls: &[&str], through_wrapper: bool) -> App {
    let mut app = App::new();
    let post = app.m(NET_POST);
    // v0 tm, v1 id, v2 client, p0 = v3 url
    let mut ops = imei(&mut app, 0, 1);
    ops.push(inv(InvokeKind::Virtual, post, &[2, 3, 1]));
    ops.push(Op::ReturnVoid);
    let send = app.def("Lcom/app/Net;->send(Ljava/lang/String;)V", true, 4, ops);
    let wrap = app.def(
        "Lcom/app/Net;->wrap(Ljava/lang/String;)V",
        true,
        1,
        vec![inv(InvokeKind::Static, send, &[0]), Op::ReturnVoid],
    );
    let mut ops = Vec::new();
    for u in urls {
        ops.push(Op::ConstString {
            dst: 0,
            value: Arc::from(*u),
        });
        let callee = if through_wrapper { wrap } else { send };
        ops.push(inv(InvokeKind::Static, callee, &[0]));
    }
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 2, ops);
    app.entry(m);
    app
}

#[test]
fn destination_passed_as_argument_resolves_from_call_sites() {
    let one = "https://a.example/x";
    for through_wrapper in [false, true] {
        for urls in [vec![one], vec![one, one]] {
            let flows = run(send_app(&urls, through_wrapper));
            assert_eq!(flows.len(), 1, "{flows:#?}");
            assert_eq!(flows[0].destination.as_deref(), Some(one));
            assert_eq!(
                flows[0].sink.site.method,
                "Lcom/app/Net;->send(Ljava/lang/String;)V"
            );
        }
        // callers disagree: no destination is guessed (and no marker leaks out)
        let flows = run(send_app(&[one, "https://b.example/y"], through_wrapper));
        assert_eq!(flows.len(), 1, "{flows:#?}");
        assert_eq!(flows[0].destination, None);
    }
}

/// `Req extends com.lib.Request` keeps `data` from its constructor and returns it from its
/// `getParams()` override, a `[[return_sink]]` of `com.lib.Request`.
fn request_app(tainted: bool) -> (App, SimpleModels) {
    let mut app = App::new();
    let req = "Lcom/app/Req;";
    app.class(req, Some("Lcom/lib/Request;"));
    let fdata = app.f(req, "data", STR);
    let init = app.def(
        &format!("{req}-><init>(Ljava/lang/String;Ljava/lang/String;)V"),
        false,
        3,
        vec![
            Op::IPut {
                src: 2,
                obj: 0,
                field: fdata,
            },
            Op::ReturnVoid,
        ],
    );
    app.def(
        &format!("{req}->getParams()Ljava/util/Map;"),
        false,
        2,
        vec![
            Op::IGet {
                dst: 0,
                obj: 1,
                field: fdata,
            },
            Op::Return { src: 0 },
        ],
    );
    // v0 tm, v1 data, v2 request, v3 url, v4 this
    let mut ops = if tainted {
        imei(&mut app, 0, 1)
    } else {
        vec![Op::ConstString {
            dst: 1,
            value: Arc::from("x"),
        }]
    };
    ops.push(Op::ConstString {
        dst: 3,
        value: Arc::from("https://api.example/form"),
    });
    let req_t = app.p.intern_type(req);
    ops.push(Op::NewInstance { dst: 2, ty: req_t });
    ops.push(inv(InvokeKind::Direct, init, &[2, 3, 1]));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 5, ops);
    app.entry(m);
    let mut ms = models();
    ms.return_sinks.insert(
        (
            "Lcom/lib/Request;".into(),
            "getParams()Ljava/util/Map;".into(),
        ),
        vec![SinkRule {
            id: Arc::from("request-params"),
            category: Arc::from("network"),
            ports: vec![Port::Return],
            destination: Some(Port::This),
            rule_sets: Vec::new(),
        }],
    );
    (app, ms)
}

#[test]
fn return_sink_override_is_sent_where_the_request_is_built() {
    let (app, ms) = request_app(true);
    let (p, cg) = app.build();
    let flows = analyze(&p, &cg, &ms, &TaintOptions::default()).flows;
    assert_eq!(flows.len(), 1, "{flows:#?}");
    let f = &flows[0];
    assert_eq!(f.sink.rule, "request-params");
    assert_eq!(f.sink.category, "network");
    assert_eq!(
        (f.sink.site.method.as_str(), f.sink.site.pc),
        (main_sig("onCreate").as_str(), 4)
    );
    assert_eq!(f.destination.as_deref(), Some("https://api.example/form"));
    let (app, ms) = request_app(false);
    let (p, cg) = app.build();
    assert!(
        analyze(&p, &cg, &ms, &TaintOptions::default())
            .flows
            .is_empty()
    );
}

/// `Util.read(Intent i, String key)` texts `i.getStringExtra(key)`; `onCreate` puts the device
/// id into one intent and hands `read` either that intent or a fresh one.
fn unresolved_key_app(same_intent: bool) -> App {
    let mut app = App::new();
    let put = app.m(&format!(
        "{INTENT}->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;"
    ));
    let get = app.m(&format!(
        "{INTENT}->getStringExtra(Ljava/lang/String;)Ljava/lang/String;"
    ));
    // v0 value, v1 sms, v2 null, p0 = v3 intent, p1 = v4 key
    let ops = vec![
        inv(InvokeKind::Virtual, get, &[3, 4]),
        Op::MoveResult { dst: 0 },
        send_sms(&mut app, 1, 2, 0),
        Op::ReturnVoid,
    ];
    let read = app.def(
        "Lcom/app/Util;->read(Landroid/content/Intent;Ljava/lang/String;)V",
        true,
        5,
        ops,
    );
    let intent_t = app.p.intern_type(INTENT);
    // v0 tm, v1 id, v2 key, v3 intent a, v4 intent b, v5 this
    let mut ops = imei(&mut app, 0, 1);
    ops.push(Op::ConstString {
        dst: 2,
        value: Arc::from("k"),
    });
    ops.push(Op::NewInstance {
        dst: 3,
        ty: intent_t,
    });
    ops.push(Op::NewInstance {
        dst: 4,
        ty: intent_t,
    });
    ops.push(inv(InvokeKind::Virtual, put, &[3, 2, 1]));
    let given = if same_intent { 3 } else { 4 };
    ops.push(inv(InvokeKind::Static, read, &[given, 2]));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 6, ops);
    app.entry(m);
    app
}

#[test]
fn unresolved_key_read_of_a_given_intent_sees_only_that_intent() {
    let flows = run(unresolved_key_app(true));
    assert_eq!(
        sink_sites(&flows),
        vec![(
            "Lcom/app/Util;->read(Landroid/content/Intent;Ljava/lang/String;)V".into(),
            2
        )]
    );
    // another intent's extras do not reach it through the app-wide store
    assert!(run(unresolved_key_app(false)).is_empty());
}

/// `Util.extra(Intent i, String key)` texts `i.getStringExtra(key)`, a source only for the key
/// `incoming_number`; `onCreate` calls it with `key`.
fn gated_key_app(key: &str) -> (App, SimpleModels) {
    let mut app = App::new();
    let get = app.m(&format!(
        "{INTENT}->getStringExtra(Ljava/lang/String;)Ljava/lang/String;"
    ));
    // v0 value, v1 sms, v2 null, p0 = v3 intent, p1 = v4 key
    let ops = vec![
        inv(InvokeKind::Virtual, get, &[3, 4]),
        Op::MoveResult { dst: 0 },
        send_sms(&mut app, 1, 2, 0),
        Op::ReturnVoid,
    ];
    let extra = app.def(
        "Lcom/app/Util;->extra(Landroid/content/Intent;Ljava/lang/String;)V",
        true,
        5,
        ops,
    );
    // v0 intent, v1 key, v2 this
    let ops = vec![
        Op::ConstString {
            dst: 1,
            value: Arc::from(key),
        },
        inv(InvokeKind::Static, extra, &[0, 1]),
        Op::ReturnVoid,
    ];
    let m = app.def(&main_sig("onCreate"), false, 3, ops);
    app.entry(m);
    let mut ms = models();
    ms.model(
        INTENT,
        "getStringExtra(Ljava/lang/String;)Ljava/lang/String;",
    )
    .sources
    .push(SourceRule {
        id: Arc::from("incoming-number"),
        category: Arc::from("call_log"),
        kind: SourceKind::Call,
        port: Port::Return,
        uri_arg: None,
        permissions: Vec::new(),
        rule_sets: Vec::new(),
    });
    ms.gates.insert(
        "incoming-number".into(),
        (0, vec![Arc::from("incoming_number")]),
    );
    (app, ms)
}

#[test]
fn source_gate_on_a_parameter_resolves_from_call_sites() {
    let flows_for = |key: &str| {
        let (app, ms) = gated_key_app(key);
        let (p, cg) = app.build();
        analyze(&p, &cg, &ms, &TaintOptions::default()).flows
    };
    let flows = flows_for("incoming_number");
    assert_eq!(flows.len(), 1, "{flows:#?}");
    assert_eq!(flows[0].source.category, "call_log");
    // every caller passes another key: not the incoming number
    assert!(flows_for("latitude").is_empty());
}

const BASE: &str = "Lcom/app/Base;";
const SUB: &str = "Lcom/app/Sub;";

/// `Base.get()` returns a constant; its override `Sub.get()` returns the device id.
fn base_and_sub_get(app: &mut App) -> (MethodId, MethodId) {
    app.class(SUB, Some(BASE));
    let base_get = app.def(
        &format!("{BASE}->get()Ljava/lang/String;"),
        false,
        2,
        vec![
            Op::ConstString {
                dst: 0,
                value: Arc::from("constant"),
            },
            Op::Return { src: 0 },
        ],
    );
    let mut ops = imei(app, 0, 1);
    ops.push(Op::Return { src: 1 });
    let sub_get = app.def(&format!("{SUB}->get()Ljava/lang/String;"), false, 3, ops);
    (base_get, sub_get)
}

#[test]
fn virtual_call_runs_each_override_on_its_own_allocation() {
    // r5 = flag ? new Base() : new Sub(); r5.data = (Base ? "c" : imei); r5.leak()
    // Base.leak and Sub.leak both log this.data: only Sub's object carries the id, so only
    // Sub.leak's sink may report it
    let mut app = App::new();
    app.class(SUB, Some(BASE));
    let data = app.f(BASE, "data", STR);
    let leak_body = |app: &mut App| {
        vec![
            Op::IGet {
                dst: 1,
                obj: 2,
                field: data,
            },
            log(app, 0, 1),
            Op::ReturnVoid,
        ]
    };
    let ops = leak_body(&mut app);
    let base_leak = app.def(&format!("{BASE}->leak()V"), false, 3, ops);
    let ops = leak_body(&mut app);
    let sub_leak = app.def(&format!("{SUB}->leak()V"), false, 3, ops);
    let base_t = app.p.intern_type(BASE);
    let sub_t = app.p.intern_type(SUB);
    let mut ops = imei(&mut app, 0, 1); // 0,1
    ops.push(Op::ConstString {
        dst: 2,
        value: Arc::from("c"),
    }); // 2
    // branch on the device id (may be null), not on `this` (never null: the shared constant
    // propagation would keep only one side)
    ops.push(Op::If {
        cmp: CmpKind::Eq,
        a: 1,
        b: None,
        target: 7,
    }); // 3
    ops.push(Op::NewInstance { dst: 5, ty: base_t }); // 4
    ops.push(Op::IPut {
        src: 2,
        obj: 5,
        field: data,
    }); // 5
    ops.push(Op::Goto { target: 9 }); // 6
    ops.push(Op::NewInstance { dst: 5, ty: sub_t }); // 7
    ops.push(Op::IPut {
        src: 1,
        obj: 5,
        field: data,
    }); // 8
    ops.push(inv(InvokeKind::Virtual, base_leak, &[5])); // 9
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 10, ops);
    app.entry(m);
    app.edge(m, 9, base_leak, EdgeKind::Virtual);
    app.edge(m, 9, sub_leak, EdgeKind::Virtual);
    let sub_sig = format!("{SUB}->leak()V");
    assert_eq!(sink_sites(&run(app)), vec![(sub_sig, 1)]);
}

#[test]
fn object_returned_by_a_factory_dispatches_by_its_allocated_class() {
    // makeBase() returns new Base(): calling get() on it runs Base.get (constant) only;
    // makeSub() returns new Sub(): get() runs Sub.get (device id)
    let mut app = App::new();
    let (base_get, sub_get) = base_and_sub_get(&mut app);
    let base_t = app.p.intern_type(BASE);
    let sub_t = app.p.intern_type(SUB);
    let make = |app: &mut App, name: &str, ty| {
        app.def(
            &format!("{ACT}->{name}()Lcom/app/Base;"),
            false,
            2,
            vec![Op::NewInstance { dst: 0, ty }, Op::Return { src: 0 }],
        )
    };
    let make_base = make(&mut app, "makeBase", base_t);
    let make_sub = make(&mut app, "makeSub", sub_t);
    let ops = vec![
        inv(InvokeKind::Direct, make_base, &[9]), // 0
        Op::MoveResult { dst: 5 },                // 1
        inv(InvokeKind::Virtual, base_get, &[5]), // 2
        Op::MoveResult { dst: 6 },                // 3
        send_sms(&mut app, 2, 3, 6),              // 4: clean
        inv(InvokeKind::Direct, make_sub, &[9]),  // 5
        Op::MoveResult { dst: 5 },                // 6
        inv(InvokeKind::Virtual, base_get, &[5]), // 7
        Op::MoveResult { dst: 6 },                // 8
        send_sms(&mut app, 2, 3, 6),              // 9: device id
        Op::ReturnVoid,
    ];
    let m = app.def(&main_sig("onCreate"), false, 10, ops);
    app.entry(m);
    app.edge(m, 0, make_base, EdgeKind::Direct);
    app.edge(m, 5, make_sub, EdgeKind::Direct);
    for pc in [2, 7] {
        app.edge(m, pc, base_get, EdgeKind::Virtual);
        app.edge(m, pc, sub_get, EdgeKind::Virtual);
    }
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 9)]);
}

#[test]
fn callee_dispatching_on_a_parameter_is_specialized_to_the_argument_class() {
    // static String call(Base b) { return b.get(); } called with a Base, then with a Sub
    let mut app = App::new();
    let (base_get, sub_get) = base_and_sub_get(&mut app);
    let call_sig = format!("Lcom/app/Util;->call({BASE})Ljava/lang/String;");
    let call = app.def(
        &call_sig,
        true,
        2,
        vec![
            inv(InvokeKind::Virtual, base_get, &[1]),
            Op::MoveResult { dst: 0 },
            Op::Return { src: 0 },
        ],
    );
    app.edge(call, 0, base_get, EdgeKind::Virtual);
    app.edge(call, 0, sub_get, EdgeKind::Virtual);
    let base_t = app.p.intern_type(BASE);
    let sub_t = app.p.intern_type(SUB);
    let ops = vec![
        Op::NewInstance { dst: 5, ty: base_t }, // 0
        inv(InvokeKind::Static, call, &[5]),    // 1
        Op::MoveResult { dst: 6 },              // 2
        send_sms(&mut app, 2, 3, 6),            // 3: clean
        Op::NewInstance { dst: 7, ty: sub_t },  // 4
        inv(InvokeKind::Static, call, &[7]),    // 5
        Op::MoveResult { dst: 8 },              // 6
        send_sms(&mut app, 2, 3, 8),            // 7: device id
        Op::ReturnVoid,
    ];
    let m = app.def(&main_sig("onCreate"), false, 10, ops);
    app.entry(m);
    app.edge(m, 1, call, EdgeKind::Direct);
    app.edge(m, 5, call, EdgeKind::Direct);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 7)]);
}

#[test]
fn callee_overwriting_a_field_on_every_path_is_a_strong_update() {
    // this.f = imei; clear(this) sets this.f = "x" on every path -> clean;
    // this.g = imei; maybe(this, flag) sets this.g = "x" on one path only -> still tainted
    let mut app = App::new();
    let f = app.f(ACT, "f", STR);
    let g = app.f(ACT, "g", STR);
    let clear = app.def(
        &format!("Lcom/app/Util;->clear({ACT})V"),
        true,
        2,
        vec![
            Op::ConstString {
                dst: 0,
                value: Arc::from("x"),
            },
            Op::IPut {
                src: 0,
                obj: 1,
                field: f,
            },
            Op::ReturnVoid,
        ],
    );
    let maybe = app.def(
        &format!("Lcom/app/Util;->maybe({ACT}I)V"),
        true,
        3,
        vec![
            Op::If {
                cmp: CmpKind::Eq,
                a: 2,
                b: None,
                target: 3,
            },
            Op::ConstString {
                dst: 0,
                value: Arc::from("x"),
            },
            Op::IPut {
                src: 0,
                obj: 1,
                field: g,
            },
            Op::ReturnVoid,
        ],
    );
    let mut ops = imei(&mut app, 0, 1); // 0,1
    ops.push(Op::IPut {
        src: 1,
        obj: 9,
        field: f,
    }); // 2
    ops.push(Op::IPut {
        src: 1,
        obj: 9,
        field: g,
    }); // 3
    ops.push(inv(InvokeKind::Static, clear, &[9])); // 4
    ops.push(inv(InvokeKind::Static, maybe, &[9, 4])); // 5
    ops.push(Op::IGet {
        dst: 5,
        obj: 9,
        field: f,
    }); // 6
    ops.push(send_sms(&mut app, 2, 3, 5)); // 7: overwritten
    ops.push(Op::IGet {
        dst: 6,
        obj: 9,
        field: g,
    }); // 8
    ops.push(send_sms(&mut app, 2, 3, 6)); // 9: maybe overwritten
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 10, ops);
    app.entry(m);
    app.edge(m, 4, clear, EdgeKind::Direct);
    app.edge(m, 5, maybe, EdgeKind::Direct);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 9)]);
}

/// `Init.<clinit>` stores the device id into `Main.inst.f`; `onCreate` publishes `this` as
/// `Main.inst`, clears `this.f`, optionally runs `new Init()`, then texts `this.f`.
fn clinit_app(instantiate: bool) -> Vec<Flow> {
    let mut app = App::new();
    let inst = app.f(ACT, "inst", ACT);
    let f = app.f(ACT, "f", STR);
    let mut ops = vec![Op::SGet {
        dst: 0,
        field: inst,
    }];
    ops.extend(imei(&mut app, 2, 1));
    ops.push(Op::IPut {
        src: 1,
        obj: 0,
        field: f,
    });
    ops.push(Op::ReturnVoid);
    app.def("Lcom/app/Init;-><clinit>()V", true, 3, ops);
    let init_t = app.p.intern_type("Lcom/app/Init;");
    let mut ops = vec![
        Op::SPut {
            src: 9,
            field: inst,
        },
        Op::ConstString {
            dst: 4,
            value: Arc::from(""),
        },
        Op::IPut {
            src: 4,
            obj: 9,
            field: f,
        },
    ];
    if instantiate {
        ops.push(Op::NewInstance { dst: 6, ty: init_t });
    }
    ops.push(Op::IGet {
        dst: 5,
        obj: 9,
        field: f,
    });
    ops.push(send_sms(&mut app, 2, 3, 5));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 10, ops);
    app.entry(m);
    run(app)
}

#[test]
fn new_instance_runs_the_class_initializer() {
    assert_eq!(
        sink_sites(&clinit_app(true)),
        vec![(main_sig("onCreate"), 5)]
    );
    assert!(clinit_app(false).is_empty());
}

/// `arr = new String[3]; arr[1] = imei; arr[2] = "n";` then `extra(arr)`; the sinks text
/// `arr[2]` (pc 10) and `arr[1]` (pc 13).
fn const_index_app(extra: &dyn Fn(&mut App, &mut Vec<Op>)) -> Vec<(String, u32)> {
    let mut app = App::new();
    let arr_t = app.p.intern_type("[Ljava/lang/String;");
    let mut ops = imei(&mut app, 0, 1); // 0,1
    ops.push(Op::Const { dst: 4, value: 3 }); // 2
    ops.push(Op::NewArray {
        dst: 5,
        size: 4,
        ty: arr_t,
    }); // 3
    ops.push(Op::Const { dst: 4, value: 1 }); // 4
    ops.push(Op::APut {
        src: 1,
        array: 5,
        index: 4,
    }); // 5
    ops.push(Op::Const { dst: 4, value: 2 }); // 6
    ops.push(Op::ConstString {
        dst: 6,
        value: Arc::from("n"),
    }); // 7
    ops.push(Op::APut {
        src: 6,
        array: 5,
        index: 4,
    }); // 8
    extra(&mut app, &mut ops);
    let n = ops.len() as u32;
    ops.push(Op::AGet {
        dst: 7,
        array: 5,
        index: 4,
    }); // n: arr[2]
    ops.push(send_sms(&mut app, 2, 3, 7)); // n+1
    ops.push(Op::Const { dst: 4, value: 1 }); // n+2
    ops.push(Op::AGet {
        dst: 7,
        array: 5,
        index: 4,
    }); // n+3: arr[1]
    ops.push(send_sms(&mut app, 2, 3, 7)); // n+4
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 10, ops);
    app.entry(m);
    if n > 9 {
        // the extra code called Util.fill at pc 10
        let fill = app.m("Lcom/app/Util;->fill([Ljava/lang/String;Ljava/lang/String;)V");
        app.edge(m, 10, fill, EdgeKind::Direct);
    }
    sink_sites(&run(app))
        .into_iter()
        .map(|(s, pc)| (s, pc - n))
        .collect()
}

#[test]
fn constant_array_index_keeps_elements_apart() {
    // relative sink pcs: 1 reads arr[2] (clean), 4 reads arr[1] (device id)
    let main = main_sig("onCreate");
    assert_eq!(const_index_app(&|_, _| {}), vec![(main.clone(), 4)]);
    // a write at an unknown index may be any element
    let unknown = |_: &mut App, ops: &mut Vec<Op>| {
        ops.push(Op::ArrayLength { dst: 8, array: 5 }); // 9
        ops.push(Op::APut {
            src: 1,
            array: 5,
            index: 8,
        }); // 10
    };
    assert_eq!(
        const_index_app(&unknown),
        vec![(main.clone(), 1), (main.clone(), 4)]
    );
    // so may a callee writing into the array (the same label it already holds at index 1)
    let callee = |app: &mut App, ops: &mut Vec<Op>| {
        app.def(
            "Lcom/app/Util;->fill([Ljava/lang/String;Ljava/lang/String;)V",
            true,
            3,
            vec![
                Op::ArrayLength { dst: 0, array: 1 },
                Op::APut {
                    src: 2,
                    array: 1,
                    index: 0,
                },
                Op::ReturnVoid,
            ],
        );
        let fill = app.m("Lcom/app/Util;->fill([Ljava/lang/String;Ljava/lang/String;)V");
        ops.push(Op::Nop); // 9
        ops.push(inv(InvokeKind::Static, fill, &[5, 1])); // 10
    };
    assert_eq!(const_index_app(&callee), vec![(main.clone(), 1), (main, 4)]);
}

#[test]
fn substring_of_a_constant_with_constant_bounds_names_a_reflective_method() {
    let mut app = App::new();
    let for_name = app.m("Ljava/lang/Class;->forName(Ljava/lang/String;)Ljava/lang/Class;");
    let get_method = app.m(
        "Ljava/lang/Class;->getMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;",
    );
    let substring = app.m("Ljava/lang/String;->substring(II)Ljava/lang/String;");
    let invoke = app.m(INVOKE);
    // "xxgetDeviceIdyy".substring(2, end): end 13 names getDeviceId, end 12 getDeviceI
    let build = |app: &mut App, end: i64| {
        vec![
            Op::ConstString {
                dst: 0,
                value: Arc::from("android.telephony.TelephonyManager"),
            },
            inv(InvokeKind::Static, for_name, &[0]),
            Op::MoveResult { dst: 1 },
            Op::ConstString {
                dst: 2,
                value: Arc::from("xxgetDeviceIdyy"),
            },
            Op::Const { dst: 6, value: 2 },
            Op::Const { dst: 7, value: end },
            inv(InvokeKind::Virtual, substring, &[2, 6, 7]),
            Op::MoveResult { dst: 2 },
            inv(InvokeKind::Virtual, get_method, &[1, 2, 3]),
            Op::MoveResult { dst: 4 },
            inv(InvokeKind::Virtual, invoke, &[4, 5, 3]),
            Op::MoveResult { dst: 6 },
            log(app, 0, 6), // 12
            Op::ReturnVoid,
        ]
    };
    let ops = build(&mut app, 13);
    let m = app.def(&main_sig("onCreate"), false, 8, ops);
    app.entry(m);
    let ops = build(&mut app, 12);
    let m2 = app.def(&main_sig("onResume"), false, 8, ops);
    app.entry(m2);
    assert_eq!(sink_sites(&run(app)), vec![(main_sig("onCreate"), 12)]);
}

#[test]
fn constant_map_keys_keep_values_apart() {
    // m = new HashMap(); m.put("id", imei); m.put("name", "n"); text m.get("name") (clean),
    // m.get("id") (device id), m.get(unknownKey) (device id)
    const MAP: &str = "Ljava/util/Map;";
    let mut ms = models();
    let put = ms.model(
        MAP,
        "put(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
    );
    put.propagations.push(PropagationRule {
        from: vec![Port::Arg(0), Port::Arg(1)],
        to: vec![Port::This],
    });
    put.key_arg = Some(0);
    let get = ms.model(MAP, "get(Ljava/lang/Object;)Ljava/lang/Object;");
    get.propagations.push(PropagationRule {
        from: vec![Port::This],
        to: vec![Port::Return],
    });
    get.key_arg = Some(0);
    let mut app = App::new();
    let map_t = app.p.intern_type("Ljava/util/HashMap;");
    let put = app.m(&format!(
        "{MAP}->put(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"
    ));
    let get = app.m(&format!("{MAP}->get(Ljava/lang/Object;)Ljava/lang/Object;"));
    let key = |dst: Reg, k: &str| Op::ConstString {
        dst,
        value: Arc::from(k),
    };
    let mut ops = imei(&mut app, 0, 1); // 0,1
    ops.extend([
        Op::NewInstance { dst: 5, ty: map_t },       // 2
        key(6, "id"),                                // 3
        inv(InvokeKind::Interface, put, &[5, 6, 1]), // 4
        key(6, "name"),                              // 5
        key(7, "n"),                                 // 6
        inv(InvokeKind::Interface, put, &[5, 6, 7]), // 7
        inv(InvokeKind::Interface, get, &[5, 6]),    // 8
        Op::MoveResult { dst: 8 },                   // 9
    ]);
    ops.push(send_sms(&mut app, 2, 3, 8)); // 10: "name"
    ops.extend([
        key(6, "id"),                             // 11
        inv(InvokeKind::Interface, get, &[5, 6]), // 12
        Op::MoveResult { dst: 8 },                // 13
    ]);
    ops.push(send_sms(&mut app, 2, 3, 8)); // 14: "id"
    ops.extend([
        Op::ArrayLength { dst: 6, array: 4 }, // 15: not a constant key
        inv(InvokeKind::Interface, get, &[5, 6]), // 16
        Op::MoveResult { dst: 8 },            // 17
    ]);
    ops.push(send_sms(&mut app, 2, 3, 8)); // 18: unknown key
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 10, ops);
    app.entry(m);
    let (p, cg) = app.build();
    let r = analyze(&p, &cg, &ms, &TaintOptions::default());
    let main = main_sig("onCreate");
    assert_eq!(sink_sites(&r.flows), vec![(main.clone(), 14), (main, 18)]);
}

/// `sb = new StringBuilder(); f = new Formatter(sb); f.format("%s", {imei}); text sb.toString()`
/// with the Formatter constructor modeled as a decorator of its argument or not.
fn formatter_app(wraps: bool) -> Vec<Flow> {
    const FMT: &str = "Ljava/util/Formatter;";
    const SB: &str = "Ljava/lang/StringBuilder;";
    let mut ms = models();
    let init = ms.model(FMT, "<init>(Ljava/lang/Appendable;)V");
    init.propagations.push(PropagationRule {
        from: vec![Port::Arg(0)],
        to: vec![Port::This],
    });
    init.wraps_arg = wraps.then_some(0);
    ms.model(
        FMT,
        "format(Ljava/lang/String;[Ljava/lang/Object;)Ljava/util/Formatter;",
    )
    .propagations
    .push(PropagationRule {
        from: vec![Port::Arg(1)],
        to: vec![Port::This],
    });
    ms.model(SB, "toString()Ljava/lang/String;")
        .propagations
        .push(PropagationRule {
            from: vec![Port::This],
            to: vec![Port::Return],
        });
    let mut app = App::new();
    let sb_t = app.p.intern_type(SB);
    let fmt_t = app.p.intern_type(FMT);
    let obj_arr = app.p.intern_type("[Ljava/lang/Object;");
    let init = app.m(&format!("{FMT}-><init>(Ljava/lang/Appendable;)V"));
    let format = app.m(&format!(
        "{FMT}->format(Ljava/lang/String;[Ljava/lang/Object;)Ljava/util/Formatter;"
    ));
    let to_string = app.m(&format!("{SB}->toString()Ljava/lang/String;"));
    let mut ops = imei(&mut app, 0, 1);
    ops.extend([
        Op::NewInstance { dst: 5, ty: sb_t },
        Op::NewInstance { dst: 6, ty: fmt_t },
        inv(InvokeKind::Direct, init, &[6, 5]),
        Op::ConstString {
            dst: 7,
            value: Arc::from("%s"),
        },
        Op::FilledNewArray {
            args: vec![1],
            ty: obj_arr,
        },
        Op::MoveResult { dst: 8 },
        inv(InvokeKind::Virtual, format, &[6, 7, 8]),
        inv(InvokeKind::Virtual, to_string, &[5]),
        Op::MoveResult { dst: 4 },
    ]);
    ops.push(send_sms(&mut app, 2, 3, 4));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 10, ops);
    app.entry(m);
    let (p, cg) = app.build();
    analyze(&p, &cg, &ms, &TaintOptions::default()).flows
}

#[test]
fn decorator_constructor_writes_through_to_the_wrapped_object() {
    assert_eq!(
        sink_sites(&formatter_app(true)),
        vec![(main_sig("onCreate"), 11)]
    );
    assert!(formatter_app(false).is_empty());
}

/// `if (80 + 42 >= 10) return; sms(imei)`: the sink sits behind a branch constants decide, so
/// it is never analysed; with an unknown operand both sides are.
#[test]
fn branch_decided_by_constants_prunes_the_dead_side() {
    let build = |decided: bool| {
        let mut app = App::new();
        let mut ops = imei(&mut app, 0, 1); // 0, 1
        ops.push(Op::Const { dst: 4, value: 80 }); // 2
        ops.push(Op::BinopLit {
            dst: 4,
            src: 4,
            lit: 42,
            op: BinOp::Add,
        }); // 3
        ops.push(Op::Const { dst: 5, value: 10 }); // 4
        ops.push(Op::If {
            cmp: CmpKind::Ge,
            a: 4,
            b: Some(if decided { 5 } else { 6 }),
            target: 7,
        }); // 5
        ops.push(send_sms(&mut app, 2, 3, 1)); // 6
        ops.push(Op::ReturnVoid); // 7
        let m = app.def(&main_sig("onCreate"), false, 8, ops);
        app.entry(m);
        run(app)
    };
    assert!(build(true).is_empty(), "{:#?}", build(true));
    assert_eq!(sink_sites(&build(false)), vec![(main_sig("onCreate"), 6)]);
}

/// A handler is reached from the instructions of its try block that can throw, with the
/// registers there: after the source's result is in v1, only an in-bounds read of a fresh
/// array follows, which cannot throw, so the handler never sees the tainted v1; an
/// out-of-bounds index makes it reachable.
#[test]
fn handler_reached_only_from_throwing_instructions() {
    let build = |index: i64| {
        let mut app = App::new();
        let int_array = app.p.intern_type("[I");
        let mut ops = vec![Op::ConstString {
            dst: 1,
            value: Arc::from(""),
        }]; // 0
        ops.extend(imei(&mut app, 0, 1)); // 1, 2
        ops.push(Op::Const { dst: 4, value: 42 }); // 3
        ops.push(Op::NewArray {
            dst: 6,
            size: 4,
            ty: int_array,
        }); // 4
        ops.push(Op::Const {
            dst: 4,
            value: index,
        }); // 5
        ops.push(Op::AGet {
            dst: 7,
            array: 6,
            index: 4,
        }); // 6
        ops.push(Op::ReturnVoid); // 7
        ops.push(Op::MoveException { dst: 8 }); // 8 handler
        ops.push(send_sms(&mut app, 2, 3, 1)); // 9
        ops.push(Op::ReturnVoid);
        let tries = vec![TryBlock {
            start_pc: 1,
            end_pc: 7,
            handlers: vec![Handler {
                exception: None,
                target: 8,
            }],
        }];
        let m = app.def_try(&main_sig("onCreate"), false, 9, ops, tries);
        app.entry(m);
        run(app)
    };
    assert!(build(32).is_empty(), "{:#?}", build(32));
    assert_eq!(sink_sites(&build(42)), vec![(main_sig("onCreate"), 9)]);
}

/// `if (80 + foo(x) < 10) sms(imei)` where every call-graph target of `foo` returns 42: the
/// call's constant result decides the branch. When `foo` may return 42 or -100, it does not.
#[test]
fn constant_returned_by_callee_decides_a_branch() {
    let build = |same: bool| {
        let mut app = App::new();
        let foo_sig = format!("{ACT}->foo(I)I");
        let foo_ops = vec![
            Op::Const { dst: 0, value: 42 },
            Op::If {
                cmp: CmpKind::Eq,
                a: 2,
                b: None,
                target: 3,
            },
            Op::Return { src: 0 },
            Op::Const {
                dst: 0,
                value: if same { 42 } else { -100 },
            },
            Op::Return { src: 0 },
        ];
        let foo = app.def(&foo_sig, false, 3, foo_ops);
        let mut ops = imei(&mut app, 0, 1); // 0, 1
        ops.push(inv(InvokeKind::Virtual, foo, &[7, 6])); // 2
        ops.push(Op::MoveResult { dst: 4 }); // 3
        ops.push(Op::BinopLit {
            dst: 4,
            src: 4,
            lit: 80,
            op: BinOp::Add,
        }); // 4
        ops.push(Op::Const { dst: 5, value: 10 }); // 5
        ops.push(Op::If {
            cmp: CmpKind::Ge,
            a: 4,
            b: Some(5),
            target: 8,
        }); // 6
        ops.push(send_sms(&mut app, 2, 3, 1)); // 7
        ops.push(Op::ReturnVoid); // 8
        let m = app.def(&main_sig("onCreate"), false, 8, ops);
        app.edge(m, 2, foo, EdgeKind::Virtual);
        app.entry(m);
        run(app)
    };
    assert!(build(true).is_empty(), "{:#?}", build(true));
    assert_eq!(sink_sites(&build(false)), vec![(main_sig("onCreate"), 7)]);
}

/// `r = new Record(); r.number = imei; json = gson.toJson(r); sms(json)`: a serializer
/// (`deep` model) sends the fields of the object; a plain `arg0 -> return` model only its
/// own taint.
fn serializer_app(deep: bool) -> Vec<Flow> {
    const GSON: &str = "Lcom/google/gson/Gson;";
    let mut ms = models();
    let to_json = ms.model(GSON, "toJson(Ljava/lang/Object;)Ljava/lang/String;");
    to_json.propagations.push(PropagationRule {
        from: vec![Port::Arg(0)],
        to: vec![Port::Return],
    });
    to_json.deep = deep;
    let mut app = App::new();
    let number = app.f("Lcom/app/Record;", "number", STR);
    let rec_t = app.p.intern_type("Lcom/app/Record;");
    let gson_t = app.p.intern_type(GSON);
    let to_json = app.m(&format!(
        "{GSON}->toJson(Ljava/lang/Object;)Ljava/lang/String;"
    ));
    let mut ops = imei(&mut app, 0, 1);
    ops.extend([
        Op::NewInstance { dst: 5, ty: rec_t },
        Op::IPut {
            src: 1,
            obj: 5,
            field: number,
        },
        Op::NewInstance { dst: 6, ty: gson_t },
        inv(InvokeKind::Virtual, to_json, &[6, 5]),
        Op::MoveResult { dst: 4 },
    ]);
    ops.push(send_sms(&mut app, 2, 3, 4));
    ops.push(Op::ReturnVoid);
    let m = app.def(&main_sig("onCreate"), false, 8, ops);
    app.entry(m);
    let (p, cg) = app.build();
    analyze(&p, &cg, &ms, &TaintOptions::default()).flows
}

#[test]
fn serializer_sends_the_fields_of_its_argument() {
    assert_eq!(
        sink_sites(&serializer_app(true)),
        vec![(main_sig("onCreate"), 7)]
    );
    assert!(serializer_app(false).is_empty());
}

/// A destination kept in `strings.xml`: `post(getString(R.string.url), imei)` reports the URL
/// the resource table holds for the constant id; an id the table lacks, or no table, leaves
/// the destination unknown.
#[test]
fn destination_from_string_resource() {
    use dexflow::callgraph::ResourceStrings;
    use dexflow::hierarchy::{FrameworkModel, Hierarchy};
    use dexflow::manifest::Resources;

    let flows = |id: i64, with_table: bool| {
        let mut app = App::new();
        app.class(ACT, Some("Landroid/app/Activity;"));
        let post = app.m("Lokhttp3/Http;->post(Ljava/lang/String;Ljava/lang/String;)V");
        let get_string = app.m(&format!("{ACT}->getString(I)Ljava/lang/String;"));
        let mut ops = imei(&mut app, 0, 1); // 0,1
        ops.push(Op::Const { dst: 2, value: id }); // 2
        ops.push(inv(InvokeKind::Virtual, get_string, &[6, 2])); // 3
        ops.push(Op::MoveResult { dst: 3 }); // 4
        ops.push(inv(InvokeKind::Static, post, &[3, 1])); // 5
        ops.push(Op::ReturnVoid);
        let m = app.def(&main_sig("onCreate"), false, 7, ops);
        app.entry(m);
        let (mut p, mut cg) = app.build();
        if with_table {
            let (h, _) = Hierarchy::build(&mut p, &FrameworkModel::builtin().unwrap());
            let table = Resources::from_strings([(0x7f0b_0001, "https://collect.example.com/v1")]);
            cg.resource_strings = Some(Arc::new(ResourceStrings::new(&p, &h, Arc::new(table))));
        }
        let r = analyze(&p, &cg, &models(), &TaintOptions::default());
        assert_eq!(r.status, TaintStatus::Complete);
        r.flows
    };
    let f = flows(0x7f0b_0001, true);
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].destination.as_deref(),
        Some("https://collect.example.com/v1")
    );
    let f = flows(0x7f0b_0002, true);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].destination, None);
    let f = flows(0x7f0b_0001, false);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].destination, None);
}
mod budget;
