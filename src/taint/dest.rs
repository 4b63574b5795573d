//! Destinations passed down through parameters: a URL (or connection) that a caller creates
//! and hands to the method that sends. Inside a method, a `String`/URL/connection parameter
//! carries the constant-propagation marker `\u{1}i` ("whatever constant the caller passes in
//! parameter i"); a caller applying the summary substitutes its own argument, and what is
//! still a marker at the top (a flow complete inside the callee) is resolved from the
//! constant arguments of every call site, when they all agree.
//!
//! A string built from constants and unknown values (`"https://h.example.com/?id=" + imei`)
//! keeps its constant parts with `PART_MARK` for each unknown run; reports show the pattern
//! with `?` (`https://h.example.com/?id=?`).
//!
//! Must never: let a marker reach a report (unresolved markers become "no destination"), or
//! pick one of several disagreeing call-site constants; let a partial string act as a real
//! constant (gates, URI classification, channel and container keys compare only `real`).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::domain::Konst;

/// First character of a parameter marker; no string constant in a dex file starts with it in
/// practice, and markers never leave the engine.
const PARAM_MARK: char = '\u{1}';

/// An unknown run inside a string otherwise built from constants (a string of unknown runs
/// only is no constant: `has_known_part`).
const PART_MARK: char = '\u{2}';

/// `known` followed by an unknown part (one mark for consecutive unknown parts).
pub(crate) fn then_unknown(known: &str) -> Arc<str> {
    if known.ends_with(PART_MARK) {
        Arc::from(known)
    } else {
        Arc::from(format!("{known}{PART_MARK}"))
    }
}

/// Is anything of `s` constant?
pub(crate) fn has_known_part(s: &str) -> bool {
    s.chars().any(|c| c != PART_MARK)
}

/// Does `s` have unknown parts?
pub(crate) fn is_partial(s: &str) -> bool {
    s.contains(PART_MARK)
}

/// `String.format(fmt, ...)` with a constant format: every conversion (`%s`, `%1$d`, `%08x`)
/// is an unknown part, `%%` and `%n` are what they print.
pub(crate) fn format_pattern(fmt: &str) -> Arc<str> {
    let mut out = String::new();
    let mut it = fmt.chars().peekable();
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // flags, width, precision and argument index, up to the conversion letter
        let mut conv = None;
        for d in it.by_ref() {
            if d.is_ascii_alphabetic() || d == '%' {
                conv = Some(d);
                break;
            }
        }
        match conv {
            Some('%') => out.push('%'),
            Some('n') => out.push('\n'),
            Some('t' | 'T') => {
                it.next();
                out = then_unknown(&out).to_string();
            }
            _ => out = then_unknown(&out).to_string(),
        }
    }
    Arc::from(out)
}

/// How a destination reads in a report: unknown parts as `?`.
pub(crate) fn render(s: &str) -> Arc<str> {
    if is_partial(s) {
        Arc::from(s.replace(PART_MARK, "?"))
    } else {
        Arc::from(s)
    }
}

/// Declared parameter types whose constant is a destination (or derived from one).
const DEST_TYPES: &[&str] = &[
    "Ljava/lang/String;",
    "Ljava/net/URL;",
    "Ljava/net/URI;",
    "Landroid/net/Uri;",
    "Ljava/net/URLConnection;",
    "Ljava/net/HttpURLConnection;",
    "Ljavax/net/ssl/HttpsURLConnection;",
];

/// The marker of parameter register `i` (receiver = 0 for instance methods) when its declared
/// type can carry a destination.
pub(crate) fn param_marker(declared: &str, i: usize) -> Option<Konst> {
    if !DEST_TYPES.contains(&declared) || i > u8::MAX as usize {
        return None;
    }
    Some(Konst::Str(Arc::from(format!("{PARAM_MARK}{i}"))))
}

/// The parameter index a marker stands for.
pub(crate) fn marker_param(s: &str) -> Option<u8> {
    s.strip_prefix(PARAM_MARK)?.parse().ok()
}

pub(crate) fn is_marker(s: &str) -> bool {
    s.starts_with(PARAM_MARK)
}

/// A constant that is a real string (not a parameter marker, not partial, not the empty start
/// of a `StringBuilder` that may have been filled elsewhere): what gates, content-URI
/// classification and channel keys may compare.
pub(crate) fn real(k: &Konst) -> Option<&Arc<str>> {
    k.as_str()
        .filter(|s| !s.is_empty() && !is_marker(s) && !is_partial(s))
}

/// `k` seen from a caller: a marker of parameter j becomes the caller's argument constant.
pub(crate) fn subst(k: &Konst, arg: &dyn Fn(u8) -> Option<Konst>) -> Konst {
    match k.as_str().and_then(|s| marker_param(s)) {
        Some(j) => arg(j).unwrap_or(Konst::Top),
        None => k.clone(),
    }
}

/// Same for a destination: `None` when the caller has no constant for it.
pub(crate) fn subst_dest(
    d: &Option<Arc<str>>,
    arg: &dyn Fn(u8) -> Option<Konst>,
) -> Option<Arc<str>> {
    let d = d.as_ref()?;
    match marker_param(d) {
        Some(j) => arg(j).and_then(|k| k.as_str().cloned()),
        None => Some(d.clone()),
    }
}

/// The string constants one caller passes to one parameter of a callee, over all its call
/// sites; `unknown` when some site passes a value that is not a constant (or too many).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArgConsts {
    pub values: BTreeSet<Arc<str>>,
    pub unknown: bool,
}

/// Most distinct constants kept per (callee, parameter) in one caller.
const MAX_VALUES: usize = 16;

impl ArgConsts {
    pub(crate) fn add(&mut self, k: &Konst) {
        match k.as_str() {
            Some(s) if self.values.len() < MAX_VALUES || self.values.contains(s) => {
                self.values.insert(s.clone());
            }
            _ => self.unknown = true,
        }
    }
    /// The parameters of the current method whose markers it holds.
    pub(crate) fn markers(&self) -> impl Iterator<Item = u8> + '_ {
        self.values.iter().filter_map(|v| marker_param(v))
    }
}
