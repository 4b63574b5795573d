//! Turns the bytes of one input into an [`AppContainer`]: decides the kind by content (DEX
//! magic, zip layout) with the extension only as a hint, picks the entries the analysis needs
//! (manifest, dex, resources, layouts, native libraries; for split sets the inner APKs first),
//! charges their declared sizes against the app's inflate budget before inflating anything, then
//! inflates them in parallel.
//!
//! Must never inflate an entry the analysis does not use, never exceed `Limits::max_inflate`,
//! and never let one bad entry sink the whole app when the rest can still be read.

use std::path::Path;

use rayon::prelude::*;

use super::zipfile::{ZipArchive, ZipEntry, ZipError};
use super::{ApkError, AppContainer, Entry, InputKind, Limits, XmlFormat};
use crate::diag::Diagnostic;

const DEX_MAGIC: &[u8] = b"dex\n";
const APK_MANIFEST: &str = "AndroidManifest.xml";
const AAB_BASE_MANIFEST: &str = "base/manifest/AndroidManifest.xml";

#[derive(Clone, Copy, Debug)]
enum Role {
    Manifest(XmlFormat),
    Dex,
    Resources(XmlFormat),
    Layout(XmlFormat),
    Native,
}

struct Wanted<'z> {
    entry: &'z ZipEntry,
    label: String,
    role: Role,
}

/// The app's inflate budget: declared sizes are charged in a fixed order before inflation,
/// and inflation never goes past a declared size, so the cap holds and the entry named in the
/// error is the same on every run.
struct Budget<'p> {
    path: &'p Path,
    cap: u64,
    used: u64,
}

impl Budget<'_> {
    fn charge(&mut self, entry: &str, declared: u64) -> Result<(), ApkError> {
        match self.used.checked_add(declared) {
            Some(total) if total <= self.cap => {
                self.used = total;
                Ok(())
            }
            _ => Err(ApkError::InflateCapExceeded {
                path: self.path.to_path_buf(),
                entry: entry.to_string(),
                declared,
                cap: self.cap,
            }),
        }
    }
}

