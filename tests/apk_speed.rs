//! Timing of the container layer on the largest real APK (18 MB, 16 dex). Ignored by default;
//! run in release: `cargo test --release --test tests -- --ignored --nocapture apk_speed::`.

use std::time::Instant;

use dexflow::apk::{Limits, open};

#[test]
#[ignore = "timing; run in release with --ignored"]
fn open_largest_real_apk() {
    let p = crate::util::shared_required("real-apks/appium-uiautomator2-server-v10.6.6.apk");
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let app = open(&p, &Limits::default()).unwrap();
        let s = t.elapsed().as_secs_f64();
        best = best.min(s);
        let total: usize = app.dex.iter().map(|d| d.data.len()).sum();
        eprintln!(
            "open + inflate {} dex ({} bytes) + manifest/resources/libs: {:.3} s",
            app.dex.len(),
            total,
            s
        );
        assert_eq!(app.dex.len(), 16);
    }
    eprintln!("best of 5: {best:.3} s");
}
