//! Fuzzes the native library inspector: any bytes as `lib/<abi>/x.so` must give a `NativeLib`
//! (possibly with a `native-bad-elf` diagnostic), never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let entry = dexflow::apk::Entry {
        name: "lib/arm64-v8a/libfuzz.so".into(),
        data: data.to_vec(),
    };
    let _ = dexflow::native::inspect(&entry);
});
