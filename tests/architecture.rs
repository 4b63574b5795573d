//! Layering checks on the source tree: what a module may not reach for.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("source dir") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The taint engine opens no files and reads no containers: apps reach it analysed.
#[test]
fn the_engine_opens_no_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/taint");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 10, "src/taint has {} files", files.len());
    let banned = [
        "std::fs",
        "File::open",
        "crate::analysis",
        "crate::apk",
        "crate::scan",
    ];
    let mut hits = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read source");
        for b in banned {
            if text.contains(b) {
                hits.push(format!("{}: {b}", f.display()));
            }
        }
    }
    assert!(hits.is_empty(), "the engine reaches for files: {hits:#?}");
}