fn zip_error(path: &Path, e: ZipError) -> ApkError {
    match e {
        ZipError::NotAZip => ApkError::NotAZip {
            path: path.to_path_buf(),
        },
        ZipError::TruncatedCentralDirectory { offset, detail } => {
            ApkError::TruncatedCentralDirectory {
                path: path.to_path_buf(),
                offset,
                detail,
            }
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Opens an app held in memory. `input` names it in errors and anomalies; its extension is
/// only a hint, the content decides the kind.
pub fn open_bytes(input: &Path, bytes: Vec<u8>, limits: &Limits) -> Result<AppContainer, ApkError> {
    let ext = extension(input);
    let mut app = AppContainer {
        input: input.to_path_buf(),
        kind: InputKind::Dex,
        manifest: None,
        dex: Vec::new(),
        resources: None,
        layouts: Vec::new(),
        native_libs: Vec::new(),
        anomalies: Vec::new(),
    };
    if bytes.starts_with(DEX_MAGIC) {
        if ext != "dex" {
            app.anomalies.push(Diagnostic::info(
                "input-kind-mismatch",
                format!("file has extension `.{ext}` but is a bare DEX file"),
            ));
        }
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "classes.dex".into());
        app.dex.push(Entry { name, data: bytes });
        return Ok(app);
    }
    let zip = ZipArchive::parse(&bytes).map_err(|e| zip_error(input, e))?;
    let mut budget = Budget {
        path: input,
        cap: limits.max_inflate,
        used: 0,
    };
    app.anomalies.extend(zip.anomalies.iter().cloned());
    let kind = if zip.get(APK_MANIFEST).is_some() {
        InputKind::Apk
    } else if zip.get(AAB_BASE_MANIFEST).is_some() {
        InputKind::Aab
    } else if zip.entries().iter().any(|e| is_inner_apk(&e.name)) {
        InputKind::SplitSet
    } else if zip.entries().iter().any(|e| dex_number(&e.name).is_some()) {
        app.anomalies.push(Diagnostic::warning(
            "apk-no-manifest",
            "archive has dex files but no AndroidManifest.xml; analyzed as an APK without a manifest",
        ));
        InputKind::Apk
    } else {
        return Err(ApkError::NoAppContent {
            path: input.to_path_buf(),
        });
    };
    app.kind = kind;
    let expected = match ext.as_str() {
        "apk" => Some(InputKind::Apk),
        "apks" | "xapk" => Some(InputKind::SplitSet),
        "aab" => Some(InputKind::Aab),
        "dex" => Some(InputKind::Dex),
        _ => None,
    };
    if expected.is_some_and(|k| k != kind) {
        app.anomalies.push(Diagnostic::info(
            "input-kind-mismatch",
            format!("file has extension `.{ext}` but its content is {kind:?}"),
        ));
    }
    match kind {
        InputKind::Apk => {
            let wanted = select_apk(&zip, "", &mut app.anomalies);
            read_into(&zip, wanted, &mut budget, &mut app)?;
        }
        InputKind::Aab => {
            let wanted = select_aab(&zip);
            read_into(&zip, wanted, &mut budget, &mut app)?;
        }
        InputKind::SplitSet => open_split_set(&zip, &mut budget, &mut app)?,
        InputKind::Dex => {}
    }
    if app.manifest.is_none() && app.dex.is_empty() {
        return Err(ApkError::NoAppContent {
            path: input.to_path_buf(),
        });
    }
    Ok(app)
}

/// `classes.dex` -> 1, `classesN.dex` (N >= 2, no leading zero) -> N, at the archive root.
fn dex_number(name: &str) -> Option<u32> {
    let mid = name.strip_prefix("classes")?.strip_suffix(".dex")?;
    if mid.is_empty() {
        return Some(1);
    }
    if mid.starts_with('0') || !mid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    mid.parse::<u32>().ok().filter(|&n| n >= 2)
}

fn is_layout(rest: &str) -> bool {
    let mut parts = rest.split('/');
    parts.next().is_some_and(|d| d.starts_with("layout")) && rest.ends_with(".xml")
}

fn is_inner_apk(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".apk")
}

fn push_dex<'z>(
    zip: &'z ZipArchive<'_>,
    dir: &str,
    prefix: &str,
    wanted: &mut Vec<Wanted<'z>>,
    anomalies: &mut Vec<Diagnostic>,
) {
    let mut dex: Vec<(u32, &ZipEntry)> = Vec::new();
    for e in zip.entries() {
        let Some(rest) = e.name.strip_prefix(dir) else {
            continue;
        };
        if rest.contains('/') || !rest.ends_with(".dex") {
            continue;
        }
        match dex_number(rest) {
            Some(n) => dex.push((n, e)),
            None => anomalies.push(
                Diagnostic::info(
                    "apk-unloaded-dex",
                    "dex file whose name Android does not load at startup; not analyzed",
                )
                .at(format!("{prefix}{}", e.name)),
            ),
        }
    }
    dex.sort_by_key(|&(n, _)| n);
    for (i, &(n, e)) in dex.iter().enumerate() {
        if n as usize != i + 1 {
            anomalies.push(
                Diagnostic::info(
                    "apk-dex-gap",
                    "dex numbering has a gap; Android stops loading at the gap, analyzed anyway",
                )
                .at(format!("{prefix}{}", e.name)),
            );
            break;
        }
    }
    wanted.extend(dex.into_iter().map(|(_, e)| Wanted {
        entry: e,
        label: format!("{prefix}{}", e.name),
        role: Role::Dex,
    }));
}

