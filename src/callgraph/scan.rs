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
//!
//! One look beyond the body: a call to an app method returning a `String` whose every returned
//! value is a `const-string` (a bounded backward walk of the callee's control flow) yields
//! those constants, so `new Intent(pickAction())` knows its candidate actions.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::bytecode::consts::{Consts, Frame};
use crate::bytecode::{FieldId, InvokeKind, MethodId, Op, Program, Reg, TypeId};
use crate::consts::{AppEnv, ResourceStrings};

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
    /// one of these constant strings (an app method returning one of several constants)
    Strs(Arc<[Arc<str>]>),
    /// an `android.net.Uri` parsed from a constant (`Uri.parse("tel:1")`)
    Uri(Arc<str>),
    /// an Intent or ComponentName built in this method (index into `Summary::intents`)
    Intent(u32),
    /// a `java.lang.reflect.Method` of class `.0` named `.1`
    ReflMethod(TypeId, Arc<str>),
    /// a `java.lang.reflect.Constructor` of a class
    ReflCtor(TypeId),
}

/// The knowable content of an Intent (or IntentFilter) built in one method: what Android's
/// intent resolution looks at (component, action, categories, data scheme, MIME type).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct IntentObj {
    pub targets: Vec<TypeId>,
    /// a component was named by a constant (class literal or class name): the intent is
    /// explicit, whether or not the class is in this app
    pub explicit: bool,
    /// candidate actions (an intent has one; several when the value is one of a few constants)
    pub actions: Vec<Arc<str>>,
    /// constant categories (`addCategory`); non-constant ones are not kept
    pub categories: Vec<Arc<str>>,
    /// data URI schemes (`setData(Uri.parse("tel:.."))`, `IntentFilter.addDataScheme`)
    pub schemes: Vec<Arc<str>>,
    /// MIME types (`setType`, `IntentFilter.addDataType`)
    pub types: Vec<Arc<str>>,
    /// a data URI whose value is not a constant was set
    pub unknown_data: bool,
    /// a MIME type whose value is not a constant was set
    pub unknown_type: bool,
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
    pub uri: Option<TypeId>,
    pub string: Option<TypeId>,
    pub messenger: Option<TypeId>,
    pub handler: Option<TypeId>,
    pub message: Option<TypeId>,
    /// the app's string resources: `getString(R.string.x)` results
    pub resource_strings: Option<Arc<ResourceStrings>>,
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
            uri: program.lookup_type("Landroid/net/Uri;"),
            string: program.lookup_type("Ljava/lang/String;"),
            messenger: program.lookup_type("Landroid/os/Messenger;"),
            handler: program.lookup_type("Landroid/os/Handler;"),
            message: program.lookup_type("Landroid/os/Message;"),
            resource_strings: None,
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
    // trusted static finals and string resources; not the call rules of `constants.toml`:
    // the scan's own values model what those calls make (a `Uri` from `Uri.parse`), and a
    // constant string in a register would win over them
    let env = AppEnv::new(program, known.resource_strings.as_deref());
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
                    | Val::Strs(_)
                    | Val::Uri(_)
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
        let is_filter = Some(r.class) == known.intent_filter;
        let mut add = IntentObj::default();
        let param_is = |k: usize, t: Option<TypeId>| k >= 1 && r.params.get(k - 1).copied() == t;
        for (k, v) in vals.iter().enumerate().skip(1) {
            let uri_param = param_is(k, known.uri);
            let string_param = param_is(k, known.string);
            match name {
                "<init>" | "setClass" | "setClassName" | "setComponent" | "setAction"
                | "addAction" => {
                    if uri_param {
                        add.data(v);
                        continue;
                    }
                    // IntentFilter(action, dataType)
                    if is_filter && name == "<init>" && k == 2 {
                        add.mime_type(v);
                        continue;
                    }
                    match v {
                        Val::Class(t) => {
                            add.targets.push(*t);
                            add.explicit = true;
                        }
                        Val::Intent(other) => {
                            // setComponent(cn) / Intent(Intent): copy what the other one knows
                            if let Some(o) = s.intents.get(*other as usize) {
                                add.targets.extend(o.targets.iter().copied());
                                add.explicit |= o.explicit;
                                if name == "<init>" {
                                    add.merge(o);
                                }
                            }
                        }
                        Val::Str(_) | Val::Strs(_) if string_param => {
                            // a class name (setClassName, ComponentName) or an action string
                            let class_context =
                                name == "setClassName" || Some(r.class) == known.component_name;
                            let texts = v.strings();
                            if class_context {
                                // ComponentName(pkg, cls) / setClassName(pkg, cls): the class
                                // is the last string argument
                                let last_string = !r.params.get(k..).is_some_and(|rest| {
                                    rest.iter().any(|p| Some(*p) == known.string)
                                });
                                for text in texts {
                                    if let Some(t) = class_name_to_type(program, text) {
                                        add.targets.push(t);
                                        add.explicit = true;
                                    } else if last_string {
                                        // a class of another app: explicit, not ours
                                        add.explicit = true;
                                    }
                                }
                            } else if name == "<init>" || name == "setAction" || name == "addAction"
                            {
                                add.actions.extend(texts.iter().cloned());
                            }
                        }
                        _ => {}
                    }
                }
                "setData" | "setDataAndNormalize" if uri_param => add.data(v),
                "setType" | "setTypeAndNormalize" if string_param => add.mime_type(v),
                "setDataAndType" | "setDataAndTypeAndNormalize" => {
                    if uri_param {
                        add.data(v);
                    } else if string_param {
                        add.mime_type(v);
                    }
                }
                "addCategory" if string_param => add.categories.extend(v.strings().iter().cloned()),
                "addDataScheme" if string_param => match v.strings() {
                    [] => add.unknown_data = true,
                    texts => add.schemes.extend(texts.iter().cloned()),
                },
                "addDataType" if string_param => add.mime_type(v),
                _ => {}
            }
        }
        if let Some(obj) = s.intents.get_mut(idx) {
            obj.targets.extend(add.targets.iter().copied());
            obj.explicit |= add.explicit;
            obj.merge(&add);
        }
        return declared_ret();
    }
    if Some(r.class) == known.uri {
        // `Uri.parse(s)`: the rule of constants.toml, read as this scan's Uri value
        let from_string = crate::consts::Knowledge::builtin()
            .effect(program.type_name(r.class), name)
            == Some(crate::consts::Effect::ArgOrReceiver);
        match (name, vals.first()) {
            (_, Some(Val::Str(text))) if from_string => return Val::Uri(text.clone()),
            ("fromParts", Some(Val::Str(scheme))) => {
                return Val::Uri(Arc::from(format!("{scheme}:")));
            }
            _ => return declared_ret(),
        }
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
    if Some(r.ret) == known.string
        && let Some(texts) = const_returns(program, method)
    {
        return match texts.len() {
            1 => Val::Str(texts[0].clone()),
            _ => Val::Strs(texts.into()),
        };
    }
    declared_ret()
}

