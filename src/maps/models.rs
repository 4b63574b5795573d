//! The loaded, validated knowledge base and its lookups. Built only by `load` (TOML files) and
//! extended only by `flowdroid` (imported lines); lookups take the caller's borrowed strings
//! and never allocate or panic.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

use super::{Category, MethodModel, RuleSet, Sdk, UriConfidence};
use crate::diag::Diagnostic;

/// Errors found while loading maps: every one carries `file:line` in its `location`.
#[derive(Clone, Debug)]
pub struct MapError {
    pub errors: Vec<Diagnostic>,
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match &e.location {
                Some(loc) => write!(f, "{loc}: {} [{}]", e.message, e.code)?,
                None => write!(f, "{} [{}]", e.message, e.code)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for MapError {}

/// A source that is a field read (`sget-object`/`iget-object`), e.g. `Build.SERIAL`.
#[derive(Clone, Debug)]
pub struct FieldSource {
    pub id: Arc<str>,
    /// `Landroid/os/Build;->SERIAL:Ljava/lang/String;`
    pub field: Arc<str>,
    pub category: Arc<str>,
    pub permissions: Vec<Arc<str>>,
}

/// A social-SDK scope or permission string (`user_friends`) and the data it asks for.
#[derive(Clone, Debug)]
pub struct ScopeString {
    pub value: Arc<str>,
    pub category: Arc<str>,
    pub sdk: Arc<str>,
}

/// A source that only applies when argument `arg` is one of the constant strings in
/// `values` (e.g. `Settings.Secure.getString(resolver, "android_id")`). An argument the
/// engine cannot resolve may be reported at low confidence.
#[derive(Clone, Debug)]
pub struct ConstGate {
    pub arg: u8,
    pub values: Vec<Arc<str>>,
    /// what the constant names (`gate.key`), reported as what the source read
    pub key: Option<GateKey>,
}

/// What the constant argument of a gated source names (`gate.key` in `sources.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GateKey {
    /// a `Settings` name (`android_id`)
    Setting,
    /// an intent or bundle extra (`incoming_number`)
    IntentExtra,
    /// a named property of an API object (`MediaDrm` `deviceUniqueId`)
    Property,
}

impl GateKey {
    /// The `gate.key` spellings.
    pub const NAMES: [(&'static str, GateKey); 3] = [
        ("setting", GateKey::Setting),
        ("intent-extra", GateKey::IntentExtra),
        ("property", GateKey::Property),
    ];

    pub fn parse(s: &str) -> Option<GateKey> {
        Self::NAMES.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }
}

/// A sink category (`network`, `log`, ...) and whether data reaching it leaves the device.
#[derive(Clone, Debug)]
pub struct SinkCategory {
    pub id: Arc<str>,
    pub description: Arc<str>,
    /// data reaching the sink leaves the device (network, SMS, social share, WebView)
    pub exfiltration: bool,
}

/// An annotation that makes an interface method an HTTP request (Retrofit-style).
#[derive(Clone, Debug)]
pub struct HttpAnnotation {
    /// `Lretrofit2/http/Body;`
    pub descriptor: Arc<str>,
    /// `retrofit2`, `retrofit1`
    pub library: Arc<str>,
    /// `method` (verb, relative URL) or `parameter` (where the argument goes)
    pub target: Arc<str>,
    /// `verb`, `headers`, `body`, `query`, `path`, `field`, `header`, `part`, `url`, `tag`, `encoding`
    pub part: Arc<str>,
    /// the annotation's value is the relative URL (method verbs) or the URL itself (`@Url`)
    pub carries_url: bool,
}

/// Counts of what was loaded, for reports and `--timings`-style summaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ModelStats {
    pub methods: usize,
    pub sources: usize,
    pub sinks: usize,
    pub propagations: usize,
    pub channels: usize,
    pub sanitizers: usize,
    pub field_sources: usize,
    pub categories: usize,
    pub sdks: usize,
    pub uri_prefixes: usize,
    pub uri_fields: usize,
    pub columns: usize,
    pub api_permissions: usize,
    /// `[[return_sink]]` rules (one per method)
    pub return_sinks: usize,
}

/// Models of one class, by subsignature (or by method name for `name(*)` rules).
pub(crate) type MethodTable = HashMap<Arc<str>, MethodModel>;

#[derive(Clone, Debug)]
pub(crate) struct UriEntry {
    /// lower-case `content://authority/path`, no trailing `/`
    pub prefix: Arc<str>,
    pub category: Arc<str>,
    pub confidence: UriConfidence,
    /// permissions a provider under this prefix requires for reading
    pub permissions: Vec<Arc<str>>,
}

/// Everything the analyzer knows, for one rule set.
#[derive(Clone, Debug)]
pub struct Models {
    pub(crate) rule_set: RuleSet,
    pub(crate) exact: HashMap<Arc<str>, MethodTable>,
    /// `name(*)` rules per class and method name
    pub(crate) by_name: HashMap<Arc<str>, MethodTable>,
    /// (class suffix, models), longest suffix first
    pub(crate) suffix: Vec<(Arc<str>, MethodTable)>,
    pub(crate) field_sources: HashMap<Arc<str>, FieldSource>,
    pub(crate) scope_strings: Vec<ScopeString>,
    pub(crate) gates: HashMap<Arc<str>, ConstGate>,
    /// sink rule id -> receiver provenance tag it requires
    pub(crate) sink_requirements: HashMap<Arc<str>, Arc<str>>,
    /// class -> subsignature -> tag of the stream the call returns
    pub(crate) stream_factories: HashMap<Arc<str>, HashMap<Arc<str>, Arc<str>>>,
    /// class -> subsignature -> `[[return_sink]]` rules (port `return`)
    pub(crate) return_sinks: HashMap<Arc<str>, HashMap<Arc<str>, Vec<super::SinkRule>>>,
    pub(crate) categories: BTreeMap<Arc<str>, Category>,
    pub(crate) sink_categories: BTreeMap<Arc<str>, SinkCategory>,
    /// sorted by id
    pub(crate) sdks: Vec<Sdk>,
    /// (prefix, index into `sdks`), longest prefix first
    pub(crate) sdk_prefixes: Vec<(Arc<str>, usize)>,
    /// longest prefix first
    pub(crate) uris: Vec<UriEntry>,
    pub(crate) uri_fields: HashMap<Arc<str>, Arc<str>>,
    pub(crate) columns: HashMap<Arc<str>, Arc<str>>,
    pub(crate) api_permissions: HashMap<Arc<str>, Vec<Arc<str>>>,
    /// sorted
    pub(crate) dangerous: Vec<Arc<str>>,
    pub(crate) annotations: Vec<HttpAnnotation>,
    /// `libraries.toml`: descriptor prefixes of bundled platform and language libraries
    pub(crate) library_prefixes: Vec<Arc<str>>,
    pub(crate) warnings: Vec<Diagnostic>,
}

impl Models {
    pub fn rule_set(&self) -> RuleSet {
        self.rule_set
    }

