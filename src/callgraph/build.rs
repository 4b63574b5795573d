//! The call-graph fixpoint: entry points from the manifest, layouts and the framework model;
//! virtual dispatch by RTA (only types instantiated in reachable code, or handed over by the
//! framework, are dispatch targets); async, ICC and reflective edges from framework rules.
//!
//! Waves of newly reachable methods are scanned in parallel (`scan` is pure); their summaries
//! are then applied one by one in method-id order, and every output is sorted, so the result
//! does not depend on the thread count. Dispatch is shared per (declared type, sub-signature):
//! a newly instantiated type updates each dispatch set it can join once, instead of
//! re-resolving every call site.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::scan::{self, IntentObj, KnownTypes, Reflect, Summary, Val};
use super::{CallGraph, CallSiteKey, CallTarget, EdgeKind, EntryKind, EntryPoint};
use crate::bytecode::{ACC_PUBLIC, InvokeKind, MethodId, MethodRef, Program, TypeId};
use crate::consts::ResourceStrings;
use crate::diag::Diagnostic;
use crate::hierarchy::{Hierarchy, IccTarget, SubsigId};
use crate::manifest::{ComponentKind, LayoutHandlers, Manifest, Resources};

use self::icc::FilterSpec;

mod icc;
mod reflect;
mod seed;

#[derive(Clone, Debug)]
pub struct CallGraphOptions {
    /// RTA (default): virtual calls dispatch only to types instantiated in reachable code.
    /// false: plain CHA, every concrete app class counts as instantiated.
    pub rta: bool,
    /// Without a manifest (bare dex), treat every concrete app subclass of Activity, Service,
    /// BroadcastReceiver, ContentProvider and Application as a declared component.
    pub components_without_manifest: bool,
    /// Library / instrumentation mode: every public concrete method of every app class is an
    /// entry point (kind `callback`) and every concrete app class counts as instantiated. For
    /// SDKs and for apps driven from an instrumentation APK, whose manifest declares little.
    pub public_methods_as_entries: bool,
}

impl Default for CallGraphOptions {
    fn default() -> Self {
        CallGraphOptions {
            rta: true,
            components_without_manifest: true,
            public_methods_as_entries: false,
        }
    }
}

/// A shared dispatch: every instantiated subtype of `declared` (that is also a `must_be`)
/// dispatches `subsig`; the resolved methods feed every site attached to it.
struct Dispatch {
    subsig: SubsigId,
    must_be: Option<TypeId>,
    targets: Vec<MethodId>,
    target_set: FxHashSet<MethodId>,
    /// some receiver resolved outside the app
    external: bool,
    /// call sites: (site, kind, external method to add when dispatch leaves the app)
    sites: Vec<(CallSiteKey, EdgeKind, Option<MethodId>)>,
    /// targets are callback entry points
    entry: bool,
}

struct Builder<'a> {
    program: &'a Program,
    h: &'a Hierarchy,
    known: KnownTypes,
    reachable: FxHashSet<MethodId>,
    frontier: Vec<MethodId>,
    instantiated: FxHashSet<TypeId>,
    inst_queue: Vec<TypeId>,
    initialized: FxHashSet<TypeId>,
    dispatches: Vec<Dispatch>,
    dispatch_key: FxHashMap<(TypeId, SubsigId, Option<TypeId>), u32>,
    watch: FxHashMap<TypeId, Vec<u32>>,
    edges: Vec<(CallSiteKey, CallTarget)>,
    entries: Vec<EntryPoint>,
    entry_seen: FxHashSet<(MethodId, EntryKind)>,
    callbacks_cache: FxHashMap<TypeId, Arc<[SubsigId]>>,
    async_by_subsig: FxHashMap<SubsigId, Vec<usize>>,
    icc_by_subsig: FxHashMap<SubsigId, Vec<usize>>,
    /// enabled components: (kind, class, their intent filters)
    components: Vec<(IccTarget, TypeId, Vec<FilterSpec>)>,
    /// classes of every enabled declared component (any kind) and the instrumentation
    declared: FxHashSet<TypeId>,
    /// false in library mode: any app class may receive an explicit intent
    restrict_components: bool,
    /// Activity, Service, BroadcastReceiver, ContentProvider: the framework instantiates
    /// app subclasses of these only when the manifest declares them
    component_bases: Vec<TypeId>,
    /// enabled components that other apps can send intents to (exported)
    external_intents: FxHashSet<TypeId>,
    /// activities whose onActivityResult may receive a result from outside the app
    external_results: FxHashSet<TypeId>,
    /// (activity started for a result, activity whose onActivityResult gets the result)
    result_links: Vec<(TypeId, TypeId)>,
    /// setResult call sites with the activity class that calls it
    result_setters: Vec<(CallSiteKey, TypeId)>,
    result_edges: Vec<(CallSiteKey, MethodId)>,
    undelivered_icc: FxHashSet<CallSiteKey>,
    /// Handler types wrapped by `new Messenger(handler)`
    messenger_handlers: Vec<TypeId>,
    /// `Messenger.send(msg)` call sites
    messenger_sends: Vec<CallSiteKey>,
    messenger_edges: Vec<(CallSiteKey, MethodId)>,
    handle_message: Option<SubsigId>,
    on_activity_result: Option<SubsigId>,
    clinit_name: Arc<str>,
    void: Option<TypeId>,
    /// receivers registered in code with their filter
    dyn_receivers: Vec<(TypeId, FilterSpec)>,
    /// implicit broadcasts sent: (site, intent)
    broadcasts: Vec<(CallSiteKey, IntentObj)>,
}