impl Val {
    /// The constant strings this value may be (empty: not a constant).
    pub(crate) fn strings(&self) -> &[Arc<str>] {
        match self {
            Val::Str(s) => std::slice::from_ref(s),
            Val::Strs(v) => v,
            _ => &[],
        }
    }
}

impl IntentObj {
    fn data(&mut self, v: &Val) {
        match v {
            Val::Uri(text) => match uri_scheme(text) {
                Some(sc) => self.schemes.push(Arc::from(sc)),
                None => self.unknown_data = true,
            },
            _ => self.unknown_data = true,
        }
    }
    fn mime_type(&mut self, v: &Val) {
        match v.strings() {
            [] => self.unknown_type = true,
            texts => self.types.extend(texts.iter().cloned()),
        }
    }
    /// Adds what `o` knows of action, categories and data (not its component).
    fn merge(&mut self, o: &IntentObj) {
        self.actions.extend(o.actions.iter().cloned());
        self.categories.extend(o.categories.iter().cloned());
        self.schemes.extend(o.schemes.iter().cloned());
        self.types.extend(o.types.iter().cloned());
        self.unknown_data |= o.unknown_data;
        self.unknown_type |= o.unknown_type;
    }
}

/// The scheme of a URI string (`tel:123` -> `tel`), lowercased as Android compares it.
pub(crate) fn uri_scheme(text: &str) -> Option<String> {
    let (scheme, _) = text.split_once(':')?;
    let ok = !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then(|| scheme.to_ascii_lowercase())
}

