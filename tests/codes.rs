//! The finding-code registry (`dexflow::codes`) is the one source: `docs/codes.md` is generated
//! from it, ARCHITECTURE.md names the same codes with the same names, and `dexflow explain`
//! prints a code's paragraph.

use std::process::Command;

use dexflow::codes::{self, RULES};

#[test]
fn docs_codes_md_is_generated_from_the_registry() {
    crate::util::assert_golden(
        &crate::util::repo().join("docs/codes.md"),
        &codes::markdown(),
    );
}

#[test]
fn architecture_md_names_every_code_as_the_registry_does() {
    let text = std::fs::read_to_string(crate::util::repo().join("ARCHITECTURE.md")).unwrap();
    let rows: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|l| {
            let mut cells = l.split('|').map(str::trim).skip(1);
            let code = cells.next()?;
            let name = cells.next()?;
            (code.len() == 5 && code.starts_with("DF")).then_some((code, name))
        })
        .collect();
    let want: Vec<(&str, &str)> = RULES.iter().map(|r| (r.id, r.name)).collect();
    assert_eq!(rows, want, "ARCHITECTURE.md's finding-code table");
}

#[test]
fn explain_prints_the_paragraph_and_rejects_unknown_codes() {
    let bin = env!("CARGO_BIN_EXE_dexflow");
    let o = Command::new(bin)
        .args(["explain", "DF101"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    let rule = codes::lookup("DF101").unwrap();
    assert!(out.starts_with("DF101 contradicted-flow"), "{out}");
    assert!(out.contains(rule.doc), "{out}");
    let o = Command::new(bin)
        .args(["explain", "permission-unused"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("DF302 permission-unused"));
    let o = Command::new(bin)
        .args(["explain", "DF999"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("DF999"));
    let o = Command::new(bin).arg("explain").output().unwrap();
    let list = String::from_utf8(o.stdout).unwrap();
    assert_eq!(list.lines().count(), RULES.len());
}
