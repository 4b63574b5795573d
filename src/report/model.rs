//! The one typed report model every output format renders from, and the only shape that is
//! written to or read back from disk (baselines, `dexflow diff`).
//!
//! It must never depend on the `Program` or any analysis state: a `Report` is plain data, built
//! once, sorted once (`Report::new` / `AppReport::finalize`) and then only rendered. Field names
//! here are the JSON schema (docs/json-schema.md, docs/report.schema.json): renaming one is a
//! breaking change for every consumer.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::disclosure::{Disclosure, Facts, FlowFacts, SdkNames};
use crate::taint::Flow;

/// Name and version of the tool that produced the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    /// This build of dexflow.
    pub fn current() -> Tool {
        Tool {
            name: "dexflow".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub tool: Tool,
    pub apps: Vec<AppReport>,
    pub summary: Summary,
}

impl Report {
    /// Sorts every app (by input, flows by fingerprint, ...) and computes the summary.
    pub fn new(tool: Tool, mut apps: Vec<AppReport>) -> Report {
        for app in &mut apps {
            app.finalize();
        }
        apps.sort_by(|a, b| {
            a.input
                .cmp(&b.input)
                .then_with(|| a.package.cmp(&b.package))
        });
        let summary = Summary::compute(&apps);
        Report {
            tool,
            apps,
            summary,
        }
    }

    /// Recomputes the summary after apps were changed in place (baseline, disclosure).
    pub fn refresh(&mut self) {
        for app in &mut self.apps {
            app.finalize();
        }
        self.summary = Summary::compute(&self.apps);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AppStatus {
    /// analysed completely
    Ok,
    /// analysed, but something was skipped (a broken dex, a limit hit): flows may be missing
    Partial,
    /// could not be analysed at all
    Error,
}

impl AppStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AppStatus::Ok => "ok",
            AppStatus::Partial => "partial",
            AppStatus::Error => "error",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl From<crate::diag::Severity> for Severity {
    fn from(s: crate::diag::Severity) -> Severity {
        match s {
            crate::diag::Severity::Info => Severity::Info,
            crate::diag::Severity::Warning => Severity::Warning,
            crate::diag::Severity::Error => Severity::Error,
        }
    }
}

/// An owned copy of a `diag::Diagnostic` (which borrows a `&'static str` code and so cannot be
/// read back from JSON).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Warning {
    pub severity: Severity,
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl From<&crate::diag::Diagnostic> for Warning {
    fn from(d: &crate::diag::Diagnostic) -> Warning {
        Warning {
            severity: d.severity.into(),
            code: d.code.to_string(),
            message: d.message.clone(),
            location: d.location.clone(),
        }
    }
}

/// A finding that is not a flow (personal-data access, permission consistency, ...).
/// `code` is stable (`DF2xx`), `name` its kebab-case name, like ruff's rules; both and the
/// severity come from the registry (`crate::codes`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl Finding {
    /// A finding of registry code `code` with its registry name and default severity.
    pub fn new(code: Code, message: String, location: Option<String>) -> Finding {
        let rule = code.rule();
        Finding {
            code: rule.id.to_string(),
            name: rule.name.to_string(),
            severity: rule.severity.into(),
            message,
            location,
        }
    }
}

/// An SDK recognised in the app, with the number of reported flows whose sink lies in it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SdkRecord {
    pub id: String,
    pub name: String,
    pub company: String,
    pub kind: String,
    #[serde(default)]
    pub flows: usize,
}

/// The party that receives a flow's data when its sink is inside a known SDK.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SdkRef {
    pub id: String,
    pub name: String,
    pub company: String,
    pub kind: String,
}

impl From<&crate::maps::Sdk> for SdkRef {
    fn from(s: &crate::maps::Sdk) -> SdkRef {
        SdkRef {
            id: s.id.to_string(),
            name: s.name.to_string(),
            company: s.company.to_string(),
            kind: s.kind.to_string(),
        }
    }
}

/// A call site: method in Dalvik form (`Lcom/a/B;->m(I)V`) and code-unit offset.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Site {
    pub method: String,
    pub pc: u32,
}

