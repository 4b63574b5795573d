//! `Program`: every class, method and field of an app (all dex files merged, first definition
//! wins as on a device), interned into program-wide ids, plus references to code outside the
//! app (framework, missing libraries) as external ids with no definition.
//!
//! The builder from dex files lives in `crate::bytecode::load` (lowering) and fills this model;
//! tests of later stages may build a `Program` by hand through the same `intern_*`/`add_class`
//! calls.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use super::ir::{Body, FieldId, MethodId, TypeId};

/// A method reference: `Lcom/a/B;->name(II)V` is class `Lcom/a/B;`, name `name`,
/// params `[I, I]`, ret `V`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MethodRef {
    pub class: TypeId,
    pub name: Arc<str>,
    pub params: Vec<TypeId>,
    pub ret: TypeId,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldRef {
    pub class: TypeId,
    pub name: Arc<str>,
    pub ty: TypeId,
}

/// A simplified encoded value (annotation elements, static field initial values).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(Arc<str>),
    Type(TypeId),
    Field(FieldId),
    Method(MethodId),
    Enum(FieldId),
    Array(Vec<Value>),
    Annotation(Box<Annotation>),
    /// method types/handles and anything else an analysis does not read
    Other,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub ty: TypeId,
    /// visibility byte from the dex file (0 build, 1 runtime, 2 system)
    pub visibility: u8,
    pub elements: Vec<(Arc<str>, Value)>,
}

/// Where a method's code item lives, so the body can be decoded lazily.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeLocation {
    /// index into `Program::dex_names` / the loader's dex list
    pub dex: u16,
    /// file offset of the code_item in that dex
    pub code_off: u32,
}

#[derive(Debug)]
pub struct MethodDef {
    pub id: MethodId,
    pub access_flags: u32,
    pub code: Option<CodeLocation>,
    pub annotations: Vec<Annotation>,
    /// one list per parameter (may be shorter than the parameter count)
    pub parameter_annotations: Vec<Vec<Annotation>>,
    /// decoded on first use by `Program::body`
    pub(crate) body: OnceLock<Option<Arc<Body>>>,
}

impl MethodDef {
    pub fn new(id: MethodId, access_flags: u32, code: Option<CodeLocation>) -> Self {
        MethodDef {
            id,
            access_flags,
            code,
            annotations: Vec::new(),
            parameter_annotations: Vec::new(),
            body: OnceLock::new(),
        }
    }
    /// A definition whose body is already known (tests, synthetic code).
    pub fn with_body(id: MethodId, access_flags: u32, body: Body) -> Self {
        let d = MethodDef::new(id, access_flags, None);
        let _ = d.body.set(Some(Arc::new(body)));
        d
    }
    pub fn is_static(&self) -> bool {
        self.access_flags & ACC_STATIC != 0
    }
    pub fn is_abstract(&self) -> bool {
        self.access_flags & (ACC_ABSTRACT | ACC_NATIVE) != 0
    }
}

#[derive(Debug)]
pub struct FieldDef {
    pub id: FieldId,
    pub access_flags: u32,
    pub initial_value: Option<Value>,
}

#[derive(Debug)]
pub struct ClassDef {
    pub ty: TypeId,
    pub access_flags: u32,
    pub super_class: Option<TypeId>,
    pub interfaces: Vec<TypeId>,
    /// which dex file defined it (0 = classes.dex)
    pub dex: u16,
    pub annotations: Vec<Annotation>,
    pub static_fields: Vec<FieldDef>,
    pub instance_fields: Vec<FieldDef>,
    pub direct_methods: Vec<MethodDef>,
    pub virtual_methods: Vec<MethodDef>,
}

impl ClassDef {
    pub fn methods(&self) -> impl Iterator<Item = &MethodDef> {
        self.direct_methods
            .iter()
            .chain(self.virtual_methods.iter())
    }
    pub fn is_interface(&self) -> bool {
        self.access_flags & ACC_INTERFACE != 0
    }
}

pub const ACC_PUBLIC: u32 = 0x1;
pub const ACC_PRIVATE: u32 = 0x2;
pub const ACC_PROTECTED: u32 = 0x4;
pub const ACC_STATIC: u32 = 0x8;
pub const ACC_FINAL: u32 = 0x10;
pub const ACC_NATIVE: u32 = 0x100;
pub const ACC_INTERFACE: u32 = 0x200;
pub const ACC_ABSTRACT: u32 = 0x400;
pub const ACC_SYNTHETIC: u32 = 0x1000;
pub const ACC_CONSTRUCTOR: u32 = 0x10000;

/// Decodes a method body on demand (implemented by the dex loader; absent for hand-built
/// programs whose bodies are all set up front).
pub trait BodySource: Send + Sync {
    fn decode(&self, program: &Program, location: CodeLocation, method: MethodId) -> Option<Body>;
}

#[derive(Default)]
pub struct Program {
    types: Vec<Arc<str>>,
    type_index: HashMap<Arc<str>, TypeId>,
    methods: Vec<MethodRef>,
    method_index: HashMap<MethodRef, MethodId>,
    fields: Vec<FieldRef>,
    field_index: HashMap<FieldRef, FieldId>,
    /// classes defined in the app, in load order (classes.dex first)
    pub classes: Vec<ClassDef>,
    class_index: HashMap<TypeId, usize>,
    /// method id -> (class index, is_virtual, index in that list)
    method_defs: HashMap<MethodId, (u32, bool, u32)>,
    /// names of the dex files, in `CodeLocation::dex` order
    pub dex_names: Vec<String>,
    pub body_source: Option<Box<dyn BodySource>>,
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Program")
            .field("types", &self.types.len())
            .field("methods", &self.methods.len())
            .field("fields", &self.fields.len())
            .field("classes", &self.classes.len())
            .finish()
    }
}

