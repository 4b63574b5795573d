//! Class hierarchy of the app plus a bundled model of the framework types it extends or
//! implements (data in `permission-maps/framework/`). Contract used by callgraph and taint.
//!
//! `Hierarchy::build` interns every framework type of the model into the `Program`, links
//! app classes to their supertypes, and indexes methods by sub-signature so that virtual
//! dispatch is a hash lookup per type. It never fails: a supertype that neither the app nor
//! the model defines is kept as a leaf and reported (count + first names) in a diagnostic.
//! It must never follow a cyclic `extends` chain forever (hostile dex files have them).

pub mod framework;

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::bytecode::{ACC_ABSTRACT, ACC_INTERFACE, MethodId, Program, TypeId};
use crate::diag::Diagnostic;

pub use framework::{
    AsyncRule, ComponentBase, FrameworkClass, FrameworkModel, IccRule, IccTarget, ModelError,
    descriptor_to_dotted, dotted_to_descriptor, parse_subsignature,
};

/// A program-wide id for a method sub-signature `name(params)ret` (virtual dispatch key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SubsigId(pub u32);

/// Where a type is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// a class defined in the app's dex files
    App,
    /// a class of the bundled framework model
    Framework,
    /// referenced as a supertype but defined nowhere we know
    Unresolved,
    /// not a class type we saw as a class or supertype
    Other,
}

/// An async rule with its names resolved to ids.
#[derive(Clone, Debug)]
pub struct AsyncSpec {
    pub class: TypeId,
    pub method: SubsigId,
    pub receiver_arg: u8,
    pub params_from: Option<u8>,
    pub callbacks: Vec<SubsigId>,
}

/// An ICC rule with its names resolved to ids.
#[derive(Clone, Debug)]
pub struct IccSpec {
    pub method: SubsigId,
    pub intent_arg: u8,
    pub target: IccTarget,
}

type SubsigKey = (Arc<str>, Vec<TypeId>, TypeId);

#[derive(Debug, Default)]
pub struct Hierarchy {
    /// per type index: range into `super_data` (transitive supertypes, nearest first)
    super_ranges: Vec<(u32, u32)>,
    super_data: Vec<TypeId>,
    sub_ranges: Vec<(u32, u32)>,
    sub_data: Vec<TypeId>,
    origin: Vec<Origin>,
    interface: Vec<bool>,
    abstract_class: Vec<bool>,
    subsig_index: HashMap<SubsigKey, SubsigId>,
    subsig_names: Vec<Arc<str>>,
    method_subsig: Vec<u32>,
    /// (class, subsig) -> non-static method defined by the app in that class
    defined: FxHashMap<(TypeId, SubsigId), MethodId>,
    /// framework callbacks declared directly on each model type
    callbacks: FxHashMap<TypeId, Vec<SubsigId>>,
    icc_callbacks: FxHashMap<TypeId, Vec<SubsigId>>,
    managed: FxHashSet<TypeId>,
    model_types: FxHashSet<TypeId>,
    pub async_rules: Vec<AsyncSpec>,
    pub icc_rules: Vec<IccSpec>,
    /// framework classes whose app subclasses are components, in model order
    pub component_bases: Vec<(TypeId, ComponentBase)>,
    init_subsig: Option<SubsigId>,
}

const NONE: u32 = u32::MAX;
/// deepest superclass chain we follow (real apps stay below ~20; generated code can reach
/// thousands); a deeper one is cut and reported
const MAX_DEPTH: usize = 16_384;
/// transitive supertypes stored over all classes: what a chain of ~5,600 classes needs. Hostile
/// inputs (one chain through 65,000 classes would need two billion) are cut here instead of
/// exhausting memory, and reported
const MAX_SUPER_ENTRIES: usize = 16 << 20;

