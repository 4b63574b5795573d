//! Loading a whole app into `Program`: every dex file (every dex of a v041 container) is
//! read, its type/field/method ids interned into program-wide ids, its classes added (first
//! definition wins, as on a device: a later duplicate is a `dex-duplicate-class` diagnostic),
//! and its code items registered for lazy decoding through [`DexBodySource`], which owns the
//! dex bytes. Lowering turns each Dalvik instruction into one `ir::Insn`.
//!
//! Never fails as a whole: a broken dex, class or reference becomes a diagnostic and the
//! rest of the app still loads. Never trusts a dex-local index without a bounds check.
//! Lazily decoded bodies cannot report diagnostics: an instruction whose pool index or
//! payload is invalid is lowered to `Op::Nop` (keeping its pc), and code that is truncated
//! mid-instruction yields the instructions before the damage.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::decode::{Regs, array_data, instructions, switch_targets};
use super::ir::*;
use super::program::*;
use crate::dex::{
    self, ClassData, CodeItem, DexFile, EncodedValue, MethodHandleIdx, ProtoIdx, StringIdx,
    dex_files,
};
use crate::diag::Diagnostic;

mod lower;

/// What was loaded from one dex.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DexLoadInfo {
    pub name: String,
    pub version: u16,
    pub classes: usize,
    pub methods: usize,
    pub methods_with_code: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LoadStats {
    pub dex: Vec<DexLoadInfo>,
    /// classes added to the program (duplicates excluded)
    pub classes: usize,
    pub duplicate_classes: usize,
    pub methods: usize,
    pub methods_with_code: usize,
}

/// A call site resolved at load time, with which of its (proto) parameters are wide.
#[derive(Clone, Debug)]
struct ResolvedCallSite {
    site: CallSite,
    wide: Vec<bool>,
}

/// Program-wide ids for one dex file's tables, and the bytes to decode bodies from.
struct LoadedDex {
    bytes: Arc<Vec<u8>>,
    base: usize,
    types: Vec<TypeId>,
    fields: Vec<FieldId>,
    methods: Vec<MethodId>,
    call_sites: Vec<Option<ResolvedCallSite>>,
}

/// Decodes method bodies on demand from the dex bytes kept by the loader.
pub struct DexBodySource {
    dexes: Vec<LoadedDex>,
}

const BAD_TYPE: &str = "<invalid-type>";

fn is_wide(program: &Program, t: TypeId) -> bool {
    matches!(program.type_name(t).as_bytes().first(), Some(b'J' | b'D'))
}

/// Loads every dex file of an app into a `Program` whose bodies decode lazily.
pub fn load_program(dex_files_in: Vec<(String, Vec<u8>)>) -> (Program, LoadStats, Vec<Diagnostic>) {
    let mut program = Program::new();
    let mut stats = LoadStats::default();
    let mut diags = Vec::new();
    let mut loaded = Vec::new();
    for (name, bytes) in dex_files_in {
        let bytes = Arc::new(bytes);
        let mut bases = Vec::new();
        for (k, d) in dex_files(&bytes).enumerate() {
            match d {
                Ok(d) => bases.push(d.base()),
                Err(e) => {
                    diags.push(
                        Diagnostic::error("dex-parse-error", format!("cannot read dex: {e}")).at(
                            if k == 0 {
                                name.clone()
                            } else {
                                format!("{name}#{k}")
                            },
                        ),
                    );
                    break;
                }
            }
        }
        for (k, base) in bases.into_iter().enumerate() {
            if loaded.len() > u16::MAX as usize {
                diags.push(Diagnostic::error(
                    "dex-too-many-files",
                    "more than 65536 dex files; the rest are ignored",
                ));
                break;
            }
            let label = if k == 0 {
                name.clone()
            } else {
                format!("{name}#{k}")
            };
            let Ok(dex) = DexFile::parse_at(&bytes, base) else {
                continue;
            };
            let dex_index = loaded.len() as u16;
            program.dex_names.push(label.clone());
            let mut l = intern_ids(&mut program, &dex, &label, &mut diags);
            l.bytes = bytes.clone();
            l.base = base;
            let info = load_classes(
                &mut program,
                &dex,
                &l,
                dex_index,
                &label,
                &mut stats,
                &mut diags,
            );
            stats.dex.push(info);
            loaded.push(l);
        }
    }
    program.body_source = Some(Box::new(DexBodySource { dexes: loaded }));
    (program, stats, diags)
}

