//! One pass over one method body that extracts what the call-graph fixpoint needs: allocated
//! types, static accesses, call sites with what is known of each argument (exact type from a
//! `new-instance`, declared type, class constant, Intent object), Intent contents, reflective
//! and `invoke-custom` targets.
//!
//! The pass walks the blocks the shared constant propagation (`bytecode::consts`) finds
//! reachable, in pc order: code behind a branch decided by constants is not scanned. Constant
//! strings and classes at each call come from that flow-sensitive propagation; the other
//! values (Intent objects, exact types, reflective handles) are tracked in code order (a
//! register holds the last value written before the instruction): simple, fast, and right
//! for the straight-line code that builds Intents, listeners and reflective calls. It is a
//! pure function of the body, so a wave of methods can be scanned in parallel. It must never
//! index a register out of the frame: hostile bodies name registers beyond `registers`.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::bytecode::consts::{Consts, Frame, ProgramEnv};
use crate::bytecode::{FieldId, InvokeKind, MethodId, Op, Program, Reg, TypeId};

/// What is known of a register at a program point.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val {
    Unknown,
    Str(Arc<str>),
    /// a `java.lang.Class` constant (const-class, Class.forName with a constant name)
    Class(TypeId),
    /// an object of exactly this type (new-instance)
    Exact(TypeId),
    /// an object whose static type is this type (parameter, field, call result, check-cast)
    Declared(TypeId),
    /// an Intent or ComponentName built in this method (index into `Summary::intents`)
    Intent(u32),
    /// a `java.lang.reflect.Method` of class `.0` named `.1`
    ReflMethod(TypeId, Arc<str>),
    /// a `java.lang.reflect.Constructor` of a class
    ReflCtor(TypeId),
}

/// The knowable content of an Intent built in one method.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct IntentObj {
    pub targets: Vec<TypeId>,
    pub actions: Vec<Arc<str>>,
}

#[derive(Clone, Debug)]
pub(crate) struct CallRec {
    pub pc: u32,
    pub kind: InvokeKind,
    pub method: MethodId,
    pub args: Vec<Val>,
}

#[derive(Clone, Debug)]
pub(crate) enum Reflect {
    /// Method.invoke on methods of this class with this name
    Invoke(TypeId, Arc<str>),
    /// Class.newInstance / Constructor.newInstance (`all` constructors or `<init>()V` only)
    New(TypeId, bool),
}

#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub new_types: Vec<TypeId>,
    /// classes whose static members are used (class initialization)
    pub static_types: Vec<TypeId>,
    pub calls: Vec<CallRec>,
    pub intents: Vec<IntentObj>,
    pub reflective: Vec<(u32, Reflect)>,
    /// invoke-custom sites: (pc, implementation method)
    pub custom: Vec<(u32, MethodId)>,
}

/// Descriptors the scan recognises, looked up once per program.
#[derive(Debug, Default)]
pub(crate) struct KnownTypes {
    pub intent: Option<TypeId>,
    pub component_name: Option<TypeId>,
    pub intent_filter: Option<TypeId>,
    pub broadcast_receiver: Option<TypeId>,
    pub class: Option<TypeId>,
    pub method: Option<TypeId>,
    pub constructor: Option<TypeId>,
}

impl KnownTypes {
    pub fn new(program: &Program) -> Self {
        KnownTypes {
            intent: program.lookup_type("Landroid/content/Intent;"),
            component_name: program.lookup_type("Landroid/content/ComponentName;"),
            intent_filter: program.lookup_type("Landroid/content/IntentFilter;"),
            broadcast_receiver: program.lookup_type("Landroid/content/BroadcastReceiver;"),
            class: program.lookup_type("Ljava/lang/Class;"),
            method: program.lookup_type("Ljava/lang/reflect/Method;"),
            constructor: program.lookup_type("Ljava/lang/reflect/Constructor;"),
        }
    }
}

fn is_object(desc: &str) -> bool {
    desc.starts_with('L') || desc.starts_with('[')
}