impl Hierarchy {
    pub fn build(
        program: &mut Program,
        framework: &FrameworkModel,
    ) -> (Hierarchy, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut h = Hierarchy::default();
        // Framework types and sub-signatures are interned first so every id exists.
        struct Fw {
            ty: TypeId,
            sup: Option<TypeId>,
            ifaces: Vec<TypeId>,
            is_interface: bool,
        }
        let mut fw: Vec<Fw> = Vec::new();
        let mut fw_index: FxHashMap<TypeId, usize> = FxHashMap::default();
        let mut pending_cb: Vec<(TypeId, Vec<String>, Vec<String>, bool)> = Vec::new();
        for c in &framework.classes {
            let ty = program.intern_type(&c.descriptor);
            let sup = c.super_class.as_deref().map(|s| program.intern_type(s));
            let ifaces = c
                .interfaces
                .iter()
                .map(|s| program.intern_type(s))
                .collect();
            if fw_index.contains_key(&ty) {
                diags.push(Diagnostic::warning(
                    "framework-model-duplicate",
                    format!("framework model defines {} twice; first kept", c.descriptor),
                ));
                continue;
            }
            fw_index.insert(ty, fw.len());
            h.model_types.insert(ty);
            if let Some(k) = c.component {
                h.component_bases.push((ty, k));
            }
            fw.push(Fw {
                ty,
                sup,
                ifaces,
                is_interface: c.is_interface,
            });
            pending_cb.push((ty, c.callbacks.clone(), c.icc.clone(), c.managed));
        }
        // sub-signatures of every method reference in the program
        let n_methods = program.method_count();
        h.method_subsig = Vec::with_capacity(n_methods);
        for i in 0..n_methods {
            let r = program.method(MethodId(i as u32));
            let id = h.intern_subsig(r.name.clone(), r.params.clone(), r.ret);
            h.method_subsig.push(id.0);
        }
        for (ty, cbs, icc, managed) in pending_cb {
            let cb: Vec<SubsigId> = cbs
                .iter()
                .filter_map(|s| h.intern_subsig_str(program, s))
                .collect();
            let ic: Vec<SubsigId> = icc
                .iter()
                .filter_map(|s| h.intern_subsig_str(program, s))
                .collect();
            if !cb.is_empty() {
                h.callbacks.insert(ty, cb);
            }
            if !ic.is_empty() {
                h.icc_callbacks.insert(ty, ic);
            }
            if managed {
                h.managed.insert(ty);
            }
        }
        for r in &framework.async_rules {
            let class = program.intern_type(&r.class);
            let (Some(method), callbacks) = (
                h.intern_subsig_str(program, &r.method),
                r.callbacks
                    .iter()
                    .filter_map(|s| h.intern_subsig_str(program, s))
                    .collect(),
            ) else {
                continue;
            };
            h.async_rules.push(AsyncSpec {
                class,
                method,
                receiver_arg: r.receiver_arg,
                params_from: r.params_from,
                callbacks,
            });
        }
        for r in &framework.icc_rules {
            if let Some(method) = h.intern_subsig_str(program, &r.method) {
                h.icc_rules.push(IccSpec {
                    method,
                    intent_arg: r.intent_arg,
                    target: r.target,
                });
            }
        }
        h.init_subsig = h.intern_subsig_str(program, "<init>()V");

        let n_types = program.type_count();
        h.origin = vec![Origin::Other; n_types];
        h.interface = vec![false; n_types];
        h.abstract_class = vec![false; n_types];
        // direct supertypes: (super, interfaces)
        let mut direct: Vec<(Option<TypeId>, Vec<TypeId>)> = vec![(None, Vec::new()); n_types];
        for f in &fw {
            h.origin[f.ty.index()] = Origin::Framework;
            h.interface[f.ty.index()] = f.is_interface;
            h.abstract_class[f.ty.index()] = true;
            direct[f.ty.index()] = (f.sup, f.ifaces.clone());
        }
        for c in &program.classes {
            let i = c.ty.index();
            if i >= n_types {
                continue;
            }
            h.origin[i] = Origin::App;
            h.interface[i] = c.access_flags & ACC_INTERFACE != 0;
            h.abstract_class[i] = c.access_flags & (ACC_ABSTRACT | ACC_INTERFACE) != 0;
            direct[i] = (c.super_class, c.interfaces.clone());
            for m in c.methods() {
                if m.is_static() {
                    continue;
                }
                if let Some(&s) = h.method_subsig.get(m.id.index()) {
                    h.defined.entry((c.ty, SubsigId(s))).or_insert(m.id);
                }
            }
        }
        let mut unresolved: Vec<TypeId> = Vec::new();
        for (sup, ifaces) in direct.iter() {
            for t in sup.iter().chain(ifaces.iter()) {
                if let Some(o) = h.origin.get_mut(t.index())
                    && *o == Origin::Other
                {
                    *o = Origin::Unresolved;
                    unresolved.push(*t);
                }
            }
        }
        if !unresolved.is_empty() {
            let mut names: Vec<&str> = unresolved.iter().map(|t| program.type_name(*t)).collect();
            names.sort_unstable();
            let shown: Vec<&str> = names.iter().take(8).copied().collect();
            diags.push(Diagnostic::info(
                "hierarchy-unresolved-types",
                format!(
                    "{} supertype(s) defined neither in the app nor in the framework model \
                     (treated as leaves): {}{}",
                    names.len(),
                    shown.join(", "),
                    if names.len() > shown.len() {
                        ", ..."
                    } else {
                        ""
                    }
                ),
            ));
        }

        // transitive supertypes, nearest first: the superclass chain, then interfaces
        h.super_ranges = vec![(0, 0); n_types];
        let mut seen: FxHashSet<TypeId> = FxHashSet::default();
        let mut queue: Vec<TypeId> = Vec::new();
        let mut cycles = 0usize;
        let mut too_deep = 0usize;
        for t in 0..n_types {
            if matches!(h.origin[t], Origin::Other | Origin::Unresolved) {
                continue;
            }
            let start = h.super_data.len() as u32;
            seen.clear();
            seen.insert(TypeId(t as u32));
            queue.clear();
            let mut cur = TypeId(t as u32);
            queue.extend(direct[t].1.iter().copied());
            let mut depth = 0;
            while let Some(s) = direct.get(cur.index()).and_then(|d| d.0) {
                if !seen.insert(s) {
                    cycles += 1;
                    break;
                }
                if depth >= MAX_DEPTH || h.super_data.len() >= MAX_SUPER_ENTRIES {
                    too_deep += 1;
                    break;
                }
                depth += 1;
                h.super_data.push(s);
                if let Some(d) = direct.get(s.index()) {
                    queue.extend(d.1.iter().copied());
                }
                cur = s;
            }
            let mut qi = 0;
            while qi < queue.len() && qi < 4096 {
                if h.super_data.len() >= MAX_SUPER_ENTRIES {
                    too_deep += 1;
                    break;
                }
                let i = queue[qi];
                qi += 1;
                if !seen.insert(i) {
                    continue;
                }
                h.super_data.push(i);
                if let Some(d) = direct.get(i.index()) {
                    queue.extend(d.1.iter().copied());
                    // interfaces extend interfaces; a superclass of an interface is Object
                }
            }
            h.super_ranges[t] = (start, h.super_data.len() as u32);
        }
        if cycles > 0 {
            diags.push(Diagnostic::warning(
                "hierarchy-cycle",
                format!("{cycles} class(es) with a cyclic superclass chain; chain cut"),
            ));
        }
        if too_deep > 0 {
            diags.push(Diagnostic::warning(
                "hierarchy-too-deep",
                format!(
                    "{too_deep} class(es) with a superclass chain deeper than {MAX_DEPTH} or past \
                     {MAX_SUPER_ENTRIES} stored supertypes in all; chain cut"
                ),
            ));
        }
        // transitive subtypes: invert
        let mut counts = vec![0u32; n_types];
        for t in 0..n_types {
            let (a, b) = h.super_ranges[t];
            for s in &h.super_data[a as usize..b as usize] {
                counts[s.index()] += 1;
            }
        }
        h.sub_ranges = Vec::with_capacity(n_types);
        let mut acc = 0u32;
        for c in &counts {
            h.sub_ranges.push((acc, acc));
            acc += c;
        }
        h.sub_data = vec![TypeId(0); acc as usize];
        for t in 0..n_types {
            let (a, b) = h.super_ranges[t];
            for k in a..b {
                let s = h.super_data[k as usize];
                let r = &mut h.sub_ranges[s.index()];
                h.sub_data[r.1 as usize] = TypeId(t as u32);
                r.1 += 1;
            }
        }
        (h, diags)
    }

