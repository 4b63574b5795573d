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

#[test]
fn retrofit_annotated_interface_is_a_network_sink() {
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
    let flows = run(app);
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