    /// Rules declared for exactly `class` (descriptor) and `subsignature` (`name(params)ret`),
    /// including `name(*)` propagation rules of that class. The caller walks supertypes.
    pub fn lookup(&self, class: &str, subsignature: &str) -> Option<&MethodModel> {
        if let Some(m) = self.exact.get(class).and_then(|m| m.get(subsignature)) {
            return Some(m);
        }
        let name = super::sig::name_of(subsignature);
        self.by_name.get(class).and_then(|m| m.get(name))
    }

    /// Rules declared by class-name suffix (`match = "suffix"`): `/okhttp3/Request$Builder;`
    /// matches `Lokhttp3/Request$Builder;` and relocated copies such as
    /// `Lcom/foo/shaded/okhttp3/Request$Builder;`. The longest matching suffix wins.
    ///
    /// A relocated copy also has relocated types in its subsignature
    /// (`url(Ljava/lang/String;)Lcom/foo/shaded/okhttp3/Request$Builder;`): those are mapped back
    /// to the library's own package before matching.
    pub fn lookup_suffix(&self, class: &str, subsignature: &str) -> Option<&MethodModel> {
        for (suffix, methods) in &self.suffix {
            if !suffix_matches(suffix, class) {
                continue;
            }
            if let Some(m) = methods.get(subsignature) {
                return Some(m);
            }
            let reloc_len = class.len().saturating_sub(suffix.len());
            if let Some(reloc) = class.get(..reloc_len).filter(|r| r.len() > 1) {
                let normalized = subsignature.replace(&format!("{reloc}/"), "L");
                if let Some(m) = methods.get(normalized.as_str()) {
                    return Some(m);
                }
            }
        }
        None
    }

    /// The scope string among the tokens of `s` (`"email,user_friends"`, space or comma
    /// separated), if one is declared.
    pub fn scope_string(&self, s: &str) -> Option<&ScopeString> {
        s.split([',', ' '])
            .map(str::trim)
            .find_map(|t| self.scope_strings.iter().find(|x| &*x.value == t))
    }

    /// The extra condition on a source rule's argument, by rule id.
    /// The source rule with this id (its first method's copy: every method of one record
    /// carries the same rule). A linear search: for reports, not for the engine.
    pub fn source_rule(&self, rule_id: &str) -> Option<&super::SourceRule> {
        self.exact
            .values()
            .chain(self.suffix.iter().map(|(_, t)| t))
            .flat_map(|t| t.values())
            .flat_map(|m| &m.sources)
            .find(|s| &*s.id == rule_id)
    }