    fn intern_subsig(&mut self, name: Arc<str>, params: Vec<TypeId>, ret: TypeId) -> SubsigId {
        let key = (name, params, ret);
        if let Some(&id) = self.subsig_index.get(&key) {
            return id;
        }
        let id = SubsigId(self.subsig_names.len() as u32);
        self.subsig_names.push(key.0.clone());
        self.subsig_index.insert(key, id);
        id
    }

    fn intern_subsig_str(&mut self, program: &mut Program, sub: &str) -> Option<SubsigId> {
        let (name, params, ret) = parse_subsignature(sub)?;
        let params = params.iter().map(|p| program.intern_type(p)).collect();
        let ret = program.intern_type(ret);
        Some(self.intern_subsig(Arc::from(name), params, ret))
    }

    /// Sub-signature id of a method reference known when the hierarchy was built.
    pub fn subsig(&self, m: MethodId) -> Option<SubsigId> {
        match self.method_subsig.get(m.index()) {
            Some(&s) if s != NONE => Some(SubsigId(s)),
            _ => None,
        }
    }

    /// Sub-signature id of `name(params)ret`, if any method or model entry has it.
    pub fn lookup_subsig(&self, program: &Program, sub: &str) -> Option<SubsigId> {
        let (name, params, ret) = parse_subsignature(sub)?;
        let params = params
            .iter()
            .map(|p| program.lookup_type(p))
            .collect::<Option<Vec<_>>>()?;
        let ret = program.lookup_type(ret)?;
        self.subsig_index
            .get(&(Arc::from(name), params, ret))
            .copied()
    }

