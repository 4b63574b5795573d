//! Baselines (suppress flows already known from an earlier JSON report) and `dexflow diff`
//! (flows added and removed between two JSON reports).
//!
//! Both key a flow by (app key, fingerprint), where the app key is the package (else the input
//! path), so a new build of the same app at another path still matches. Neither ever trusts a
//! report file to be well formed: a bad file is an error value naming the file.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::model::{FlowRecord, Report};
use super::short_method;
use super::text::clean;

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a dexflow JSON report: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
}

/// Reads a JSON report written by `--format json`.
pub fn load_report(path: &Path) -> Result<Report, BaselineError> {
    let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Io {
        path: path.display().to_string(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| BaselineError::Parse {
        path: path.display().to_string(),
        source,
    })
}

/// Known flows: (app key, fingerprint).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    pub known: BTreeSet<(String, String)>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        Ok(Baseline::from_report(&load_report(path)?))
    }

    pub fn from_report(report: &Report) -> Baseline {
        let mut known = BTreeSet::new();
        for app in &report.apps {
            for f in &app.flows {
                known.insert((app.key().to_string(), f.fingerprint.clone()));
            }
        }
        Baseline { known }
    }

    /// Removes known flows from `report`, counts them in each app's `suppressed`, refreshes the
    /// summary and returns how many were suppressed in total.
    pub fn apply(&self, report: &mut Report) -> usize {
        let mut total = 0;
        for app in &mut report.apps {
            let key = app.key().to_string();
            let before = app.flows.len();
            app.flows
                .retain(|f| !self.known.contains(&(key.clone(), f.fingerprint.clone())));
            let n = before - app.flows.len();
            app.suppressed += n;
            total += n;
        }
        report.refresh();
        total
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffEntry {
    /// package, else input path
    pub app: String,
    pub flow: FlowRecord,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    /// flows in `new` whose (app, fingerprint) is not in `old`
    pub added: Vec<DiffEntry>,
    /// flows in `old` whose (app, fingerprint) is not in `new`
    pub removed: Vec<DiffEntry>,
}

fn index(report: &Report) -> BTreeMap<(String, String), Vec<&FlowRecord>> {
    let mut m: BTreeMap<(String, String), Vec<&FlowRecord>> = BTreeMap::new();
    for app in &report.apps {
        for f in &app.flows {
            m.entry((app.key().to_string(), f.fingerprint.clone()))
                .or_default()
                .push(f);
        }
    }
    m
}

/// Flows added and removed between two reports. Flows sharing a fingerprint (same methods,
/// other offsets) are matched by count: one more in `new` is one added.
pub fn diff(old: &Report, new: &Report) -> Diff {
    let old_ix = index(old);
    let new_ix = index(new);
    let mut d = Diff::default();
    for ((app, fp), flows) in &new_ix {
        let have = old_ix.get(&(app.clone(), fp.clone())).map_or(0, Vec::len);
        for f in flows.iter().skip(have) {
            d.added.push(DiffEntry {
                app: app.clone(),
                flow: (*f).clone(),
            });
        }
    }
    for ((app, fp), flows) in &old_ix {
        let have = new_ix.get(&(app.clone(), fp.clone())).map_or(0, Vec::len);
        for f in flows.iter().skip(have) {
            d.removed.push(DiffEntry {
                app: app.clone(),
                flow: (*f).clone(),
            });
        }
    }
    d
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }

    pub fn render_text(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "{} flow(s) added, {} flow(s) removed",
            self.added.len(),
            self.removed.len()
        );
        for (sign, list) in [('+', &self.added), ('-', &self.removed)] {
            for e in list {
                let f = &e.flow;
                let _ = writeln!(
                    o,
                    "{sign} {} {} [{}] {} -> {} via {} in {} ({}, {})",
                    clean(&e.app),
                    clean(&f.fingerprint),
                    f.disclosure.verdict.as_str(),
                    clean(&f.source.category),
                    clean(&f.sink.category),
                    clean(&short_method(&f.sink.api)),
                    clean(&short_method(&f.sink.site.method)),
                    clean(&f.recipient()),
                    clean(f.destination.as_deref().unwrap_or("unknown destination"))
                );
            }
        }
        o
    }
}
