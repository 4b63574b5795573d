//! Disclosure inputs (Play Console Data safety CSV, `dexflow-disclosure.toml`, privacy-policy
//! text) and the verdict that compares each flow with them.
//!
//! The files are written by the app's team or scraped from a store: they are untrusted text.
//! Parsers never panic; a broken file is an error naming file and line, an odd row is a warning
//! and parsing goes on. A verdict always says why, naming the declaration (file:line) or the
//! policy sentence it rests on. Declarations outrank policy text: the policy is consulted only
//! when no declaration covers the flow's data type (docs/disclosure.md, "Ranking").

pub mod csv;
pub mod file;
pub mod play;
pub mod policy;
pub mod verdict;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
pub use verdict::{Basis, Verdict, VerdictKind};

/// One positive statement: this data type is collected and/or shared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// normalized type key: a Play type id (`PSL_CONTACTS`), a Play category question id
    /// (`PSL_DATA_TYPES_PERSONAL`, broad) or a dexflow category id (`contacts`)
    pub key: String,
    pub collected: bool,
    pub shared: bool,
    pub purposes: Vec<String>,
    pub shared_purposes: Vec<String>,
    /// `first_party`, `service_provider:<sdk>`, or an SDK id / company
    pub recipients: Vec<String>,
    pub basis: Basis,
    /// `file:line`
    pub evidence: String,
}

/// An explicit "not collected" statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotCollected {
    pub key: String,
    pub basis: Basis,
    pub evidence: String,
}

/// Data types declared for one SDK (`[[sdk]]` in the TOML file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SdkDeclaration {
    /// SDK id, name or company as in the SDK table (compared case-insensitively)
    pub name: String,
    pub types: Vec<String>,
    pub shared: bool,
    pub purposes: Vec<String>,
    pub evidence: String,
}

/// A policy sentence that names a data type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicySentence {
    /// dexflow category ids the sentence names
    pub categories: Vec<String>,
    /// the sentence says the data is NOT collected / shared
    pub negative: bool,
    /// the sentence mentions third parties / sharing
    pub third_party: bool,
    pub sentence: String,
    /// `file:line`
    pub evidence: String,
}

/// Everything the app says about itself, merged from any number of files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Disclosure {
    /// package named by a disclosure file, if any
    pub app: Option<String>,
    /// files this was read from
    pub sources: Vec<String>,
    pub declarations: Vec<Declaration>,
    pub not_collected: Vec<NotCollected>,
    pub sdks: Vec<SdkDeclaration>,
    pub policy: Vec<PolicySentence>,
    /// evidence of "this app collects no user data" (Data safety global answer FALSE)
    pub collects_nothing: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct DisclosureError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl DisclosureError {
    pub fn new(path: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        DisclosureError {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// Largest disclosure file read (a Play export is ~100 KB; policies rarely exceed 1 MB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

pub(crate) fn warn(code: &'static str, message: String, location: String) -> Diagnostic {
    Diagnostic::warning(code, message).at(location)
}

/// What a verdict needs to know of a flow; `report::FlowRecord` provides it, so this module
/// needs nothing from `report`.
pub trait FlowFacts {
    fn facts(&self) -> Facts<'_>;
}

/// The data of one flow as the verdict sees it.
pub struct Facts<'a> {
    /// the source's data category (`contacts`)
    pub category: &'a str,
    /// Play Data safety type ids the category maps to, primary first
    pub data_types: &'a [String],
    /// the SDK whose code receives the data; None = first party
    pub sdk: Option<SdkNames<'a>>,
    /// the social SDK that handed the data over, when the flow sends it back only to that
    /// SDK's own endpoints
    pub returned_to: Option<SdkNames<'a>>,
}

/// Ways a disclosure may name an SDK.
pub struct SdkNames<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub company: &'a str,
}

/// Normalizes a type spelling. Returns the key and, for a tolerated misspelling, a note.
pub fn normalize_type(s: &str) -> Option<(String, Option<String>)> {
    let t = s.trim();
    if play::is_play_type(t) || play::is_category(t) {
        return Some((t.to_string(), None));
    }
    if let Some(a) = play::alias(t) {
        return Some((
            a.to_string(),
            Some(format!("'{t}' is not a Play id; read as '{a}'")),
        ));
    }
    if let Some(p) = play::from_aosp(t) {
        return Some((p.to_string(), None));
    }
    if let Some(c) = play::category_from_aosp_wildcard(t) {
        return Some((c.to_string(), None));
    }
    if !t.is_empty()
        && t.len() <= 64
        && t.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Some((t.to_string(), None));
    }
    None
}