/// `com.a.B` (or `com/a/B`, or `Lcom/a/B;`) -> the program's type id, if interned.
pub(crate) fn class_name_to_type(program: &Program, name: &str) -> Option<TypeId> {
    if name.starts_with('L') && name.ends_with(';') {
        return program.lookup_type(name);
    }
    if name.is_empty() || name.len() > 1024 {
        return None;
    }
    let mut d = String::with_capacity(name.len() + 2);
    d.push('L');
    d.extend(name.chars().map(|c| if c == '.' { '/' } else { c }));
    d.push(';');
    program.lookup_type(&d)
}

pub(crate) fn scan(program: &Program, known: &KnownTypes, m: MethodId) -> Summary {
    let mut s = Summary::default();
    let Some(body) = program.body(m) else {
        return s;
    };
    let mref = program.method(m);
    let n = body.registers as usize;
    let mut regs: Vec<Val> = vec![Val::Unknown; n];
    let set = |regs: &mut Vec<Val>, r: u16, v: Val| {
        if let Some(slot) = regs.get_mut(r as usize) {
            *slot = v;
        }
    };
    // a constant string or class known at this point (flow-sensitive) wins over the value
    // tracked in code order
    let get = |regs: &Vec<Val>, frame: &Frame<'_>, r: Reg| {
        if let Some(s) = frame.str(r) {
            return Val::Str(s.clone());
        }
        if let Some(t) = frame.class(r) {
            return Val::Class(t);
        }
        regs.get(r as usize).cloned().unwrap_or(Val::Unknown)
    };
    // parameters: receiver first for instance methods
    let is_static = program.method_def(m).is_some_and(|d| d.is_static());
    let mut ptypes: Vec<TypeId> = Vec::with_capacity(mref.params.len() + 1);
    if !is_static {
        ptypes.push(mref.class);
    }
    ptypes.extend(mref.params.iter().copied());
    for (r, t) in body.param_regs.iter().zip(ptypes.iter()) {
        if is_object(program.type_name(*t)) {
            set(&mut regs, *r, Val::Declared(*t));
        }
    }
    let mut pending: Val = Val::Unknown;
    let mut local_fields: FxHashMap<FieldId, Val> = FxHashMap::default();
    let env = ProgramEnv(program);
    let this_reg = (!is_static)
        .then(|| body.param_regs.first().copied())
        .flatten();
    Consts::walk_body(&body, &env, this_reg, |_, insn, frame| {
        let mut result = Val::Unknown;
        match &insn.op {
            Op::Move { dst, src } => {
                let v = get(&regs, frame, *src);
                set(&mut regs, *dst, v);
            }
            Op::MoveResult { dst } => {
                set(
                    &mut regs,
                    *dst,
                    std::mem::replace(&mut pending, Val::Unknown),
                );
            }
            Op::MoveException { dst } => set(&mut regs, *dst, Val::Unknown),
            Op::Const { dst, .. } | Op::ConstOther { dst } => set(&mut regs, *dst, Val::Unknown),
            Op::ConstString { dst, value } => set(&mut regs, *dst, Val::Str(value.clone())),
            Op::ConstClass { dst, ty } => set(&mut regs, *dst, Val::Class(*ty)),
            Op::CheckCast { reg, ty } => {
                let v = get(&regs, frame, *reg);
                if !matches!(v, Val::Exact(_) | Val::Intent(_)) {
                    set(&mut regs, *reg, Val::Declared(*ty));
                }
            }
            Op::NewInstance { dst, ty } => {
                s.new_types.push(*ty);
                let v = if Some(*ty) == known.intent
                    || Some(*ty) == known.component_name
                    || Some(*ty) == known.intent_filter
                {
                    s.intents.push(IntentObj::default());
                    Val::Intent(s.intents.len() as u32 - 1)
                } else {
                    Val::Exact(*ty)
                };
                set(&mut regs, *dst, v);
            }
            Op::NewArray { dst, ty, .. } => set(&mut regs, *dst, Val::Declared(*ty)),
            Op::FilledNewArray { ty, .. } => result = Val::Declared(*ty),
            Op::IPut { src, field, .. } | Op::SPut { src, field } => {
                if matches!(insn.op, Op::SPut { .. }) {
                    s.static_types.push(program.field(*field).class);
                }
                // a value stored in a field and read back later in the same method (the
                // linear pass's view; enough for `this.name = "a.B"; forName(this.name)`)
                match get(&regs, frame, *src) {
                    v @ (Val::Str(_)
                    | Val::Class(_)
                    | Val::ReflMethod(..)
                    | Val::ReflCtor(_)
                    | Val::Intent(_)
                    | Val::Exact(_)) => {
                        local_fields.insert(*field, v);
                    }
                    _ => {
                        local_fields.remove(field);
                    }
                }
            }
            Op::IGet { dst, field, .. } if local_fields.contains_key(field) => {
                let v = local_fields.get(field).cloned().unwrap_or(Val::Unknown);
                set(&mut regs, *dst, v);
            }
            Op::SGet { dst, field } if local_fields.contains_key(field) => {
                s.static_types.push(program.field(*field).class);
                let v = local_fields.get(field).cloned().unwrap_or(Val::Unknown);
                set(&mut regs, *dst, v);
            }
            Op::IGet { dst, field, .. } => {
                let t = program.field(*field).ty;
                let v = if is_object(program.type_name(t)) {
                    Val::Declared(t)
                } else {
                    Val::Unknown
                };
                set(&mut regs, *dst, v);
            }
            Op::SGet { dst, field } => {
                let f = program.field(*field);
                s.static_types.push(f.class);
                let v = if is_object(program.type_name(f.ty)) {
                    Val::Declared(f.ty)
                } else {
                    Val::Unknown
                };
                set(&mut regs, *dst, v);
            }
            Op::InstanceOf { dst, .. }
            | Op::ArrayLength { dst, .. }
            | Op::Unop { dst, .. }
            | Op::Binop { dst, .. }
            | Op::BinopLit { dst, .. }
            | Op::AGet { dst, .. } => set(&mut regs, *dst, Val::Unknown),
            Op::Invoke { kind, method, args } => {
                let vals: Vec<Val> = args.iter().map(|r| get(&regs, frame, *r)).collect();
                if *kind == InvokeKind::Static {
                    s.static_types.push(program.method(*method).class);
                }
                result = interpret_call(program, known, &mut s, insn.pc, *method, &vals);
                if let Some(obj) = result_alias(program, known, *method, &vals) {
                    result = obj;
                }
                s.calls.push(CallRec {
                    pc: insn.pc,
                    kind: *kind,
                    method: *method,
                    args: vals,
                });
            }
            Op::InvokeCustom { site, .. } => {
                if let Some(imp) = site.implementation {
                    s.custom.push((insn.pc, imp));
                }
            }
            _ => {}
        }
        pending = result;
    });
    s
}

