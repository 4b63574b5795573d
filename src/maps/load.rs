//! TOML map files -> `Models`. Every record is deserialized with its byte span so that each
//! error names `file:line`. Errors (anything that would make the analysis wrong) are collected
//! across all files and returned together; warnings (rules that can never fire, unknown kinds)
//! are kept in `Models::warnings`. Nothing here trusts the data: signatures, ports, ids and
//! references are all checked.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::models::{
    ConstGate, FieldSource, HttpAnnotation, MapError, MethodTable, Models, ScopeString,
    SinkCategory, UriEntry, normalize_uri,
};
use super::sig::{self, SubSig};
use super::{
    Category, ChannelRule, MethodModel, Port, PropagationRule, RuleSet, Sdk, SinkRule, SourceKind,
    SourceRule, UriConfidence,
};
use crate::diag::Diagnostic;

const KNOWN_FILES: &[&str] = &[
    "categories.toml",
    "sources.toml",
    "sinks.toml",
    "propagation.toml",
    "channels.toml",
    "sdks.toml",
    "uri.toml",
    "permissions.toml",
    "annotations.toml",
];

// ---------------------------------------------------------------- file formats

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    #[serde(default)]
    play_data_types: Vec<String>,
    #[serde(default)]
    category: Vec<Spanned<CategoryRec>>,
    #[serde(default)]
    sink_category: Vec<Spanned<SinkCategoryRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryRec {
    id: String,
    description: String,
    #[serde(default)]
    play_data_types: Vec<Spanned<String>>,
    personal: bool,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SinkCategoryRec {
    id: String,
    description: String,
    exfiltration: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    source: Vec<Spanned<SourceRec>>,
    #[serde(default)]
    field_source: Vec<Spanned<FieldSourceRec>>,
    #[serde(default)]
    scope_string: Vec<Spanned<ScopeStringRec>>,
}

/// A constant an app sends to a social SDK login or API to ask for a kind of data
/// (`user_friends`): evidence of collection even when the data is fetched server-side.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeStringRec {
    value: Spanned<String>,
    category: Spanned<String>,
    sdk: String,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceRec {
    id: String,
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    #[serde(rename = "static", default)]
    is_static: bool,
    methods: Vec<Spanned<String>>,
    category: Spanned<String>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    port: Option<Spanned<String>>,
    #[serde(default)]
    uri_arg: Option<u8>,
    #[serde(default)]
    gate: Option<GateRec>,
    #[serde(default)]
    permissions: Vec<String>,
    rule_sets: Spanned<Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GateRec {
    arg: u8,
    values: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldSourceRec {
    id: String,
    field: Spanned<String>,
    category: Spanned<String>,
    #[serde(default)]
    permissions: Vec<String>,
    rule_sets: Spanned<Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SinksFile {
    #[serde(default)]
    sink: Vec<Spanned<SinkRec>>,
    #[serde(default)]
    stream_factory: Vec<Spanned<StreamFactoryRec>>,
    #[serde(default)]
    return_sink: Vec<Spanned<ReturnSinkRec>>,
}

/// `[[return_sink]]`: the value an app method returns when it overrides one of `methods` of
/// `class` is sent (Volley `Request.getParams()` / `getBody()` / `getHeaders()`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReturnSinkRec {
    id: String,
    class: Spanned<String>,
    methods: Vec<Spanned<String>>,
    category: Spanned<String>,
    #[serde(default)]
    destination: Option<Spanned<String>>,
    rule_sets: Spanned<Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StreamFactoryRec {
    class: Spanned<String>,
    methods: Vec<Spanned<String>>,
    tag: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SinkRec {
    id: String,
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    #[serde(rename = "static", default)]
    is_static: bool,
    methods: Vec<Spanned<String>>,
    category: Spanned<String>,
    ports: Spanned<Vec<String>>,
    #[serde(default)]
    destination: Option<Spanned<String>>,
    #[serde(default)]
    requires: Option<Spanned<String>>,
    rule_sets: Spanned<Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PropagationFile {
    #[serde(default)]
    propagation: Vec<Spanned<PropagationRec>>,
    #[serde(default)]
    sanitizer: Vec<Spanned<SanitizerRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PropagationRec {
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    #[serde(rename = "static", default)]
    is_static: bool,
    methods: Vec<Spanned<String>>,
    from: Spanned<Vec<String>>,
    to: Spanned<Vec<String>>,
    /// the argument holding the key of a keyed container (`Map.put(key, value)`)
    #[serde(default)]
    key_arg: Option<u8>,
    /// a decorator's constructor: the new object writes through to this argument
    #[serde(default)]
    wraps_arg: Option<u8>,
    /// a serializer: `from` ports are read with the fields of their objects
    #[serde(default)]
    deep: bool,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SanitizerRec {
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    methods: Vec<Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelsFile {
    #[serde(default)]
    channels: Vec<String>,
    #[serde(default)]
    channel: Vec<Spanned<ChannelRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelRec {
    channel: Spanned<String>,
    op: Spanned<String>,
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    #[serde(rename = "static", default)]
    is_static: bool,
    methods: Vec<Spanned<String>>,
    #[serde(default)]
    key_arg: Option<u8>,
    value: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SdksFile {
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    sdk: Vec<Spanned<SdkRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SdkRec {
    id: String,
    name: String,
    company: String,
    kind: Spanned<String>,
    prefixes: Vec<Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    hosts: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UriFile {
    #[serde(default)]
    uri: Vec<Spanned<UriRec>>,
    #[serde(default)]
    uri_field: Vec<Spanned<UriFieldRec>>,
    #[serde(default)]
    column: Vec<Spanned<ColumnRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UriRec {
    prefix: Spanned<String>,
    category: Spanned<String>,
    #[serde(default)]
    confidence: Option<Spanned<String>>,
    #[serde(default)]
    permissions: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UriFieldRec {
    field: Spanned<String>,
    uri: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnRec {
    name: Spanned<String>,
    category: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PermissionsFile {
    #[serde(default)]
    dangerous: Vec<Spanned<String>>,
    #[serde(default)]
    api: Vec<Spanned<ApiPermRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiPermRec {
    signature: Spanned<String>,
    permissions: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationsFile {
    #[serde(default)]
    annotation: Vec<Spanned<AnnotationRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationRec {
    descriptor: Spanned<String>,
    library: String,
    target: Spanned<String>,
    part: String,
    #[serde(default)]
    carries_url: bool,
}

// ---------------------------------------------------------------- diagnostics

/// One file being checked: turns byte offsets into `file:line` locations.
struct FileCtx<'a> {
    name: &'a str,
    text: &'a str,
    /// byte offset of every `\n`, for binary search (locations are asked for per rule)
    newlines: Vec<usize>,
}

impl<'a> FileCtx<'a> {
    fn new(name: &'a str, text: &'a str) -> FileCtx<'a> {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        FileCtx {
            name,
            text,
            newlines,
        }
    }

    fn loc(&self, span: &Range<usize>) -> String {
        let offset = span.start.min(self.text.len());
        let line = self.newlines.partition_point(|&nl| nl < offset) + 1;
        format!("{}:{}", self.name, line)
    }
}

#[derive(Default)]
struct Diags {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Diags {
    fn error(&mut self, f: &FileCtx, span: &Range<usize>, code: &'static str, msg: String) {
        self.errors
            .push(Diagnostic::error(code, msg).at(f.loc(span)));
    }
    fn warn(&mut self, f: &FileCtx, span: &Range<usize>, code: &'static str, msg: String) {
        self.warnings
            .push(Diagnostic::warning(code, msg).at(f.loc(span)));
    }
}

fn parse_file<T: for<'de> Deserialize<'de>>(f: &FileCtx, d: &mut Diags) -> Option<T> {
    match toml::from_str::<T>(f.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().to_string();
            let code = if msg.contains("unknown field") {
                "map-unknown-key"
            } else {
                "map-toml"
            };
            d.error(f, &span, code, msg);
            None
        }
    }
}

// ---------------------------------------------------------------- shared record pieces

pub(crate) fn parse_port(s: &str) -> Option<Port> {
    match s {
        "return" => Some(Port::Return),
        "this" => Some(Port::This),
        _ => {
            let n = s.strip_prefix("arg")?;
            if n.is_empty() || (n.len() > 1 && n.starts_with('0')) {
                return None;
            }
            n.parse::<u8>().ok().map(Port::Arg)
        }
    }
}

fn parse_rule_sets(
    f: &FileCtx,
    d: &mut Diags,
    sets: &Spanned<Vec<String>>,
) -> Option<Vec<RuleSet>> {
    let mut out = Vec::new();
    for s in sets.get_ref() {
        match s.as_str() {
            "privacy" => out.push(RuleSet::Privacy),
            "broad" => out.push(RuleSet::Broad),
            other => {
                d.error(
                    f,
                    &sets.span(),
                    "map-bad-rule-set",
                    format!("unknown rule set `{other}` (expected `privacy` or `broad`)"),
                );
                return None;
            }
        }
    }
    if out.is_empty() {
        d.error(
            f,
            &sets.span(),
            "map-bad-rule-set",
            "`rule_sets` is empty".into(),
        );
        return None;
    }
    out.sort();
    out.dedup();
    Some(out)
}

fn check_permission_names(f: &FileCtx, d: &mut Diags, span: &Range<usize>, perms: &[String]) {
    for p in perms {
        let ok = p.contains('.')
            && p.split('.').all(|seg| {
                !seg.is_empty() && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if !ok {
            d.error(
                f,
                span,
                "map-bad-permission",
                format!("malformed permission name `{p}`"),
            );
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
enum Target {
    Exact(Arc<str>),
    Suffix(Arc<str>),
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
enum MethodKey {
    Sub(Arc<str>),
    /// `name(*)`
    Name(Arc<str>),
}

/// A method of a record after checking: its key and, for real subsignatures, its shape.
struct Method {
    key: MethodKey,
    shape: Option<(usize, bool)>,
    span: Range<usize>,
}

fn parse_target(
    f: &FileCtx,
    d: &mut Diags,
    class: &Spanned<String>,
    match_kind: &Option<Spanned<String>>,
) -> Option<Target> {
    let mk = match_kind
        .as_ref()
        .map(|m| m.get_ref().as_str())
        .unwrap_or("exact");
    match mk {
        "exact" => {
            if sig::valid_class(class.get_ref()) {
                Some(Target::Exact(Arc::from(class.get_ref().as_str())))
            } else {
                d.error(
                    f,
                    &class.span(),
                    "map-bad-class",
                    format!(
                        "malformed class descriptor `{}` (expected `Lpkg/Name;`)",
                        class.get_ref()
                    ),
                );
                None
            }
        }
        "suffix" => {
            if sig::valid_class_suffix(class.get_ref()) {
                Some(Target::Suffix(Arc::from(class.get_ref().as_str())))
            } else {
                d.error(
                    f,
                    &class.span(),
                    "map-bad-class",
                    format!(
                        "malformed class suffix `{}` (expected `/pkg/Name;` with match = \"suffix\")",
                        class.get_ref()
                    ),
                );
                None
            }
        }
        other => {
            let span = match_kind
                .as_ref()
                .map(|m| m.span())
                .unwrap_or(class.span());
            d.error(
                f,
                &span,
                "map-bad-match",
                format!("unknown match `{other}` (expected `exact` or `suffix`)"),
            );
            None
        }
    }
}

fn parse_methods(
    f: &FileCtx,
    d: &mut Diags,
    methods: &[Spanned<String>],
    target: &Target,
    wildcard_ok: bool,
    record_span: &Range<usize>,
) -> Vec<Method> {
    if methods.is_empty() {
        d.error(
            f,
            record_span,
            "map-bad-signature",
            "`methods` is empty".into(),
        );
    }
    let mut out = Vec::new();
    for m in methods {
        let text = m.get_ref().as_str();
        if let Some(name) = sig::wildcard_name(text) {
            if !wildcard_ok {
                d.error(
                    f,
                    &m.span(),
                    "map-bad-signature",
                    format!(
                        "`{text}`: `name(*)` is only allowed in propagation and sanitizer rules"
                    ),
                );
            } else if matches!(target, Target::Suffix(_)) {
                d.error(
                    f,
                    &m.span(),
                    "map-bad-signature",
                    format!("`{text}`: `name(*)` cannot be combined with match = \"suffix\""),
                );
            } else {
                out.push(Method {
                    key: MethodKey::Name(Arc::from(name)),
                    shape: None,
                    span: m.span(),
                });
            }
            continue;
        }
        match sig::parse_subsig(text) {
            Some(SubSig {
                param_count,
                returns_void,
                ..
            }) => out.push(Method {
                key: MethodKey::Sub(Arc::from(text)),
                shape: Some((param_count, returns_void)),
                span: m.span(),
            }),
            None => d.error(
                f,
                &m.span(),
                "map-bad-signature",
                format!("malformed method subsignature `{text}` (expected `name(params)ret` in descriptor form)"),
            ),
        }
    }
    out
}

enum PortFit {
    Ok,
    OutOfRange(usize),
    VoidReturn,
    StaticThis,
}

fn port_fit(port: Port, shape: Option<(usize, bool)>, is_static: bool) -> PortFit {
    match port {
        Port::This if is_static => PortFit::StaticThis,
        Port::Return => match shape {
            Some((_, true)) => PortFit::VoidReturn,
            _ => PortFit::Ok,
        },
        Port::Arg(n) => match shape {
            Some((count, _)) if usize::from(n) >= count => PortFit::OutOfRange(count),
            _ => PortFit::Ok,
        },
        Port::This => PortFit::Ok,
    }
}

fn port_name(p: Port) -> String {
    match p {
        Port::Return => "return".into(),
        Port::This => "this".into(),
        Port::Arg(n) => format!("arg{n}"),
    }
}

fn method_text(m: &Method) -> String {
    match &m.key {
        MethodKey::Sub(s) => s.to_string(),
        MethodKey::Name(n) => format!("{n}(*)"),
    }
}

/// A port that carries data the rule depends on (source port, propagation port, channel
/// value, destination): out of range is an error, void return / static `this` a warning.
fn check_data_port(
    f: &FileCtx,
    d: &mut Diags,
    port: Port,
    m: &Method,
    is_static: bool,
    what: &str,
) -> bool {
    match port_fit(port, m.shape, is_static) {
        PortFit::Ok => true,
        PortFit::OutOfRange(count) => {
            d.error(
                f,
                &m.span,
                "map-port-out-of-range",
                format!(
                    "{what} port `{}` is out of range: `{}` has {count} parameter(s)",
                    port_name(port),
                    method_text(m)
                ),
            );
            false
        }
        PortFit::VoidReturn => {
            d.warn(
                f,
                &m.span,
                "map-rule-never-fires",
                format!("{what} port `return` on void method `{}`", method_text(m)),
            );
            false
        }
        PortFit::StaticThis => {
            d.warn(
                f,
                &m.span,
                "map-rule-never-fires",
                format!("{what} port `this` on static method `{}`", method_text(m)),
            );
            false
        }
    }
}

fn check_arg_index(f: &FileCtx, d: &mut Diags, arg: u8, m: &Method, what: &str) -> bool {
    match m.shape {
        Some((count, _)) if usize::from(arg) >= count => {
            d.error(
                f,
                &m.span,
                "map-port-out-of-range",
                format!(
                    "{what} {arg} is out of range: `{}` has {count} parameter(s)",
                    method_text(m)
                ),
            );
            false
        }
        _ => true,
    }
}

// ---------------------------------------------------------------- builder

struct Builder {
    rule_set: RuleSet,
    d: Diags,
    categories: BTreeMap<Arc<str>, Category>,
    sink_categories: BTreeMap<Arc<str>, SinkCategory>,
    exact: HashMap<Arc<str>, MethodTable>,
    by_name: HashMap<Arc<str>, MethodTable>,
    suffix: HashMap<Arc<str>, MethodTable>,
    field_sources: HashMap<Arc<str>, FieldSource>,
    scope_strings: Vec<ScopeString>,
    gates: HashMap<Arc<str>, ConstGate>,
    sink_requirements: HashMap<Arc<str>, Arc<str>>,
    /// requirement tag -> where first required (checked against factory tags at the end)
    required_tags: Vec<(String, String)>,
    stream_factories: HashMap<Arc<str>, HashMap<Arc<str>, Arc<str>>>,
    return_sinks: HashMap<Arc<str>, HashMap<Arc<str>, Vec<SinkRule>>>,
    sdks: Vec<Sdk>,
    uris: Vec<UriEntry>,
    uri_fields: HashMap<Arc<str>, Arc<str>>,
    columns: HashMap<Arc<str>, Arc<str>>,
    api_permissions: HashMap<Arc<str>, Vec<Arc<str>>>,
    dangerous: Vec<Arc<str>>,
    annotations: Vec<HttpAnnotation>,
    /// rule ids already declared -> where
    ids: HashMap<String, String>,
    /// duplicate-rule keys -> where
    rule_keys: HashMap<String, String>,
    interned: HashSet<Arc<str>>,
}

impl Builder {
    fn intern(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.interned.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.interned.insert(a.clone());
        a
    }

    fn claim_id(&mut self, f: &FileCtx, span: &Range<usize>, id: &str) -> bool {
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            self.d.error(
                f,
                span,
                "map-bad-id",
                format!("rule id `{id}` must be non-empty without spaces"),
            );
            return false;
        }
        let here = f.loc(span);
        if let Some(first) = self.ids.get(id) {
            let msg = format!("duplicate rule id `{id}` (first declared at {first})");
            self.d.error(f, span, "map-duplicate-id", msg);
            return false;
        }
        self.ids.insert(id.to_string(), here);
        true
    }

    fn claim_rule(&mut self, f: &FileCtx, span: &Range<usize>, key: String, what: &str) -> bool {
        if let Some(first) = self.rule_keys.get(&key) {
            let msg = format!("duplicate {what} (first declared at {first})");
            self.d.error(f, span, "map-duplicate-rule", msg);
            return false;
        }
        self.rule_keys.insert(key, f.loc(span));
        true
    }

    /// Apply `edit` to the model(s) a (target, method) names. Suffix rules are also
    /// registered for the library's own package (`/okhttp3/X;` -> `Lokhttp3/X;`).
    fn edit(&mut self, target: &Target, key: &MethodKey, edit: impl Fn(&mut MethodModel)) {
        match (target, key) {
            (Target::Exact(c), MethodKey::Sub(s)) => edit(
                self.exact
                    .entry(c.clone())
                    .or_default()
                    .entry(s.clone())
                    .or_default(),
            ),
            (Target::Exact(c), MethodKey::Name(n)) => edit(
                self.by_name
                    .entry(c.clone())
                    .or_default()
                    .entry(n.clone())
                    .or_default(),
            ),
            (Target::Suffix(suf), MethodKey::Sub(s)) => {
                edit(
                    self.suffix
                        .entry(suf.clone())
                        .or_default()
                        .entry(s.clone())
                        .or_default(),
                );
                let canonical: Arc<str> = Arc::from(format!("L{}", &suf[1..]));
                edit(
                    self.exact
                        .entry(canonical)
                        .or_default()
                        .entry(s.clone())
                        .or_default(),
                );
            }
            // rejected by parse_methods
            (Target::Suffix(_), MethodKey::Name(_)) => {}
        }
    }

    fn target_key(target: &Target, m: &Method) -> String {
        let t = match target {
            Target::Exact(c) => c.to_string(),
            Target::Suffix(s) => format!("*{s}"),
        };
        format!("{t}->{}", method_text(m))
    }

    fn add_api_permissions(&mut self, target: &Target, m: &Method, perms: &[Arc<str>]) {
        if perms.is_empty() {
            return;
        }
        let (Target::Exact(class), MethodKey::Sub(s)) = (target, &m.key) else {
            return;
        };
        let sig = self.intern(&format!("{class}->{s}"));
        let entry = self.api_permissions.entry(sig).or_default();
        for p in perms {
            if !entry.contains(p) {
                entry.push(p.clone());
            }
        }
        entry.sort();
    }

    fn category_ok(&mut self, f: &FileCtx, cat: &Spanned<String>) -> bool {
        if self.categories.contains_key(cat.get_ref().as_str()) {
            true
        } else {
            self.d.error(
                f,
                &cat.span(),
                "map-unknown-category",
                format!(
                    "unknown data category `{}` (declare it in categories.toml)",
                    cat.get_ref()
                ),
            );
            false
        }
    }

    fn port_ok(&mut self, f: &FileCtx, p: &Spanned<String>) -> Option<Port> {
        let port = parse_port(p.get_ref());
        if port.is_none() {
            self.d.error(
                f,
                &p.span(),
                "map-bad-port",
                format!(
                    "unknown port `{}` (expected `return`, `this` or `argN`)",
                    p.get_ref()
                ),
            );
        }
        port
    }

    fn ports_ok(&mut self, f: &FileCtx, ps: &Spanned<Vec<String>>) -> Option<Vec<Port>> {
        let mut out = Vec::new();
        for p in ps.get_ref() {
            match parse_port(p) {
                Some(port) => out.push(port),
                None => {
                    self.d.error(
                        f,
                        &ps.span(),
                        "map-bad-port",
                        format!("unknown port `{p}` (expected `return`, `this` or `argN`)"),
                    );
                    return None;
                }
            }
        }
        if out.is_empty() {
            self.d
                .error(f, &ps.span(), "map-bad-port", "port list is empty".into());
            return None;
        }
        out.sort();
        out.dedup();
        Some(out)
    }

    // ------------------------------------------------------------ categories.toml

    fn categories_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<CategoriesFile>(f, &mut self.d) else {
            return;
        };
        let known_play: HashSet<&str> = file.play_data_types.iter().map(String::as_str).collect();
        for rec in &file.category {
            let r = rec.get_ref();
            if !self.claim_id(f, &rec.span(), &format!("category:{}", r.id)) {
                continue;
            }
            let mut play = Vec::new();
            for t in &r.play_data_types {
                if !known_play.contains(t.get_ref().as_str()) {
                    self.d.error(
                        f,
                        &t.span(),
                        "map-unknown-play-type",
                        format!(
                            "unknown Play Data safety type `{}` (not in `play_data_types`)",
                            t.get_ref()
                        ),
                    );
                }
                play.push(self.intern(t.get_ref()));
            }
            let id = self.intern(&r.id);
            self.categories.insert(
                id.clone(),
                Category {
                    id,
                    description: Arc::from(r.description.as_str()),
                    play_data_types: play,
                    personal: r.personal,
                },
            );
        }
        for rec in &file.sink_category {
            let r = rec.get_ref();
            if !self.claim_id(f, &rec.span(), &format!("sink_category:{}", r.id)) {
                continue;
            }
            let id = self.intern(&r.id);
            self.sink_categories.insert(
                id.clone(),
                SinkCategory {
                    id,
                    description: Arc::from(r.description.as_str()),
                    exfiltration: r.exfiltration,
                },
            );
        }
    }

    // ------------------------------------------------------------ sources.toml

    fn sources_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<SourcesFile>(f, &mut self.d) else {
            return;
        };
        for rec in &file.source {
            self.source_rec(f, rec);
        }
        for rec in &file.scope_string {
            let r = rec.get_ref();
            let cat_ok = self.category_ok(f, &r.category);
            let value = r.value.get_ref().trim();
            if value.is_empty() || value.contains([',', ' ']) {
                self.d.error(
                    f,
                    &r.value.span(),
                    "map-bad-scope",
                    format!("scope string `{value}` must be one non-empty token"),
                );
                continue;
            }
            if self.scope_strings.iter().any(|x| &*x.value == value) {
                self.d.error(
                    f,
                    &r.value.span(),
                    "map-duplicate-rule",
                    format!("scope string `{value}` is declared twice"),
                );
                continue;
            }
            if cat_ok {
                let category = self.intern(r.category.get_ref());
                self.scope_strings.push(ScopeString {
                    value: Arc::from(value),
                    category,
                    sdk: Arc::from(r.sdk.as_str()),
                });
            }
        }
        for rec in &file.field_source {
            let r = rec.get_ref();
            let span = rec.span();
            let id_ok = self.claim_id(f, &span, &r.id);
            let cat_ok = self.category_ok(f, &r.category);
            let sets = parse_rule_sets(f, &mut self.d, &r.rule_sets);
            check_permission_names(f, &mut self.d, &span, &r.permissions);
            if !sig::valid_field_signature(r.field.get_ref()) {
                self.d.error(
                    f,
                    &r.field.span(),
                    "map-bad-signature",
                    format!(
                        "malformed field signature `{}` (expected `Lpkg/Cls;->NAME:type`)",
                        r.field.get_ref()
                    ),
                );
                continue;
            }
            let (true, true, Some(sets)) = (id_ok, cat_ok, sets) else {
                continue;
            };
            if !self.claim_rule(
                f,
                &span,
                format!("field-source {}", r.field.get_ref()),
                "field source",
            ) {
                continue;
            }
            if !sets.contains(&self.rule_set) {
                continue;
            }
            let field = self.intern(r.field.get_ref());
            let perms: Vec<Arc<str>> = r.permissions.iter().map(|p| self.intern(p)).collect();
            let category = self.intern(r.category.get_ref());
            self.field_sources.insert(
                field.clone(),
                FieldSource {
                    id: Arc::from(r.id.as_str()),
                    field,
                    category,
                    permissions: perms,
                },
            );
        }
    }

    fn source_rec(&mut self, f: &FileCtx, rec: &Spanned<SourceRec>) {
        let r = rec.get_ref();
        let span = rec.span();
        let id_ok = self.claim_id(f, &span, &r.id);
        let cat_ok = self.category_ok(f, &r.category);
        let sets = parse_rule_sets(f, &mut self.d, &r.rule_sets);
        check_permission_names(f, &mut self.d, &span, &r.permissions);
        let target = parse_target(f, &mut self.d, &r.class, &r.match_kind);
        let kind = match r.kind.as_ref().map(|k| k.get_ref().as_str()) {
            None | Some("call") => Some(SourceKind::Call),
            Some("callback") => Some(SourceKind::CallbackParameter),
            Some(other) => {
                let kspan = r.kind.as_ref().map(|k| k.span()).unwrap_or(span.clone());
                self.d.warn(
                    f,
                    &kspan,
                    "map-unknown-kind",
                    format!("unknown source kind `{other}` (expected `call` or `callback`); rule `{}` skipped", r.id),
                );
                None
            }
        };
        let port = match &r.port {
            Some(p) => self.port_ok(f, p),
            None => Some(Port::Return),
        };
        let Some(target) = target else { return };
        let methods = parse_methods(f, &mut self.d, &r.methods, &target, false, &span);
        let (true, true, Some(sets), Some(kind), Some(port)) = (id_ok, cat_ok, sets, kind, port)
        else {
            return;
        };
        if kind == SourceKind::CallbackParameter && !matches!(port, Port::Arg(_)) {
            let pspan = r.port.as_ref().map(|p| p.span()).unwrap_or(span.clone());
            self.d.error(
                f,
                &pspan,
                "map-bad-port",
                "a callback source must name the parameter that receives the data (`argN`)".into(),
            );
            return;
        }
        // gated sources (uri_arg) carry a fallback category; the URI decides the real one
        if sets.contains(&RuleSet::Privacy)
            && r.uri_arg.is_none()
            && self
                .categories
                .get(r.category.get_ref().as_str())
                .is_some_and(|c| !c.personal)
        {
            self.d.warn(
                f,
                &r.category.span(),
                "map-privacy-nonpersonal",
                format!(
                    "rule `{}` is in the privacy set but category `{}` is not personal",
                    r.id,
                    r.category.get_ref()
                ),
            );
        }
        let id: Arc<str> = Arc::from(r.id.as_str());
        let category = self.intern(r.category.get_ref());
        let perms: Vec<Arc<str>> = r.permissions.iter().map(|p| self.intern(p)).collect();
        let mut gate_ok = true;
        for m in &methods {
            if !check_data_port(f, &mut self.d, port, m, r.is_static, "source") {
                gate_ok = false;
                continue;
            }
            if let Some(u) = r.uri_arg {
                gate_ok &= check_arg_index(f, &mut self.d, u, m, "uri_arg");
            }
            if let Some(g) = &r.gate {
                gate_ok &= check_arg_index(f, &mut self.d, g.arg, m, "gate arg");
            }
        }
        if !gate_ok {
            return;
        }
        if let Some(g) = &r.gate {
            if g.values.is_empty() {
                self.d
                    .error(f, &span, "map-bad-gate", "`gate.values` is empty".into());
                return;
            }
        }
        for m in &methods {
            let key = format!(
                "source {} {:?} {:?}",
                Self::target_key(&target, m),
                kind,
                port
            );
            if !self.claim_rule(f, &m.span, key, "source rule for this method and port") {
                continue;
            }
            // a source gated on a constant argument (`getStringExtra("incoming_number")`) needs
            // its permissions only for that argument: the bare API needs none
            if r.gate.is_none() {
                self.add_api_permissions(&target, m, &perms);
            }
            if !sets.contains(&self.rule_set) {
                continue;
            }
            let rule = SourceRule {
                id: id.clone(),
                category: category.clone(),
                kind,
                port,
                uri_arg: r.uri_arg,
                permissions: perms.clone(),
                rule_sets: sets.clone(),
            };
            self.edit(&target, &m.key, |model| model.sources.push(rule.clone()));
        }
        if sets.contains(&self.rule_set) {
            if let Some(g) = &r.gate {
                let values = g.values.iter().map(|v| Arc::from(v.as_str())).collect();
                self.gates.insert(id, ConstGate { arg: g.arg, values });
            }
        }
    }

    // ------------------------------------------------------------ sinks.toml

    fn sinks_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<SinksFile>(f, &mut self.d) else {
            return;
        };
        for rec in &file.sink {
            self.sink_rec(f, rec);
        }
        for rec in &file.return_sink {
            self.return_sink_rec(f, rec);
        }
        for rec in &file.stream_factory {
            let r = rec.get_ref();
            let span = rec.span();
            let Some(target) = parse_target(f, &mut self.d, &r.class, &None) else {
                continue;
            };
            let Target::Exact(class) = &target else {
                continue;
            };
            let tag = self.intern(&r.tag);
            for m in parse_methods(f, &mut self.d, &r.methods, &target, false, &span) {
                let key = format!("stream-factory {}", Self::target_key(&target, &m));
                if !self.claim_rule(f, &m.span, key, "stream factory") {
                    continue;
                }
                if let MethodKey::Sub(sub) = &m.key {
                    self.stream_factories
                        .entry(class.clone())
                        .or_default()
                        .insert(sub.clone(), tag.clone());
                }
            }
        }
    }

    /// An unknown sink category is a warning (the rule still loads).
    fn check_sink_category(&mut self, f: &FileCtx, category: &Spanned<String>) {
        if !self
            .sink_categories
            .contains_key(category.get_ref().as_str())
        {
            self.d.warn(
                f,
                &category.span(),
                "map-unknown-kind",
                format!(
                    "unknown sink category `{}` (declare it as [[sink_category]] in categories.toml)",
                    category.get_ref()
                ),
            );
        }
    }

    fn sink_rec(&mut self, f: &FileCtx, rec: &Spanned<SinkRec>) {
        let r = rec.get_ref();
        let span = rec.span();
        let id_ok = self.claim_id(f, &span, &r.id);
        self.check_sink_category(f, &r.category);
        let sets = parse_rule_sets(f, &mut self.d, &r.rule_sets);
        let target = parse_target(f, &mut self.d, &r.class, &r.match_kind);
        let ports = self.ports_ok(f, &r.ports);
        let destination = match &r.destination {
            Some(p) => self.port_ok(f, p).map(Some),
            None => Some(None),
        };
        let Some(target) = target else { return };
        let methods = parse_methods(f, &mut self.d, &r.methods, &target, false, &span);
        let (true, Some(sets), Some(ports), Some(destination)) = (id_ok, sets, ports, destination)
        else {
            return;
        };
        let id: Arc<str> = Arc::from(r.id.as_str());
        if let Some(req) = &r.requires {
            self.required_tags
                .push((req.get_ref().clone(), f.loc(&req.span())));
            if sets.contains(&self.rule_set) {
                let tag = self.intern(req.get_ref());
                self.sink_requirements.insert(id.clone(), tag);
            }
        }
        let category = self.intern(r.category.get_ref());
        for m in &methods {
            // leak ports that cannot carry data are warnings: the rest of the rule still works
            let mut live = Vec::new();
            for &p in &ports {
                match port_fit(p, m.shape, r.is_static) {
                    PortFit::Ok => live.push(p),
                    PortFit::OutOfRange(count) => self.d.warn(
                        f,
                        &m.span,
                        "map-rule-never-fires",
                        format!(
                            "sink port `{}` can never fire: `{}` has {count} parameter(s)",
                            port_name(p),
                            method_text(m)
                        ),
                    ),
                    PortFit::VoidReturn | PortFit::StaticThis => self.d.warn(
                        f,
                        &m.span,
                        "map-rule-never-fires",
                        format!(
                            "sink port `{}` can never fire on `{}`",
                            port_name(p),
                            method_text(m)
                        ),
                    ),
                }
            }
            if let Some(dp) = destination {
                if !check_data_port(f, &mut self.d, dp, m, r.is_static, "destination") {
                    continue;
                }
            }
            if live.is_empty() {
                continue;
            }
            let key = format!("sink {} {}", Self::target_key(&target, m), category);
            if !self.claim_rule(
                f,
                &m.span,
                key,
                "sink rule of this category for this method",
            ) {
                continue;
            }
            if !sets.contains(&self.rule_set) {
                continue;
            }
            let rule = SinkRule {
                id: id.clone(),
                category: category.clone(),
                ports: live,
                destination,
                rule_sets: sets.clone(),
            };
            self.edit(&target, &m.key, |model| model.sinks.push(rule.clone()));
        }
    }

    fn return_sink_rec(&mut self, f: &FileCtx, rec: &Spanned<ReturnSinkRec>) {
        let r = rec.get_ref();
        let span = rec.span();
        let id_ok = self.claim_id(f, &span, &r.id);
        self.check_sink_category(f, &r.category);
        let sets = parse_rule_sets(f, &mut self.d, &r.rule_sets);
        let target = parse_target(f, &mut self.d, &r.class, &None);
        // the overriding method's receiver is the request object, whose constant URL (known
        // where it is constructed) is the destination; no other port exists on a return
        let destination = match &r.destination {
            None => Some(None),
            Some(p) if p.get_ref() == "this" => Some(Some(Port::This)),
            Some(p) => {
                self.d.error(
                    f,
                    &p.span(),
                    "map-bad-port",
                    format!(
                        "return_sink destination `{}` must be `this` (the overriding object)",
                        p.get_ref()
                    ),
                );
                None
            }
        };
        let Some(target) = target else { return };
        let methods = parse_methods(f, &mut self.d, &r.methods, &target, false, &span);
        let (true, Some(sets), Some(destination)) = (id_ok, sets, destination) else {
            return;
        };
        let Target::Exact(class) = &target else {
            return;
        };
        let id: Arc<str> = Arc::from(r.id.as_str());
        let category = self.intern(r.category.get_ref());
        for m in &methods {
            if !check_data_port(f, &mut self.d, Port::Return, m, false, "return_sink") {
                continue;
            }
            let key = format!("return-sink {}", Self::target_key(&target, m));
            if !self.claim_rule(f, &m.span, key, "return sink for this method") {
                continue;
            }
            if !sets.contains(&self.rule_set) {
                continue;
            }
            let MethodKey::Sub(sub) = &m.key else {
                continue;
            };
            self.return_sinks
                .entry(class.clone())
                .or_default()
                .entry(sub.clone())
                .or_default()
                .push(SinkRule {
                    id: id.clone(),
                    category: category.clone(),
                    ports: vec![Port::Return],
                    destination,
                    rule_sets: sets.clone(),
                });
        }
    }

    // ------------------------------------------------------------ propagation.toml

    fn propagation_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<PropagationFile>(f, &mut self.d) else {
            return;
        };
        for rec in &file.propagation {
            let r = rec.get_ref();
            let span = rec.span();
            let target = parse_target(f, &mut self.d, &r.class, &r.match_kind);
            let from = self.ports_ok(f, &r.from);
            let to = self.ports_ok(f, &r.to);
            let Some(target) = target else { continue };
            let methods = parse_methods(f, &mut self.d, &r.methods, &target, true, &span);
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            for m in &methods {
                let mut ok = true;
                for &p in &from {
                    ok &= check_data_port(f, &mut self.d, p, m, r.is_static, "propagation `from`");
                }
                for &p in &to {
                    ok &= check_data_port(f, &mut self.d, p, m, r.is_static, "propagation `to`");
                }
                for a in r.key_arg.iter().chain(r.wraps_arg.iter()).copied() {
                    ok &= check_data_port(
                        f,
                        &mut self.d,
                        Port::Arg(a),
                        m,
                        r.is_static,
                        "propagation `key_arg`/`wraps_arg`",
                    );
                }
                if !ok {
                    continue;
                }
                let key = format!("propagation {}", Self::target_key(&target, m));
                if !self.claim_rule(f, &m.span, key, "propagation rule for this method") {
                    continue;
                }
                let rule = PropagationRule {
                    from: from.clone(),
                    to: to.clone(),
                };
                let (key_arg, wraps_arg, deep) = (r.key_arg, r.wraps_arg, r.deep);
                self.edit(&target, &m.key, |model| {
                    model.propagations.push(rule.clone());
                    model.key_arg = key_arg.or(model.key_arg);
                    model.wraps_arg = wraps_arg.or(model.wraps_arg);
                    model.deep |= deep;
                });
            }
        }
        for rec in &file.sanitizer {
            let r = rec.get_ref();
            let span = rec.span();
            let Some(target) = parse_target(f, &mut self.d, &r.class, &r.match_kind) else {
                continue;
            };
            for m in parse_methods(f, &mut self.d, &r.methods, &target, true, &span) {
                let key = format!("sanitizer {}", Self::target_key(&target, &m));
                if !self.claim_rule(f, &m.span, key, "sanitizer for this method") {
                    continue;
                }
                self.edit(&target, &m.key, |model| model.sanitizer = true);
            }
        }
    }

    // ------------------------------------------------------------ channels.toml

    fn channels_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<ChannelsFile>(f, &mut self.d) else {
            return;
        };
        let known: HashSet<&str> = file.channels.iter().map(String::as_str).collect();
        for rec in &file.channel {
            let r = rec.get_ref();
            let span = rec.span();
            if !known.contains(r.channel.get_ref().as_str()) {
                self.d.warn(
                    f,
                    &r.channel.span(),
                    "map-unknown-kind",
                    format!(
                        "unknown channel `{}` (list it in `channels`)",
                        r.channel.get_ref()
                    ),
                );
            }
            let put = match r.op.get_ref().as_str() {
                "put" => Some(true),
                "get" => Some(false),
                other => {
                    self.d.error(
                        f,
                        &r.op.span(),
                        "map-bad-op",
                        format!("unknown op `{other}` (expected `put` or `get`)"),
                    );
                    None
                }
            };
            let target = parse_target(f, &mut self.d, &r.class, &r.match_kind);
            let value = self.port_ok(f, &r.value);
            let Some(target) = target else { continue };
            let methods = parse_methods(f, &mut self.d, &r.methods, &target, false, &span);
            let (Some(put), Some(value)) = (put, value) else {
                continue;
            };
            let channel = self.intern(r.channel.get_ref());
            for m in &methods {
                if !check_data_port(f, &mut self.d, value, m, r.is_static, "channel value") {
                    continue;
                }
                if let Some(k) = r.key_arg {
                    if !check_arg_index(f, &mut self.d, k, m, "key_arg") {
                        continue;
                    }
                }
                let key = format!("channel {}", Self::target_key(&target, m));
                if !self.claim_rule(f, &m.span, key, "channel rule for this method") {
                    continue;
                }
                let rule = ChannelRule {
                    channel: channel.clone(),
                    put,
                    key_arg: r.key_arg,
                    value,
                };
                self.edit(&target, &m.key, |model| model.channels.push(rule.clone()));
            }
        }
    }

    // ------------------------------------------------------------ sdks.toml

    fn sdks_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<SdksFile>(f, &mut self.d) else {
            return;
        };
        let kinds: HashSet<&str> = file.kinds.iter().map(String::as_str).collect();
        let mut prefixes: HashMap<String, String> = HashMap::new();
        for rec in &file.sdk {
            let r = rec.get_ref();
            let span = rec.span();
            if !self.claim_id(f, &span, &format!("sdk:{}", r.id)) {
                continue;
            }
            if !kinds.contains(r.kind.get_ref().as_str()) {
                self.d.warn(
                    f,
                    &r.kind.span(),
                    "map-unknown-kind",
                    format!(
                        "unknown SDK kind `{}` (list it in `kinds`)",
                        r.kind.get_ref()
                    ),
                );
            }
            if r.prefixes.is_empty() {
                self.d.error(
                    f,
                    &span,
                    "map-bad-prefix",
                    format!("SDK `{}` has no prefixes", r.id),
                );
            }
            let mut ps = Vec::new();
            for p in &r.prefixes {
                let text = p.get_ref();
                if !sig::valid_package_prefix(text) {
                    self.d.error(
                        f,
                        &p.span(),
                        "map-bad-prefix",
                        format!("malformed SDK prefix `{text}` (expected a descriptor prefix like `Lcom/umeng/`)"),
                    );
                    continue;
                }
                if let Some(first) = prefixes.get(text.as_str()) {
                    let msg = format!("duplicate SDK prefix `{text}` (first declared at {first})");
                    self.d.error(f, &p.span(), "map-duplicate-prefix", msg);
                    continue;
                }
                prefixes.insert(text.clone(), f.loc(&p.span()));
                ps.push(self.intern(text));
            }
            let kind = self.intern(r.kind.get_ref());
            self.sdks.push(Sdk {
                id: Arc::from(r.id.as_str()),
                name: Arc::from(r.name.as_str()),
                company: Arc::from(r.company.as_str()),
                kind,
                prefixes: ps,
            });
        }
    }

    // ------------------------------------------------------------ uri.toml

    fn uri_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<UriFile>(f, &mut self.d) else {
            return;
        };
        let mut seen: HashMap<String, String> = HashMap::new();
        for rec in &file.uri {
            let r = rec.get_ref();
            let cat_ok = self.category_ok(f, &r.category);
            let confidence = match r.confidence.as_ref().map(|c| c.get_ref().as_str()) {
                None | Some("high") => Some(UriConfidence::High),
                Some("low") => Some(UriConfidence::Low),
                Some(other) => {
                    let cspan = r
                        .confidence
                        .as_ref()
                        .map(|c| c.span())
                        .unwrap_or(rec.span());
                    self.d.error(
                        f,
                        &cspan,
                        "map-bad-confidence",
                        format!("unknown confidence `{other}` (expected `high` or `low`)"),
                    );
                    None
                }
            };
            let Some(norm) =
                normalize_uri(r.prefix.get_ref()).filter(|n| n.len() > "content://".len())
            else {
                self.d.error(
                    f,
                    &r.prefix.span(),
                    "map-bad-uri",
                    format!(
                        "`{}` is not a content URI prefix (`content://authority[/path]`)",
                        r.prefix.get_ref()
                    ),
                );
                continue;
            };
            if let Some(first) = seen.get(&norm) {
                let msg = format!("duplicate URI prefix `{norm}` (first declared at {first})");
                self.d.error(f, &r.prefix.span(), "map-duplicate-rule", msg);
                continue;
            }
            seen.insert(norm.clone(), f.loc(&r.prefix.span()));
            let (true, Some(confidence)) = (cat_ok, confidence) else {
                continue;
            };
            let category = self.intern(r.category.get_ref());
            let permissions = r.permissions.iter().map(|p| self.intern(p)).collect();
            self.uris.push(UriEntry {
                prefix: Arc::from(norm),
                category,
                confidence,
                permissions,
            });
        }
        for rec in &file.uri_field {
            let r = rec.get_ref();
            if !sig::valid_field_signature(r.field.get_ref()) {
                self.d.error(
                    f,
                    &r.field.span(),
                    "map-bad-signature",
                    format!("malformed field signature `{}`", r.field.get_ref()),
                );
                continue;
            }
            if normalize_uri(r.uri.get_ref()).is_none() {
                self.d.error(
                    f,
                    &r.uri.span(),
                    "map-bad-uri",
                    format!("`{}` is not a content URI", r.uri.get_ref()),
                );
                continue;
            }
            let key = format!("uri_field {}", r.field.get_ref());
            if !self.claim_rule(f, &r.field.span(), key, "URI field") {
                continue;
            }
            let field = self.intern(r.field.get_ref());
            self.uri_fields
                .insert(field, Arc::from(r.uri.get_ref().as_str()));
        }
        for rec in &file.column {
            let r = rec.get_ref();
            if !self.category_ok(f, &r.category) {
                continue;
            }
            let key = format!("column {}", r.name.get_ref());
            if !self.claim_rule(f, &r.name.span(), key, "column") {
                continue;
            }
            let name = self.intern(r.name.get_ref());
            let category = self.intern(r.category.get_ref());
            self.columns.insert(name, category);
        }
    }

    // ------------------------------------------------------------ permissions.toml

    fn permissions_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<PermissionsFile>(f, &mut self.d) else {
            return;
        };
        for p in &file.dangerous {
            check_permission_names(f, &mut self.d, &p.span(), std::slice::from_ref(p.get_ref()));
            let a = self.intern(p.get_ref());
            if self.dangerous.contains(&a) {
                self.d.error(
                    f,
                    &p.span(),
                    "map-duplicate-rule",
                    format!("duplicate dangerous permission `{a}`"),
                );
            } else {
                self.dangerous.push(a);
            }
        }
        for rec in &file.api {
            let r = rec.get_ref();
            check_permission_names(f, &mut self.d, &rec.span(), &r.permissions);
            let Some((class, subsig)) = sig::split_method_signature(r.signature.get_ref()) else {
                self.d.error(
                    f,
                    &r.signature.span(),
                    "map-bad-signature",
                    format!(
                        "malformed API signature `{}` (expected `Lpkg/Cls;->name(params)ret`)",
                        r.signature.get_ref()
                    ),
                );
                continue;
            };
            let key = format!("api-permission {class}->{subsig}");
            if !self.claim_rule(f, &r.signature.span(), key, "API permission entry") {
                continue;
            }
            let perms: Vec<Arc<str>> = r.permissions.iter().map(|p| self.intern(p)).collect();
            let sig = self.intern(r.signature.get_ref());
            let entry = self.api_permissions.entry(sig).or_default();
            for p in perms {
                if !entry.contains(&p) {
                    entry.push(p);
                }
            }
            entry.sort();
        }
    }

    // ------------------------------------------------------------ annotations.toml

    fn annotations_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<AnnotationsFile>(f, &mut self.d) else {
            return;
        };
        for rec in &file.annotation {
            let r = rec.get_ref();
            if !sig::valid_class(r.descriptor.get_ref()) {
                self.d.error(
                    f,
                    &r.descriptor.span(),
                    "map-bad-class",
                    format!(
                        "malformed annotation descriptor `{}`",
                        r.descriptor.get_ref()
                    ),
                );
                continue;
            }
            if !matches!(r.target.get_ref().as_str(), "method" | "parameter") {
                self.d.error(
                    f,
                    &r.target.span(),
                    "map-bad-target",
                    format!(
                        "unknown annotation target `{}` (expected `method` or `parameter`)",
                        r.target.get_ref()
                    ),
                );
                continue;
            }
            let key = format!("annotation {}", r.descriptor.get_ref());
            if !self.claim_rule(f, &r.descriptor.span(), key, "annotation") {
                continue;
            }
            self.annotations.push(HttpAnnotation {
                descriptor: Arc::from(r.descriptor.get_ref().as_str()),
                library: Arc::from(r.library.as_str()),
                target: Arc::from(r.target.get_ref().as_str()),
                part: Arc::from(r.part.as_str()),
                carries_url: r.carries_url,
            });
        }
    }

    fn finish(mut self) -> Result<Models, MapError> {
        let tags: HashSet<&str> = self
            .stream_factories
            .values()
            .flat_map(|m| m.values().map(|t| &**t))
            .collect();
        for (tag, loc) in &self.required_tags {
            if !tags.contains(tag.as_str()) {
                self.d.errors.push(
                    Diagnostic::error(
                        "map-unknown-requirement",
                        format!("`requires = \"{tag}\"` names no [[stream_factory]] tag"),
                    )
                    .at(loc.clone()),
                );
            }
        }
        if !self.d.errors.is_empty() {
            return Err(MapError {
                errors: self.d.errors,
            });
        }
        // `name(*)` rules also apply to exactly declared overloads of that name
        for (class, names) in &self.by_name {
            if let Some(methods) = self.exact.get_mut(class) {
                for (subsig, model) in methods.iter_mut() {
                    if let Some(w) = names.get(sig::name_of(subsig)) {
                        model.propagations.extend(w.propagations.iter().cloned());
                        model.sanitizer |= w.sanitizer;
                        model.key_arg = model.key_arg.or(w.key_arg);
                        model.wraps_arg = model.wraps_arg.or(w.wraps_arg);
                        model.deep |= w.deep;
                    }
                }
            }
        }
        let mut suffix: Vec<(Arc<str>, MethodTable)> = self.suffix.into_iter().collect();
        suffix.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        self.sdks.sort_by(|a, b| a.id.cmp(&b.id));
        let mut sdk_prefixes: Vec<(Arc<str>, usize)> = self
            .sdks
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.prefixes.iter().map(move |p| (p.clone(), i)))
            .collect();
        sdk_prefixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        self.uris.sort_by(|a, b| {
            b.prefix
                .len()
                .cmp(&a.prefix.len())
                .then_with(|| a.prefix.cmp(&b.prefix))
        });
        self.dangerous.sort();
        self.annotations
            .sort_by(|a, b| a.descriptor.cmp(&b.descriptor));
        self.d.warnings.sort();
        Ok(Models {
            rule_set: self.rule_set,
            exact: self.exact,
            by_name: self.by_name,
            suffix,
            field_sources: self.field_sources,
            scope_strings: self.scope_strings,
            gates: self.gates,
            sink_requirements: self.sink_requirements,
            stream_factories: self.stream_factories,
            return_sinks: self.return_sinks,
            categories: self.categories,
            sink_categories: self.sink_categories,
            sdks: self.sdks,
            sdk_prefixes,
            uris: self.uris,
            uri_fields: self.uri_fields,
            columns: self.columns,
            api_permissions: self.api_permissions,
            dangerous: self.dangerous,
            annotations: self.annotations,
            warnings: self.d.warnings,
        })
    }
}

/// Load named map files (name, text). `categories.toml` is read first because every other
/// file refers to its ids.
pub(crate) fn load_files(
    files: &[(String, String)],
    rule_set: RuleSet,
) -> Result<Models, MapError> {
    let mut b = Builder {
        rule_set,
        d: Diags::default(),
        categories: BTreeMap::new(),
        sink_categories: BTreeMap::new(),
        exact: HashMap::new(),
        by_name: HashMap::new(),
        suffix: HashMap::new(),
        field_sources: HashMap::new(),
        scope_strings: Vec::new(),
        gates: HashMap::new(),
        sink_requirements: HashMap::new(),
        required_tags: Vec::new(),
        stream_factories: HashMap::new(),
        return_sinks: HashMap::new(),
        sdks: Vec::new(),
        uris: Vec::new(),
        uri_fields: HashMap::new(),
        columns: HashMap::new(),
        api_permissions: HashMap::new(),
        dangerous: Vec::new(),
        annotations: Vec::new(),
        ids: HashMap::new(),
        rule_keys: HashMap::new(),
        interned: HashSet::new(),
    };
    for (name, _) in files {
        if !KNOWN_FILES.contains(&name.as_str()) {
            b.d.warnings.push(
                Diagnostic::warning(
                    "map-unknown-file",
                    format!(
                        "unknown map file ignored (known: {})",
                        KNOWN_FILES.join(", ")
                    ),
                )
                .at(name.clone()),
            );
        }
    }
    for &known in KNOWN_FILES {
        let Some((name, text)) = files.iter().find(|(n, _)| n == known) else {
            if known == "categories.toml" {
                b.d.errors.push(
                    Diagnostic::error("map-missing-file", "categories.toml is required")
                        .at(known.to_string()),
                );
            }
            continue;
        };
        let f = FileCtx::new(name, text);
        match known {
            "categories.toml" => b.categories_file(&f),
            "sources.toml" => b.sources_file(&f),
            "sinks.toml" => b.sinks_file(&f),
            "propagation.toml" => b.propagation_file(&f),
            "channels.toml" => b.channels_file(&f),
            "sdks.toml" => b.sdks_file(&f),
            "uri.toml" => b.uri_file(&f),
            "permissions.toml" => b.permissions_file(&f),
            _ => b.annotations_file(&f),
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports() {
        assert_eq!(parse_port("return"), Some(Port::Return));
        assert_eq!(parse_port("this"), Some(Port::This));
        assert_eq!(parse_port("arg0"), Some(Port::Arg(0)));
        assert_eq!(parse_port("arg12"), Some(Port::Arg(12)));
        for bad in ["arg", "arg01", "arg256", "Arg0", "ret", "arg-1"] {
            assert_eq!(parse_port(bad), None, "{bad}");
        }
    }
}
