//! Native library inspection against a committed aarch64 fixture
//! (`scripts/build-native-fixture.sh` rebuilds it) and against hostile bytes.

use std::path::Path;

use dexflow::apk::Entry;
use dexflow::native::inspect;

fn fixture() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/native/libjni-net.so"))
        .unwrap()
}

#[test]
fn reads_arch_jni_exports_and_network_imports() {
    let lib = inspect(&Entry {
        name: "lib/arm64-v8a/libjni-net.so".into(),
        data: fixture(),
    });
    assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
    assert_eq!(lib.abi.as_deref(), Some("arm64-v8a"));
    assert_eq!(lib.machine.as_deref(), Some("aarch64"));
    assert_eq!(lib.bits, 64);
    assert!(lib.jni_onload);
    let exports: Vec<_> = lib
        .jni_exports
        .iter()
        .map(|e| {
            format!(
                "{}.{}{}",
                e.class,
                e.method,
                e.signature.as_deref().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        exports,
        [
            "com.example.my_app.Native$Inner.go",
            "com.example.net.Uploader.send",
            "com.example.net.Uploader.send(Ljava/lang/String;I)",
        ]
    );
    assert_eq!(
        lib.network_imports,
        [
            "connect",
            "curl_easy_perform",
            "getaddrinfo",
            "sendto",
            "socket"
        ]
    );
    // serializable for the report
    let json = serde_json::to_string(&lib).unwrap();
    assert!(json.contains("\"jni_onload\":true"));
}

#[test]
fn truncated_and_garbled_elf_never_panic() {
    let good = fixture();
    for cut in [
        0,
        4,
        16,
        52,
        64,
        100,
        512,
        1000,
        good.len() / 2,
        good.len() - 1,
    ] {
        let lib = inspect(&Entry {
            name: "lib/x86/libcut.so".into(),
            data: good[..cut].to_vec(),
        });
        // either read (symbols may be partial) or a diagnostic; never a panic
        assert!(lib.bits != 0 || !lib.diagnostics.is_empty(), "cut {cut}");
    }
    let mut garbled = good.clone();
    for i in (64..garbled.len()).step_by(7) {
        garbled[i] ^= 0x5a;
    }
    let _ = inspect(&Entry {
        name: "lib/x86/libg.so".into(),
        data: garbled,
    });
}