/// Most constants a helper may return and still count as "one of these".
const MAX_CONST_RETURNS: usize = 8;

/// Most (instruction, register) states the backward walk of `const_returns` visits.
const MAX_RETURN_WALK: usize = 4096;

/// The constant strings an app method returns, when every definition of a returned value
/// that reaches a `return` (walking the control flow backwards, through moves) is a
/// `const-string` (`return flag ? "A" : "B"`); None when any may be something else.
/// Exceptional edges are not followed: a handler that returns reaches its own definitions.
fn const_returns(program: &Program, m: MethodId) -> Option<Vec<Arc<str>>> {
    let body = program.body(m)?;
    let insns = &body.insns;
    let mut preds: Vec<Vec<u32>> = vec![Vec::new(); insns.len()];
    for (i, insn) in insns.iter().enumerate() {
        let mut edge = |target_pc: u32| {
            if let Some(j) = body.index_of_pc(target_pc)
                && let Some(p) = preds.get_mut(j)
            {
                p.push(i as u32);
            }
        };
        let falls_through = !matches!(
            insn.op,
            Op::Goto { .. } | Op::Return { .. } | Op::ReturnVoid | Op::Throw { .. }
        );
        match &insn.op {
            Op::Goto { target } | Op::If { target, .. } => edge(*target),
            Op::Switch { targets, .. } => {
                for (_, t) in targets {
                    edge(*t);
                }
            }
            _ => {}
        }
        if falls_through && let Some(p) = preds.get_mut(i + 1) {
            p.push(i as u32);
        }
    }
    let mut out: Vec<Arc<str>> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<(u32, u16)> = rustc_hash::FxHashSet::default();
    let mut work: Vec<(u32, u16)> = Vec::new();
    for (i, insn) in insns.iter().enumerate() {
        if let Op::Return { src } = insn.op {
            work.push((i as u32, src));
        }
    }
    if work.is_empty() {
        return None;
    }
    // (i, r): the value of r just before instruction i
    while let Some((i, r)) = work.pop() {
        if !seen.insert((i, r)) || seen.len() > MAX_RETURN_WALK {
            if seen.len() > MAX_RETURN_WALK {
                return None;
            }
            continue;
        }
        let ps = preds.get(i as usize)?;
        if ps.is_empty() {
            return None; // method entry: a parameter or an unset register
        }
        for &p in ps {
            let op = &insns.get(p as usize)?.op;
            let written = match op {
                Op::ConstString { dst, value } if *dst == r => {
                    out.push(value.clone());
                    continue;
                }
                Op::Move { dst, src } if *dst == r => {
                    work.push((p, *src));
                    continue;
                }
                _ => crate::bytecode::defuse::defined(op),
            };
            match written {
                // a wide write to the register below also clobbers this one
                Some(d) if d == r || d.checked_add(1) == Some(r) => return None,
                _ => work.push((p, r)),
            }
        }
    }
    out.sort();
    out.dedup();
    (!out.is_empty() && out.len() <= MAX_CONST_RETURNS).then_some(out)
}
