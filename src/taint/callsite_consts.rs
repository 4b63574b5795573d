//! What is still a destination marker at the top (`dest.rs`: a flow complete inside a callee
//! whose URL a caller passed in) resolved from the constant arguments every recorded call
//! site passes (`Summary::call_args`), through callers that pass their own parameter on;
//! URLs of one origin that callers disagree on give their common prefix as a pattern.
//!
//! Must never: pick one of several disagreeing call-site constants, or return a marker.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::bytecode::MethodId;

use super::dest::{ArgConsts, is_marker, marker_param, render, then_unknown};
use super::summary::Summary;

/// Resolves what is left at the top from the call sites recorded in every summary
/// (`Summary::call_args`): a destination is the constant all callers agree on; a source gated
/// on a parameter (`Settings.Secure.getString(cr, key)` with `key` passed in) is dropped when
/// every caller passes a constant outside the gate.
pub(crate) struct CallSiteConstants {
    /// callee -> parameter -> (caller, constants over the caller's sites)
    by_callee: FxHashMap<MethodId, BTreeMap<u8, Vec<(MethodId, ArgConsts)>>>,
}

/// Longest caller chain followed when a caller passes its own parameter on.
const MAX_DEPTH: usize = 6;

impl CallSiteConstants {
    pub(crate) fn new(done: &FxHashMap<MethodId, Arc<Summary>>) -> Self {
        let mut by_callee: FxHashMap<MethodId, BTreeMap<u8, Vec<(MethodId, ArgConsts)>>> =
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

    /// The real destination `d` (relative to method `m`) stands for, if any, as a report
    /// shows it (unknown parts as `?`).
    pub(crate) fn resolve(&self, m: MethodId, d: &Arc<str>) -> Option<Arc<str>> {
        let d = match marker_param(d) {
            None if is_marker(d) => None,
            None => Some(d.clone()),
            Some(j) => {
                let vs = self.values(m, j, 0)?;
                if vs.len() == 1 {
                    vs.into_iter().next()
                } else {
                    same_origin(&vs)
                }
            }
        }?;
        (!d.is_empty()).then(|| render(&d))
    }

    /// Every constant the callers of `m` pass in parameter `j`; `None` when one of them is not
    /// a constant or no call site was recorded.
    pub(crate) fn values(&self, m: MethodId, j: u8, depth: usize) -> Option<BTreeSet<Arc<str>>> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let sites = self.by_callee.get(&m)?.get(&j)?;
        let mut out = BTreeSet::new();
        for (caller, k) in sites {
            if k.unknown {
                return None;
            }
            for v in &k.values {
                match marker_param(v) {
                    Some(jj) => out.extend(self.values(*caller, jj, depth + 1)?),
                    None if is_marker(v) => return None,
                    None => {
                        out.insert(v.clone());
                    }
                }
            }
        }
        Some(out)
    }
}

/// Several callers, several URLs of one origin (`scheme://host[:port]`): their common prefix
/// and an unknown rest (`https://api.example.com/v1/?`). Different origins: none.
fn same_origin(vs: &BTreeSet<Arc<str>>) -> Option<Arc<str>> {
    let origin = |v: &str| -> Option<usize> {
        let (scheme, rest) = v.split_once("://")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        (!scheme.is_empty() && end > 0).then_some(scheme.len() + 3 + end)
    };
    let first = vs.iter().next()?;
    let o = origin(first)?;
    if vs
        .iter()
        .any(|v| origin(v) != Some(o) || v.get(..o) != first.get(..o))
    {
        return None;
    }
    let mut common = first.len();
    for v in vs {
        common = common.min(
            first
                .char_indices()
                .zip(v.chars())
                .find(|((_, a), b)| a != b)
                .map_or(first.len().min(v.len()), |((i, _), _)| i),
        );
    }
    Some(then_unknown(first.get(..common.max(o))?))
}
