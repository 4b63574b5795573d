//! Plain-text report for a human reviewer (an app-store reviewer or a developer at a terminal):
//! grouped by app, then by verdict, most severe first; each flow read as a sentence chain
//! source -> call chain -> sink -> destination -> recipient -> verdict.
//!
//! Never writes a control character taken from the app: class names and URLs are hostile and
//! could otherwise move the cursor or recolour the terminal.

use std::fmt::Write as _;

use super::model::{AppReport, AppStatus, FlowRecord, Report, Severity, Step, VerdictKind};
use super::short_method;

/// Escapes control characters (ANSI escapes, newlines, bidi overrides) in app-derived text.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn method(m: &str) -> String {
    clean(&short_method(m))
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{} {}: {} app(s) ({} ok, {} partial, {} error), {} flow(s), {} finding(s), {} suppressed by baseline",
        clean(&report.tool.name),
        clean(&report.tool.version),
        s.apps,
        s.apps_ok,
        s.apps_partial,
        s.apps_error,
        s.flows,
        s.findings,
        s.suppressed
    );
    let counts: Vec<String> = VerdictKind::ALL
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                v.as_str(),
                s.by_verdict.get(v.as_str()).copied().unwrap_or(0)
            )
        })
        .collect();
    let _ = writeln!(out, "verdicts: {}", counts.join(", "));
    let _ = writeln!(out, "destinations: {}", host_share(s));
    for app in &report.apps {
        out.push('\n');
        render_app(&mut out, app);
    }
    out
}

fn render_app(out: &mut String, app: &AppReport) {
    let _ = writeln!(
        out,
        "== {} ({}){} [{}]",
        clean(app.package.as_deref().unwrap_or("<unknown package>")),
        clean(&app.input),
        app.version_name
            .as_deref()
            .map(|v| format!(" version {}", clean(v)))
            .unwrap_or_default(),
        app.status.as_str()
    );
    for e in &app.errors {
        let _ = writeln!(out, "  error: {}", clean(e));
    }
    // info-level notes (stage statistics) stay in the JSON; the text report is for reviewers
    for w in app.warnings.iter().filter(|w| w.severity != Severity::Info) {
        let _ = writeln!(
            out,
            "  {}[{}]: {}{}",
            w.severity.as_str(),
            clean(&w.code),
            clean(&w.message),
            w.location
                .as_deref()
                .map(|l| format!(" ({})", clean(l)))
                .unwrap_or_default()
        );
    }
    if !app.sdks.is_empty() {
        let _ = writeln!(out, "  SDKs:");
        for sdk in &app.sdks {
            let _ = writeln!(
                out,
                "    {} ({}, {}): {} flow(s)",
                clean(&sdk.name),
                clean(&sdk.company),
                clean(&sdk.kind),
                sdk.flows
            );
        }
    }
    if app.flows.is_empty() {
        if app.status == AppStatus::Partial {
            // a partial analysis may have missed flows: never present the app as flow-free
            let _ = writeln!(
                out,
                "  no flows found before the analysis stopped (partial: flows may be missing)"
            );
        } else {
            let _ = writeln!(out, "  no flows");
        }
    }
    let groups = app.flow_groups();
    if !groups.is_empty() {
        let _ = writeln!(
            out,
            "\n  FLOWS BY DATA, RECIPIENT, DESTINATION ({} group(s))",
            groups.len()
        );
        for g in &groups {
            let _ = writeln!(
                out,
                "    {:>3} x {} -> {} -> {} [{}]",
                g.flows.len(),
                clean(g.category),
                clean(&g.recipient),
                clean(g.destination.unwrap_or("unknown destination")),
                g.worst.as_str()
            );
        }
    }
    for kind in VerdictKind::ALL {
        let flows: Vec<&FlowRecord> = app
            .flows
            .iter()
            .filter(|f| f.disclosure.verdict == kind)
            .collect();
        if flows.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n  {} ({})",
            kind.as_str().to_uppercase(),
            flows.len()
        );
        for f in flows {
            render_flow(out, f);
        }
    }
    if !app.findings.is_empty() {
        let _ = writeln!(out, "\n  FINDINGS ({})", app.findings.len());
        for f in &app.findings {
            let _ = writeln!(
                out,
                "  - {} {} [{}]: {}{}",
                f.severity.as_str(),
                clean(&f.code),
                clean(&f.name),
                clean(&f.message),
                f.location
                    .as_deref()
                    .map(|l| format!(" ({})", clean(l)))
                    .unwrap_or_default()
            );
        }
    }
    if app.suppressed > 0 {
        let _ = writeln!(out, "  ({} flow(s) suppressed by baseline)", app.suppressed);
    }
}

fn render_flow(out: &mut String, f: &FlowRecord) {
    let v = &f.disclosure;
    let _ = writeln!(
        out,
        "  - [{} {}] {} -> {} sink, confidence {}, fingerprint {}",
        v.code,
        v.verdict.rule_name(),
        clean(&f.source.category),
        clean(&f.sink.category),
        format!("{:?}", f.confidence).to_lowercase(),
        clean(&f.fingerprint)
    );
    let _ = writeln!(
        out,
        "      source:      {} ({})",
        clean(&short_method(&f.source.api)),
        clean(&f.source.category)
    );
    if let Some(r) = &f.source.read {
        let _ = writeln!(out, "      read:        {}", clean(&r.describe()));
    }
    for (i, (step, site)) in f.steps().into_iter().enumerate() {
        let role = match step {
            Step::Source => " (source)",
            Step::Call => "",
            Step::Sink => " (sink)",
        };
        let _ = writeln!(
            out,
            "      {}{} @{}{role}",
            if i == 0 {
                "call chain:  "
            } else {
                "          -> "
            },
            method(&site.method),
            site.pc
        );
    }
    let _ = writeln!(
        out,
        "      sink:        {} ({})",
        clean(&short_method(&f.sink.api)),
        clean(&f.sink.category)
    );
    for s in &f.request_steps {
        let _ = writeln!(
            out,
            "      built at:    {} in {} @{} (same request)",
            clean(&short_method(&s.api)),
            method(&s.site.method),
            s.site.pc
        );
    }
    let _ = writeln!(
        out,
        "      destination: {}",
        f.destination
            .as_deref()
            .map(clean)
            .unwrap_or_else(|| "unknown".to_string())
    );
    let _ = writeln!(out, "      recipient:   {}", clean(&f.recipient()));
    if !f.data_types.is_empty() {
        let _ = writeln!(
            out,
            "      data types:  {}",
            clean(&f.data_types.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "      verdict:     {}: {}",
        v.verdict.as_str(),
        clean(&v.reason)
    );
    if let Some(e) = &v.evidence {
        let _ = writeln!(out, "      evidence:    {}", clean(e));
    }
}

/// "3 of 5 network flows name a host (60%)": how many network flows say where the data goes.
pub fn host_share(s: &crate::report::Summary) -> String {
    if s.network_flows == 0 {
        return "no network flows".to_string();
    }
    format!(
        "{} of {} network flow(s) name a host ({:.0}%)",
        s.network_flows_with_host,
        s.network_flows,
        100.0 * s.network_flows_with_host as f64 / s.network_flows as f64
    )
}
