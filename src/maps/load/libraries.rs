//! `libraries.toml`: descriptor prefixes of the platform and language libraries apps bundle
//! (`Landroid/`, `Ljava/`, `Lkotlin/`, ...), whose classes the taint engine treats like framework
//! code. The record type sits beside the validator; every error names `libraries.toml:line`.
//! Nothing here may accept a prefix it has not checked.

use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use toml::Spanned;

use super::check::*;
use super::{BUILTIN_FILES, Builder};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LibrariesFile {
    #[serde(default)]
    library: Vec<Spanned<LibraryRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LibraryRec {
    prefix: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// A package path in descriptor form: `L`, then `/`-separated identifier parts, ending in `/`.
fn valid_prefix(p: &str) -> bool {
    let Some(body) = p.strip_prefix('L').and_then(|b| b.strip_suffix('/')) else {
        return false;
    };
    !body.is_empty()
        && body.split('/').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '-')
        })
}

/// The prefixes of one `libraries.toml`, in file order (errors into `d`).
fn parse_libraries(f: &FileCtx, d: &mut Diags) -> Vec<Arc<str>> {
    let Some(file) = parse_file::<LibrariesFile>(f, d) else {
        return Vec::new();
    };
    let mut out: Vec<Arc<str>> = Vec::new();
    for rec in &file.library {
        let p = &rec.get_ref().prefix;
        if !valid_prefix(p.get_ref()) {
            d.error(
                f,
                &p.span(),
                "map-bad-prefix",
                format!(
                    "malformed library prefix `{}` (expected a package in descriptor form, `Lcom/example/`)",
                    p.get_ref()
                ),
            );
            continue;
        }
        if out.iter().any(|q| **q == **p.get_ref()) {
            d.error(
                f,
                &p.span(),
                "map-duplicate-prefix",
                format!("duplicate library prefix `{}`", p.get_ref()),
            );
            continue;
        }
        out.push(Arc::from(p.get_ref().as_str()));
    }
    out
}

impl Builder {
    pub(super) fn libraries_file(&mut self, f: &FileCtx) {
        let prefixes = parse_libraries(f, &mut self.d);
        self.library_prefixes = prefixes;
    }
}

/// The library prefixes of the built-in `libraries.toml` (what `TaintOptions::default` uses).
pub fn builtin_library_prefixes() -> &'static [Arc<str>] {
    static PREFIXES: OnceLock<Vec<Arc<str>>> = OnceLock::new();
    PREFIXES.get_or_init(|| {
        let (name, text) = BUILTIN_FILES
            .iter()
            .find(|(n, _)| *n == "libraries.toml")
            .expect("libraries.toml is one of the built-in files");
        let mut d = Diags::default();
        let prefixes = parse_libraries(&FileCtx::new(name, text), &mut d);
        // the built-in file is checked by the tests (maps_builtin)
        assert!(
            d.errors.is_empty(),
            "built-in libraries.toml: {:?}",
            d.errors
        );
        prefixes
    })
}
