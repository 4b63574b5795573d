//! Fuzzes the container layer: any bytes, opened as an app, must give an app or a clean error
//! (no panic, no hang, no allocation past the inflate cap), and every native library found must
//! inspect without a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = dexflow::apk::Limits {
        max_inflate: 64 << 20,
    };
    if let Ok(app) = dexflow::apk::open_bytes(Path::new("fuzz.apk"), data.to_vec(), &limits) {
        for lib in &app.native_libs {
            let _ = dexflow::native::inspect(lib);
        }
    }
});
