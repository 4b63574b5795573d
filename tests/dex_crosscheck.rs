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
            // "0000: invoke-virtual {...}"; method headers read "[0001a4] Lcls;.name:()V"
            if insn.len() < 6 || insn.as_bytes()[4] != b':' {
                continue;
            }
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
    let root = crate::util::shared_required("");
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
    if list
        .iter()
        .any(|a| a.ends_with("appium-uiautomator2-server-v10.6.6.apk"))
    {
        // dexdump -d | grep -c invoke-polymorphic on that APK's dex files
        assert_eq!(polymorphic, 111);
    }
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

/// `Lcom/a/B;` -> `com.a.B`, as dexdump names methods in its headers.
fn dotted(descriptor: &str) -> String {
    descriptor
        .strip_prefix('L')
        .and_then(|d| d.strip_suffix(';'))
        .unwrap_or(descriptor)
        .replace('/', ".")
}

/// The member a dexdump instruction line refers to: `Lcls;.name:()V` or `Lcls;.f:T`.
fn dexdump_target(op: &str, text: &str) -> Option<String> {
    let mut s = &text[..text.find(" // ")?];
    if op.starts_with("invoke-polymorphic") {
        s = &s[..s.rfind(", ")?];
    }
    Some(s[s.rfind(", ")? + 2..].to_string())
}

#[test]
#[ignore = "needs dexdump and ../shared; run scripts/crosscheck-dex.sh"]
fn lowered_references_match_dexdump() {
    use dexflow::bytecode::{Op, Program, load_program};
    use std::collections::HashMap;

    let root = crate::util::shared_required("");
    let mut list = Vec::new();
    apks(&root.join("droidbench/apk"), &mut list);
    apks(&root.join("real-apks"), &mut list);
    let tmp = std::env::temp_dir().join(format!("dexflow-crossref-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let msig = |p: &Program, m| {
        let r = p.method(m);
        let params: String = r.params.iter().map(|t| p.type_name(*t)).collect();
        format!(
            "{}.{}:({params}){}",
            p.type_name(r.class),
            r.name,
            p.type_name(r.ret)
        )
    };
    let fsig = |p: &Program, f| {
        let r = p.field(f);
        format!("{}.{}:{}", p.type_name(r.class), r.name, p.type_name(r.ty))
    };
    let (mut methods, mut refs, mut bad) = (0u64, 0u64, Vec::new());
    for apk in &list {
        let dexes = dex_entries(apk);
        let (p, _, _) = load_program(dexes.clone());
        // (dex, code_item offset) -> method, as dexdump's "[0001a4] cls.name:sig" headers key it
        let mut by_addr = HashMap::new();
        for c in &p.classes {
            for m in c.methods() {
                if let Some(loc) = m.code {
                    by_addr.insert((loc.dex, loc.code_off), m.id);
                }
            }
        }
        for (di, (name, bytes)) in dexes.iter().enumerate() {
            let path = tmp.join(name);
            std::fs::write(&path, bytes).unwrap();
            let out = Command::new("dexdump")
                .arg("-d")
                .arg(&path)
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            let mut want: HashMap<u32, Vec<(u32, String)>> = HashMap::new();
            let mut cur: Option<(u32, String)> = None;
            for line in text.lines() {
                let is_code = line.len() > 8
                    && line.as_bytes()[6] == b':'
                    && line[..6].bytes().all(|b| b.is_ascii_hexdigit());
                let (true, Some(bar)) = (is_code, line.find('|')) else {
                    continue;
                };
                let insn = &line[bar + 1..];
                if let Some(h) = insn.strip_prefix('[') {
                    let addr = u32::from_str_radix(&h[..6], 16).unwrap();
                    cur = Some((addr, h[8..].to_string()));
                    want.entry(addr).or_default();
                    continue;
                }
                let (Some((addr, _)), Some(rest)) = (&cur, insn.get(6..)) else {
                    continue;
                };
                if insn.as_bytes().get(4) != Some(&b':') {
                    continue;
                }
                let op = rest.split(' ').next().unwrap_or("");
                let is_ref = op.starts_with("invoke-") && !op.starts_with("invoke-custom")
                    || op.starts_with("iget")
                    || op.starts_with("iput")
                    || op.starts_with("sget")
                    || op.starts_with("sput");
                if is_ref {
                    let pc = u32::from_str_radix(&insn[..4], 16).unwrap();
                    if let Some(t) = dexdump_target(op, rest) {
                        want.get_mut(addr).unwrap().push((pc, t));
                    }
                }
            }
            for (addr, want) in want {
                let Some(&m) = by_addr.get(&(di as u16, addr)) else {
                    continue;
                };
                methods += 1;
                let body = p.body(m).unwrap();
                let mut got = Vec::new();
                for i in &body.insns {
                    let t = match &i.op {
                        Op::Invoke { method, args, kind } => {
                            // one register per parameter, receiver first
                            let r = p.method(*method);
                            let n = r.params.len()
                                + (*kind != dexflow::bytecode::InvokeKind::Static) as usize;
                            if *kind != dexflow::bytecode::InvokeKind::Polymorphic
                                && args.len() != n
                            {
                                bad.push(format!(
                                    "{}: pc {:#x} {} args for {n} params",
                                    msig(&p, m),
                                    i.pc,
                                    args.len()
                                ));
                            }
                            msig(&p, *method)
                        }
                        Op::IGet { field, .. }
                        | Op::IPut { field, .. }
                        | Op::SGet { field, .. }
                        | Op::SPut { field, .. } => fsig(&p, *field),
                        _ => continue,
                    };
                    got.push((i.pc, t));
                }
                refs += want.len() as u64;
                if got != want {
                    bad.push(format!(
                        "{} {name} {}: {} refs vs dexdump {}",
                        apk.display(),
                        dotted(p.type_name(p.method(m).class)),
                        got.len(),
                        want.len()
                    ));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    for b in bad.iter().take(20) {
        println!("MISMATCH {b}");
    }
    println!(
        "{methods} methods, {refs} invoke/field references compared, {} mismatches",
        bad.len()
    );
    assert!(methods > 0);
    assert!(bad.is_empty());
}
