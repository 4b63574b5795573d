//! `ModelSource` over the loaded `permission-maps/` (`maps::Models`) and the class hierarchy:
//! a call's model is the first declared on the referenced class or one of its supertypes
//! (exact, then by class-name suffix for relocated libraries). Lookups are cached per method
//! and field id, because the engine asks once per call site.
//!
//! Must never: apply a rule of another rule set (the `Models` given are already filtered by
//! `Models::builtin(RuleSet)`), or allocate signature strings on a cache hit.

use std::sync::{Arc, RwLock};

use rustc_hash::FxHashMap;

use crate::bytecode::program::{MethodRef, Program};
use crate::bytecode::{FieldId, MethodId, TypeId};
use crate::hierarchy::Hierarchy;
use crate::maps::{MethodModel, Models, SinkRule, SourceKind, SourceRule, UriConfidence};

use super::Confidence;
use super::model::{FieldSourceInfo, ModelSource};

pub struct MapsModels<'a> {
    models: &'a Models,
    hierarchy: &'a Hierarchy,
    calls: RwLock<FxHashMap<MethodId, Arc<[&'a MethodModel]>>>,
    fields: RwLock<FxHashMap<FieldId, Option<FieldSourceInfo>>>,
    factories: RwLock<FxHashMap<MethodId, Option<Arc<str>>>>,
    app: AppFacts,
}

/// What one app adds to the maps: the authorities of its own providers (manifest) and the
/// content URIs its static initializers store in `static final` fields
/// (`PhotoProvider.CONTENT_URI = Uri.parse("content://com.example.photos/photos")`).
#[derive(Clone, Debug, Default)]
pub struct AppFacts {
    /// lower case
    pub own_authorities: Vec<String>,
    /// field signature -> content URI
    pub uri_statics: std::collections::HashMap<String, Arc<str>>,
}

impl<'a> MapsModels<'a> {
    pub fn new(models: &'a Models, hierarchy: &'a Hierarchy) -> Self {
        MapsModels {
            models,
            hierarchy,
            calls: RwLock::new(FxHashMap::default()),
            fields: RwLock::new(FxHashMap::default()),
            factories: RwLock::new(FxHashMap::default()),
            app: AppFacts::default(),
        }
    }

    /// The same models seen from one app (its providers and static content URIs).
    pub fn with_app(mut self, app: AppFacts) -> Self {
        self.app = app;
        self
    }

    fn classes(&self, t: TypeId) -> impl Iterator<Item = TypeId> + '_ {
        std::iter::once(t).chain(self.hierarchy.supertypes(t).iter().copied())
    }

    /// Every model along the hierarchy walk, the referenced class first: a subclass rule
    /// (`FileOutputStream.write`, a file channel) adds to its supertype's (`OutputStream.write`,
    /// sinks and propagation) instead of hiding it. Suffix rules (relocated libraries) only
    /// when no exact rule matched.
    fn find(&self, program: &Program, method: MethodId) -> Vec<&'a MethodModel> {
        let r = program.method(method);
        let subsig = program.method_subsignature(method);
        let models: &'a Models = self.models;
        let mut out: Vec<&'a MethodModel> = Vec::new();
        for c in self.classes(r.class) {
            if let Some(m) = models.lookup(program.type_name(c), &subsig)
                && !out.iter().any(|x| std::ptr::eq(*x, m))
            {
                out.push(m);
            }
        }
        if out.is_empty() {
            for c in self.classes(r.class) {
                if let Some(m) = models.lookup_suffix(program.type_name(c), &subsig) {
                    out.push(m);
                    break;
                }
            }
        }
        out
    }
}

