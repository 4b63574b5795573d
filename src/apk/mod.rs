//! Containers: `.apk`, split sets (`.apks`, `.xapk`), `.aab`, bare `.dex`, directories.
//! Never extracts to disk; inflated bytes are capped per app.
//!
//! Contract: `open(path, &Limits) -> Result<AppContainer, ApkError>` and
//! `discover(paths) -> (Vec<PathBuf>, Vec<Diagnostic>)` (directories expanded recursively into
//! the app files below them, sorted).

mod assemble;
mod discover;
pub mod zipfile;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

pub use assemble::open_bytes;
pub use discover::discover;

#[derive(Clone, Debug)]
pub struct Limits {
    /// maximum inflated bytes read from one app (all entries together)
    pub max_inflate: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_inflate: 2 << 30,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    Apk,
    SplitSet,
    Aab,
    Dex,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlFormat {
    /// Android binary XML (APK)
    Binary,
    /// aapt2 protobuf XML (AAB)
    Proto,
}

/// One file taken out of the container, fully inflated.
#[derive(Clone, Debug)]
pub struct Entry {
    /// path inside the container (for split sets: `split.apk!/path`)
    pub name: String,
    pub data: Vec<u8>,
}

#[derive(Debug)]
pub struct AppContainer {
    pub input: PathBuf,
    pub kind: InputKind,
    pub manifest: Option<(XmlFormat, Entry)>,
    /// `classes.dex`, `classes2.dex`, ... in the order a device loads them (splits after base)
    pub dex: Vec<Entry>,
    /// binary `resources.arsc` (APK) or `resources.pb` (AAB)
    pub resources: Option<(XmlFormat, Entry)>,
    /// `res/layout*/**.xml`
    pub layouts: Vec<(XmlFormat, Entry)>,
    /// `lib/<abi>/*.so`
    pub native_libs: Vec<Entry>,
    pub anomalies: Vec<Diagnostic>,
}

/// Why an input cannot be opened as an app at all. Every variant names the file; `Display`
/// is written for a human reading a terminal.
#[derive(Debug, thiserror::Error)]
pub enum ApkError {
    #[error("{}: cannot read: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}: not a zip archive (no end-of-central-directory record in the last 64 KiB) and not a DEX file",
        .path.display()
    )]
    NotAZip { path: PathBuf },
    #[error("{}: truncated central directory at offset {offset:#x}: {detail}", .path.display())]
    TruncatedCentralDirectory {
        path: PathBuf,
        offset: u64,
        detail: String,
    },
    #[error("{}: no AndroidManifest.xml and no dex file inside", .path.display())]
    NoAppContent { path: PathBuf },
    #[error(
        "{}: inflate cap of {cap} bytes exceeded at entry `{entry}` (declares {declared} bytes; zip bomb?)",
        .path.display()
    )]
    InflateCapExceeded {
        path: PathBuf,
        entry: String,
        declared: u64,
        cap: u64,
    },
}

/// Opens one app file: reads it into memory and hands it to [`open_bytes`].
pub fn open(path: &Path, limits: &Limits) -> Result<AppContainer, ApkError> {
    let bytes = std::fs::read(path).map_err(|source| ApkError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    open_bytes(path, bytes, limits)
}
