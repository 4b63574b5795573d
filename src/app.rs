//! The decoded static view of one app: container entries turned into a manifest model,
//! layout handlers, native-library facts and the raw dex buffers. Decoding never fails as a
//! whole once the container opened: every part that cannot be read becomes a diagnostic and
//! the rest goes on.

use std::path::PathBuf;
use std::sync::Arc;

use crate::apk::{AppContainer, InputKind, XmlFormat};
use crate::axml::{self, XmlDocument};
use crate::diag::Diagnostic;
use crate::manifest::{self, LayoutHandlers, Manifest, Resources};
use crate::native::{self, NativeLib};

#[derive(Debug)]
pub struct DecodedApp {
    pub input: PathBuf,
    pub kind: InputKind,
    pub manifest: Option<Manifest>,
    pub layouts: Vec<LayoutHandlers>,
    pub native_libs: Vec<NativeLib>,
    /// `(entry name, bytes)` of every dex file, in load order
    pub dex: Vec<(String, Vec<u8>)>,
    /// the resource table (`resources.arsc`, or `resources.pb` of a bundle), when readable:
    /// string resources the code reads by id (`getString(R.string.x)`)
    pub resources: Option<Arc<Resources>>,
    pub diagnostics: Vec<Diagnostic>,
}

fn parse_xml(format: XmlFormat, bytes: &[u8]) -> Result<XmlDocument, axml::AxmlError> {
    match format {
        XmlFormat::Binary => axml::parse(bytes),
        XmlFormat::Proto => axml::proto::parse(bytes),
    }
}

/// Decodes everything but the bytecode (which `bytecode::load_program` reads lazily).
pub fn decode(container: AppContainer) -> DecodedApp {
    let AppContainer {
        input,
        kind,
        manifest,
        dex,
        resources,
        layouts,
        native_libs,
        anomalies,
    } = container;
    let mut diagnostics = anomalies;

    let resources = resources.and_then(|(format, entry)| {
        let parsed = match format {
            XmlFormat::Binary => manifest::parse_arsc(&entry.data),
            XmlFormat::Proto => manifest::parse_resources_pb(&entry.data),
        };
        match parsed {
            Ok(r) => Some(Arc::new(r)),
            Err(e) => {
                let (code, file) = match format {
                    XmlFormat::Binary => ("arsc-unreadable", "resources.arsc"),
                    XmlFormat::Proto => ("resources-pb-unreadable", "resources.pb"),
                };
                diagnostics.push(Diagnostic::warning(code, format!("{file}: {e}")).at(entry.name));
                None
            }
        }
    });

    let manifest = manifest.and_then(|(format, entry)| match parse_xml(format, &entry.data) {
        Ok(doc) => {
            diagnostics.extend(
                doc.anomalies
                    .iter()
                    .cloned()
                    .map(|d| d.at(entry.name.clone())),
            );
            let (mut m, diags) = Manifest::from_xml(&doc);
            diagnostics.extend(diags);
            if let Some(r) = &resources {
                m.resolve_label(r);
            }
            Some(m)
        }
        Err(e) => {
            diagnostics.push(
                Diagnostic::error("manifest-unreadable", format!("AndroidManifest.xml: {e}"))
                    .at(entry.name.clone()),
            );
            None
        }
    });
    if manifest.is_none() && kind != InputKind::Dex {
        diagnostics.push(Diagnostic::warning(
            "manifest-missing",
            "no readable AndroidManifest.xml: entry points fall back to every app class",
        ));
    }

    let mut layout_handlers = Vec::new();
    for (format, entry) in &layouts {
        match parse_xml(*format, &entry.data) {
            Ok(doc) => {
                let h = manifest::layout_handlers(&entry.name, &doc);
                if !h.on_click.is_empty() || !h.custom_views.is_empty() {
                    layout_handlers.push(h);
                }
            }
            Err(e) => diagnostics.push(
                Diagnostic::warning("layout-unreadable", e.to_string()).at(entry.name.clone()),
            ),
        }
    }
    layout_handlers.sort_by(|a, b| a.layout.cmp(&b.layout));

    let mut libs: Vec<NativeLib> = native_libs.iter().map(native::inspect).collect();
    libs.sort_by(|a, b| a.name.cmp(&b.name));

    DecodedApp {
        input,
        kind,
        manifest,
        layouts: layout_handlers,
        native_libs: libs,
        dex: dex.into_iter().map(|e| (e.name, e.data)).collect(),
        resources,
        diagnostics,
    }
}
