//! Destinations passed down through parameters: a URL (or connection) that a caller creates
//! and hands to the method that sends. Inside a method, a `String`/URL/connection parameter
//! carries the constant-propagation marker `\u{1}i` ("whatever constant the caller passes in
//! parameter i"); a caller applying the summary substitutes its own argument, and what is
//! still a marker at the top (a flow complete inside the callee) is resolved from the
//! constant arguments of every call site, when they all agree.
//!
//! Must never: let a marker reach a report (unresolved markers become "no destination"), or
//! pick one of several disagreeing call-site constants.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::bytecode::MethodId;

use super::domain::Konst;
use super::summary::Summary;

/// First character of a parameter marker; no string constant in a dex file starts with it in
/// practice, and markers never leave the engine.
const PARAM_MARK: char = '\u{1}';

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

/// A constant that is a real string (not a parameter marker): what gates, content-URI
/// classification and channel keys may compare.
pub(crate) fn real(k: &Konst) -> Option<&Arc<str>> {
    k.as_str().filter(|s| !is_marker(s))
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

/// Resolves markers left at the top from the call sites recorded in every summary
/// (`Summary::call_args`): the destination is the constant all callers agree on.
pub(crate) struct CallSiteConstants {
    /// callee -> parameter -> (caller, constant joined over the caller's sites)
    by_callee: FxHashMap<MethodId, BTreeMap<u8, Vec<(MethodId, Konst)>>>,
}

/// Longest caller chain followed when a caller passes its own parameter on.
const MAX_DEPTH: usize = 6;

impl CallSiteConstants {
    pub(crate) fn new(done: &FxHashMap<MethodId, Arc<Summary>>) -> Self {
        let mut by_callee: FxHashMap<MethodId, BTreeMap<u8, Vec<(MethodId, Konst)>>> =
            FxHashMap::default();
        let mut callers: Vec<&MethodId> = done.keys().collect();
        callers.sort();
        for c in callers {
            for ((callee, j), k) in &done[c].call_args {
                by_callee
                    .entry(*callee)
                    .or_default()
                    .entry(*j)
                    .or_default()
                    .push((*c, k.clone()));
            }
        }
        CallSiteConstants { by_callee }
    }

    /// The real destination `d` (relative to method `m`) stands for, if any.
    pub(crate) fn resolve(&self, m: MethodId, d: &Arc<str>) -> Option<Arc<str>> {
        match marker_param(d) {
            None if is_marker(d) => None,
            None => Some(d.clone()),
            Some(j) => self.param(m, j, 0),
        }
    }

    fn param(&self, m: MethodId, j: u8, depth: usize) -> Option<Arc<str>> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let sites = self.by_callee.get(&m)?.get(&j)?;
        let mut agreed: Option<Arc<str>> = None;
        for (caller, k) in sites {
            let s = k.as_str()?;
            let v = match marker_param(s) {
                Some(jj) => self.param(*caller, jj, depth + 1)?,
                None if is_marker(s) => return None,
                None => s.clone(),
            };
            match &agreed {
                Some(a) if *a != v => return None,
                _ => agreed = Some(v),
            }
        }
        agreed
    }
}