    pub fn const_gate(&self, rule_id: &str) -> Option<&ConstGate> {
        self.gates.get(rule_id)
    }

    /// The receiver condition of a sink rule, by rule id: `Some("network-stream")` means the
    /// sink only fires when the receiver stream was returned by a `stream_factory` with that
    /// tag (directly or through wrapper constructors such as `BufferedWriter(Writer)`).
    pub fn sink_requirement(&self, rule_id: &str) -> Option<&str> {
        self.sink_requirements.get(rule_id).map(|t| &**t)
    }

    /// The tag of the stream a call returns (`URLConnection.getOutputStream()` ->
    /// `network-stream`), for the provenance check of `sink_requirement`.
    pub fn stream_factory(&self, class: &str, subsignature: &str) -> Option<&str> {
        self.stream_factories
            .get(class)
            .and_then(|m| m.get(subsignature))
            .map(|t| &**t)
    }

    /// `[[return_sink]]` rules declared for exactly `class` and `subsignature`: an app method
    /// overriding it sends what it returns (Volley `Request.getParams()`). Empty: none. The
    /// caller walks the overriding method's supertypes.
    pub fn return_sinks(&self, class: &str, subsignature: &str) -> &[super::SinkRule] {
        self.return_sinks
            .get(class)
            .and_then(|m| m.get(subsignature))
            .map_or(&[], |v| v.as_slice())
    }

    /// A field whose read is a source (`Landroid/os/Build;->SERIAL:Ljava/lang/String;`).
    pub fn field_source(&self, field_signature: &str) -> Option<&FieldSource> {
        self.field_sources.get(field_signature)
    }

    /// Category of a content URI (`content://com.android.contacts/data/phones/3`), by the
    /// longest matching prefix ending at a path boundary. Unknown URIs: `None` (the engine
    /// then uses category `content_provider`).
    pub fn classify_uri(&self, uri: &str) -> Option<(Arc<str>, UriConfidence)> {
        let norm = normalize_uri(uri)?;
        self.uris
            .iter()
            .find(|e| {
                norm.strip_prefix(&*e.prefix)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
            })
            .map(|e| (e.category.clone(), e.confidence))
    }

    /// Permissions that reading a provider of `category` needs (union over the URI prefixes of
    /// that category; any one of them suffices on a device for the common providers).
    pub fn provider_permissions(&self, category: &str) -> Vec<Arc<str>> {
        let mut v: Vec<Arc<str>> = self
            .uris
            .iter()
            .filter(|e| &*e.category == category)
            .flat_map(|e| e.permissions.iter().cloned())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The URI string held by a static `Uri` field (`...Phone;->CONTENT_URI:Landroid/net/Uri;`).
    pub fn uri_field(&self, field_signature: &str) -> Option<&str> {
        self.uri_fields.get(field_signature).map(|u| &**u)
    }

    /// Category suggested by a provider column name (`data1`, `number`, `body`, ...).
    pub fn column_category(&self, column: &str) -> Option<&str> {
        self.columns.get(column).map(|c| &**c)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.get(id)
    }

    /// All data categories, sorted by id.
    pub fn categories(&self) -> impl Iterator<Item = &Category> {
        self.categories.values()
    }

    pub fn sink_category(&self, id: &str) -> Option<&SinkCategory> {
        self.sink_categories.get(id)
    }

    /// All sink categories, sorted by id.
    pub fn sink_categories(&self) -> impl Iterator<Item = &SinkCategory> {
        self.sink_categories.values()
    }

    /// The SDK whose package prefix is the longest prefix of `class_descriptor`.
    pub fn sdk_for_class(&self, class_descriptor: &str) -> Option<&Sdk> {
        self.sdk_prefixes
            .iter()
            .find(|(p, _)| class_descriptor.starts_with(&**p))
            .and_then(|(_, i)| self.sdks.get(*i))
    }

    /// SDKs owning any of the given class descriptors, with the number of classes each
    /// owns, sorted by SDK id.
    pub fn sdk_class_counts<'a>(
        &self,
        classes: impl Iterator<Item = &'a str>,
    ) -> Vec<(&Sdk, usize)> {
        let mut found: BTreeMap<&str, (&Sdk, usize)> = BTreeMap::new();
        for name in classes {
            if let Some(sdk) = self.sdk_for_class(name) {
                found.entry(&sdk.id).or_insert((sdk, 0)).1 += 1;
            }
        }
        found.into_values().collect()
    }