impl Disclosure {
    pub fn is_empty(&self) -> bool {
        self.declarations.is_empty()
            && self.not_collected.is_empty()
            && self.sdks.is_empty()
            && self.policy.is_empty()
            && self.collects_nothing.is_none()
    }

    /// Whether this disclosure may be applied to an app with `package`: it names no app, or
    /// names this one. (With several `--disclosure` files for several apps, the caller keeps
    /// the ones that apply.)
    pub fn applies_to(&self, package: Option<&str>) -> bool {
        match (&self.app, package) {
            (None, _) | (_, None) => true,
            (Some(a), Some(p)) => a == p,
        }
    }

    pub fn merge(&mut self, other: Disclosure) {
        if self.app.is_none() {
            self.app = other.app;
        }
        self.sources.extend(other.sources);
        self.declarations.extend(other.declarations);
        self.not_collected.extend(other.not_collected);
        self.sdks.extend(other.sdks);
        self.policy.extend(other.policy);
        if self.collects_nothing.is_none() {
            self.collects_nothing = other.collects_nothing;
        }
    }

    /// Loads any number of files (by extension, see `load_file`) into one disclosure.
    pub fn load_all(paths: &[PathBuf]) -> Result<(Disclosure, Vec<Diagnostic>), DisclosureError> {
        let mut d = Disclosure::default();
        let mut warnings = Vec::new();
        for p in paths {
            let (one, w) = load_file(p)?;
            d.merge(one);
            warnings.extend(w);
        }
        Ok((d, warnings))
    }
}