fn edge_rank(k: &EdgeKind) -> (u8, u8, u8) {
    match *k {
        EdgeKind::Direct => (0, 0, 0),
        EdgeKind::Virtual => (1, 0, 0),
        EdgeKind::Async {
            receiver_arg,
            params_from,
        } => (2, receiver_arg, params_from.map(|p| p + 1).unwrap_or(0)),
        EdgeKind::Reflective => (3, 0, 0),
        EdgeKind::Icc => (4, 0, 0),
    }
}

pub(crate) fn entry_rank(k: EntryKind) -> u8 {
    match k {
        EntryKind::Lifecycle => 0,
        EntryKind::Callback => 1,
        EntryKind::LayoutOnClick => 2,
        EntryKind::StaticInit => 3,
    }
}

/// Builds entry points and the call graph. Never fails; anomalies come back as diagnostics.
pub fn build(
    program: &Program,
    hierarchy: &Hierarchy,
    manifest: Option<&Manifest>,
    layouts: &[LayoutHandlers],
    options: &CallGraphOptions,
) -> (CallGraph, Vec<Diagnostic>) {
    build_with_resources(program, hierarchy, manifest, layouts, options, None)
}

/// [`build`] with the app's resource table: `getString(R.string.x)` with a constant id is the
/// string constant the table holds (reflection and intent targets kept in `strings.xml`).
/// The graph keeps the table (`CallGraph::resource_strings`) for the taint engine.
pub fn build_with_resources(
    program: &Program,
    hierarchy: &Hierarchy,
    manifest: Option<&Manifest>,
    layouts: &[LayoutHandlers],
    options: &CallGraphOptions,
    resources: Option<Arc<Resources>>,
) -> (CallGraph, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut known = KnownTypes::new(program);
    known.resource_strings = resources
        .filter(|r| !r.is_empty())
        .map(|r| Arc::new(ResourceStrings::new(program, hierarchy, r)));
    let mut b = Builder {
        program,
        h: hierarchy,
        known,
        reachable: FxHashSet::default(),
        frontier: Vec::new(),
        instantiated: FxHashSet::default(),
        inst_queue: Vec::new(),
        initialized: FxHashSet::default(),
        dispatches: Vec::new(),
        dispatch_key: FxHashMap::default(),
        watch: FxHashMap::default(),
        edges: Vec::new(),
        entries: Vec::new(),
        entry_seen: FxHashSet::default(),
        callbacks_cache: FxHashMap::default(),
        async_by_subsig: FxHashMap::default(),
        icc_by_subsig: FxHashMap::default(),
        components: Vec::new(),
        declared: FxHashSet::default(),
        restrict_components: !options.public_methods_as_entries,
        component_bases: hierarchy
            .component_bases
            .iter()
            .filter(|(_, k)| k.is_manifest_component())
            .map(|(t, _)| *t)
            .collect(),
        external_intents: FxHashSet::default(),
        external_results: FxHashSet::default(),
        result_links: Vec::new(),
        result_setters: Vec::new(),
        result_edges: Vec::new(),
        undelivered_icc: FxHashSet::default(),
        messenger_handlers: Vec::new(),
        messenger_sends: Vec::new(),
        messenger_edges: Vec::new(),
        handle_message: hierarchy.lookup_subsig(program, "handleMessage(Landroid/os/Message;)V"),
        on_activity_result: hierarchy
            .lookup_subsig(program, "onActivityResult(IILandroid/content/Intent;)V"),
        clinit_name: Arc::from("<clinit>"),
        void: program.lookup_type("V"),
        dyn_receivers: Vec::new(),
        broadcasts: Vec::new(),
    };
    for (i, r) in hierarchy.async_rules.iter().enumerate() {
        b.async_by_subsig.entry(r.method).or_default().push(i);
    }
    for (i, r) in hierarchy.icc_rules.iter().enumerate() {
        b.icc_by_subsig.entry(r.method).or_default().push(i);
    }
    if !options.rta || options.public_methods_as_entries {
        for c in &program.classes {
            if hierarchy.is_concrete_app_class(c.ty) {
                b.instantiate(c.ty);
            }
        }
    }
    if options.public_methods_as_entries {
        for c in &program.classes {
            for d in c.methods() {
                if d.access_flags & ACC_PUBLIC != 0 && !d.is_abstract() {
                    b.add_entry(d.id, EntryKind::Callback, None);
                }
            }
        }
    }
    b.seed(manifest, layouts, options, &mut diags);

    loop {
        b.drain_instantiations();
        if b.frontier.is_empty() {
            break;
        }
        let mut wave = std::mem::take(&mut b.frontier);
        wave.sort_unstable();
        wave.dedup();
        let summaries: Vec<Summary> = wave
            .par_iter()
            .map(|&m| scan::scan(program, &b.known, m))
            .collect();
        for (m, s) in wave.iter().zip(summaries.iter()) {
            b.apply(*m, s);
        }
    }
    let cg = b.finish();
    diags.push(Diagnostic::info(
        "callgraph-stats",
        format!(
            "{} entry points, {} reachable methods, {} call sites with targets",
            cg.entry_points.len(),
            cg.reachable.len(),
            cg.targets.len()
        ),
    ));
    (cg, diags)
}

