//! Reports (text, JSON, JSON Lines, SARIF, HTML) from one typed model, plus what the binary
//! needs around them: the exit code, baselines and `dexflow diff`.
//!
//! Every format renders from `model::Report` and nothing else; no format may reach back into
//! analysis state. Strings in the model come from the analysed app (class names, URLs) and are
//! attacker-controlled: every format escapes them for its own syntax and never interprets them.

pub mod baseline;
pub mod html;
pub mod json;
pub mod merge;
pub mod model;
pub mod overview;
pub mod read;
pub mod sarif;
pub mod text;

pub use baseline::{Baseline, Diff, DiffEntry, diff};
pub use json::JsonlWriter;
pub use model::*;
pub use read::{Provider, SourceRead};

/// Output format chosen with `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Sarif,
    Html,
    /// the batch overview page: one row per app
    Overview,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "sarif" => Ok(Format::Sarif),
            "html" => Ok(Format::Html),
            "overview" => Ok(Format::Overview),
            _ => Err(format!(
                "unknown format '{s}' (expected text, json, jsonl, sarif, html or overview)"
            )),
        }
    }
}

/// Renders a whole report. (For streaming JSON Lines use `JsonlWriter` instead.)
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => text::render(report),
        Format::Json => json::render(report),
        Format::Jsonl => json::render_jsonl(report),
        Format::Sarif => sarif::render(report),
        Format::Html => html::render(report),
        Format::Overview => overview::render(report),
    }
}

/// Threshold for `--fail-on`: the least severe verdict that makes the run fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerdictLevel {
    /// never fail because of flows (errors still give 2)
    Never,
    /// fail on any verdict at or above this one
    AtLeast(VerdictKind),
}

impl std::str::FromStr for VerdictLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "never" | "none" => Ok(VerdictLevel::Never),
            "any" => Ok(VerdictLevel::AtLeast(VerdictKind::Disclosed)),
            _ => s
                .parse::<VerdictKind>()
                .map(VerdictLevel::AtLeast)
                .map_err(|e| format!("{e}; also accepted: never, any")),
        }
    }
}

/// What a `partial` app (the analysis stopped before its fixpoint, so flows may be missing)
/// means for the exit code: `--fail-on-partial`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PartialPolicy {
    /// a partial app fails the run whenever `--fail-on` is not `never`: a CI gate must not
    /// pass an app it could not finish
    #[default]
    Fail,
    /// a partial app fails only through the flows it did report
    Never,
}

impl std::str::FromStr for PartialPolicy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fail" => Ok(PartialPolicy::Fail),
            "never" => Ok(PartialPolicy::Never),
            _ => Err(format!("unknown value '{s}' (expected fail or never)")),
        }
    }
}

/// Process exit code, ripgrep style: 2 when any app could not be analysed (status `error`),
/// else 1 when a flow reaches the `fail_on` verdict or, under [`PartialPolicy::Fail`], an app is
/// `partial`, else 0.
pub fn exit_code(report: &Report, fail_on: VerdictLevel, partial: PartialPolicy) -> i32 {
    if report.apps.iter().any(|a| a.status == AppStatus::Error) {
        return 2;
    }
    let VerdictLevel::AtLeast(level) = fail_on else {
        return 0;
    };
    let unfinished = partial == PartialPolicy::Fail
        && report.apps.iter().any(|a| a.status == AppStatus::Partial);
    let failing = report
        .apps
        .iter()
        .flat_map(|a| &a.flows)
        .any(|f| f.disclosure.verdict >= level);
    i32::from(failing || unfinished)
}

/// `Lcom/a/B$C;->name(I)V` -> (`com.a.B$C`, `name`, `(I)V`). Anything that does not look like
/// a Dalvik method reference comes back whole as the class with empty name and prototype.
pub fn split_method(method: &str) -> (String, &str, &str) {
    let Some((class, rest)) = method.split_once("->") else {
        return (method.to_string(), "", "");
    };
    let (name, proto) = match rest.find('(') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    (java_class(class), name, proto)
}

/// `Lcom/a/B;` -> `com.a.B`; other strings unchanged.
pub fn java_class(descriptor: &str) -> String {
    match descriptor
        .strip_prefix('L')
        .and_then(|d| d.strip_suffix(';'))
    {
        Some(inner) => inner.replace('/', "."),
        None => descriptor.to_string(),
    }
}

/// `com.a.B.name` for a Dalvik method reference (for humans and SARIF fullyQualifiedName).
pub fn short_method(method: &str) -> String {
    let (class, name, _) = split_method(method);
    if name.is_empty() {
        class
    } else {
        format!("{class}.{name}")
    }
}