    /// All SDKs, sorted by id.
    pub fn sdks(&self) -> &[Sdk] {
        &self.sdks
    }

    /// Permissions guarding an API (`Lcls;->name(params)ret`): from `permissions.toml` and
    /// from source rules. Empty when none is known.
    pub fn permissions_for(&self, api_signature: &str) -> &[Arc<str>] {
        self.api_permissions
            .get(api_signature)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// Runtime ("dangerous") permissions, sorted.
    pub fn dangerous_permissions(&self) -> &[Arc<str>] {
        &self.dangerous
    }

    pub fn is_dangerous(&self, permission: &str) -> bool {
        self.dangerous
            .binary_search_by(|p| (**p).cmp(permission))
            .is_ok()
    }

    /// Descriptor prefixes of the platform and language libraries apps bundle
    /// (`libraries.toml`), in file order: `TaintOptions::library_prefixes`.
    pub fn library_prefixes(&self) -> &[Arc<str>] {
        &self.library_prefixes
    }

    /// Retrofit-style HTTP annotations.
    pub fn retrofit_annotations(&self) -> &[HttpAnnotation] {
        &self.annotations
    }

    /// The annotation with this descriptor when it makes a method an HTTP request (target
    /// `method`, part `verb`).
    pub fn http_request(&self, descriptor: &str) -> Option<&HttpAnnotation> {
        self.http_annotation(descriptor)
            .filter(|a| &*a.target == "method" && &*a.part == "verb")
    }

    pub fn http_annotation(&self, descriptor: &str) -> Option<&HttpAnnotation> {
        self.annotations
            .iter()
            .find(|a| &*a.descriptor == descriptor)
    }

    /// Warnings met while loading (rules that can never fire, unknown kinds, ...).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Every (class, subsignature) that has exact rules, sorted — for listings and tests.
    pub fn methods(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = self
            .exact
            .iter()
            .flat_map(|(c, m)| m.keys().map(move |s| (&**c, &**s)))
            .collect();
        out.sort_unstable();
        out
    }

    pub fn stats(&self) -> ModelStats {
        let mut s = ModelStats::default();
        let all = self
            .exact
            .values()
            .chain(self.by_name.values())
            .chain(self.suffix.iter().map(|(_, m)| m));
        for methods in all {
            for m in methods.values() {
                s.methods += 1;
                s.sources += m.sources.len();
                s.sinks += m.sinks.len();
                s.propagations += m.propagations.len();
                s.channels += m.channels.len();
                s.sanitizers += usize::from(m.sanitizer);
            }
        }
        s.field_sources = self.field_sources.len();
        s.categories = self.categories.len();
        s.sdks = self.sdks.len();
        s.uri_prefixes = self.uris.len();
        s.uri_fields = self.uri_fields.len();
        s.columns = self.columns.len();
        s.api_permissions = self.api_permissions.len();
        s.return_sinks = self.return_sinks.values().map(|m| m.len()).sum();
        s
    }
}

/// `/okhttp3/Call;` matches `Lokhttp3/Call;` (the library's own package) and any
/// `L.../okhttp3/Call;` (a relocated copy).
pub(crate) fn suffix_matches(suffix: &str, class: &str) -> bool {
    if class.len() > suffix.len() {
        return class.ends_with(suffix);
    }
    class.len() == suffix.len() && class.starts_with('L') && class.get(1..) == suffix.get(1..)
}

/// Lower-cased `content://authority/path?query`, without a `userId@` authority prefix and
/// without trailing `/`. `None` for anything that is not a content URI.
/// The authority of a content URI, lower case, without a `userId@` prefix
/// (`content://10@com.android.contacts/data` -> `com.android.contacts`).
pub fn uri_authority(uri: &str) -> Option<String> {
    let norm = normalize_uri(uri)?;
    let rest = &norm["content://".len()..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    (!authority.is_empty()).then(|| authority.to_string())
}

pub(crate) fn normalize_uri(uri: &str) -> Option<String> {
    let trimmed = uri.trim();
    let scheme_len = "content://".len();
    let head = trimmed.get(..scheme_len)?;
    if !head.eq_ignore_ascii_case("content://") {
        return None;
    }
    let rest = trimmed.get(scheme_len..)?;
    // multi-user form: content://10@com.android.contacts/...
    let rest = match rest.split_once('@') {
        Some((user, after)) if !user.is_empty() && user.bytes().all(|b| b.is_ascii_digit()) => {
            after
        }
        _ => rest,
    };
    let mut out = format!("content://{}", rest.to_ascii_lowercase());
    while out.ends_with('/') && out.len() > scheme_len {
        out.pop();
    }
    Some(out)
}
