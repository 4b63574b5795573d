//! Loading our own sample dex (tests/corpus/dex/sample.dex, built from src/Sample.smali by
//! scripts/build-dex-fixtures.sh) into a `Program` and checking the lowered IR.

use dexflow::bytecode::*;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/corpus/dex/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn sample() -> (Program, LoadStats, Vec<dexflow::diag::Diagnostic>) {
    load_program(vec![("classes.dex".into(), read("sample.dex"))])
}

fn method(p: &Program, sig: &str) -> MethodId {
    (0..p.method_count() as u32)
        .map(MethodId)
        .find(|&m| p.method_signature(m) == sig)
        .unwrap_or_else(|| panic!("no method {sig}"))
}

#[test]
fn classes_fields_and_annotations() {
    let (p, stats, diags) = sample();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(stats.classes, 1);
    assert_eq!(stats.methods, 7);
    assert_eq!(stats.methods_with_code, 6);
    let c = p
        .class(p.lookup_type("Lorg/dexflow/sample/Sample;").unwrap())
        .unwrap();
    assert_eq!(p.type_name(c.super_class.unwrap()), "Ljava/lang/Object;");
    assert_eq!(p.type_name(c.interfaces[0]), "Ljava/lang/Runnable;");
    assert_eq!(
        p.type_name(c.annotations[0].ty),
        "Lorg/dexflow/sample/Marker;"
    );
    assert_eq!(c.annotations[0].visibility, 1);
    assert_eq!(
        c.annotations[0].elements,
        vec![("value".into(), Value::String("class-level".into()))]
    );
    // static values, in static field order (sorted by field index: BIG COUNT GREETING TYPE)
    let inits: Vec<(String, Option<Value>)> = c
        .static_fields
        .iter()
        .map(|f| (p.field(f.id).name.to_string(), f.initial_value.clone()))
        .collect();
    assert_eq!(
        inits,
        vec![
            ("BIG".into(), Some(Value::Int(0x123456789))),
            ("COUNT".into(), Some(Value::Int(42))),
            ("GREETING".into(), Some(Value::String("héllo".into()))),
            (
                "TYPE".into(),
                Some(Value::Type(p.lookup_type("Ljava/lang/String;").unwrap()))
            ),
        ]
    );
    assert_eq!(c.instance_fields.len(), 1);
    let wide = method(
        &p,
        "Lorg/dexflow/sample/Sample;->wide(JILjava/lang/String;D)J",
    );
    let d = p.method_def(wide).unwrap();
    assert_eq!(p.type_name(d.annotations[0].ty), "Lretrofit2/http/GET;");
    assert_eq!(
        d.annotations[0].elements[0].1,
        Value::String("users/{id}".into())
    );
    // parameter annotations: the String parameter is the third one
    assert_eq!(d.parameter_annotations.len(), 4);
    assert_eq!(
        p.type_name(d.parameter_annotations[2][0].ty),
        "Lretrofit2/http/Path;"
    );
    let native = method(&p, "Lorg/dexflow/sample/Sample;->nat()V");
    assert!(p.body(native).is_none());
}

#[test]
fn wide_params_constants_and_invoke_args() {
    let (p, _, _) = sample();
    let wide = method(
        &p,
        "Lorg/dexflow/sample/Sample;->wide(JILjava/lang/String;D)J",
    );
    let b = p.body(wide).unwrap();
    assert_eq!(b.registers, 12);
    // this=v5, J=v6/v7, I=v8, String=v9, D=v10/v11
    assert_eq!(b.param_regs, vec![5, 6, 8, 9, 10]);
    let ops: Vec<&Op> = b.insns.iter().map(|i| &i.op).collect();
    assert_eq!(
        ops[0],
        &Op::Const {
            dst: 0,
            value: 0x4024_i64 << 48
        }
    );
    assert_eq!(
        ops[1],
        &Op::Const {
            dst: 2,
            value: 0x4120_0000
        }
    );
    assert_eq!(ops[2], &Op::Const { dst: 3, value: -1 });
    assert_eq!(
        ops[3],
        &Op::Const {
            dst: 4,
            value: 0x0123_4567_89ab_cdef
        }
    );
    let helper = method(
        &p,
        "Lorg/dexflow/sample/Sample;->helper(JILjava/lang/String;D)J",
    );
    assert_eq!(
        ops[4],
        &Op::Invoke {
            kind: InvokeKind::Static,
            method: helper,
            args: vec![6, 8, 9, 10]
        }
    );
    assert_eq!(b.insns[4].pc, 0x0a);
    assert_eq!(ops[5], &Op::MoveResult { dst: 0 });
}