    pub fn subsig_name(&self, s: SubsigId) -> &str {
        self.subsig_names
            .get(s.0 as usize)
            .map(|n| &**n)
            .unwrap_or("?")
    }

    pub fn origin(&self, t: TypeId) -> Origin {
        self.origin.get(t.index()).copied().unwrap_or(Origin::Other)
    }
    pub fn is_app_class(&self, t: TypeId) -> bool {
        self.origin(t) == Origin::App
    }
    pub fn is_interface(&self, t: TypeId) -> bool {
        self.interface.get(t.index()).copied().unwrap_or(false)
    }
    /// An app class that can have instances (not an interface, not abstract).
    pub fn is_concrete_app_class(&self, t: TypeId) -> bool {
        self.is_app_class(t) && !self.abstract_class.get(t.index()).copied().unwrap_or(true)
    }

    /// Transitive supertypes, nearest first: the superclass chain, then interfaces.
    pub fn supertypes(&self, t: TypeId) -> &[TypeId] {
        match self.super_ranges.get(t.index()) {
            Some(&(a, b)) => &self.super_data[a as usize..b as usize],
            None => &[],
        }
    }

    /// Transitive subtypes (classes and interfaces), in id order.
    pub fn subtypes(&self, t: TypeId) -> &[TypeId] {
        match self.sub_ranges.get(t.index()) {
            Some(&(a, b)) => &self.sub_data[a as usize..b as usize],
            None => &[],
        }
    }

