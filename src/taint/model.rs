//! How the engine sees models and the class hierarchy: one small trait, so the engine does not
//! depend on how `permission-maps/` is loaded or how the hierarchy is built. `SimpleModels` is a
//! self-contained implementation keyed by Dalvik names (used by tests and as a fallback).
//!
//! Must never: guess models for methods it was not given (a missing model is "unknown", and the
//! engine applies its documented default propagation instead).

use std::collections::HashMap;
use std::sync::Arc;

use crate::bytecode::program::Program;
use crate::bytecode::{FieldId, MethodId, TypeId};
use crate::maps::{MethodModel, Port, RuleSet, SinkRule, SourceKind, SourceRule};

use super::Confidence;

/// The model knowledge the engine consumes.
pub trait ModelSource: Sync {
    /// Models declared for a call to `method`: the referenced class first, then every supertype
    /// with a model (all apply). Empty: no model (the engine's default applies).
    fn call_models<'a>(&'a self, program: &Program, method: MethodId) -> Vec<&'a MethodModel>;

    /// `CallbackParameter` source rules that the app method `method` overrides or implements
    /// (e.g. `onLocationChanged(Landroid/location/Location;)V` of a `LocationListener`).
    fn callback_sources(&self, program: &Program, method: MethodId) -> Vec<SourceRule>;

    /// The framework/SDK method (declaring class) whose callback-parameter source `method`
    /// overrides, when the program references it: reported as the source api.
    fn callback_api(&self, _program: &Program, _method: MethodId) -> Option<MethodId> {
        None
    }

    /// Data category and confidence of a constant content Uri (`content://contacts/...`).
    fn classify_uri(&self, _uri: &str) -> Option<(Arc<str>, Confidence)> {
        None
    }

    /// Is `uri` a content URI of one of the app's own providers (an authority its manifest
    /// declares)? A query on it reads what the app stored, so it is no source by itself.
    fn own_provider(&self, _uri: &str) -> bool {
        false
    }

    /// Constant Uri behind a static field such as
    /// `Landroid/provider/ContactsContract$Contacts;->CONTENT_URI:Landroid/net/Uri;`.
    fn uri_field(&self, _field_signature: &str) -> Option<Arc<str>> {
        None
    }

    /// A field whose read is a source (`Landroid/os/Build;->SERIAL:Ljava/lang/String;`).
    fn field_source(&self, _program: &Program, _field: FieldId) -> Option<FieldSourceInfo> {
        None
    }

    /// Models of framework/SDK methods named `name` declared for exactly `class` (descriptor),
    /// whatever their parameters: the target of a reflective `Method.invoke` whose class and
    /// method name are constants, when the app never references the method directly.
    fn models_by_name<'a>(&'a self, _class: &str, _name: &str) -> Vec<&'a MethodModel> {
        Vec::new()
    }

    /// Constant-argument gate of a source rule: (argument index as in `Port::Arg`, values).
    fn const_gate(&self, _rule_id: &str) -> Option<(u8, Vec<Arc<str>>)> {
        None
    }

    /// The provenance tag of what a call to `method` returns (`URLConnection.getOutputStream()`
    /// -> `network-stream`), looked up on the referenced class and its supertypes.
    fn stream_factory(&self, _program: &Program, _method: MethodId) -> Option<Arc<str>> {
        None
    }

    /// The tag a sink rule's receiver must carry for the sink to fire (`requires`).
    fn sink_requirement(&self, _rule_id: &str) -> Option<Arc<str>> {
        None
    }

    /// The annotation with this descriptor makes an interface method an HTTP request
    /// (`permission-maps/annotations.toml`: target `method`, part `verb`, Retrofit's `@GET`,
    /// `@POST`, ...): `Some(carries_url)`, true when its value is the request's (relative) URL.
    fn http_request(&self, _descriptor: &str) -> Option<bool> {
        None
    }

    /// `[[return_sink]]` rules the app method `method` overrides (Volley
    /// `Request.getParams()`: what it returns is sent), each with the overridden SDK method
    /// when the program references it (reported as the sink api).
    fn return_sinks(&self, _program: &Program, _method: MethodId) -> Vec<(SinkRule, MethodId)> {
        Vec::new()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSourceInfo {
    pub rule: Arc<str>,
    pub category: Arc<str>,
}

/// Supertypes of a type as far as the app defines them (class chain, then interfaces),
/// nearest first, plus extra edges for framework types given by the caller.
pub fn app_supertypes(
    program: &Program,
    t: TypeId,
    extra: &HashMap<String, Vec<String>>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut queue: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    queue.push_back(program.type_name(t).to_string());
    let mut guard = 0usize;
    while let Some(name) = queue.pop_front() {
        guard += 1;
        if guard > 4096 {
            break;
        }
        if out.contains(&name) {
            continue;
        }
        if let Some(ty) = program.lookup_type(&name)
            && let Some(c) = program.class(ty)
        {
            if let Some(s) = c.super_class {
                queue.push_back(program.type_name(s).to_string());
            }
            for i in &c.interfaces {
                queue.push_back(program.type_name(*i).to_string());
            }
        }
        if let Some(ex) = extra.get(&name) {
            for e in ex {
                queue.push_back(e.clone());
            }
        }
        out.push(name);
    }
    out
}

/// Models keyed by class descriptor and sub-signature (`name(params)ret`).
#[derive(Default, Debug)]
pub struct SimpleModels {
    pub models: HashMap<(String, String), MethodModel>,
    /// framework supertypes the program does not define: class -> direct supertypes
    pub supertypes: HashMap<String, Vec<String>>,
    pub uris: Vec<(String, Arc<str>, Confidence)>,
    pub uri_fields: HashMap<String, Arc<str>>,
    pub rule_set: Option<RuleSet>,
    /// `[[return_sink]]` rules by (class, subsignature)
    pub return_sinks: HashMap<(String, String), Vec<SinkRule>>,
    /// constant-argument gates by source rule id: (argument index, values)
    pub gates: HashMap<String, (u8, Vec<Arc<str>>)>,
    /// HTTP-request annotations by descriptor: does the value carry the URL
    pub http_requests: HashMap<String, bool>,
}

impl SimpleModels {
    pub fn new() -> Self {
        Self::default()
    }
    /// The model of `Lcls;->subsig`, created empty on first use.
    pub fn model(&mut self, class: &str, subsig: &str) -> &mut MethodModel {
        self.models
            .entry((class.to_string(), subsig.to_string()))
            .or_default()
    }
    pub fn add_supertype(&mut self, class: &str, sup: &str) {
        self.supertypes
            .entry(class.to_string())
            .or_default()
            .push(sup.to_string());
    }
}

impl ModelSource for SimpleModels {
    fn models_by_name<'a>(&'a self, class: &str, name: &str) -> Vec<&'a MethodModel> {
        let mut hits: Vec<(&String, &'a MethodModel)> = self
            .models
            .iter()
            .filter(|((c, sub), _)| c == class && sub.split('(').next() == Some(name))
            .map(|((_, sub), m)| (sub, m))
            .collect();
        hits.sort_by(|a, b| a.0.cmp(b.0));
        hits.into_iter().map(|(_, m)| m).collect()
    }

    fn call_models<'a>(&'a self, program: &Program, method: MethodId) -> Vec<&'a MethodModel> {
        let r = program.method(method);
        let subsig = program.method_subsignature(method);
        for class in app_supertypes(program, r.class, &self.supertypes) {
            if let Some(m) = self.models.get(&(class, subsig.clone())) {
                return vec![m];
            }
        }
        Vec::new()
    }

    fn callback_sources(&self, program: &Program, method: MethodId) -> Vec<SourceRule> {
        let r = program.method(method);
        let subsig = program.method_subsignature(method);
        let mut out = Vec::new();
        for class in app_supertypes(program, r.class, &self.supertypes)
            .into_iter()
            .skip(1)
        {
            if let Some(m) = self.models.get(&(class, subsig.clone())) {
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

    fn classify_uri(&self, uri: &str) -> Option<(Arc<str>, Confidence)> {
        self.uris
            .iter()
            .filter(|(p, _, _)| uri.starts_with(p.as_str()))
            .max_by_key(|(p, _, _)| p.len())
            .map(|(_, c, conf)| (c.clone(), *conf))
    }

    fn uri_field(&self, field_signature: &str) -> Option<Arc<str>> {
        self.uri_fields.get(field_signature).cloned()
    }

    fn http_request(&self, descriptor: &str) -> Option<bool> {
        self.http_requests.get(descriptor).copied()
    }

    fn const_gate(&self, rule_id: &str) -> Option<(u8, Vec<Arc<str>>)> {
        self.gates.get(rule_id).cloned()
    }

    fn return_sinks(&self, program: &Program, method: MethodId) -> Vec<(SinkRule, MethodId)> {
        let r = program.method(method);
        let subsig = program.method_subsignature(method);
        let mut out = Vec::new();
        for class in app_supertypes(program, r.class, &self.supertypes)
            .into_iter()
            .skip(1)
        {
            if let Some(rules) = self.return_sinks.get(&(class, subsig.clone())) {
                out.extend(rules.iter().map(|s| (s.clone(), method)));
            }
        }
        out
    }
}

/// Does a rule declared for `rule_sets` apply under `chosen`? (empty list: every set)
pub fn rule_applies(rule_sets: &[RuleSet], chosen: RuleSet) -> bool {
    rule_sets.is_empty() || rule_sets.contains(&chosen)
}

/// Register index in the call's argument list for a model port (None: Return or out of range).
pub fn port_arg(port: Port, is_static: bool, nargs: usize) -> Option<usize> {
    let i = match port {
        Port::Return => return None,
        Port::This => {
            if is_static {
                return None;
            }
            0
        }
        Port::Arg(n) => n as usize + usize::from(!is_static),
    };
    (i < nargs).then_some(i)
}
