//! JSON (one document) and JSON Lines (one app per line, streamed as apps finish, then one
//! summary line). The shape is `model::Report` as serde writes it; docs/json-schema.md is its
//! documentation and docs/report.schema.json its schema.
//!
//! A JSON Lines line never contains a raw newline (serde_json escapes them in strings), so a
//! hostile class name cannot forge a record.

use std::io::{self, Write};

use serde::Serialize;

use super::model::{AppReport, Report, Summary, Tool};

pub fn render(report: &Report) -> String {
    // Serializing plain data with String keys cannot fail.
    let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
    s.push('\n');
    s
}

/// Parses a JSON report written by `render` (for baselines and `dexflow diff`).
pub fn parse(text: &str) -> Result<Report, serde_json::Error> {
    serde_json::from_str(text)
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    App(&'a AppReport),
    Summary {
        tool: &'a Tool,
        summary: &'a Summary,
    },
}

/// Streams apps as JSON Lines: `{"type":"app", ...AppReport}` per app as soon as it is
/// written, then `{"type":"summary","tool":{..},"summary":{..}}` from `finish`.
pub struct JsonlWriter<W: Write> {
    out: W,
    summary: Summary,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter {
            out,
            summary: Summary::compute(&[]),
        }
    }

    /// Writes one finished app (sorted first, as in a full report) and flushes.
    pub fn write_app(&mut self, app: &AppReport) -> io::Result<()> {
        let mut app = app.clone();
        app.finalize();
        serde_json::to_writer(&mut self.out, &Line::App(&app))?;
        self.out.write_all(b"\n")?;
        self.out.flush()?;
        self.summary.add(&app);
        Ok(())
    }

    /// Writes the summary line and returns the writer.
    pub fn finish(mut self, tool: &Tool) -> io::Result<W> {
        serde_json::to_writer(
            &mut self.out,
            &Line::Summary {
                tool,
                summary: &self.summary,
            },
        )?;
        self.out.write_all(b"\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A whole report as JSON Lines (what `JsonlWriter` would have streamed).
pub fn render_jsonl(report: &Report) -> String {
    let mut w = JsonlWriter::new(Vec::new());
    for app in &report.apps {
        // Writing to a Vec cannot fail.
        let _ = w.write_app(app);
    }
    let bytes = w.finish(&report.tool).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