#[test]
fn switches_arrays_and_tries() {
    let (p, _, _) = sample();
    let helper = method(
        &p,
        "Lorg/dexflow/sample/Sample;->helper(JILjava/lang/String;D)J",
    );
    let b = p.body(helper).unwrap();
    assert_eq!(b.param_regs, vec![2, 4, 5, 6]);
    // payloads are not instructions
    assert_eq!(b.insns.len(), 9);
    assert_eq!(
        b.insns[0].op,
        Op::Switch {
            src: 4,
            targets: vec![(1, 0x0f), (2, 0x10)]
        }
    );
    assert_eq!(
        b.insns[1].op,
        Op::Switch {
            src: 4,
            targets: vec![(5, 0x0f), (100, 0x10)]
        }
    );
    assert_eq!(
        b.insns[4].op,
        Op::FillArrayData {
            array: 0,
            element_width: 4,
            data: vec![1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]
        }
    );
    assert_eq!(b.tries.len(), 1);
    let t = &b.tries[0];
    assert_eq!((t.start_pc, t.end_pc), (0x0c, 0x0f));
    assert_eq!(t.handlers.len(), 2);
    assert_eq!(
        p.type_name(t.handlers[0].exception.unwrap()),
        "Ljava/lang/NullPointerException;"
    );
    assert_eq!(t.handlers[0].target, 0x10);
    assert_eq!(
        t.handlers[1],
        Handler {
            exception: None,
            target: 0x10
        }
    );
    assert!(b.index_of_pc(0x10).is_some());
}

#[test]
fn invoke_polymorphic_custom_and_method_handles() {
    let (p, _, _) = sample();
    let m = method(
        &p,
        "Lorg/dexflow/sample/Sample;->lambdas(Ljava/lang/invoke/MethodHandle;J)Ljava/lang/Runnable;",
    );
    let b = p.body(m).unwrap();
    let invoke = method(
        &p,
        "Ljava/lang/invoke/MethodHandle;->invoke([Ljava/lang/Object;)Ljava/lang/Object;",
    );
    // receiver v2, one wide J (v3/v4) from the call's proto (J)V
    assert_eq!(
        b.insns[0].op,
        Op::Invoke {
            kind: InvokeKind::Polymorphic,
            method: invoke,
            args: vec![2, 3]
        }
    );
    let Op::InvokeCustom { site, args } = &b.insns[1].op else {
        panic!("{:?}", b.insns[1])
    };
    assert!(args.is_empty());
    assert_eq!(&*site.name, "run");
    assert!(
        p.method_signature(site.bootstrap.unwrap())
            .starts_with("Ljava/lang/invoke/LambdaMetafactory;->metafactory(")
    );
    assert_eq!(
        p.method_signature(site.implementation.unwrap()),
        "Lorg/dexflow/sample/Sample;->lambda$0()V"
    );
    assert_eq!(
        b.insns[3].op,
        Op::ConstString {
            dst: 1,
            value: "https://example.org/upload".into()
        }
    );
    assert_eq!(b.insns[4].op, Op::ConstOther { dst: 1 });
    assert_eq!(b.insns[5].op, Op::ConstOther { dst: 1 });
}

#[test]
fn multidex_duplicate_class_first_wins() {
    let (p, stats, diags) = load_program(vec![
        ("classes.dex".into(), read("sample.dex")),
        ("classes2.dex".into(), read("second.dex")),
    ]);
    assert_eq!(p.dex_names, vec!["classes.dex", "classes2.dex"]);
    assert_eq!(stats.classes, 2);
    assert_eq!(stats.duplicate_classes, 1);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "dex-duplicate-class");
    assert_eq!(diags[0].location.as_deref(), Some("classes2.dex"));
    let sample = p
        .class(p.lookup_type("Lorg/dexflow/sample/Sample;").unwrap())
        .unwrap();
    assert_eq!(sample.dex, 0);
    let other = p
        .class(p.lookup_type("Lorg/dexflow/sample/Other;").unwrap())
        .unwrap();
    assert_eq!(other.dex, 1);
    // the body of a class from the second dex decodes against that dex's tables
    let go = method(&p, "Lorg/dexflow/sample/Other;->go()V");
    let lambda = method(&p, "Lorg/dexflow/sample/Sample;->lambda$0()V");
    assert_eq!(
        p.body(go).unwrap().insns[0].op,
        Op::Invoke {
            kind: InvokeKind::Static,
            method: lambda,
            args: vec![]
        }
    );
}

#[test]
fn stats_count_like_dexdump() {
    let s = dex_stats("sample.dex", &read("sample.dex")).unwrap();
    // counted from `dexdump -d sample.dex` (see the smali source)
    assert_eq!((s.version, s.classes, s.methods), (39, 1, 7));
    assert_eq!((s.instructions, s.invokes), (27, 5));
}