    /// `t` is `of` or one of its subtypes.
    pub fn is_subtype(&self, t: TypeId, of: TypeId) -> bool {
        t == of || self.supertypes(t).contains(&of)
    }

    /// The app method defined in class `t` with sub-signature `s` (non-static).
    pub fn defined(&self, t: TypeId, s: SubsigId) -> Option<MethodId> {
        self.defined.get(&(t, s)).copied()
    }

    /// Dispatch of sub-signature `s` on an object of runtime type `receiver`: the first app
    /// class on the superclass chain defining it concretely, else an app interface default
    /// method. None: the implementation is outside the app (framework) or absent.
    /// Constructors are not inherited: `<init>` resolves on `receiver` only.
    pub fn dispatch(&self, program: &Program, receiver: TypeId, s: SubsigId) -> Option<MethodId> {
        let concrete = |m: MethodId| program.method_def(m).is_some_and(|d| !d.is_abstract());
        if let Some(m) = self.defined(receiver, s) {
            if concrete(m) {
                return Some(m);
            }
        }
        if self
            .subsig_names
            .get(s.0 as usize)
            .is_some_and(|n| &**n == "<init>")
        {
            return None;
        }
        let supers = self.supertypes(receiver);
        for &t in supers {
            if self.is_interface(t) {
                continue;
            }
            if !self.is_app_class(t) {
                break;
            }
            if let Some(m) = self.defined(t, s)
                && concrete(m)
            {
                return Some(m);
            }
        }
        supers
            .iter()
            .filter(|&&t| self.is_interface(t) && self.is_app_class(t))
            .filter_map(|&t| self.defined(t, s))
            .find(|&m| concrete(m))
    }

    /// Walks up from `receiver` to the first class defining `method`'s name+proto.
    pub fn resolve_virtual(
        &self,
        program: &Program,
        receiver: TypeId,
        method: MethodId,
    ) -> Option<MethodId> {
        self.dispatch(program, receiver, self.subsig(method)?)
    }

    /// Class hierarchy analysis: every app implementation a call to `method` may reach.
    pub fn implementations(&self, program: &Program, method: MethodId) -> Vec<MethodId> {
        let Some(s) = self.subsig(method) else {
            return Vec::new();
        };
        let class = program.method(method).class;
        let mut out: Vec<MethodId> = std::iter::once(class)
            .chain(self.subtypes(class).iter().copied())
            .filter(|&t| self.is_concrete_app_class(t))
            .filter_map(|t| self.dispatch(program, t, s))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Framework callbacks declared directly on the model type `t`.
    pub fn callbacks_of(&self, t: TypeId) -> &[SubsigId] {
        self.callbacks.get(&t).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Framework callbacks of `t` and all its supertypes (sorted, deduplicated).
    pub fn all_callbacks(&self, t: TypeId) -> Vec<SubsigId> {
        let mut out: Vec<SubsigId> = std::iter::once(t)
            .chain(self.supertypes(t).iter().copied())
            .flat_map(|s| self.callbacks_of(s).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Callbacks of `t`'s supertypes that receive a delivered Intent.
    pub fn icc_callbacks(&self, t: TypeId) -> Vec<SubsigId> {
        let mut out: Vec<SubsigId> = std::iter::once(t)
            .chain(self.supertypes(t).iter().copied())
            .flat_map(|s| self.icc_callbacks.get(&s).into_iter().flatten().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Instantiating `t` hands it to the framework (a fragment subclass).
    pub fn is_managed(&self, t: TypeId) -> bool {
        std::iter::once(t)
            .chain(self.supertypes(t).iter().copied())
            .any(|s| self.managed.contains(&s))
    }

    /// `t` is described by the framework model (it may also be defined in the app: a bundled
    /// SDK whose callback interfaces the model lists).
    pub fn is_model_type(&self, t: TypeId) -> bool {
        self.model_types.contains(&t)
    }

    pub fn init_subsig(&self) -> Option<SubsigId> {
        self.init_subsig
    }
}