impl<'a> Builder<'a> {
    fn mark_reachable(&mut self, m: MethodId) {
        if self.reachable.insert(m) && self.program.method_def(m).is_some() {
            self.frontier.push(m);
        }
    }

    fn add_entry(&mut self, m: MethodId, kind: EntryKind, component: Option<&str>) {
        if self.entry_seen.insert((m, kind)) {
            self.entries.push(EntryPoint {
                method: m,
                kind,
                component: component.map(|s| s.to_string()),
            });
        }
        self.mark_reachable(m);
    }

    fn add_edge(&mut self, site: CallSiteKey, m: MethodId, kind: EdgeKind) {
        self.edges.push((site, CallTarget { method: m, kind }));
        self.mark_reachable(m);
    }

    fn instantiate(&mut self, t: TypeId) {
        if !self.instantiated.insert(t) {
            return;
        }
        self.inst_queue.push(t);
        self.init_class(t);
        if self.h.is_app_class(t) && self.h.is_managed(t) {
            for cb in self.h.all_callbacks(t) {
                if let Some(m) = self.h.dispatch(self.program, t, cb) {
                    self.add_entry(m, EntryKind::Callback, None);
                }
            }
        }
    }

    /// Class initialization: `<clinit>` of `t` and of its app superclasses.
    fn init_class(&mut self, t: TypeId) {
        let Some(void) = self.void else { return };
        let chain: Vec<TypeId> = std::iter::once(t)
            .chain(self.h.supertypes(t).iter().copied())
            .filter(|s| self.h.is_app_class(*s))
            .collect();
        for s in chain {
            if !self.initialized.insert(s) {
                continue;
            }
            let r = MethodRef {
                class: s,
                name: self.clinit_name.clone(),
                params: Vec::new(),
                ret: void,
            };
            if let Some(m) = self.program.lookup_method(&r)
                && self.program.method_def(m).is_some()
            {
                self.add_entry(m, EntryKind::StaticInit, None);
            }
        }
    }

    fn drain_instantiations(&mut self) {
        while let Some(t) = self.inst_queue.pop() {
            let types: Vec<TypeId> = std::iter::once(t)
                .chain(self.h.supertypes(t).iter().copied())
                .collect();
            for s in types {
                let Some(ds) = self.watch.get(&s) else {
                    continue;
                };
                for d in ds.clone() {
                    self.dispatch_on(d, t);
                }
            }
        }
    }