impl ModelSource for MapsModels<'_> {
    fn call_models<'s>(&'s self, program: &Program, method: MethodId) -> Vec<&'s MethodModel> {
        if let Ok(c) = self.calls.read()
            && let Some(hit) = c.get(&method)
        {
            return hit.to_vec();
        }
        let found: Arc<[&MethodModel]> = self.find(program, method).into();
        if let Ok(mut c) = self.calls.write() {
            c.insert(method, found.clone());
        }
        found.to_vec()
    }

    fn models_by_name<'s>(&'s self, class: &str, name: &str) -> Vec<&'s MethodModel> {
        let mut out: Vec<(&Arc<str>, &'s MethodModel)> = self
            .models
            .exact
            .get(class)
            .into_iter()
            .flat_map(|t| t.iter())
            .filter(|(sub, _)| sub.split('(').next() == Some(name))
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        let mut models: Vec<&'s MethodModel> = out.into_iter().map(|(_, m)| m).collect();
        if let Some(m) = self.models.by_name.get(class).and_then(|t| t.get(name)) {
            models.push(m);
        }
        models
    }

    fn callback_sources(&self, program: &Program, method: MethodId) -> Vec<SourceRule> {
        let r = program.method(method);
        let subsig = program.method_subsignature(method);
        let mut out = Vec::new();
        for c in self.hierarchy.supertypes(r.class) {
            if let Some(m) = self.models.lookup(program.type_name(*c), &subsig) {
                out.extend(
                    m.sources
                        .iter()
                        .filter(|s| s.kind == SourceKind::CallbackParameter)
                        .cloned(),
                );
            }
        }
        out
    }

    fn callback_api(&self, program: &Program, method: MethodId) -> Option<MethodId> {
        let r = program.method(method);
        let subsig = program.method_subsignature(method);
        for c in self.hierarchy.supertypes(r.class) {
            let Some(m) = self.models.lookup(program.type_name(*c), &subsig) else {
                continue;
            };
            if m.sources
                .iter()
                .any(|s| s.kind == SourceKind::CallbackParameter)
            {
                return program.lookup_method(&MethodRef {
                    class: *c,
                    name: r.name.clone(),
                    params: r.params.clone(),
                    ret: r.ret,
                });
            }
        }
        None
    }

    fn classify_uri(&self, uri: &str) -> Option<(Arc<str>, Confidence)> {
        self.models.classify_uri(uri).map(|(c, conf)| {
            (
                c,
                match conf {
                    UriConfidence::High => Confidence::High,
                    UriConfidence::Low => Confidence::Low,
                },
            )
        })
    }

    fn uri_field(&self, field_signature: &str) -> Option<Arc<str>> {
        self.models
            .uri_field(field_signature)
            .map(Arc::from)
            .or_else(|| self.app.uri_statics.get(field_signature).cloned())
    }

    fn own_provider(&self, uri: &str) -> bool {
        crate::maps::uri_authority(uri).is_some_and(|a| self.app.own_authorities.contains(&a))
    }

    fn field_source(&self, program: &Program, field: FieldId) -> Option<FieldSourceInfo> {
        if let Ok(c) = self.fields.read()
            && let Some(hit) = c.get(&field)
        {
            return hit.clone();
        }
        let sig = program.field_signature(field);
        let found = self.models.field_source(&sig).map(|f| FieldSourceInfo {
            rule: f.id.clone(),
            category: f.category.clone(),
        });
        if let Ok(mut c) = self.fields.write() {
            c.insert(field, found.clone());
        }
        found
    }

    fn return_sinks(&self, program: &Program, method: MethodId) -> Vec<(SinkRule, MethodId)> {
        let r = program.method(method);
        let own = program.type_name(r.class);
        let subsig = program.method_subsignature(method);
        let mut out = Vec::new();
        for c in self.hierarchy.supertypes(r.class) {
            let class = program.type_name(*c);
            let rules = self.models.return_sinks(class, &subsig);
            if rules.is_empty() {
                continue;
            }
            // the library's own subclasses (Volley's JsonRequest.getBody) are modeled by
            // their constructors' sink rules; only code outside its package is the app's
            let package = class.rfind('/').map_or(class, |i| &class[..=i]);
            if own.starts_with(package) {
                continue;
            }
            let api = program
                .lookup_method(&MethodRef {
                    class: *c,
                    name: r.name.clone(),
                    params: r.params.clone(),
                    ret: r.ret,
                })
                .unwrap_or(method);
            out.extend(rules.iter().map(|s| (s.clone(), api)));
        }
        out
    }

    fn http_request(&self, descriptor: &str) -> Option<bool> {
        self.models.http_request(descriptor).map(|a| a.carries_url)
    }

    fn const_gate(&self, rule_id: &str) -> Option<(u8, Vec<Arc<str>>)> {
        self.models
            .const_gate(rule_id)
            .map(|g| (g.arg, g.values.clone()))
    }

    fn stream_factory(&self, program: &Program, method: MethodId) -> Option<Arc<str>> {
        if let Ok(c) = self.factories.read()
            && let Some(hit) = c.get(&method)
        {
            return hit.clone();
        }
        let r = program.method(method);
        let subsig = program.method_subsignature(method);
        let found = self
            .classes(r.class)
            .find_map(|c| self.models.stream_factory(program.type_name(c), &subsig))
            .map(Arc::from);
        if let Ok(mut c) = self.factories.write() {
            c.insert(method, found.clone());
        }
        found
    }

    fn sink_requirement(&self, rule_id: &str) -> Option<Arc<str>> {
        self.models.sink_requirement(rule_id).map(Arc::from)
    }
}
