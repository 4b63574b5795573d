//! The one helper of the test crate: golden files and the data a test reads.
//!
//! Golden files are rewritten only with `UPDATE_EXPECT=1` (any other value is refused, so a
//! typo never passes as a comparison). Data outside the repository (`../shared`: DroidBench,
//! real APKs) may be missing on a fresh clone: a test that needs it then says so and checks
//! nothing, except when `CI` is set, where missing data fails the test. Data inside the
//! repository (`sample-apks/`, `tests/fixtures/`) is never optional.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `true` when golden files are to be rewritten (`UPDATE_EXPECT=1`).
pub fn updating() -> bool {
    match std::env::var("UPDATE_EXPECT") {
        Err(_) => false,
        Ok(v) if v == "1" => true,
        Ok(v) => panic!("UPDATE_EXPECT={v:?}: set UPDATE_EXPECT=1 to rewrite golden files"),
    }
}

/// Compares `actual` with the golden file at `path` (rewrites it under `UPDATE_EXPECT=1`).
/// `Err` names the file and the first line that differs.
pub fn golden(path: &Path, actual: &str) -> Result<(), String> {
    if updating() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        return std::fs::write(path, actual).map_err(|e| format!("{}: {e}", path.display()));
    }
    let expected = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: {e}; run with UPDATE_EXPECT=1 to create it",
            path.display()
        )
    })?;
    if expected == actual {
        return Ok(());
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    Err(format!(
        "{} differs at line {}:\n  expected: {:?}\n  actual:   {:?}\nrun with UPDATE_EXPECT=1 if the change is intended",
        path.display(),
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line)
    ))
}

/// `golden` for binary files.
pub fn golden_bytes(path: &Path, actual: &[u8]) -> Result<(), String> {
    if updating() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        return std::fs::write(path, actual).map_err(|e| format!("{}: {e}", path.display()));
    }
    match std::fs::read(path) {
        Ok(expected) if expected == actual => Ok(()),
        Ok(_) => Err(format!(
            "{} differs from the generator; run with UPDATE_EXPECT=1",
            path.display()
        )),
        Err(e) => Err(format!(
            "{}: {e}; run with UPDATE_EXPECT=1 to create it",
            path.display()
        )),
    }
}

/// Panics with the message of a failed `golden` comparison.
pub fn assert_golden(path: &Path, actual: &str) {
    if let Err(e) = golden(path, actual) {
        panic!("{e}");
    }
}

/// `../shared/REL` when it exists. When it does not: with `CI` set the test fails; otherwise
/// it prints that it checks nothing and gets `None`.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = repo().join("../shared").join(rel);
    if p.exists() {
        return Some(p);
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI is set and {} is missing", p.display());
    }
    eprintln!(
        "not checked: {} is missing (set CI=1 to fail instead)",
        p.display()
    );
    None
}

/// `../shared/REL` for a test that is `#[ignore]`d because it needs it: run explicitly, it
/// fails when the data is missing.
pub fn shared_required(rel: &str) -> PathBuf {
    let p = repo().join("../shared").join(rel);
    assert!(p.exists(), "{} is missing", p.display());
    p
}
