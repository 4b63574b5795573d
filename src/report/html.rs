//! One self-contained HTML file: inline CSS, inline SVG, no script and no external asset, so it
//! can be mailed or attached to a ticket and opened offline.
//!
//! Every string from the app (class names, URLs, policy sentences) is HTML-escaped with `esc`
//! before it is written, in text and in attributes alike; nothing from the app ever becomes
//! markup, a URL the page loads, or a link target.

use std::fmt::Write as _;

use super::model::{AppReport, AppStatus, FlowRecord, Report, Severity, Step, VerdictKind};
use super::short_method;

/// Escapes text for HTML element content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// `N app(s): N ok, N partial, N error · N flow(s) · N finding(s)`: the batch line of the
/// report and overview headers.
pub(super) fn batch_counts(report: &Report) -> String {
    let s = &report.summary;
    format!(
        "{} app(s): {} ok, {} partial, {} error &middot; {} flow(s) &middot; {} finding(s)",
        s.apps, s.apps_ok, s.apps_partial, s.apps_error, s.flows, s.findings
    )
}

pub(super) fn color(v: VerdictKind) -> &'static str {
    match v {
        VerdictKind::Contradicted => "#8e1b1b",
        VerdictKind::Undisclosed => "#c62828",
        VerdictKind::SharedUndeclared => "#d9730d",
        VerdictKind::Vague => "#b38f00",
        VerdictKind::Disclosed => "#2e7d32",
        VerdictKind::ReturnedToIssuer => "#5c7c8a",
    }
}

