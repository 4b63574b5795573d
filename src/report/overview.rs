//! The batch overview (`--format overview`): one self-contained HTML page with one row per
//! app (status, flow count per verdict, data categories, SDKs, worst finding), sortable by any
//! column and filterable by text, for a reviewer who meets a corpus scan.
//!
//! Self-contained like the full report: inline CSS and one inline script, no external asset,
//! no link the page loads. Every string from the apps is escaped with `html::esc` before it is
//! written; the script only reads cell text and `data-sort` attributes the page itself wrote
//! and never turns text into markup.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::html::{batch_counts, color, esc};
use super::model::{AppReport, Report, Severity, VerdictKind};

const CSS: &str = "
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC',sans-serif;margin:0;background:#f4f5f7;color:#1d232a}
header{background:#1d2b3a;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#c9d3de}
main{padding:16px 24px}
input{font:inherit;padding:4px 8px;width:360px;margin:0 0 10px}
table{border-collapse:collapse;background:#fff}
td,th{border:1px solid #e0e4e8;padding:4px 9px;text-align:left;font-size:13px;vertical-align:top}
th{background:#f0f2f5;cursor:pointer;user-select:none;white-space:nowrap}
th.sorted-asc::after{content:' \\25B2'}th.sorted-desc::after{content:' \\25BC'}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.worst{min-width:360px;max-width:560px;overflow-wrap:anywhere}
td.zero{color:#b0b7bf}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;color:#fff;font-size:12px;font-weight:600}
.status-ok{background:#2e7d32}.status-partial{background:#d9730d}.status-error{background:#8e1b1b}
small{color:#5b6673}
";

/// Sorts on a header click (numbers by `data-sort`, text otherwise; a second click reverses)
/// and hides the rows whose text does not contain the filter. The view can be given in the
/// URL: `#sort=3` (column 3 ascending), `#sort=-3` (descending), `&q=text` (filter), so a
/// sorted, filtered view can be linked (and checked headless: `scripts/overview-check.sh`).
const SCRIPT: &str = "
(function(){
var table=document.getElementById('apps');var body=table.tBodies[0];
var heads=table.tHead.rows[0].cells;var filter=document.getElementById('filter');
function key(row,i){var c=row.cells[i];var s=c.getAttribute('data-sort');return s!==null?parseFloat(s):c.textContent.toLowerCase();}
function sort(i,asc){
Array.prototype.forEach.call(heads,function(h){h.classList.remove('sorted-asc','sorted-desc');});
heads[i].classList.add(asc?'sorted-asc':'sorted-desc');
var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a,i),y=key(b,i);return (x<y?-1:x>y?1:0)*(asc?1:-1);});
rows.forEach(function(r){body.appendChild(r);});}
function apply(q){q=q.toLowerCase();
Array.prototype.forEach.call(body.rows,function(r){r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});
document.getElementById('shown').textContent=Array.prototype.filter.call(body.rows,function(r){return !r.hidden;}).length;}
Array.prototype.forEach.call(heads,function(th,i){th.addEventListener('click',function(){sort(i,!th.classList.contains('sorted-asc'));});});
filter.addEventListener('input',function(){apply(filter.value);});
location.hash.replace(/^#/,'').split('&').forEach(function(kv){var p=kv.split('=');var v=decodeURIComponent(p[1]||'');
if(p[0]==='sort'){var n=parseInt(v,10);if(!isNaN(n)&&Math.abs(n)<heads.length){sort(Math.abs(n),n>=0&&v.charAt(0)!=='-');}}
if(p[0]==='q'){filter.value=v;apply(v);}});
})();
";

pub fn render(report: &Report) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    let _ = writeln!(
        o,
        "<title>{} overview</title>\n<style>{CSS}</style>\n</head>\n<body>",
        esc(&report.tool.name)
    );
    let _ = writeln!(
        o,
        "<header><h1>{} {} &mdash; batch overview</h1><p>{}</p></header>\n<main>",
        esc(&report.tool.name),
        esc(&report.tool.version),
        batch_counts(report)
    );
    let _ = writeln!(
        o,
        "<input id=\"filter\" type=\"search\" placeholder=\"filter: package, category, SDK, verdict...\" aria-label=\"filter\"> <small><span id=\"shown\">{}</span> of {} shown; click a column to sort</small>",
        report.apps.len(),
        report.apps.len()
    );
    o.push_str("<table id=\"apps\"><thead><tr><th>app</th><th>status</th>");
    for v in VerdictKind::ALL {
        let _ = write!(
            o,
            "<th title=\"{}\"><span class=\"badge\" style=\"background:{}\">{}</span></th>",
            esc(v.description()),
            color(v),
            v.as_str()
        );
    }
    o.push_str("<th>categories</th><th>SDKs</th><th>worst finding</th></tr></thead>\n<tbody>\n");
    for app in &report.apps {
        render_row(&mut o, app);
    }
    o.push_str("</tbody></table>\n</main>\n");
    let _ = writeln!(o, "<script>{SCRIPT}</script>");
    o.push_str("</body>\n</html>\n");
    o
}

fn render_row(o: &mut String, app: &AppReport) {
    let status_rank = match app.status {
        super::AppStatus::Ok => 0,
        super::AppStatus::Partial => 1,
        super::AppStatus::Error => 2,
    };
    let _ = write!(
        o,
        "<tr><td>{}<br><small>{}</small></td><td data-sort=\"{status_rank}\"><span class=\"badge status-{}\">{}</span></td>",
        esc(app.package.as_deref().unwrap_or("unknown package")),
        esc(&app.input),
        app.status.as_str(),
        app.status.as_str()
    );
    for v in VerdictKind::ALL {
        let n = app
            .flows
            .iter()
            .filter(|f| f.disclosure.verdict == v)
            .count();
        let _ = write!(
            o,
            "<td class=\"n{}\" data-sort=\"{n}\">{n}</td>",
            if n == 0 { " zero" } else { "" }
        );
    }
    let categories: BTreeSet<&str> = app
        .flows
        .iter()
        .map(|f| f.source.category.as_str())
        .collect();
    let sdks: Vec<&str> = app.sdks.iter().map(|s| s.name.as_str()).collect();
    let (rank, worst) = worst_finding(app);
    let _ = writeln!(
        o,
        "<td>{}</td><td>{}</td><td class=\"worst\" data-sort=\"{rank}\">{}</td></tr>",
        esc(&categories.into_iter().collect::<Vec<_>>().join(", ")),
        esc(&sdks.join(", ")),
        esc(&worst)
    );
}

/// The most severe flow (verdict, then category, recipient and destination), else the most
/// severe other finding, else the app's first error; with a rank for sorting (higher = worse).
fn worst_finding(app: &AppReport) -> (usize, String) {
    let flow_rank = |v: VerdictKind| {
        VerdictKind::ALL.len() + 3 - VerdictKind::ALL.iter().position(|k| *k == v).unwrap_or(0)
    };
    if let Some(f) = app.flows_by_severity().first() {
        return (
            flow_rank(f.disclosure.verdict),
            format!(
                "{}: {} to {} ({})",
                f.disclosure.verdict.as_str(),
                f.source.category,
                f.recipient(),
                f.destination.as_deref().unwrap_or("unknown destination")
            ),
        );
    }
    if let Some(e) = app.errors.first() {
        return (3, format!("error: {e}"));
    }
    match app.findings.iter().max_by_key(|f| f.severity) {
        Some(f) => (
            match f.severity {
                Severity::Error => 2,
                Severity::Warning => 1,
                Severity::Info => 0,
            },
            format!("{} {}: {}", f.code, f.name, f.message),
        ),
        None => (0, "none".to_string()),
    }
}