impl Program {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn intern_type(&mut self, descriptor: &str) -> TypeId {
        if let Some(&id) = self.type_index.get(descriptor) {
            return id;
        }
        let id = TypeId(self.types.len() as u32);
        let s: Arc<str> = Arc::from(descriptor);
        self.types.push(s.clone());
        self.type_index.insert(s, id);
        id
    }

    pub fn intern_method(&mut self, m: MethodRef) -> MethodId {
        if let Some(&id) = self.method_index.get(&m) {
            return id;
        }
        let id = MethodId(self.methods.len() as u32);
        self.methods.push(m.clone());
        self.method_index.insert(m, id);
        id
    }

    /// Convenience: intern `Lcls;->name(params)ret` from its parts as descriptors.
    pub fn intern_method_parts(
        &mut self,
        class: &str,
        name: &str,
        params: &[&str],
        ret: &str,
    ) -> MethodId {
        let class = self.intern_type(class);
        let params = params.iter().map(|p| self.intern_type(p)).collect();
        let ret = self.intern_type(ret);
        self.intern_method(MethodRef {
            class,
            name: Arc::from(name),
            params,
            ret,
        })
    }

    pub fn intern_field(&mut self, f: FieldRef) -> FieldId {
        if let Some(&id) = self.field_index.get(&f) {
            return id;
        }
        let id = FieldId(self.fields.len() as u32);
        self.fields.push(f.clone());
        self.field_index.insert(f, id);
        id
    }

    pub fn intern_field_parts(&mut self, class: &str, name: &str, ty: &str) -> FieldId {
        let class = self.intern_type(class);
        let ty = self.intern_type(ty);
        self.intern_field(FieldRef {
            class,
            name: Arc::from(name),
            ty,
        })
    }

    /// Adds a class definition. Returns false (and drops it) when the type is already
    /// defined: the first definition wins, as on a device.
    pub fn add_class(&mut self, class: ClassDef) -> bool {
        if self.class_index.contains_key(&class.ty) {
            return false;
        }
        let ci = self.classes.len() as u32;
        for (i, m) in class.direct_methods.iter().enumerate() {
            self.method_defs
                .entry(m.id)
                .or_insert((ci, false, i as u32));
        }
        for (i, m) in class.virtual_methods.iter().enumerate() {
            self.method_defs.entry(m.id).or_insert((ci, true, i as u32));
        }
        self.class_index.insert(class.ty, ci as usize);
        self.classes.push(class);
        true
    }

    pub fn type_name(&self, t: TypeId) -> &str {
        self.types.get(t.index()).map(|s| &**s).unwrap_or("?")
    }
    pub fn type_count(&self) -> usize {
        self.types.len()
    }
    pub fn lookup_type(&self, descriptor: &str) -> Option<TypeId> {
        self.type_index.get(descriptor).copied()
    }
    pub fn method(&self, m: MethodId) -> &MethodRef {
        &self.methods[m.index()]
    }
    pub fn method_count(&self) -> usize {
        self.methods.len()
    }
    pub fn lookup_method(&self, m: &MethodRef) -> Option<MethodId> {
        self.method_index.get(m).copied()
    }
    pub fn field(&self, f: FieldId) -> &FieldRef {
        &self.fields[f.index()]
    }
    pub fn field_count(&self) -> usize {
        self.fields.len()
    }
    pub fn class(&self, t: TypeId) -> Option<&ClassDef> {
        self.class_index.get(&t).map(|&i| &self.classes[i])
    }
    pub fn method_def(&self, m: MethodId) -> Option<&MethodDef> {
        let &(ci, virt, i) = self.method_defs.get(&m)?;
        let c = &self.classes[ci as usize];
        if virt {
            c.virtual_methods.get(i as usize)
        } else {
            c.direct_methods.get(i as usize)
        }
    }

    /// The decoded body of a method defined in the app (None: external, abstract, native, or
    /// undecodable code — the loader reports the latter as a diagnostic).
    pub fn body(&self, m: MethodId) -> Option<Arc<Body>> {
        let def = self.method_def(m)?;
        def.body
            .get_or_init(|| {
                let loc = def.code?;
                let src = self.body_source.as_ref()?;
                src.decode(self, loc, m).map(Arc::new)
            })
            .clone()
    }

    /// `Lcom/a/B;->name(II)V`
    pub fn method_signature(&self, m: MethodId) -> String {
        let r = self.method(m);
        let mut s = String::with_capacity(64);
        s.push_str(self.type_name(r.class));
        s.push_str("->");
        s.push_str(&r.name);
        s.push('(');
        for p in &r.params {
            s.push_str(self.type_name(*p));
        }
        s.push(')');
        s.push_str(self.type_name(r.ret));
        s
    }

    /// `Lcom/a/B;->name:Ljava/lang/String;`
    pub fn field_signature(&self, f: FieldId) -> String {
        let r = self.field(f);
        format!(
            "{}->{}:{}",
            self.type_name(r.class),
            r.name,
            self.type_name(r.ty)
        )
    }

    /// Sub-signature used for virtual dispatch: `name(params)ret`.
    pub fn method_subsignature(&self, m: MethodId) -> String {
        let full = self.method_signature(m);
        match full.find("->") {
            Some(i) => full[i + 2..].to_string(),
            None => full,
        }
    }
}