    fn dispatch_on(&mut self, d: u32, t: TypeId) {
        let Some(dp) = self.dispatches.get(d as usize) else {
            return;
        };
        if let Some(p) = dp.must_be
            && !self.h.is_subtype(t, p)
        {
            return;
        }
        let subsig = dp.subsig;
        let entry = dp.entry;
        if !self.h.is_app_class(t) {
            self.dispatches[d as usize].external = true;
            return;
        }
        match self.h.dispatch(self.program, t, subsig) {
            Some(m) => {
                let dp = &mut self.dispatches[d as usize];
                if dp.target_set.insert(m) {
                    dp.targets.push(m);
                    if entry {
                        self.add_entry(m, EntryKind::Callback, None);
                    } else {
                        self.mark_reachable(m);
                    }
                }
            }
            None => self.dispatches[d as usize].external = true,
        }
    }

    /// The shared dispatch of `subsig` over instantiated subtypes of `declared`.
    fn dispatch_set(
        &mut self,
        declared: TypeId,
        subsig: SubsigId,
        must_be: Option<TypeId>,
        entry: bool,
    ) -> u32 {
        if let Some(&d) = self.dispatch_key.get(&(declared, subsig, must_be)) {
            if entry && !self.dispatches[d as usize].entry {
                self.dispatches[d as usize].entry = true;
                for m in self.dispatches[d as usize].targets.clone() {
                    self.add_entry(m, EntryKind::Callback, None);
                }
            }
            return d;
        }
        let d = self.dispatches.len() as u32;
        self.dispatches.push(Dispatch {
            subsig,
            must_be,
            targets: Vec::new(),
            target_set: FxHashSet::default(),
            external: false,
            sites: Vec::new(),
            entry,
        });
        self.dispatch_key.insert((declared, subsig, must_be), d);
        self.watch.entry(declared).or_default().push(d);
        let subs = self.h.subtypes(declared);
        let mut existing: Vec<TypeId> = if subs.len() < self.instantiated.len() {
            std::iter::once(declared)
                .chain(subs.iter().copied())
                .filter(|t| self.instantiated.contains(t))
                .collect()
        } else {
            self.instantiated
                .iter()
                .copied()
                .filter(|t| self.h.is_subtype(*t, declared))
                .collect()
        };
        existing.sort_unstable();
        for t in existing {
            self.dispatch_on(d, t);
        }
        d
    }

    fn callbacks_of(&mut self, t: TypeId) -> Arc<[SubsigId]> {
        if let Some(c) = self.callbacks_cache.get(&t) {
            return c.clone();
        }
        let init = self.h.init_subsig();
        let v: Arc<[SubsigId]> = self
            .h
            .all_callbacks(t)
            .into_iter()
            .filter(|s| Some(*s) != init)
            .collect();
        self.callbacks_cache.insert(t, v.clone());
        v
    }

    /// Dispatch `subsig` on the value `v` (or, when unknown, on instantiated subtypes of
    /// `fallback`), reaching targets through `kind` edges from `site` (None: entry points).
    fn dispatch_value(
        &mut self,
        site: Option<CallSiteKey>,
        kind: EdgeKind,
        v: &Val,
        fallback: TypeId,
        subsig: SubsigId,
        must_be: Option<TypeId>,
    ) {
        match v {
            Val::Exact(t) => {
                if must_be.is_some_and(|p| !self.h.is_subtype(*t, p)) {
                    return;
                }
                if let Some(m) = self.h.dispatch(self.program, *t, subsig) {
                    match site {
                        Some(s) => self.add_edge(s, m, kind),
                        None => self.add_entry(m, EntryKind::Callback, None),
                    }
                }
            }
            _ => {
                let declared = match v {
                    Val::Declared(t) => *t,
                    _ => fallback,
                };
                let d = self.dispatch_set(declared, subsig, must_be, site.is_none());
                if let Some(s) = site {
                    self.dispatches[d as usize].sites.push((s, kind, None));
                }
            }
        }
    }

