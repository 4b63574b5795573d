//! `dexflow merge`: many JSON / JSON Lines reports (shards of one corpus, retried shards, Spark
//! part files) into one report with one record per app, sorted, and the summary recomputed.
//!
//! Apps are keyed by `input`. When two files hold the same app (a shard that was retried), the
//! record with the better status wins (`ok` over `partial` over `error`), then the one in the
//! file given first; the others are counted as dropped duplicates. A JSON Lines file cut short
//! (a killed shard) keeps every complete line and drops the torn last one with a warning. This
//! module must never trust a file to be well formed: a bad file is an error value naming the
//! file and line, never a panic, and it never changes a record it keeps.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::model::{AppReport, AppStatus, Report, Summary, Tool};

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a dexflow JSON Lines record: {detail}")]
    Line {
        path: String,
        line: usize,
        detail: String,
    },
    #[error("{path}: neither a dexflow JSON report nor JSON Lines: {detail}")]
    Format { path: String, detail: String },
}

/// The apps one report file holds, with the tool that wrote it.
#[derive(Clone, Debug)]
pub struct ReportFile {
    pub tool: Option<Tool>,
    pub apps: Vec<AppReport>,
    /// problems that did not stop the read (a torn last line)
    pub warnings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum OwnedLine {
    App(Box<AppReport>),
    Summary {
        tool: Tool,
        #[allow(dead_code)]
        summary: Summary,
    },
}

/// Reads a report written by `--format json` or `--format jsonl` (the summary line may be
/// missing: part files and interrupted streams have none).
pub fn read_report(path: &Path) -> Result<ReportFile, MergeError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| MergeError::Io {
        path: name.clone(),
        source,
    })?;
    parse_report(&name, &text)
}

/// `read_report` on text already in memory; `name` is used in messages.
pub fn parse_report(name: &str, text: &str) -> Result<ReportFile, MergeError> {
    let whole = serde_json::from_str::<Report>(text);
    if let Ok(r) = whole {
        return Ok(ReportFile {
            tool: Some(r.tool),
            apps: r.apps,
            warnings: Vec::new(),
        });
    }
    let first = text.lines().find(|l| !l.trim().is_empty());
    let looks_jsonl = first.is_some_and(|l| {
        serde_json::from_str::<serde_json::Value>(l)
            .ok()
            .is_some_and(|v| v.get("type").is_some())
    });
    if !looks_jsonl {
        if text.trim().is_empty() {
            return Ok(ReportFile {
                tool: None,
                apps: Vec::new(),
                warnings: Vec::new(),
            });
        }
        let detail = whole.err().map(|e| e.to_string()).unwrap_or_default();
        return Err(MergeError::Format {
            path: name.to_string(),
            detail,
        });
    }
    let mut out = ReportFile {
        tool: None,
        apps: Vec::new(),
        warnings: Vec::new(),
    };
    let torn_tail = !text.ends_with('\n');
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<OwnedLine>(line) {
            Ok(OwnedLine::App(app)) => out.apps.push(*app),
            Ok(OwnedLine::Summary { tool, .. }) => out.tool = Some(tool),
            Err(_) if torn_tail && i + 1 == lines.len() => out.warnings.push(format!(
                "{name}:{}: last line is cut short (interrupted run?); dropped",
                i + 1
            )),
            Err(e) => {
                return Err(MergeError::Line {
                    path: name.to_string(),
                    line: i + 1,
                    detail: e.to_string(),
                });
            }
        }
    }
    Ok(out)
}

/// The merged report and what was dropped on the way.
#[derive(Clone, Debug)]
pub struct Merged {
    pub report: Report,
    /// app records dropped because another file held the same `input` with a status as good
    pub duplicates: usize,
    pub warnings: Vec<String>,
}

fn status_rank(s: AppStatus) -> u8 {
    match s {
        AppStatus::Ok => 0,
        AppStatus::Partial => 1,
        AppStatus::Error => 2,
    }
}

/// Merges report files given in order (see the module doc for which duplicate wins).
pub fn merge(files: Vec<ReportFile>) -> Merged {
    let mut warnings = Vec::new();
    let mut tools: Vec<Tool> = Vec::new();
    let mut by_input: BTreeMap<String, AppReport> = BTreeMap::new();
    let mut duplicates = 0;
    for file in files {
        warnings.extend(file.warnings);
        if let Some(t) = file.tool
            && !tools.contains(&t)
        {
            tools.push(t);
        }
        for app in file.apps {
            duplicates += usize::from(by_input.contains_key(&app.input));
            match by_input.get(&app.input) {
                Some(kept) if status_rank(kept.status) <= status_rank(app.status) => {}
                _ => {
                    by_input.insert(app.input.clone(), app);
                }
            }
        }
    }
    if tools.len() > 1 {
        let names: Vec<String> = tools
            .iter()
            .map(|t| format!("{} {}", t.name, t.version))
            .collect();
        warnings.push(format!(
            "reports come from different versions ({}); the merged report names the first",
            names.join(", ")
        ));
    }
    let tool = tools.into_iter().next().unwrap_or_else(Tool::current);
    Merged {
        report: Report::new(tool, by_input.into_values().collect()),
        duplicates,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::{render, render_jsonl};

    fn app(input: &str, status: AppStatus) -> AppReport {
        let mut a = AppReport::new(input, Some(format!("pkg.{input}")));
        a.status = status;
        a
    }

    #[test]
    fn reads_back_both_formats() {
        let r = Report::new(
            Tool::current(),
            vec![app("b", AppStatus::Ok), app("a", AppStatus::Error)],
        );
        for text in [render(&r), render_jsonl(&r)] {
            let f = parse_report("x", &text).unwrap();
            assert_eq!(f.apps, r.apps);
            assert_eq!(f.tool, Some(Tool::current()));
        }
    }

    #[test]
    fn duplicates_keep_the_better_status_then_the_first_file() {
        let one = ReportFile {
            tool: None,
            apps: vec![app("a", AppStatus::Partial), app("b", AppStatus::Ok)],
            warnings: Vec::new(),
        };
        let mut b2 = app("b", AppStatus::Ok);
        b2.package = Some("second".into());
        let two = ReportFile {
            tool: None,
            apps: vec![app("a", AppStatus::Ok), b2],
            warnings: Vec::new(),
        };
        let m = merge(vec![one, two]);
        assert_eq!(m.duplicates, 2);
        let apps = &m.report.apps;
        assert_eq!(apps.len(), 2);
        assert_eq!(
            (apps[0].input.as_str(), apps[0].status),
            ("a", AppStatus::Ok)
        );
        assert_eq!(apps[1].package.as_deref(), Some("pkg.b"));
        assert_eq!(m.report.summary.apps_ok, 2);
    }

    #[test]
    fn a_torn_last_line_is_dropped_other_garbage_is_an_error() {
        let r = Report::new(Tool::current(), vec![app("a", AppStatus::Ok)]);
        let mut text = render_jsonl(&r);
        text.push_str("{\"type\":\"app\",\"inp");
        let f = parse_report("x", &text).unwrap();
        assert_eq!(f.apps.len(), 1);
        assert_eq!(f.warnings.len(), 1);
        let bad = format!("{text}\n");
        let e = parse_report("x.jsonl", &bad).unwrap_err().to_string();
        assert!(e.starts_with("x.jsonl:3:"), "{e}");
        assert!(parse_report("y", "not json").is_err());
    }
}