fn read_limited(path: &Path) -> Result<String, DisclosureError> {
    use std::io::Read;
    let name = path.display().to_string();
    let f = std::fs::File::open(path)
        .map_err(|e| DisclosureError::new(&name, None, format!("cannot open: {e}")))?;
    let mut bytes = Vec::new();
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DisclosureError::new(&name, None, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(DisclosureError::new(
            &name,
            None,
            format!("larger than {MAX_FILE_BYTES} bytes"),
        ));
    }
    // Policies scraped from the web may carry a BOM or stray bytes: decode lossily.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Loads one file, by extension: `.toml` disclosure file, `.csv` Data safety export,
/// `.txt` / `.html` / `.htm` privacy policy.
pub fn load_file(path: &Path) -> Result<(Disclosure, Vec<Diagnostic>), DisclosureError> {
    let name = path.display().to_string();
    let text = read_limited(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "toml" => file::parse(&text, &name),
        "csv" => csv::parse(&text, &name),
        "txt" => Ok((policy::parse_text(&text, &name), Vec::new())),
        "html" | "htm" => Ok((policy::parse_html(&text, &name), Vec::new())),
        _ => Err(DisclosureError::new(
            &name,
            None,
            "unknown disclosure file type (expected .toml, .csv, .txt or .html)",
        )),
    }
}

/// Loads a privacy policy given with `--policy`, whatever its extension: `.html` / `.htm` are
/// stripped of markup, anything else is read as plain text.
pub fn load_policy(path: &Path) -> Result<Disclosure, DisclosureError> {
    let name = path.display().to_string();
    let text = read_limited(path)?;
    let html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    Ok(if html {
        policy::parse_html(&text, &name)
    } else {
        policy::parse_text(&text, &name)
    })
}

/// Disclosure files next to an APK: for `DIR/NAME.apk`, the existing ones of
/// `NAME.disclosure.toml`, `NAME.datasafety.csv`, `NAME.policy.txt`, `NAME.policy.html`.
pub fn discover_beside(apk_path: &Path) -> Vec<PathBuf> {
    let Some(stem) = apk_path.file_stem().and_then(|s| s.to_str()) else {
        return Vec::new();
    };
    let dir = apk_path.parent().unwrap_or_else(|| Path::new(""));
    [
        "disclosure.toml",
        "datasafety.csv",
        "policy.txt",
        "policy.html",
    ]
    .iter()
    .map(|suffix| dir.join(format!("{stem}.{suffix}")))
    .filter(|p| p.is_file())
    .collect()
}

/// The key names the flow's data: its category (or a category covering it, see
/// `play::SUBSUMES`) or one of its Play types.
fn exact(key: &str, flow: &Facts) -> bool {
    play::category_covers(key, flow.category) || flow.data_types.iter().any(|t| t == key)
}

/// Covered only through a broad key: the whole Play category, or that category's "other" type.
fn broad(key: &str, flow: &Facts) -> bool {
    let cat = if play::is_category(key) {
        Some(key)
    } else if play::is_other(key) {
        play::category_of(key)
    } else {
        None
    };
    cat.is_some_and(|c| {
        flow.data_types
            .iter()
            .any(|t| play::category_of(t) == Some(c))
    })
}

fn sdk_matches(name: &str, flow: &Facts) -> bool {
    flow.sdk.as_ref().is_some_and(|s| {
        [s.id, s.name, s.company]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
    })
}

fn describe_types(flow: &Facts) -> String {
    let labels: Vec<String> = flow
        .data_types
        .iter()
        .map(|t| match play::label(t) {
            Some(l) => format!("{l} ({t})"),
            None => t.clone(),
        })
        .collect();
    if labels.is_empty() {
        format!("category '{}'", flow.category)
    } else {
        format!("category '{}' = {}", flow.category, labels.join(" / "))
    }
}

/// The verdict for one flow. `None` = no disclosure was supplied for the app.
pub fn evaluate(disclosure: Option<&Disclosure>, flow: &impl FlowFacts) -> Verdict {
    let facts = flow.facts();
    let v = evaluate_facts(disclosure, &facts);
    match &facts.returned_to {
        // what the issuer gets back is no new sharing, whatever the disclosure says; a
        // declaration that covers it stays the stronger statement
        Some(issuer) if v.verdict != VerdictKind::Disclosed => Verdict::new(
            VerdictKind::ReturnedToIssuer,
            v.basis,
            format!(
                "category '{}' comes from {} ({}) and goes back only to its own endpoints",
                facts.category, issuer.name, issuer.company
            ),
        ),
        _ => v,
    }
}

fn evaluate_facts(disclosure: Option<&Disclosure>, flow: &Facts) -> Verdict {
    let what = describe_types(flow);
    let Some(d) = disclosure.filter(|d| !d.is_empty()) else {
        return Verdict::new(
            VerdictKind::Undisclosed,
            Basis::None,
            format!(
                "{what} is sent but no disclosure was supplied (no Data safety CSV, disclosure file or privacy policy)"
            ),
        );
    };
    if let Some(n) = d
        .not_collected
        .iter()
        .find(|n| exact(&n.key, flow) || broad(&n.key, flow))
    {
        return Verdict::new(
            VerdictKind::Contradicted,
            n.basis,
            format!("{what} is sent but declared as not collected ('{}')", n.key),
        )
        .with_evidence(n.evidence.clone());
    }
    if let Some(ev) = &d.collects_nothing {
        return Verdict::new(
            VerdictKind::Contradicted,
            Basis::DataSafety,
            format!("{what} is sent but the Data safety form says the app collects no user data"),
        )
        .with_evidence(ev.clone());
    }
    let exact_decls: Vec<&Declaration> = d
        .declarations
        .iter()
        .filter(|x| (x.collected || x.shared) && exact(&x.key, flow))
        .collect();
    if let Some(first) = exact_decls.first() {
        let Some(sdk) = &flow.sdk else {
            return Verdict::new(
                VerdictKind::Disclosed,
                first.basis,
                format!("{what} is declared as '{}'", first.key),
            )
            .with_evidence(first.evidence.clone());
        };
        if let Some(x) = exact_decls.iter().find(|x| x.shared) {
            return Verdict::new(
                VerdictKind::Disclosed,
                x.basis,
                format!(
                    "{what} is declared as '{}', shared; the sink is in {} ({})",
                    x.key, sdk.name, sdk.company
                ),
            )
            .with_evidence(x.evidence.clone());
        }
        if let Some(s) = d
            .sdks
            .iter()
            .find(|s| sdk_matches(&s.name, flow) && s.types.iter().any(|k| exact(k, flow)))
        {
            return Verdict::new(
                VerdictKind::Disclosed,
                Basis::DisclosureFile,
                format!("{what} is declared for SDK '{}'", s.name),
            )
            .with_evidence(s.evidence.clone());
        }
        if let Some(x) = exact_decls.iter().find(|x| {
            x.recipients.iter().any(|r| {
                r.strip_prefix("service_provider:")
                    .is_some_and(|n| sdk_matches(n, flow))
            })
        }) {
            return Verdict::new(
                VerdictKind::Disclosed,
                x.basis,
                format!(
                    "{what} is declared as '{}', collected through service provider {} (not sharing)",
                    x.key, sdk.name
                ),
            )
            .with_evidence(x.evidence.clone());
        }
        return Verdict::new(
            VerdictKind::SharedUndeclared,
            first.basis,
            format!(
                "{what} reaches third-party SDK {} ({}) but is declared as '{}' collected only, not shared",
                sdk.name, sdk.company, first.key
            ),
        )
        .with_evidence(first.evidence.clone());
    }
    if let Some(s) = d
        .sdks
        .iter()
        .find(|s| sdk_matches(&s.name, flow) && s.types.iter().any(|k| exact(k, flow)))
    {
        return Verdict::new(
            VerdictKind::Disclosed,
            Basis::DisclosureFile,
            format!("{what} is declared for SDK '{}'", s.name),
        )
        .with_evidence(s.evidence.clone());
    }
    if let Some(x) = d
        .declarations
        .iter()
        .find(|x| (x.collected || x.shared) && broad(&x.key, flow))
    {
        let label = play::label(&x.key)
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        return Verdict::new(
            VerdictKind::Vague,
            x.basis,
            format!(
                "{what} is covered only by the broad declaration '{}'{label}",
                x.key
            ),
        )
        .with_evidence(x.evidence.clone());
    }
    let cat = flow.category;
    let named: Vec<&PolicySentence> = d
        .policy
        .iter()
        .filter(|p| p.categories.iter().any(|c| play::category_covers(c, cat)))
        .collect();
    if let Some(p) = named.iter().find(|p| !p.negative) {
        let third = named.iter().find(|p| !p.negative && p.third_party);
        if let (Some(sdk), None) = (&flow.sdk, third) {
            return Verdict::new(
                VerdictKind::SharedUndeclared,
                Basis::Policy,
                format!(
                    "{what} is named only in the privacy policy ({}), which does not mention sharing with third parties, yet it reaches {} ({})",
                    p.evidence, sdk.name, sdk.company
                ),
            )
            .with_evidence(p.sentence.clone());
        }
        let p = third.unwrap_or(p);
        return Verdict::new(
            VerdictKind::Disclosed,
            Basis::Policy,
            format!(
                "{what} is named only in the privacy policy ({}); weaker evidence than a declaration",
                p.evidence
            ),
        )
        .with_evidence(p.sentence.clone());
    }
    if let Some(p) = named.first() {
        return Verdict::new(
            VerdictKind::Contradicted,
            Basis::Policy,
            format!(
                "{what} is sent but the privacy policy says it is not collected ({})",
                p.evidence
            ),
        )
        .with_evidence(p.sentence.clone());
    }
    Verdict::new(
        VerdictKind::Undisclosed,
        Basis::None,
        format!(
            "{what} is not declared in {}",
            if d.sources.is_empty() {
                "the disclosure".to_string()
            } else {
                d.sources.join(", ")
            }
        ),
    )
}