impl From<&crate::taint::Site> for Site {
    fn from(s: &crate::taint::Site) -> Site {
        Site {
            method: s.method.clone(),
            pc: s.pc,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct End {
    pub category: String,
    pub api: String,
    pub site: Site,
    #[serde(default)]
    pub rule: String,
    /// sources only: what exactly was read (content URI, intent extra, setting, callback)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<super::read::SourceRead>,
}

impl From<&crate::taint::FlowEnd> for End {
    fn from(e: &crate::taint::FlowEnd) -> End {
        End {
            category: e.category.clone(),
            api: e.api.clone(),
            site: (&e.site).into(),
            rule: e.rule.clone(),
            read: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl From<crate::taint::Confidence> for Confidence {
    fn from(c: crate::taint::Confidence) -> Confidence {
        match c {
            crate::taint::Confidence::Low => Confidence::Low,
            crate::taint::Confidence::Medium => Confidence::Medium,
            crate::taint::Confidence::High => Confidence::High,
        }
    }
}

pub use crate::disclosure::verdict::{Basis, Verdict, VerdictKind};

/// One source-to-sink flow as reported.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FlowRecord {
    pub source: End,
    pub sink: End,
    /// call sites and methods from source to sink, source first
    pub path: Vec<Site>,
    /// network flows: the other sink calls of the same request (where it was built: a
    /// constructor, a connection opened in a helper), in path order; the sink is where it is
    /// sent
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_steps: Vec<End>,
    pub destination: Option<String>,
    /// the SDK whose code contains the sink; `null` = first party
    pub sdk: Option<SdkRef>,
    /// the social SDK that handed the data over, when the flow sends it back only to that
    /// SDK's own endpoints (`sdks.toml` `hosts`): verdict `returned-to-issuer`, recipient
    /// that company
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_to: Option<SdkRef>,
    /// Play Data safety type ids (`PSL_CONTACTS`, ...) the source category maps to, primary first
    pub data_types: Vec<String>,
    pub confidence: Confidence,
    pub disclosure: Verdict,
    /// see `fingerprint`
    pub fingerprint: String,
}

impl FlowFacts for FlowRecord {
    fn facts(&self) -> Facts<'_> {
        Facts {
            category: &self.source.category,
            data_types: &self.data_types,
            sdk: self.sdk.as_ref().map(|s| SdkNames {
                id: &s.id,
                name: &s.name,
                company: &s.company,
            }),
            returned_to: self.returned_to.as_ref().map(|s| SdkNames {
                id: &s.id,
                name: &s.name,
                company: &s.company,
            }),
        }
    }
}

impl FlowRecord {
    /// A record for `flow`. The verdict starts as `undisclosed` ("not compared");
    /// `disclosure::apply` replaces it.
    pub fn from_flow(flow: &Flow, sdk: Option<SdkRef>, data_types: Vec<String>) -> FlowRecord {
        let source: End = (&flow.source).into();
        let sink: End = (&flow.sink).into();
        let fingerprint = fingerprint(&source, &sink);
        FlowRecord {
            path: flow.path.iter().map(Site::from).collect(),
            request_steps: Vec::new(),
            destination: flow.destination.clone(),
            sdk,
            returned_to: None,
            data_types,
            confidence: flow.confidence.into(),
            disclosure: Verdict::new(
                VerdictKind::Undisclosed,
                Basis::None,
                "not compared with any disclosure",
            ),
            fingerprint,
            source,
            sink,
        }
    }

    /// The call chain to draw: the path, with the source site prepended and the sink site
    /// appended unless the path already starts / ends there. Each step says which end it is.
    pub fn steps(&self) -> Vec<(Step, &Site)> {
        let mut out: Vec<(Step, &Site)> = Vec::with_capacity(self.path.len() + 2);
        if self.path.first() != Some(&self.source.site) {
            out.push((Step::Source, &self.source.site));
        }
        out.extend(self.path.iter().map(|s| (Step::Call, s)));
        if self.path.last() != Some(&self.sink.site) {
            out.push((Step::Sink, &self.sink.site));
        }
        if let Some(first) = out.first_mut() {
            first.0 = Step::Source;
        }
        if let Some(last) = out.last_mut() {
            last.0 = Step::Sink;
        }
        out
    }

    /// Who receives the data, for humans: `first party` or `SDK name (company)`; for data
    /// returned to its issuer, the issuing SDK.
    pub fn recipient(&self) -> String {
        match (&self.returned_to, &self.sdk) {
            (Some(s), _) => format!(
                "{} ({}, {}), which issued the data",
                s.name, s.company, s.kind
            ),
            (None, None) => "first party".to_string(),
            (None, Some(s)) => format!("{} ({}, {})", s.name, s.company, s.kind),
        }
    }
}

/// Role of one step of `FlowRecord::steps`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Source,
    Call,
    Sink,
}

/// Stable identity of a flow across builds of the same app.
///
/// FNV-1a (64-bit) over, each followed by a 0 byte: the literal `dexflow-flow-v1`, the source
/// category, the source API, the sink API, the source method and the sink method (Dalvik form:
/// class, name and prototype). Code offsets and the intermediate path are left out on purpose,
/// so that edits elsewhere in a method or in the call chain do not change the fingerprint.
/// Rendered as 16 lowercase hex digits.
pub fn fingerprint(source: &End, sink: &End) -> String {
    let mut h = Fnv1a::new();
    for part in [
        "dexflow-flow-v1",
        &source.category,
        &source.api,
        &sink.api,
        &source.site.method,
        &sink.site.method,
    ] {
        h.write(part.as_bytes());
        h.write(&[0]);
    }
    format!("{:016x}", h.0)
}

struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Time spent per stage, in milliseconds.
pub type Timings = BTreeMap<String, u64>;

/// Everything reported for one input file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppReport {
    /// the input path as given
    pub input: String,
    /// manifest package; `null` when the manifest could not be read
    pub package: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_name: Option<String>,
    pub status: AppStatus,
    pub errors: Vec<String>,
    #[serde(default)]
    pub warnings: Vec<Warning>,
    pub flows: Vec<FlowRecord>,
    #[serde(default)]
    pub findings: Vec<Finding>,
    #[serde(default)]
    pub sdks: Vec<SdkRecord>,
    /// flows removed because their fingerprint is in the baseline
    #[serde(default)]
    pub suppressed: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings: Option<Timings>,
    /// with `--timings`: the taint stage's slowest methods and SCCs
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<crate::taint::TaintStats>,
}

impl AppReport {
    /// Sets the verdict of every flow (`disclosure::evaluate`); warns when the disclosure
    /// names another package.
    pub fn apply_disclosure(&mut self, disclosure: Option<&Disclosure>) {
        if let (Some(d), Some(pkg)) = (disclosure, self.package.as_deref())
            && let Some(declared) = d.app.as_deref()
            && declared != pkg
        {
            self.warnings.push(Warning::from(
                &crate::diag::Diagnostic::warning(
                    "disclosure-package-mismatch",
                    format!("the disclosure is for '{declared}' but the app is '{pkg}'"),
                )
                .at(d.sources.join(", ")),
            ));
        }
        for f in &mut self.flows {
            f.disclosure = crate::disclosure::evaluate(disclosure, f);
        }
    }

    pub fn new(input: impl Into<String>, package: Option<String>) -> AppReport {
        AppReport {
            input: input.into(),
            package,
            version_name: None,
            status: AppStatus::Ok,
            errors: Vec::new(),
            warnings: Vec::new(),
            flows: Vec::new(),
            findings: Vec::new(),
            sdks: Vec::new(),
            suppressed: 0,
            timings: None,
            profile: None,
        }
    }

    /// An app that could not be analysed.
    pub fn failed(input: impl Into<String>, error: impl Into<String>) -> AppReport {
        let mut app = AppReport::new(input, None);
        app.status = AppStatus::Error;
        app.errors.push(error.into());
        app
    }

    /// Key that identifies the app across reports: the package, else the input path.
    pub fn key(&self) -> &str {
        self.package.as_deref().unwrap_or(&self.input)
    }

    /// Sorts everything that reaches output and recounts flows per SDK.
    pub fn finalize(&mut self) {
        self.flows.sort_by(|a, b| {
            a.fingerprint
                .cmp(&b.fingerprint)
                .then_with(|| a.sink.site.cmp(&b.sink.site))
                .then_with(|| a.source.site.cmp(&b.source.site))
                .then_with(|| a.path.cmp(&b.path))
        });
        self.flows.dedup();
        self.findings.sort();
        self.warnings.sort();
        self.warnings.dedup();
        for sdk in &mut self.sdks {
            sdk.flows = self
                .flows
                .iter()
                .filter(|f| f.sdk.as_ref().is_some_and(|s| s.id == sdk.id))
                .count();
        }
        self.sdks.sort();
    }

    /// Flows grouped by what was read, who receives it and where it goes (category,
    /// recipient, destination): most severe group first, then the largest.
    pub fn flow_groups(&self) -> Vec<FlowGroup<'_>> {
        let mut groups: BTreeMap<(&str, String, Option<&str>), Vec<&FlowRecord>> = BTreeMap::new();
        for f in &self.flows {
            groups
                .entry((&f.source.category, f.recipient(), f.destination.as_deref()))
                .or_default()
                .push(f);
        }
        let mut out: Vec<FlowGroup<'_>> = groups
            .into_iter()
            .map(|((category, recipient, destination), flows)| FlowGroup {
                category,
                worst: flows
                    .iter()
                    .map(|f| f.disclosure.verdict)
                    .max()
                    .unwrap_or(VerdictKind::Disclosed),
                recipient,
                destination,
                flows,
            })
            .collect();
        out.sort_by(|a, b| {
            b.worst
                .cmp(&a.worst)
                .then_with(|| b.flows.len().cmp(&a.flows.len()))
        });
        out
    }

    /// Flows ordered most severe verdict first (stable within a verdict).
    pub fn flows_by_severity(&self) -> Vec<&FlowRecord> {
        let mut v: Vec<&FlowRecord> = self.flows.iter().collect();
        v.sort_by_key(|f| std::cmp::Reverse(f.disclosure.verdict));
        v
    }
}

/// Flows of one app with the same (category, recipient, destination): `AppReport::flow_groups`.
#[derive(Clone, Debug)]
pub struct FlowGroup<'a> {
    pub category: &'a str,
    /// `FlowRecord::recipient`
    pub recipient: String,
    pub destination: Option<&'a str>,
    /// the most severe verdict among them
    pub worst: VerdictKind,
    pub flows: Vec<&'a FlowRecord>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub apps: usize,
    pub apps_ok: usize,
    pub apps_partial: usize,
    pub apps_error: usize,
    pub flows: usize,
    /// flow count per verdict (every verdict present, zero included)
    pub by_verdict: BTreeMap<String, usize>,
    pub findings: usize,
    pub suppressed: usize,
    /// flows whose sink is in the `network` category
    #[serde(default)]
    pub network_flows: usize,
    /// of those, the flows whose destination names a host (`destination_host`)
    #[serde(default)]
    pub network_flows_with_host: usize,
}