    fn apply(&mut self, caller: MethodId, s: &Summary) {
        for &t in &s.new_types {
            self.instantiate(t);
        }
        for &t in &s.static_types {
            self.init_class(t);
        }
        for call in &s.calls {
            self.apply_call(caller, call, &s.intents);
        }
        for (pc, r) in &s.reflective {
            self.apply_reflective((caller, *pc), r);
        }
        for &(pc, imp) in &s.custom {
            let target_class = self.program.method(imp).class;
            if &*self.program.method(imp).name == "<init>" {
                self.instantiate(target_class);
            } else {
                self.init_class(target_class);
            }
            self.add_edge((caller, pc), imp, EdgeKind::Reflective);
        }
    }

    fn apply_call(&mut self, caller: MethodId, call: &scan::CallRec, intents: &[IntentObj]) {
        let program = self.program;
        let h = self.h;
        let site = (caller, call.pc);
        let m0 = call.method;
        let mref = program.method(m0);
        let class = mref.class;
        let defined_in_app = program.method_def(m0).is_some();
        let Some(subsig) = h.subsig(m0) else {
            self.add_edge(site, m0, EdgeKind::Direct);
            return;
        };
        let framework_call = match call.kind {
            InvokeKind::Static | InvokeKind::Direct => {
                let target = if defined_in_app {
                    m0
                } else if call.kind == InvokeKind::Static {
                    self.resolve_static(class, m0).unwrap_or(m0)
                } else {
                    m0
                };
                self.add_edge(site, target, EdgeKind::Direct);
                program.method_def(target).is_none()
            }
            InvokeKind::Super => {
                let target = h.dispatch(program, class, subsig).unwrap_or(m0);
                self.add_edge(site, target, EdgeKind::Direct);
                program.method_def(target).is_none()
            }
            InvokeKind::Virtual | InvokeKind::Interface | InvokeKind::Polymorphic => {
                let d = self.dispatch_set(class, subsig, None, false);
                let ext = (!defined_in_app).then_some(m0);
                self.dispatches[d as usize]
                    .sites
                    .push((site, EdgeKind::Virtual, ext));
                !defined_in_app
                    && (!h.is_app_class(class) || h.dispatch(program, class, subsig).is_none())
            }
        };
        let offset = usize::from(call.kind != InvokeKind::Static);
        let param_type = |i: usize| -> Option<TypeId> {
            if i < offset {
                Some(class)
            } else {
                mref.params.get(i - offset).copied()
            }
        };
        if !framework_call {
            // a call into a bundled SDK whose callback interface the model lists: the SDK
            // calls the object back (its own code may be a stub or unanalysable)
            for (i, v) in call.args.iter().enumerate() {
                if let Some(p) = param_type(i)
                    && h.is_app_class(p)
                    && h.is_model_type(p)
                {
                    self.escape(v, p);
                }
            }
            return;
        }
        // asynchrony: the framework runs callbacks of an argument later
        if let Some(rules) = self.async_by_subsig.get(&subsig).cloned() {
            for ri in rules {
                let Some(rule) = h.async_rules.get(ri) else {
                    continue;
                };
                if !h.is_subtype(class, rule.class) {
                    continue;
                }
                let i = rule.receiver_arg as usize;
                let (Some(v), Some(fallback)) = (call.args.get(i), param_type(i)) else {
                    continue;
                };
                let kind = EdgeKind::Async {
                    receiver_arg: rule.receiver_arg,
                    params_from: rule.params_from,
                };
                for &cb in &rule.callbacks {
                    self.dispatch_value(Some(site), kind, v, fallback, cb, None);
                }
            }
        }
        // inter-component communication
        if let Some(rules) = self.icc_by_subsig.get(&subsig).cloned() {
            // the activity whose code makes the call: the receiver's class when the app
            // defines it (`act.startActivityForResult(..)` in a listener), else the caller's
            let calling_activity = if h.is_app_class(class) {
                class
            } else {
                program.method(caller).class
            };
            for ri in rules {
                let Some(rule) = h.icc_rules.get(ri) else {
                    continue;
                };
                if rule.target == IccTarget::Result {
                    self.result_setters.push((site, calling_activity));
                    self.link_results();
                    continue;
                }
                let Some(Val::Intent(idx)) = call.args.get(rule.intent_arg as usize) else {
                    if rule.target == IccTarget::ActivityForResult {
                        self.external_results.insert(calling_activity);
                    }
                    continue;
                };
                let Some(obj) = intents.get(*idx as usize) else {
                    continue;
                };
                let kind = match rule.target {
                    IccTarget::ActivityForResult => IccTarget::Activity,
                    k => k,
                };
                let targets = self.resolve_intent(obj, kind, site);
                if rule.target == IccTarget::ActivityForResult {
                    if targets.is_empty() {
                        self.external_results.insert(calling_activity);
                    }
                    for &t in &targets {
                        if !self.result_links.contains(&(t, calling_activity)) {
                            self.result_links.push((t, calling_activity));
                        }
                    }
                    self.link_results();
                }
                for t in targets {
                    self.icc_edges(site, t);
                }
            }
        }
        // Messenger IPC (bound services): `Messenger.send(msg)` runs `handleMessage(msg)` of
        // the Handler some `new Messenger(handler)` wraps
        if Some(class) == self.known.messenger {
            match (&*mref.name, call.args.get(1)) {
                ("<init>", Some(v)) if mref.params.first().copied() == self.known.handler => {
                    self.messenger_handler(v);
                }
                ("send", Some(_)) if mref.params.first().copied() == self.known.message => {
                    self.messenger_sends.push(site);
                    self.link_messengers();
                }
                _ => {}
            }
        }
        // registerReceiver(receiver, filter): implicit broadcasts with a matching action
        if &*mref.name == "registerReceiver"
            && mref.params.first().copied() == self.known.broadcast_receiver
            && mref.params.get(1).copied() == self.known.intent_filter
        {
            self.register_receiver(call, intents, offset);
        }
        // objects handed to the framework: their callbacks become entry points
        for (i, v) in call.args.iter().enumerate() {
            if let Val::Class(t) = v {
                if i >= offset && h.is_app_class(*t) && !self.undeclared_component(*t) {
                    self.instantiate(*t);
                    for cb in h.all_callbacks(*t) {
                        if let Some(m) = h.dispatch(program, *t, cb) {
                            self.add_entry(m, EntryKind::Callback, None);
                        }
                    }
                }
                continue;
            }
            if let Some(p) = param_type(i) {
                self.escape(v, p);
            }
        }
    }

