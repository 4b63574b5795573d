//! TOML map files -> `Models`. Every record is deserialized with its byte span so that each
//! error names `file:line`. Errors (anything that would make the analysis wrong) are collected
//! across all files and returned together; warnings (rules that can never fire, unknown kinds)
//! are kept in `Models::warnings`. Nothing here trusts the data: signatures, ports, ids and
//! references are all checked.

mod annotations;
mod categories;
mod channels;
mod check;
mod libraries;
mod permissions;
mod propagation;
mod sdks;
mod sinks;
mod sources;
mod uri;

pub use libraries::builtin_library_prefixes;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;

use self::check::{Diags, FileCtx, Method, MethodKey, Target, method_text, parse_port};
use super::models::{
    ConstGate, FieldSource, HttpAnnotation, MapError, MethodTable, Models, ScopeString,
    SinkCategory, UriEntry,
};
use super::sig;
use super::{Category, MethodModel, Port, RuleSet, Sdk, SinkRule};
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
    "libraries.toml",
];

/// Files of `permission-maps/` that other modules read (not this loader): no warning for them.
const READ_ELSEWHERE: &[&str] = &[
    // disclosure::policy, the policy-text lexicon
    "policy-lexicon.toml",
];

/// The copy of `permission-maps/` compiled into the binary.
const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "categories.toml",
        include_str!("../../../permission-maps/categories.toml"),
    ),
    (
        "sources.toml",
        include_str!("../../../permission-maps/sources.toml"),
    ),
    (
        "sinks.toml",
        include_str!("../../../permission-maps/sinks.toml"),
    ),
    (
        "propagation.toml",
        include_str!("../../../permission-maps/propagation.toml"),
    ),
    (
        "channels.toml",
        include_str!("../../../permission-maps/channels.toml"),
    ),
    (
        "sdks.toml",
        include_str!("../../../permission-maps/sdks.toml"),
    ),
    (
        "uri.toml",
        include_str!("../../../permission-maps/uri.toml"),
    ),
    (
        "permissions.toml",
        include_str!("../../../permission-maps/permissions.toml"),
    ),
    (
        "annotations.toml",
        include_str!("../../../permission-maps/annotations.toml"),
    ),
    (
        "libraries.toml",
        include_str!("../../../permission-maps/libraries.toml"),
    ),
];

impl Models {
    /// The maps embedded in the binary, filtered to `rules` (categories and SDKs always).
    pub fn builtin(rules: RuleSet) -> Result<Models, MapError> {
        let files: Vec<(String, String)> = BUILTIN_FILES
            .iter()
            .map(|(n, t)| ((*n).to_string(), (*t).to_string()))
            .collect();
        load_files(&files, rules)
    }

    /// A directory in the `permission-maps/` layout. `categories.toml` is required; the other
    /// files are optional; unknown `.toml` files are warnings.
    pub fn load_dir(dir: &Path, rules: RuleSet) -> Result<Models, MapError> {
        let entries = std::fs::read_dir(dir).map_err(|e| MapError {
            errors: vec![
                Diagnostic::error("map-read", format!("cannot read directory: {e}"))
                    .at(dir.display().to_string()),
            ],
        })?;
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((name, text)),
                Err(e) => errors.push(
                    Diagnostic::error("map-read", format!("cannot read file: {e}"))
                        .at(path.display().to_string()),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(MapError { errors });
        }
        files.sort();
        load_files(&files, rules)
    }
}

/// Everything read so far, across files; each file's validator adds to it.
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
    library_prefixes: Vec<Arc<str>>,
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
            library_prefixes: self.library_prefixes,
            warnings: self.d.warnings,
        })
    }
}

/// Load named map files (name, text). `categories.toml` is read first because every other
/// file refers to its ids.
fn load_files(files: &[(String, String)], rule_set: RuleSet) -> Result<Models, MapError> {
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
        library_prefixes: Vec::new(),
        ids: HashMap::new(),
        rule_keys: HashMap::new(),
        interned: HashSet::new(),
    };
    for (name, _) in files {
        if !KNOWN_FILES.contains(&name.as_str()) && !READ_ELSEWHERE.contains(&name.as_str()) {
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
            "libraries.toml" => b.libraries_file(&f),
            _ => b.annotations_file(&f),
        }
    }
    b.finish()
}