/// Entries of a plain APK the analysis reads. `prefix` labels entries of inner split APKs.
fn select_apk<'z>(
    zip: &'z ZipArchive<'_>,
    prefix: &str,
    anomalies: &mut Vec<Diagnostic>,
) -> Vec<Wanted<'z>> {
    let mut wanted = Vec::new();
    let label = |e: &ZipEntry| format!("{prefix}{}", e.name);
    if let Some(e) = zip.get(APK_MANIFEST) {
        wanted.push(Wanted {
            entry: e,
            label: label(e),
            role: Role::Manifest(XmlFormat::Binary),
        });
    }
    push_dex(zip, "", prefix, &mut wanted, anomalies);
    if let Some(e) = zip.get("resources.arsc") {
        wanted.push(Wanted {
            entry: e,
            label: label(e),
            role: Role::Resources(XmlFormat::Binary),
        });
    }
    let mut rest: Vec<Wanted<'z>> = Vec::new();
    for e in zip.entries() {
        let role = if let Some(r) = e.name.strip_prefix("res/")
            && is_layout(r)
        {
            Role::Layout(XmlFormat::Binary)
        } else if e.name.starts_with("lib/") && e.name.ends_with(".so") {
            Role::Native
        } else {
            continue;
        };
        rest.push(Wanted {
            entry: e,
            label: label(e),
            role,
        });
    }
    rest.sort_by(|a, b| a.entry.name.cmp(&b.entry.name));
    wanted.extend(rest);
    wanted
}

/// Entries of an Android App Bundle: the `base` module first, then feature modules.
fn select_aab<'z>(zip: &'z ZipArchive<'_>) -> Vec<Wanted<'z>> {
    let mut modules: Vec<&str> = zip
        .entries()
        .iter()
        .filter_map(|e| e.name.strip_suffix("/manifest/AndroidManifest.xml"))
        .filter(|m| !m.is_empty() && !m.contains('/'))
        .collect();
    modules.sort_by_key(|&m| (m != "base", m));
    let mut wanted = Vec::new();
    let mut ignored = Vec::new();
    if let Some(e) = zip.get(AAB_BASE_MANIFEST) {
        wanted.push(Wanted {
            entry: e,
            label: e.name.clone(),
            role: Role::Manifest(XmlFormat::Proto),
        });
    }
    for m in &modules {
        push_dex(zip, &format!("{m}/dex/"), "", &mut wanted, &mut ignored);
    }
    if let Some(e) = zip.get("base/resources.pb") {
        wanted.push(Wanted {
            entry: e,
            label: e.name.clone(),
            role: Role::Resources(XmlFormat::Proto),
        });
    }
    let mut rest: Vec<Wanted<'z>> = Vec::new();
    for e in zip.entries() {
        let Some((module, path)) = e.name.split_once('/') else {
            continue;
        };
        if !modules.contains(&module) {
            continue;
        }
        let role = if let Some(r) = path.strip_prefix("res/")
            && is_layout(r)
        {
            Role::Layout(XmlFormat::Proto)
        } else if path.starts_with("lib/") && path.ends_with(".so") {
            Role::Native
        } else {
            continue;
        };
        rest.push(Wanted {
            entry: e,
            label: e.name.clone(),
            role,
        });
    }
    rest.sort_by(|a, b| {
        let key = |w: &Wanted| (!w.entry.name.starts_with("base/"), w.entry.name.clone());
        key(a).cmp(&key(b))
    });
    wanted.extend(rest);
    wanted
}

