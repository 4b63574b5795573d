//! Loading `permission-maps/`: sources, sinks, propagation models, data categories, SDK
//! signatures, API permissions. Validated on load, with errors naming file and line.
//!
//! Contract (types fixed here; the maps helper implements loading and lookup; the taint engine
//! consumes them):
//! - `Models::builtin(RuleSet)` loads the copy of `permission-maps/` embedded in the binary
//!   (`include_str!`), `Models::load_dir(path, RuleSet)` a directory in the same layout,
//!   `Models::import_flowdroid(text)` FlowDroid's `SourcesAndSinks.txt` lines.
//! - `Models::lookup(class, subsignature)` returns the rules declared exactly for that class and
//!   `name(params)ret`; the caller walks the class hierarchy (static type, then supertypes).
//!   `Models::lookup_suffix` matches rules declared by class-name suffix (relocated libraries).
//!
//! The data is the product: everything the analyzer knows about Android APIs lives in
//! `permission-maps/*.toml` (documented in `permission-maps/README.md`). This module must never
//! accept a map silently: malformed signatures, unknown categories, duplicate rules and ports
//! outside a method's parameters are errors with `file:line`; rules that can never fire are
//! warnings. Exact lookups never allocate; no lookup panics, whatever the strings.

mod flowdroid;
mod load;
mod models;
mod sig;

pub use load::builtin_library_prefixes;
pub use models::{
    ConstGate, FieldSource, GateKey, HttpAnnotation, MapError, ModelStats, Models, ScopeString,
    SinkCategory, uri_authority,
};

use std::sync::Arc;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum RuleSet {
    /// personal information to network and other exfiltration sinks (default)
    Privacy,
    /// every sensitive source to every leak sink (DroidBench scoring)
    Broad,
}

/// Where a value enters or leaves a method call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Port {
    Return,
    /// the receiver (`this`) of an instance call
    This,
    /// parameter n, 0-based, not counting the receiver
    Arg(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceKind {
    /// the call's port (usually Return) carries the data after the call
    Call,
    /// an app method overriding/implementing the rule's method (a callback such as
    /// `LocationListener.onLocationChanged`) receives the data in parameter `port`
    CallbackParameter,
}

#[derive(Clone, Debug)]
pub struct SourceRule {
    pub id: Arc<str>,
    /// data category id (`contacts`, `device_id`, `location`, ...)
    pub category: Arc<str>,
    pub kind: SourceKind,
    pub port: Port,
    /// content-provider gate: the argument holding the Uri; the source only applies (with its
    /// category refined by `Models::classify_uri`) when that Uri resolves; unresolved ->
    /// category `content_provider`, low confidence
    pub uri_arg: Option<u8>,
    pub permissions: Vec<Arc<str>>,
    pub rule_sets: Vec<RuleSet>,
}

#[derive(Clone, Debug)]
pub struct SinkRule {
    pub id: Arc<str>,
    /// sink category: `network`, `sms`, `log`, `file`, `intent`, `process`, `webview`, `social-share`, ...
    pub category: Arc<str>,
    /// ports whose taint makes the call a leak
    pub ports: Vec<Port>,
    /// a port that carries the destination (URL/host string or URL object), if any
    pub destination: Option<Port>,
    pub rule_sets: Vec<RuleSet>,
}

/// Taint moves from any `from` port to every `to` port across the call.
#[derive(Clone, Debug)]
pub struct PropagationRule {
    pub from: Vec<Port>,
    pub to: Vec<Port>,
}

/// Values stored under a key and read back elsewhere (intent extras, bundles,
/// SharedPreferences, files): the engine keeps one global store per channel.
#[derive(Clone, Debug)]
pub struct ChannelRule {
    /// `intent-extra`, `bundle`, `shared-preferences`, `file`, ...
    pub channel: Arc<str>,
    pub put: bool,
    /// argument holding a constant key (None: whole channel)
    pub key_arg: Option<u8>,
    /// value port: for put the port read, for get the port written
    pub value: Port,
}

/// Everything declared for one method.
#[derive(Clone, Debug, Default)]
pub struct MethodModel {
    pub sources: Vec<SourceRule>,
    pub sinks: Vec<SinkRule>,
    pub propagations: Vec<PropagationRule>,
    pub channels: Vec<ChannelRule>,
    /// the call returns a fresh value with no taint from its inputs (sanitizer)
    pub sanitizer: bool,
    /// a keyed container access (`Map.put(key, v)`, `Map.get(key)`): the argument holding the
    /// key, so values stored under different constant keys stay apart
    pub key_arg: Option<u8>,
    /// a decorator's constructor (`new Formatter(sb)`, `new PrintWriter(stringWriter)`): what
    /// is later written into the new object reaches the object of this argument
    pub wraps_arg: Option<u8>,
    /// a serializer (`Gson.toJson(obj)`, `ObjectOutputStream.writeObject(obj)`): the `from`
    /// ports are read with the fields written into their objects, not only their own taint
    pub deep: bool,
}

#[derive(Clone, Debug)]
pub struct Category {
    pub id: Arc<str>,
    pub description: Arc<str>,
    /// Play Data safety data types (`PSL_CONTACTS`-style ids as in disclosure.md)
    pub play_data_types: Vec<Arc<str>>,
    /// `true` for personal-information categories used by the privacy rule set
    pub personal: bool,
}

#[derive(Clone, Debug)]
pub struct Sdk {
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub company: Arc<str>,
    /// `ads`, `analytics`, `push`, `social`, `payments`, ...
    pub kind: Arc<str>,
    /// class-descriptor prefixes, e.g. `Lcom/umeng/`
    pub prefixes: Vec<Arc<str>>,
    /// the SDK's own endpoints (host names; subdomains included), lower case
    pub hosts: Vec<Arc<str>>,
}

impl Sdk {
    /// Is `destination` (a URL or a bare host) one of this SDK's own endpoints?
    pub fn owns_destination(&self, destination: &str) -> bool {
        let Some(host) = destination_host(destination) else {
            return false;
        };
        self.hosts.iter().any(|h| {
            host == **h
                || host
                    .strip_suffix(&**h)
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }
}

/// The host of a URL (`https://graph.facebook.com:443/me` -> `graph.facebook.com`) or of a
/// bare host name, lower case; None when there is none.
pub fn destination_host(destination: &str) -> Option<String> {
    let d = destination.trim();
    let after_scheme = d.split_once("://").map_or(d, |(_, rest)| rest);
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host_port.split(':').next().unwrap_or_default();
    let valid = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    valid.then(|| host.to_ascii_lowercase())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum UriConfidence {
    Low,
    High,
}
