//! Expands the command-line inputs into app files: a file is taken as given, a directory is
//! walked recursively for `.apk`, `.apks`, `.xapk`, `.aab` and `.dex` files (sorted).
//!
//! Must never loop on symlink cycles and never stop the walk because one entry is unreadable:
//! that entry becomes a diagnostic and the walk goes on.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

const APP_EXTENSIONS: &[&str] = &["apk", "apks", "xapk", "aab", "dex"];

fn is_app_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| APP_EXTENSIONS.contains(&e.as_str()))
}

/// Files given are kept in the order given; each directory contributes its app files sorted.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                let mut seen = HashSet::new();
                walk(p, &mut seen, &mut found, &mut diags);
                found.sort();
                found.dedup();
                files.extend(found);
            }
            Ok(_) => files.push(p.clone()),
            Err(e) => diags.push(
                Diagnostic::error("input-unreadable", format!("cannot read input: {e}"))
                    .at(p.display().to_string()),
            ),
        }
    }
    (files, diags)
}

fn walk(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    found: &mut Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    let real = match std::fs::canonicalize(dir) {
        Ok(r) => r,
        Err(e) => {
            diags.push(
                Diagnostic::warning("input-unreadable", format!("cannot resolve directory: {e}"))
                    .at(dir.display().to_string()),
            );
            return;
        }
    };
    if !seen.insert(real) {
        diags.push(
            Diagnostic::info(
                "input-symlink-loop",
                "directory already visited through another path; skipped",
            )
            .at(dir.display().to_string()),
        );
        return;
    }
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            diags.push(
                Diagnostic::warning("input-unreadable", format!("cannot list directory: {e}"))
                    .at(dir.display().to_string()),
            );
            return;
        }
    };
    let mut children: Vec<PathBuf> = Vec::new();
    for item in rd {
        match item {
            Ok(item) => children.push(item.path()),
            Err(e) => diags.push(
                Diagnostic::warning(
                    "input-unreadable",
                    format!("cannot list directory entry: {e}"),
                )
                .at(dir.display().to_string()),
            ),
        }
    }
    children.sort();
    for child in children {
        // follows symlinks; cycles are caught by the canonical-path set
        match std::fs::metadata(&child) {
            Ok(m) if m.is_dir() => walk(&child, seen, found, diags),
            Ok(m) if m.is_file() && is_app_file(&child) => found.push(child),
            Ok(_) => {}
            Err(e) => {
                if is_app_file(&child) || std::fs::symlink_metadata(&child).is_ok() {
                    diags.push(
                        Diagnostic::warning("input-unreadable", format!("cannot read: {e}"))
                            .at(child.display().to_string()),
                    );
                }
            }
        }
    }
}