fn intern_ids(
    program: &mut Program,
    dex: &DexFile<'_>,
    label: &str,
    diags: &mut Vec<Diagnostic>,
) -> LoadedDex {
    let mut bad = 0usize;
    let bad_type = program.intern_type(BAD_TYPE);
    let types: Vec<TypeId> = (0..dex.type_count())
        .map(|i| match dex.type_descriptor(dex::TypeIdx(i)) {
            Ok(s) => program.intern_type(&s),
            Err(_) => {
                bad += 1;
                bad_type
            }
        })
        .collect();
    let ty = |t: dex::TypeIdx, bad: &mut usize| {
        types.get(t.index()).copied().unwrap_or_else(|| {
            *bad += 1;
            bad_type
        })
    };
    let protos: Vec<(Vec<TypeId>, TypeId)> = (0..dex.proto_count())
        .map(|i| {
            let p = ProtoIdx(i);
            let ret = dex.proto_id(p).map(|p| p.return_type);
            let params = dex.proto_params(p);
            match (ret, params) {
                (Ok(r), Ok(ps)) => (
                    ps.iter().map(|t| ty(t, &mut bad)).collect(),
                    ty(r, &mut bad),
                ),
                _ => {
                    bad += 1;
                    (Vec::new(), bad_type)
                }
            }
        })
        .collect();
    // one Arc per distinct name (method names repeat across classes)
    let mut names: Vec<Option<Arc<str>>> = vec![None; dex.string_count() as usize];
    let mut name_of = |s: StringIdx, bad: &mut usize| -> Arc<str> {
        if let Some(Some(n)) = names.get(s.index()) {
            return n.clone();
        }
        match dex.string(s) {
            Ok(v) => {
                let n: Arc<str> = Arc::from(&*v);
                if let Some(slot) = names.get_mut(s.index()) {
                    *slot = Some(n.clone());
                }
                n
            }
            Err(_) => {
                *bad += 1;
                Arc::from("<invalid-name>")
            }
        }
    };
    let mut fields = Vec::with_capacity(dex.field_count() as usize);
    for i in 0..dex.field_count() {
        let f = match dex.field_id(dex::FieldIdx(i)) {
            Ok(f) => FieldRef {
                class: ty(f.class, &mut bad),
                name: name_of(f.name, &mut bad),
                ty: ty(f.ty, &mut bad),
            },
            Err(_) => {
                bad += 1;
                FieldRef {
                    class: bad_type,
                    name: Arc::from("<invalid-field>"),
                    ty: bad_type,
                }
            }
        };
        fields.push(program.intern_field(f));
    }
    let mut methods = Vec::with_capacity(dex.method_count() as usize);
    for i in 0..dex.method_count() {
        let m = match dex.method_id(dex::MethodIdx(i)) {
            Ok(m) => {
                let (params, ret) = protos.get(m.proto.index()).cloned().unwrap_or_else(|| {
                    bad += 1;
                    (Vec::new(), bad_type)
                });
                MethodRef {
                    class: ty(m.class, &mut bad),
                    name: name_of(m.name, &mut bad),
                    params,
                    ret,
                }
            }
            Err(_) => {
                bad += 1;
                MethodRef {
                    class: bad_type,
                    name: Arc::from("<invalid-method>"),
                    params: Vec::new(),
                    ret: bad_type,
                }
            }
        };
        methods.push(program.intern_method(m));
    }
    let mut l = LoadedDex {
        bytes: Arc::new(Vec::new()),
        base: 0,
        types,
        fields,
        methods,
        call_sites: Vec::new(),
    };
    l.call_sites = (0..dex.call_site_count())
        .map(|i| resolve_call_site(program, dex, &l, &protos, i, &mut bad))
        .collect();
    if let Some(e) = dex.map_error() {
        diags.push(
            Diagnostic::warning(
                "dex-bad-map",
                format!("map list unreadable, call sites and method handles ignored: {e}"),
            )
            .at(label.to_string()),
        );
    }
    if bad > 0 {
        diags.push(
            Diagnostic::warning(
                "dex-bad-reference",
                format!("{bad} ids reference strings, types or protos that do not exist"),
            )
            .at(label.to_string()),
        );
    }
    l
}