/// Intent builders return their receiver: the result aliases the same Intent object.
fn result_alias(
    program: &Program,
    known: &KnownTypes,
    method: MethodId,
    vals: &[Val],
) -> Option<Val> {
    let r = program.method(method);
    if Some(r.class) == known.intent
        && Some(r.ret) == known.intent
        && let Some(v @ Val::Intent(_)) = vals.first()
    {
        return Some(v.clone());
    }
    None
}

/// Effects of well-known calls on Intent objects and reflection values; returns the value of
/// the call's result.
fn interpret_call(
    program: &Program,
    known: &KnownTypes,
    s: &mut Summary,
    pc: u32,
    method: MethodId,
    vals: &[Val],
) -> Val {
    let r = program.method(method);
    let name: &str = &r.name;
    let declared_ret = || {
        if is_object(program.type_name(r.ret)) {
            Val::Declared(r.ret)
        } else {
            Val::Unknown
        }
    };
    let class_of = |v: Option<&Val>| -> Option<TypeId> {
        match v? {
            Val::Class(t) => Some(*t),
            Val::Str(n) => class_name_to_type(program, n),
            _ => None,
        }
    };
    let is_intent_like = Some(r.class) == known.intent
        || Some(r.class) == known.component_name
        || Some(r.class) == known.intent_filter;
    if is_intent_like {
        let Some(Val::Intent(idx)) = vals.first() else {
            return declared_ret();
        };
        let idx = *idx as usize;
        let mut targets: Vec<TypeId> = Vec::new();
        let mut actions: Vec<Arc<str>> = Vec::new();
        match name {
            "<init>" | "setClass" | "setClassName" | "setComponent" | "setAction" | "addAction" => {
                let filter_init = name == "<init>" && Some(r.class) == known.intent_filter;
                for (k, v) in vals.iter().enumerate().skip(1) {
                    if filter_init && k > 1 {
                        break; // IntentFilter(action, dataType)
                    }
                    match v {
                        Val::Class(t) => targets.push(*t),
                        Val::Intent(other) => {
                            // setComponent(cn) / Intent(Intent): copy what the other one knows
                            if let Some(o) = s.intents.get(*other as usize) {
                                targets.extend(o.targets.iter().copied());
                                if name == "<init>" {
                                    actions.extend(o.actions.iter().cloned());
                                }
                            }
                        }
                        Val::Str(text) => {
                            // a class name (setClassName, ComponentName) or an action string
                            let class_context =
                                name == "setClassName" || Some(r.class) == known.component_name;
                            if class_context {
                                if let Some(t) = class_name_to_type(program, text) {
                                    targets.push(t);
                                }
                            } else if name == "<init>" || name == "setAction" || name == "addAction"
                            {
                                actions.push(text.clone());
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        if let Some(obj) = s.intents.get_mut(idx) {
            obj.targets.extend(targets);
            obj.actions.extend(actions);
        }
        return declared_ret();
    }
    if Some(r.class) == known.class {
        match name {
            "forName" => {
                if let Some(t) = class_of(vals.first()) {
                    return Val::Class(t);
                }
            }
            "getMethod" | "getDeclaredMethod" => {
                if let (Some(Val::Class(t)), Some(Val::Str(n))) = (vals.first(), vals.get(1)) {
                    return Val::ReflMethod(*t, n.clone());
                }
            }
            "getConstructor" | "getDeclaredConstructor" => {
                if let Some(Val::Class(t)) = vals.first() {
                    return Val::ReflCtor(*t);
                }
            }
            "newInstance" => {
                if let Some(Val::Class(t)) = vals.first() {
                    s.reflective.push((pc, Reflect::New(*t, false)));
                    return Val::Exact(*t);
                }
            }
            _ => {}
        }
        return declared_ret();
    }
    if name == "loadClass" && Some(r.ret) == known.class {
        if let Some(t) = class_of(vals.get(1)) {
            return Val::Class(t);
        }
        return declared_ret();
    }
    if name == "getClass" && r.params.is_empty() && Some(r.ret) == known.class {
        if let Some(Val::Exact(t) | Val::Declared(t)) = vals.first() {
            return Val::Class(*t);
        }
        return declared_ret();
    }
    if Some(r.class) == known.method && name == "getName" {
        if let Some(Val::ReflMethod(_, n)) = vals.first() {
            return Val::Str(n.clone());
        }
        return declared_ret();
    }
    if Some(r.class) == known.method && name == "invoke" {
        if let Some(Val::ReflMethod(t, n)) = vals.first() {
            s.reflective.push((pc, Reflect::Invoke(*t, n.clone())));
        }
        return declared_ret();
    }
    if Some(r.class) == known.constructor && name == "newInstance" {
        if let Some(Val::ReflCtor(t)) = vals.first() {
            s.reflective.push((pc, Reflect::New(*t, true)));
            return Val::Exact(*t);
        }
        return declared_ret();
    }
    declared_ret()
}