const CSS: &str = "
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC',sans-serif;margin:0;background:#f4f5f7;color:#1d232a}
header{background:#1d2b3a;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#c9d3de}
main{padding:16px 24px;max-width:1100px}
section.app{background:#fff;border:1px solid #d8dde3;border-radius:6px;margin:0 0 20px;padding:12px 18px}
h2{font-size:17px;margin:4px 0 8px;word-break:break-all}
h2 small{color:#5b6673;font-weight:normal}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;color:#fff;font-size:12px;font-weight:600;margin-right:4px}
.status-ok{background:#2e7d32}.status-partial{background:#d9730d}.status-error{background:#8e1b1b}
table{border-collapse:collapse;margin:6px 0 10px}
td,th{border:1px solid #e0e4e8;padding:3px 9px;text-align:left;font-size:13px}
th{background:#f0f2f5}
.errors li{color:#8e1b1b}.warnings li{color:#7a5a00}
details.flow{border:1px solid #e0e4e8;border-left:5px solid #888;border-radius:4px;margin:8px 0;padding:6px 10px;background:#fcfcfd}
details.flow summary{cursor:pointer;font-weight:600;word-break:break-all}
dl{display:grid;grid-template-columns:110px 1fr;gap:2px 10px;margin:8px 0}
dt{color:#5b6673}dd{margin:0;word-break:break-all}
code{font:12px/1.4 ui-monospace,'DejaVu Sans Mono',monospace}
svg{display:block;margin:6px 0;max-width:100%}
.legend{list-style:none;padding:0;margin:0 0 14px;columns:2;font-size:13px}.legend li{margin:2px 0}
";

pub fn render(report: &Report) -> String {
    let mut o = String::new();
    let s = &report.summary;
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    let _ = writeln!(
        o,
        "<title>{} report</title>\n<style>{}</style>\n</head>\n<body>",
        esc(&report.tool.name),
        CSS
    );
    let _ = writeln!(
        o,
        "<header><h1>{} {} &mdash; privacy flow report</h1><p>{} &middot; {} suppressed by baseline</p></header>\n<main>",
        esc(&report.tool.name),
        esc(&report.tool.version),
        batch_counts(report),
        s.suppressed
    );
    o.push_str("<ul class=\"legend\">");
    for v in VerdictKind::ALL {
        let _ = write!(
            o,
            "<li><span class=\"badge\" style=\"background:{}\">{}</span> <code>{}</code> {}</li>",
            color(v),
            v.as_str(),
            v.code(),
            esc(v.description())
        );
    }
    o.push_str("</ul>\n");
    for app in &report.apps {
        render_app(&mut o, app);
    }
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

fn render_app(o: &mut String, app: &AppReport) {
    let _ = writeln!(
        o,
        "<section class=\"app\">\n<h2>{} <small>{}{}</small> <span class=\"badge status-{}\">{}</span></h2>",
        esc(app.package.as_deref().unwrap_or("unknown package")),
        esc(&app.input),
        app.version_name
            .as_deref()
            .map(|v| format!(" &middot; version {}", esc(v)))
            .unwrap_or_default(),
        app.status.as_str(),
        app.status.as_str()
    );
    if !app.errors.is_empty() {
        o.push_str("<ul class=\"errors\">");
        for e in &app.errors {
            let _ = write!(o, "<li>error: {}</li>", esc(e));
        }
        o.push_str("</ul>\n");
    }
    // info-level notes (stage statistics) stay in the JSON report
    let shown: Vec<_> = app
        .warnings
        .iter()
        .filter(|w| w.severity != Severity::Info)
        .collect();
    if !shown.is_empty() {
        o.push_str("<ul class=\"warnings\">");
        for w in shown {
            let _ = write!(
                o,
                "<li>{} <code>{}</code>: {}{}</li>",
                w.severity.as_str(),
                esc(&w.code),
                esc(&w.message),
                w.location
                    .as_deref()
                    .map(|l| format!(" ({})", esc(l)))
                    .unwrap_or_default()
            );
        }
        o.push_str("</ul>\n");
    }
    if app.flows.is_empty() && app.status == AppStatus::Partial {
        o.push_str(
            "<p>No flows found before the analysis stopped (partial: flows may be missing).</p>\n",
        );
    } else if app.flows.is_empty() {
        o.push_str("<p>No flows reported.</p>\n");
    } else {
        render_counts(o, app);
    }
    render_groups(o, app);
    render_sdks_and_flows(o, app);
}

/// Flows grouped by (category, recipient, destination), with counts: what to read first.
fn render_groups(o: &mut String, app: &AppReport) {
    let groups = app.flow_groups();
    if groups.is_empty() {
        return;
    }
    o.push_str("<table class=\"groups\"><tr><th>flows</th><th>data</th><th>recipient</th><th>destination</th><th>worst verdict</th></tr>");
    for g in &groups {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><span class=\"badge\" style=\"background:{}\">{}</span></td></tr>",
            g.flows.len(),
            esc(g.category),
            esc(&g.recipient),
            esc(g.destination.unwrap_or("unknown")),
            color(g.worst),
            g.worst.as_str()
        );
    }
    o.push_str("</table>\n");
}

fn render_counts(o: &mut String, app: &AppReport) {
    o.push_str("<table><tr><th>verdict</th><th>flows</th></tr>");
    for v in VerdictKind::ALL {
        let n = app
            .flows
            .iter()
            .filter(|f| f.disclosure.verdict == v)
            .count();
        let _ = write!(
            o,
            "<tr><td><span class=\"badge\" style=\"background:{}\">{}</span></td><td>{}</td></tr>",
            color(v),
            v.as_str(),
            n
        );
    }
    o.push_str("</table>\n");
}

fn render_sdks_and_flows(o: &mut String, app: &AppReport) {
    if !app.sdks.is_empty() {
        o.push_str("<table><tr><th>SDK</th><th>company</th><th>kind</th><th>flows</th></tr>");
        for sdk in &app.sdks {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&sdk.name),
                esc(&sdk.company),
                esc(&sdk.kind),
                sdk.flows
            );
        }
        o.push_str("</table>\n");
    }
    for f in app.flows_by_severity() {
        render_flow(o, f);
    }
    if !app.findings.is_empty() {
        o.push_str(
            "<table><tr><th>finding</th><th>severity</th><th>message</th><th>location</th></tr>",
        );
        for f in &app.findings {
            let _ = write!(
                o,
                "<tr><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&f.code),
                esc(&f.name),
                f.severity.as_str(),
                esc(&f.message),
                esc(f.location.as_deref().unwrap_or(""))
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");
}

fn render_flow(o: &mut String, f: &FlowRecord) {
    let v = &f.disclosure;
    let _ = writeln!(
        o,
        "<details class=\"flow\" style=\"border-left-color:{}\"{}>\n<summary><span class=\"badge\" style=\"background:{}\">{}</span> {} &rarr; {} <code>{}</code> &middot; {}</summary>",
        color(v.verdict),
        if v.verdict == VerdictKind::Disclosed {
            ""
        } else {
            " open"
        },
        color(v.verdict),
        v.verdict.as_str(),
        esc(&f.source.category),
        esc(&f.sink.category),
        esc(&short_method(&f.sink.api)),
        esc(&f.recipient())
    );
    render_graph(o, f);
    o.push_str("<dl>");
    let mut row = |k: &str, val: String| {
        let _ = write!(o, "<dt>{k}</dt><dd>{val}</dd>");
    };
    row(
        "verdict",
        format!(
            "<b>{}</b> ({}): {}",
            v.verdict.as_str(),
            esc(&v.code),
            esc(&v.reason)
        ),
    );
    if let Some(e) = &v.evidence {
        row("evidence", esc(e));
    }
    row("data types", esc(&f.data_types.join(", ")));
    row("recipient", esc(&f.recipient()));
    row(
        "destination",
        esc(f.destination.as_deref().unwrap_or("unknown")),
    );
    row("source API", format!("<code>{}</code>", esc(&f.source.api)));
    if let Some(r) = &f.source.read {
        row("read", esc(&r.describe()));
    }
    row("sink API", format!("<code>{}</code>", esc(&f.sink.api)));
    for s in &f.request_steps {
        row(
            "built at",
            format!(
                "<code>{}</code> in <code>{}</code> @{} (same request)",
                esc(&short_method(&s.api)),
                esc(&short_method(&s.site.method)),
                s.site.pc
            ),
        );
    }
    row("confidence", format!("{:?}", f.confidence).to_lowercase());
    row(
        "fingerprint",
        format!("<code>{}</code>", esc(&f.fingerprint)),
    );
    o.push_str("</dl>\n</details>\n");
}

/// The path as a vertical chain of boxes joined by arrows (inline SVG).
fn render_graph(o: &mut String, f: &FlowRecord) {
    struct Node {
        label: String,
        detail: String,
        fill: &'static str,
    }
    let mut nodes: Vec<Node> = f
        .steps()
        .into_iter()
        .map(|(step, site)| match step {
            Step::Source => Node {
                label: format!("source: {}", f.source.category),
                detail: format!(
                    "{}{} in {} @{}",
                    short_method(&f.source.api),
                    f.source
                        .read
                        .as_ref()
                        .map(|r| format!(" [{}]", r.describe()))
                        .unwrap_or_default(),
                    short_method(&site.method),
                    site.pc
                ),
                fill: "#e3f2fd",
            },
            Step::Call => Node {
                label: "call".to_string(),
                detail: format!("{} @{}", short_method(&site.method), site.pc),
                fill: "#f5f5f5",
            },
            Step::Sink => Node {
                label: format!("sink: {}", f.sink.category),
                detail: format!(
                    "{} in {} @{}",
                    short_method(&f.sink.api),
                    short_method(&site.method),
                    site.pc
                ),
                fill: "#fdecea",
            },
        })
        .collect();
    nodes.push(Node {
        label: "to".to_string(),
        detail: format!(
            "{} · {}",
            f.destination.as_deref().unwrap_or("unknown destination"),
            f.recipient()
        ),
        fill: "#fff8e1",
    });
    const W: usize = 900;
    const H: usize = 30;
    const GAP: usize = 16;
    const MAX_CHARS: usize = 110;
    let height = nodes.len() * (H + GAP) - GAP + 2;
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{height}\" viewBox=\"0 0 {W} {height}\" role=\"img\" aria-label=\"flow path\">"
    );
    o.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
    for (i, n) in nodes.iter().enumerate() {
        let y = 1 + i * (H + GAP);
        let text: String = if n.detail.chars().count() > MAX_CHARS {
            let mut t: String = n.detail.chars().take(MAX_CHARS - 1).collect();
            t.push('…');
            t
        } else {
            n.detail.clone()
        };
        let _ = writeln!(
            o,
            "<g><title>{}</title><rect x=\"1\" y=\"{y}\" width=\"{}\" height=\"{H}\" rx=\"5\" fill=\"{}\" stroke=\"#8a94a0\"/><text x=\"10\" y=\"{}\" font-size=\"12\" font-family=\"ui-monospace,DejaVu Sans Mono,monospace\"><tspan font-weight=\"bold\" font-family=\"system-ui,sans-serif\">{}</tspan><tspan dx=\"8\">{}</tspan></text></g>",
            esc(&n.detail),
            W - 2,
            n.fill,
            y + 19,
            esc(&n.label),
            esc(&text)
        );
        if i + 1 < nodes.len() {
            let y1 = y + H;
            let _ = writeln!(
                o,
                "<line x1=\"40\" y1=\"{y1}\" x2=\"40\" y2=\"{}\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>",
                y1 + GAP - 1
            );
        }
    }
    o.push_str("</svg>\n");
}
