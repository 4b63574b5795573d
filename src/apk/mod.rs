//! Containers: `.apk`, split sets (`.apks`, `.xapk`), `.aab`, bare `.dex`, directories.
//! Never extracts to disk; inflated bytes are capped per app.
//!
//! Contract: `open(path, &Limits) -> Result<AppContainer, ApkError>` and
//! `discover(paths) -> (Vec<PathBuf>, Vec<Diagnostic>)` (directories expanded recursively into
//! the app files below them, sorted).

use std::path::PathBuf;

use crate::diag::Diagnostic;

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