/// The host a destination names: the authority of a URL (`https://api.example.com/x` ->
/// `api.example.com`; a pattern `https://*.example.com/?` -> `*.example.com`), or without a
/// scheme a `host:port` or an IPv4 address (a socket's peer). Anything else (a charset name,
/// a file name such as `cloud.dict.yaml`, a path) names no host.
pub fn destination_host(dest: &str) -> Option<&str> {
    let (scheme, rest) = match dest.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, dest),
    };
    if scheme.is_some_and(|s| {
        s.is_empty()
            || !s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    }) {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if scheme.is_none() && end < rest.len() {
        return None;
    }
    let authority = &rest[..end];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => {
            (h, true)
        }
        _ => (authority, false),
    };
    let ipv4 = host.split('.').count() == 4
        && host
            .split('.')
            .all(|o| !o.is_empty() && o.len() <= 3 && o.chars().all(|c| c.is_ascii_digit()));
    if scheme.is_none() && !port && !ipv4 {
        return None;
    }
    let hostlike = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.*".contains(c));
    hostlike.then_some(host)
}

impl Summary {
    pub fn compute(apps: &[AppReport]) -> Summary {
        let mut s = Summary::default();
        for v in VerdictKind::ALL {
            s.by_verdict.insert(v.as_str().to_string(), 0);
        }
        for app in apps {
            s.add(app);
        }
        s
    }

    /// Adds one app (used by the streaming JSON Lines writer).
    pub fn add(&mut self, app: &AppReport) {
        if self.by_verdict.is_empty() {
            for v in VerdictKind::ALL {
                self.by_verdict.insert(v.as_str().to_string(), 0);
            }
        }
        self.apps += 1;
        match app.status {
            AppStatus::Ok => self.apps_ok += 1,
            AppStatus::Partial => self.apps_partial += 1,
            AppStatus::Error => self.apps_error += 1,
        }
        self.flows += app.flows.len();
        for f in app.flows.iter().filter(|f| f.sink.category == "network") {
            self.network_flows += 1;
            if f.destination
                .as_deref()
                .and_then(destination_host)
                .is_some()
            {
                self.network_flows_with_host += 1;
            }
        }
        for f in &app.flows {
            *self
                .by_verdict
                .entry(f.disclosure.verdict.as_str().to_string())
                .or_insert(0) += 1;
        }
        self.findings += app.findings.len();
        self.suppressed += app.suppressed;
    }
}
