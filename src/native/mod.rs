//! Native libraries (`lib/<abi>/*.so`) read with goblin: architecture, JNI exports, network imports.
//!
//! Native code is where an app can talk to the network without any Java API call showing in
//! the dex, so the analysis needs to know which libraries export JNI methods (the bridge from
//! Java) and which import socket / DNS / HTTP / TLS functions. This module only reads the ELF
//! dynamic symbol table; it never disassembles, and a broken ELF yields a diagnostic, never a
//! panic.

use serde::Serialize;

use crate::apk::Entry;
use crate::diag::Diagnostic;

/// One native library as the analysis sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NativeLib {
    /// entry name inside the container
    pub name: String,
    /// ABI directory from the path (`arm64-v8a`), if the path has one
    pub abi: Option<String>,
    /// ELF machine (`aarch64`, `arm`, `x86`, `x86_64`, ...); `None` when the ELF is unreadable
    pub machine: Option<String>,
    /// 32 or 64; 0 when the ELF is unreadable
    pub bits: u8,
    /// exports `JNI_OnLoad` (registers natives itself, often with `RegisterNatives`)
    pub jni_onload: bool,
    /// exported `Java_*` functions, sorted by symbol
    pub jni_exports: Vec<JniExport>,
    /// imported functions that reach the network, sorted, deduplicated
    pub network_imports: Vec<String>,
    /// `DT_NEEDED` libraries, in file order
    pub needed: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A `Java_<class>_<method>[__<signature>]` export decoded back to Java names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct JniExport {
    pub symbol: String,
    /// dotted class name, `com.example.Foo`
    pub class: String,
    pub method: String,
    /// argument descriptors for overloaded natives, `(ILjava/lang/String;)`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// Imported functions that send, receive or resolve over the network.
const NETWORK_FUNCTIONS: &[&str] = &[
    "socket",
    "connect",
    "send",
    "sendto",
    "sendmsg",
    "sendmmsg",
    "recv",
    "recvfrom",
    "recvmsg",
    "recvmmsg",
    "getaddrinfo",
    "gethostbyname",
    "gethostbyname2",
    "gethostbyname_r",
    "gethostbyaddr",
    "SSL_write",
    "SSL_read",
    "SSL_connect",
    "SSL_do_handshake",
    "BIO_write",
    "BIO_new_connect",
];
const NETWORK_PREFIXES: &[&str] = &["curl_"];

fn is_network_function(name: &str) -> bool {
    NETWORK_FUNCTIONS.contains(&name) || NETWORK_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// `lib/arm64-v8a/libx.so` -> `arm64-v8a` (also under AAB modules and split prefixes).
fn abi_from_path(name: &str) -> Option<String> {
    let inner = name.rsplit("!/").next().unwrap_or(name);
    let parts: Vec<&str> = inner.split('/').collect();
    let lib = parts.iter().position(|&p| p == "lib")?;
    // `lib/<abi>/<file>`: the ABI is the directory right under `lib`, with a file below it
    if parts.len() >= lib + 3 {
        parts.get(lib + 1).map(|s| s.to_string())
    } else {
        None
    }
}

fn machine_name(m: u16) -> String {
    use goblin::elf::header::*;
    match m {
        EM_AARCH64 => "aarch64".into(),
        EM_ARM => "arm".into(),
        EM_386 => "x86".into(),
        EM_X86_64 => "x86_64".into(),
        EM_MIPS => "mips".into(),
        EM_RISCV => "riscv".into(),
        other => format!("machine-{other}"),
    }
}

/// Reads one native library. Never fails: an unreadable ELF gives a `native-bad-elf`
/// diagnostic and empty symbol lists.
pub fn inspect(entry: &Entry) -> NativeLib {
    let mut lib = NativeLib {
        name: entry.name.clone(),
        abi: abi_from_path(&entry.name),
        machine: None,
        bits: 0,
        jni_onload: false,
        jni_exports: Vec::new(),
        network_imports: Vec::new(),
        needed: Vec::new(),
        diagnostics: Vec::new(),
    };
    // goblin is trusted not to panic, but hostile ELF is the norm here: keep a net under it.
    let parsed = std::panic::catch_unwind(|| read_elf(&entry.data));
    match parsed {
        Ok(Ok(elf)) => {
            lib.machine = Some(machine_name(elf.machine));
            lib.bits = if elf.is_64 { 64 } else { 32 };
            lib.needed = elf.needed;
            for sym in elf.exports {
                if sym == "JNI_OnLoad" {
                    lib.jni_onload = true;
                } else if let Some(export) = decode_jni_symbol(&sym) {
                    lib.jni_exports.push(export);
                }
            }
            lib.jni_exports.sort();
            lib.jni_exports.dedup();
            lib.network_imports = elf
                .imports
                .into_iter()
                .filter(|s| is_network_function(s))
                .collect();
            lib.network_imports.sort();
            lib.network_imports.dedup();
        }
        Ok(Err(msg)) => lib.diagnostics.push(
            Diagnostic::warning("native-bad-elf", format!("not a readable ELF file: {msg}"))
                .at(entry.name.clone()),
        ),
        Err(_) => lib.diagnostics.push(
            Diagnostic::error("native-bad-elf", "ELF parser failed on this file")
                .at(entry.name.clone()),
        ),
    }
    lib
}

struct ElfSummary {
    machine: u16,
    is_64: bool,
    exports: Vec<String>,
    imports: Vec<String>,
    needed: Vec<String>,
}

fn read_elf(bytes: &[u8]) -> Result<ElfSummary, String> {
    let elf = goblin::elf::Elf::parse(bytes).map_err(|e| e.to_string())?;
    let mut exports = Vec::new();
    let mut imports = Vec::new();
    // dynamic symbols are what the loader links; fall back to the full table if stripped oddly
    let (syms, strtab) = if elf.dynsyms.is_empty() {
        (&elf.syms, &elf.strtab)
    } else {
        (&elf.dynsyms, &elf.dynstrtab)
    };
    for sym in syms.iter() {
        let Some(name) = strtab.get_at(sym.st_name) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        if sym.st_shndx == goblin::elf::section_header::SHN_UNDEF as usize {
            imports.push(name.to_string());
        } else if sym.st_bind() != goblin::elf::sym::STB_LOCAL {
            exports.push(name.to_string());
        }
    }
    Ok(ElfSummary {
        machine: elf.header.e_machine,
        is_64: elf.is_64,
        exports,
        imports,
        needed: elf.libraries.iter().map(|s| s.to_string()).collect(),
    })
}

/// Decodes a JNI short or long name. Escapes: `_1` = `_`, `_2` = `;`, `_3` = `[`,
/// `_0xxxx` = UTF-16 unit; a lone `_` separates name components; `__` starts the signature.
pub fn decode_jni_symbol(symbol: &str) -> Option<JniExport> {
    let mangled = symbol.strip_prefix("Java_")?;
    let (qualified, sig) = match split_signature(mangled) {
        Some((q, s)) => (q, Some(s)),
        None => (mangled, None),
    };
    let dotted = unmangle(qualified, '.')?;
    let (class, method) = dotted.rsplit_once('.')?;
    if class.is_empty() || method.is_empty() {
        return None;
    }
    let signature = match sig {
        Some(s) => Some(format!("({})", unmangle(s, '/')?)),
        None => None,
    };
    Some(JniExport {
        symbol: symbol.to_string(),
        class: class.to_string(),
        method: method.to_string(),
        signature,
    })
}

/// Finds the `__` that starts the signature: an underscore followed by another underscore,
/// where the first is not the tail of an escape (escapes are `_` + digit).
fn split_signature(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'_' {
            match b[i + 1] {
                b'_' => return Some((&s[..i], &s[i + 2..])),
                b'0' => i += 6,
                b'1'..=b'9' => i += 2,
                _ => i += 1,
            }
        } else {
            i += 1;
        }
    }
    None
}

fn unmangle(s: &str, separator: char) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '_' {
            out.push(c);
            continue;
        }
        match chars.clone().next() {
            Some('1') => {
                chars.next();
                out.push('_');
            }
            Some('2') => {
                chars.next();
                out.push(';');
            }
            Some('3') => {
                chars.next();
                out.push('[');
            }
            Some('0') => {
                chars.next();
                let hex: String = chars.by_ref().take(4).collect();
                if hex.len() != 4 {
                    return None;
                }
                let unit = u16::from_str_radix(&hex, 16).ok()?;
                out.push(char::decode_utf16([unit]).next()?.unwrap_or('\u{fffd}'));
            }
            _ => out.push(separator),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_short_names() {
        let e = decode_jni_symbol("Java_com_example_Foo_bar").unwrap();
        assert_eq!(
            (e.class.as_str(), e.method.as_str()),
            ("com.example.Foo", "bar")
        );
        assert_eq!(e.signature, None);
    }

    #[test]
    fn decodes_escapes() {
        let e = decode_jni_symbol("Java_com_my_1app_Native_1Lib_send_1data").unwrap();
        assert_eq!(e.class, "com.my_app.Native_Lib");
        assert_eq!(e.method, "send_data");
        let e = decode_jni_symbol("Java_p_Cl_00024Inner_m").unwrap();
        assert_eq!(e.class, "p.Cl$Inner");
    }

    #[test]
    fn decodes_long_names_with_signature() {
        let e = decode_jni_symbol("Java_p_C_f__ILjava_lang_String_2_3B").unwrap();
        assert_eq!((e.class.as_str(), e.method.as_str()), ("p.C", "f"));
        assert_eq!(e.signature.as_deref(), Some("(ILjava/lang/String;[B)"));
    }

    #[test]
    fn rejects_non_jni() {
        assert!(decode_jni_symbol("JNI_OnLoad").is_none());
        assert!(decode_jni_symbol("Java_").is_none());
        assert!(decode_jni_symbol("Java_nodot").is_none());
        assert!(decode_jni_symbol("Java_a_b_0zz").is_none());
    }

    #[test]
    fn abi_dirs() {
        assert_eq!(
            abi_from_path("lib/arm64-v8a/libx.so").as_deref(),
            Some("arm64-v8a")
        );
        assert_eq!(
            abi_from_path("splits/base-arm64_v8a.apk!/lib/arm64-v8a/libx.so").as_deref(),
            Some("arm64-v8a")
        );
        assert_eq!(
            abi_from_path("base/lib/x86/liby.so").as_deref(),
            Some("x86")
        );
        assert_eq!(abi_from_path("lib/libz.so"), None);
    }

    #[test]
    fn broken_elf_is_a_diagnostic() {
        for data in [
            Vec::new(),
            b"\x7fELF".to_vec(),
            vec![
                0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0xb7, 0, 1, 0, 0,
                0,
            ],
        ] {
            let lib = inspect(&Entry {
                name: "lib/arm64-v8a/libbad.so".into(),
                data,
            });
            assert_eq!(lib.bits, 0);
            assert_eq!(lib.diagnostics.len(), 1, "{lib:?}");
            assert_eq!(lib.diagnostics[0].code, "native-bad-elf");
        }
    }
}
