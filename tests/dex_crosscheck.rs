//! Cross-check of the dex reader and instruction decoder against AOSP `dexdump -d`: for
//! every APK under ../shared/droidbench/apk and ../shared/real-apks, each classes*.dex is
//! counted by both (classes, methods, instructions, invokes) and the counts must agree.
//! Needs `dexdump` and the shared folders, so it is `#[ignore]`d: run it with
//! `scripts/crosscheck-dex.sh`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use dexflow::bytecode::dex_stats;

#[derive(Debug, Default, PartialEq, Eq, Clone, Copy)]
struct Counts {
    classes: u64,
    methods: u64,
    instructions: u64,
    invokes: u64,
}

fn dexdump_counts(path: &Path) -> Counts {
    let out = Command::new("dexdump")
        .arg("-d")
        .arg(path)
        .output()
        .expect("dexdump runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut c = Counts::default();
    let mut in_methods = false;
    for line in text.lines() {
        if line.starts_with("Class #") {
            c.classes += 1;
            in_methods = false;
        } else if line.starts_with("  Direct methods") || line.starts_with("  Virtual methods") {
            in_methods = true;
        } else if line.starts_with("  Static fields")
            || line.starts_with("  Instance fields")
            || line.starts_with("  source_file_idx")
        {
            in_methods = false;
        } else if in_methods && line.starts_with("    #") {
            c.methods += 1;
        } else if line.len() > 8
            && line.as_bytes()[6] == b':'
            && line[..6].bytes().all(|b| b.is_ascii_hexdigit())
        {
            let Some(bar) = line.find('|') else { continue };
            let insn = &line[bar + 1..];
            // "0000: invoke-virtual {...}"
            let Some(text) = insn.get(6..) else { continue };
            if text.starts_with("packed-switch-data")
                || text.starts_with("sparse-switch-data")
                || text.starts_with("array-data")
            {
                continue;
            }
            c.instructions += 1;
            if text.starts_with("invoke-") {
                c.invokes += 1;
            }
        }
    }
    c
}

fn apks(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            apks(&p, out);
        } else if p.extension().is_some_and(|e| e == "apk") {
            out.push(p);
        }
    }
}

fn dex_entries(apk: &Path) -> Vec<(String, Vec<u8>)> {
    let f = std::fs::File::open(apk).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let Ok(name) = e.name().map(|n| n.to_string()) else {
            continue;
        };
        if name.starts_with("classes") && name.ends_with(".dex") && !name.contains('/') {
            let mut b = Vec::new();
            e.read_to_end(&mut b).unwrap();
            out.push((name, b));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
#[ignore = "needs dexdump and ../shared; run scripts/crosscheck-dex.sh"]
fn counts_match_dexdump() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !root.is_dir() {
        eprintln!("skipping: {} is missing", root.display());
        return;
    }
    let mut list = Vec::new();
    apks(&root.join("droidbench/apk"), &mut list);
    apks(&root.join("real-apks"), &mut list);
    assert!(!list.is_empty(), "no APKs found under {}", root.display());
    let tmp = std::env::temp_dir().join(format!("dexflow-crosscheck-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let (mut total, mut matched) = (0, 0);
    let mut mismatches = Vec::new();
    let mut polymorphic = 0u64;
    for apk in &list {
        for (name, bytes) in dex_entries(apk) {
            total += 1;
            let path = tmp.join(&name);
            std::fs::write(&path, &bytes).unwrap();
            let want = dexdump_counts(&path);
            let got = match dex_stats(&name, &bytes) {
                Ok(s) => Counts {
                    classes: s.classes,
                    methods: s.methods,
                    instructions: s.instructions,
                    invokes: s.invokes,
                },
                Err(e) => {
                    mismatches.push(format!("{} {name}: error {e}", apk.display()));
                    continue;
                }
            };
            if apk.ends_with("appium-uiautomator2-server-v10.6.6.apk") {
                polymorphic += count_polymorphic(&bytes);
            }
            if got == want {
                matched += 1;
            } else {
                mismatches.push(format!(
                    "{} {name}: dexflow {got:?} dexdump {want:?}",
                    apk.display()
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    for m in &mismatches {
        println!("MISMATCH {m}");
    }
    println!("{matched} of {total} dex files match");
    println!("invoke-polymorphic in appium-uiautomator2-server-v10.6.6.apk: {polymorphic}");
    assert_eq!(matched, total);
}

fn count_polymorphic(bytes: &[u8]) -> u64 {
    use dexflow::bytecode::decode::instructions;
    use dexflow::dex::{ClassData, CodeItem, DexFile};
    let dex = DexFile::parse(bytes).unwrap();
    let mut n = 0;
    for cd in dex.class_defs().flatten() {
        if cd.class_data_off == 0 {
            continue;
        }
        ClassData::parse(dex.data(), cd.class_data_off)
            .unwrap()
            .for_each_method(|m| {
                if m.code_off != 0 {
                    let code = CodeItem::parse(dex.data(), m.code_off).unwrap();
                    n += instructions(code.insns)
                        .flatten()
                        .filter(|i| matches!(i.opcode(), 0xfa | 0xfb))
                        .count() as u64;
                }
            })
            .unwrap();
    }
    n
}