fn method_handle_target(dex: &DexFile<'_>, l: &LoadedDex, h: MethodHandleIdx) -> Option<MethodId> {
    let mh = dex.method_handle(h).ok()?;
    if mh.is_field() {
        return None;
    }
    l.methods.get(mh.target as usize).copied()
}

fn resolve_call_site(
    program: &Program,
    dex: &DexFile<'_>,
    l: &LoadedDex,
    protos: &[(Vec<TypeId>, TypeId)],
    i: u32,
    bad: &mut usize,
) -> Option<ResolvedCallSite> {
    let values = dex
        .call_site_off(dex::CallSiteIdx(i))
        .and_then(|off| dex.encoded_array(off));
    let Ok(values) = values else {
        *bad += 1;
        return None;
    };
    let bootstrap = match values.first() {
        Some(EncodedValue::MethodHandle(h)) => method_handle_target(dex, l, *h),
        _ => None,
    };
    let name: Arc<str> = match values.get(1) {
        Some(EncodedValue::String(s)) => dex.string(*s).map(|s| Arc::from(&*s)).ok()?,
        _ => Arc::from(""),
    };
    let wide = match values.get(2) {
        Some(EncodedValue::MethodType(p)) => protos
            .get(p.index())
            .map(|(ps, _)| ps.iter().map(|&t| is_wide(program, t)).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let is_lambda = bootstrap.is_some_and(|b| {
        program.type_name(program.method(b).class) == "Ljava/lang/invoke/LambdaMetafactory;"
    });
    let implementation = match (is_lambda, values.get(4)) {
        (true, Some(EncodedValue::MethodHandle(h))) => method_handle_target(dex, l, *h),
        _ => None,
    };
    Some(ResolvedCallSite {
        site: CallSite {
            bootstrap,
            name,
            implementation,
        },
        wide,
    })
}

fn convert_value(dex: &DexFile<'_>, l: &LoadedDex, v: &EncodedValue) -> Value {
    match v {
        EncodedValue::Byte(x) => Value::Int(*x as i64),
        EncodedValue::Short(x) => Value::Int(*x as i64),
        EncodedValue::Char(x) => Value::Int(*x as i64),
        EncodedValue::Int(x) => Value::Int(*x as i64),
        EncodedValue::Long(x) => Value::Int(*x),
        EncodedValue::Float(x) => Value::Float(*x as f64),
        EncodedValue::Double(x) => Value::Float(*x),
        EncodedValue::String(s) => match dex.string(*s) {
            Ok(s) => Value::String(Arc::from(&*s)),
            Err(_) => Value::Other,
        },
        EncodedValue::Type(t) => l
            .types
            .get(t.index())
            .map_or(Value::Other, |&t| Value::Type(t)),
        EncodedValue::Field(f) => l
            .fields
            .get(f.index())
            .map_or(Value::Other, |&f| Value::Field(f)),
        EncodedValue::Enum(f) => l
            .fields
            .get(f.index())
            .map_or(Value::Other, |&f| Value::Enum(f)),
        EncodedValue::Method(m) => l
            .methods
            .get(m.index())
            .map_or(Value::Other, |&m| Value::Method(m)),
        EncodedValue::Array(a) => {
            Value::Array(a.iter().map(|v| convert_value(dex, l, v)).collect())
        }
        EncodedValue::Annotation(a) => match convert_annotation(dex, l, 0, a) {
            Some(a) => Value::Annotation(Box::new(a)),
            None => Value::Other,
        },
        EncodedValue::Null => Value::Null,
        EncodedValue::Boolean(b) => Value::Bool(*b),
        EncodedValue::MethodType(_) | EncodedValue::MethodHandle(_) => Value::Other,
    }
}

fn convert_annotation(
    dex: &DexFile<'_>,
    l: &LoadedDex,
    visibility: u8,
    a: &dex::EncodedAnnotation,
) -> Option<Annotation> {
    Some(Annotation {
        ty: *l.types.get(a.ty.index())?,
        visibility,
        elements: a
            .elements
            .iter()
            .map(|(n, v)| {
                let name: Arc<str> = dex.string(*n).map_or(Arc::from("?"), |s| Arc::from(&*s));
                (name, convert_value(dex, l, v))
            })
            .collect(),
    })
}

fn convert_set(dex: &DexFile<'_>, l: &LoadedDex, set: &[dex::AnnotationItem]) -> Vec<Annotation> {
    set.iter()
        .filter_map(|a| convert_annotation(dex, l, a.visibility, &a.annotation))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn load_classes(
    program: &mut Program,
    dex: &DexFile<'_>,
    l: &LoadedDex,
    dex_index: u16,
    label: &str,
    stats: &mut LoadStats,
    diags: &mut Vec<Diagnostic>,
) -> DexLoadInfo {
    let mut info = DexLoadInfo {
        name: label.to_string(),
        version: dex.version(),
        ..DexLoadInfo::default()
    };
    // valid files never share a class_data_item; a hostile file that does could make the
    // loader allocate (classes x members): each one is read once
    let mut seen_class_data = rustc_hash::FxHashSet::default();
    // Code items registered for lazy decoding may not add up to more code than the file
    // holds (only possible when methods share code items): decoding every body then stays
    // linear in the file size.
    let mut code_budget: u64 = dex.data().len() as u64 / 2 + (1 << 16);
    for ci in 0..dex.class_def_count() {
        let cd = match dex.class_def(ci) {
            Ok(c) => c,
            Err(e) => {
                diags.push(
                    Diagnostic::warning("dex-bad-class", format!("class_def {ci}: {e}"))
                        .at(label.to_string()),
                );
                continue;
            }
        };
        let Some(&ty) = l.types.get(cd.class.index()) else {
            diags.push(
                Diagnostic::warning(
                    "dex-bad-class",
                    format!("class_def {ci}: type index {} out of range", cd.class.0),
                )
                .at(label.to_string()),
            );
            continue;
        };
        let mut problem = |what: &str, e: &dyn std::fmt::Display| {
            diags.push(
                Diagnostic::warning(
                    "dex-bad-class",
                    format!("{}: {what}: {e}", descriptor_or_index(dex, cd.class)),
                )
                .at(label.to_string()),
            );
        };
        let interfaces = match dex.type_list(cd.interfaces_off) {
            Ok(tl) => tl
                .iter()
                .filter_map(|t| l.types.get(t.index()).copied())
                .collect(),
            Err(e) => {
                problem("interfaces", &e);
                Vec::new()
            }
        };
        let mut class = ClassDef {
            ty,
            access_flags: cd.access_flags,
            super_class: cd.superclass.and_then(|s| l.types.get(s.index()).copied()),
            interfaces,
            dex: dex_index,
            annotations: Vec::new(),
            static_fields: Vec::new(),
            instance_fields: Vec::new(),
            direct_methods: Vec::new(),
            virtual_methods: Vec::new(),
        };
        let mut method_annos: BTreeMap<u32, Vec<Annotation>> = BTreeMap::new();
        let mut param_annos: BTreeMap<u32, Vec<Vec<Annotation>>> = BTreeMap::new();
        if cd.annotations_off != 0 {
            match dex.annotations_directory(cd.annotations_off) {
                Ok(d) => {
                    match dex.annotation_set(d.class_annotations_off) {
                        Ok(s) => class.annotations = convert_set(dex, l, &s),
                        Err(e) => problem("class annotations", &e),
                    }
                    for (m, off) in d.methods {
                        match dex.annotation_set(off) {
                            Ok(s) => {
                                method_annos.insert(m.0, convert_set(dex, l, &s));
                            }
                            Err(e) => problem("method annotations", &e),
                        }
                    }
                    for (m, off) in d.parameters {
                        match dex.annotation_set_ref_list(off) {
                            Ok(sets) => {
                                param_annos.insert(
                                    m.0,
                                    sets.iter().map(|s| convert_set(dex, l, s)).collect(),
                                );
                            }
                            Err(e) => problem("parameter annotations", &e),
                        }
                    }
                }
                Err(e) => problem("annotations directory", &e),
            }
        }
        if cd.class_data_off != 0 && !seen_class_data.insert(cd.class_data_off) {
            problem("class data", &"shared with another class; ignored");
        } else if cd.class_data_off != 0 {
            match ClassData::parse(dex.data(), cd.class_data_off).and_then(|c| c.items()) {
                Ok(items) => {
                    let statics = if cd.static_values_off != 0 {
                        match dex.encoded_array(cd.static_values_off) {
                            Ok(v) => v,
                            Err(e) => {
                                problem("static values", &e);
                                Vec::new()
                            }
                        }
                    } else {
                        Vec::new()
                    };
                    let field = |f: &dex::EncodedField, init: Option<Value>| {
                        l.fields.get(f.field.index()).map(|&id| FieldDef {
                            id,
                            access_flags: f.access_flags,
                            initial_value: init,
                        })
                    };
                    class.static_fields = items
                        .static_fields
                        .iter()
                        .enumerate()
                        .filter_map(|(i, f)| {
                            field(f, statics.get(i).map(|v| convert_value(dex, l, v)))
                        })
                        .collect();
                    class.instance_fields = items
                        .instance_fields
                        .iter()
                        .filter_map(|f| field(f, None))
                        .collect();
                    let mut bad_code = None;
                    let mut method = |m: &dex::EncodedMethod| {
                        let id = *l.methods.get(m.method.index())?;
                        let code = match m.code_off {
                            0 => None,
                            off => match CodeItem::parse(dex.data(), off) {
                                Ok(c) if c.insns.len() as u64 > code_budget => {
                                    bad_code.get_or_insert(dex::DexError::new(
                                        off as usize,
                                        dex::DexErrorKind::BadCount("shared code_item"),
                                    ));
                                    None
                                }
                                Ok(c) => {
                                    code_budget -= c.insns.len() as u64;
                                    Some(CodeLocation {
                                        dex: dex_index,
                                        code_off: off,
                                    })
                                }
                                Err(e) => {
                                    bad_code.get_or_insert(e);
                                    None
                                }
                            },
                        };
                        let mut d = MethodDef::new(id, m.access_flags, code);
                        if let Some(a) = method_annos.get(&m.method.0) {
                            d.annotations = a.clone();
                        }
                        if let Some(a) = param_annos.get(&m.method.0) {
                            d.parameter_annotations = a.clone();
                        }
                        Some(d)
                    };
                    class.direct_methods = items
                        .direct_methods
                        .iter()
                        .filter_map(&mut method)
                        .collect();
                    class.virtual_methods = items
                        .virtual_methods
                        .iter()
                        .filter_map(&mut method)
                        .collect();
                    let dropped = items.static_fields.len()
                        + items.instance_fields.len()
                        + items.direct_methods.len()
                        + items.virtual_methods.len()
                        - class.static_fields.len()
                        - class.instance_fields.len()
                        - class.direct_methods.len()
                        - class.virtual_methods.len();
                    if let Some(e) = bad_code {
                        problem("code item", &e);
                    }
                    if dropped > 0 {
                        problem(
                            "members",
                            &format!(
                                "{dropped} fields or methods with an out-of-range index were dropped"
                            ),
                        );
                    }
                }
                Err(e) => problem("class data", &e),
            }
        }
        info.classes += 1;
        let n = class.direct_methods.len() + class.virtual_methods.len();
        let with_code = class.methods().filter(|m| m.code.is_some()).count();
        info.methods += n;
        info.methods_with_code += with_code;
        let descriptor = program.type_name(ty).to_string();
        if program.add_class(class) {
            stats.classes += 1;
            stats.methods += n;
            stats.methods_with_code += with_code;
        } else {
            stats.duplicate_classes += 1;
            diags.push(
                Diagnostic::warning(
                    "dex-duplicate-class",
                    format!("{descriptor} is defined again; the first definition is used"),
                )
                .at(label.to_string()),
            );
        }
    }
    info
}

fn descriptor_or_index(dex: &DexFile<'_>, t: dex::TypeIdx) -> String {
    dex.type_descriptor(t)
        .map(|s| s.into_owned())
        .unwrap_or_else(|_| format!("type#{}", t.0))
}