/// Charges every wanted entry, inflates them in parallel, and files them into `app`.
fn read_into(
    zip: &ZipArchive<'_>,
    wanted: Vec<Wanted<'_>>,
    budget: &mut Budget<'_>,
    app: &mut AppContainer,
) -> Result<(), ApkError> {
    for w in &wanted {
        budget.charge(&w.label, w.entry.uncompressed_size)?;
    }
    let results: Vec<_> = wanted
        .par_iter()
        .map(|w| zip.read(w.entry, &w.label))
        .collect();
    for (w, r) in wanted.into_iter().zip(results) {
        let data = match r {
            Ok((data, notes)) => {
                app.anomalies.extend(notes);
                data
            }
            Err(d) => {
                app.anomalies.push(d);
                continue;
            }
        };
        let entry = Entry {
            name: w.label,
            data,
        };
        match w.role {
            Role::Manifest(f) => {
                if app.manifest.is_none() {
                    app.manifest = Some((f, entry));
                }
            }
            Role::Dex => app.dex.push(entry),
            Role::Resources(f) => {
                if app.resources.is_none() {
                    app.resources = Some((f, entry));
                }
            }
            Role::Layout(f) => app.layouts.push((f, entry)),
            Role::Native => app.native_libs.push(entry),
        }
    }
    Ok(())
}

/// Rank for choosing the base APK of a split set: bundletool's `base-master.apk` / `base.apk`,
/// then an XAPK's `<package>.apk` (not `config.*`), then anything else.
fn base_rank(name: &str) -> u8 {
    let file = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let stem = file.strip_suffix(".apk").unwrap_or(&file);
    if stem == "base-master" || stem == "base" || stem == "universal" {
        0
    } else if !stem.starts_with("config.")
        && !stem.starts_with("split_")
        && !stem.starts_with("base-")
    {
        1
    } else {
        2
    }
}

fn open_split_set(
    zip: &ZipArchive<'_>,
    budget: &mut Budget<'_>,
    app: &mut AppContainer,
) -> Result<(), ApkError> {
    let mut inner: Vec<&ZipEntry> = zip
        .entries()
        .iter()
        .filter(|e| is_inner_apk(&e.name))
        .collect();
    // A universal APK already holds everything; standalone APKs duplicate the splits.
    if let Some(u) = inner.iter().find(|e| e.name.ends_with("universal.apk")) {
        inner = vec![*u];
    } else if inner.iter().any(|e| !e.name.starts_with("standalones/")) {
        let before = inner.len();
        inner.retain(|e| !e.name.starts_with("standalones/"));
        if inner.len() != before {
            app.anomalies.push(Diagnostic::info(
                "split-standalones-skipped",
                format!(
                    "{} standalone APKs skipped; the splits are analyzed",
                    before - inner.len()
                ),
            ));
        }
    }
    inner.sort_by_key(|e| (base_rank(&e.name), e.name.clone()));
    for e in &inner {
        budget.charge(&e.name, e.uncompressed_size)?;
    }
    let blobs: Vec<_> = inner.par_iter().map(|e| zip.read(e, &e.name)).collect();
    let mut parts = Vec::new();
    for (e, r) in inner.iter().zip(blobs) {
        match r {
            Ok((data, notes)) => {
                app.anomalies.extend(notes);
                parts.push((e.name.clone(), data));
            }
            Err(d) => app.anomalies.push(d),
        }
    }
    for (i, (name, data)) in parts.iter().enumerate() {
        let prefix = format!("{name}!/");
        let split = match ZipArchive::parse(data) {
            Ok(z) => z,
            Err(err) => {
                app.anomalies.push(
                    Diagnostic::error(
                        "split-not-a-zip",
                        format!("inner APK cannot be read: {err:?}; skipped"),
                    )
                    .at(name.clone()),
                );
                continue;
            }
        };
        app.anomalies.extend(split.anomalies.iter().map(|d| {
            let mut d = d.clone();
            d.location = Some(match &d.location {
                Some(l) => format!("{prefix}{l}"),
                None => name.clone(),
            });
            d
        }));
        let mut wanted = select_apk(&split, &prefix, &mut app.anomalies);
        if i > 0 {
            // manifest and resources come from the base only
            wanted.retain(|w| !matches!(w.role, Role::Manifest(_) | Role::Resources(_)));
        }
        read_into(&split, wanted, budget, app)?;
    }
    Ok(())
}