    /// The object `v` reaches code outside the app through a parameter of type `p`: the
    /// callbacks of `p` (and its supertypes) on it become entry points.
    fn escape(&mut self, v: &Val, p: TypeId) {
        let (declared, exact) = match v {
            Val::Exact(t) => (*t, true),
            Val::Declared(t) => (*t, false),
            _ => return,
        };
        if exact && !self.h.is_app_class(declared) {
            return;
        }
        let cbs = self.callbacks_of(p);
        for &cb in cbs.iter() {
            self.dispatch_value(None, EdgeKind::Direct, v, declared, cb, Some(p));
        }
    }

    fn finish(mut self) -> CallGraph {
        // materialize shared dispatches onto their call sites
        let dispatches = std::mem::take(&mut self.dispatches);
        for d in &dispatches {
            for &(site, kind, ext) in &d.sites {
                for &m in &d.targets {
                    self.edges.push((site, CallTarget { method: m, kind }));
                }
                if let Some(e) = ext
                    && (d.external
                        || d.targets.is_empty()
                        || !self.h.is_app_class(self.program.method(e).class))
                {
                    self.edges.push((site, CallTarget { method: e, kind }));
                }
            }
        }
        let mut edges = std::mem::take(&mut self.edges);
        edges.sort_unstable_by_key(|(s, t)| (*s, t.method, edge_rank(&t.kind)));
        edges.dedup();
        let mut cg = CallGraph::default();
        let mut callers: FxHashMap<MethodId, Vec<CallSiteKey>> = FxHashMap::default();
        for (site, t) in &edges {
            cg.targets.entry(*site).or_default().push(*t);
            callers.entry(t.method).or_default().push(*site);
            self.reachable.insert(t.method);
        }
        for v in callers.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        cg.callers = callers;
        let mut entries = std::mem::take(&mut self.entries);
        entries.sort_by(|a, b| {
            (a.method, entry_rank(a.kind), &a.component).cmp(&(
                b.method,
                entry_rank(b.kind),
                &b.component,
            ))
        });
        cg.entry_points = entries;
        cg.reachable = self.reachable;
        cg.external_intents = self.external_intents;
        cg.external_results = self.external_results;
        cg.undelivered_icc = self.undelivered_icc;
        cg.resource_strings = self.known.resource_strings.take();
        cg
    }
}
