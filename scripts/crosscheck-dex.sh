#!/bin/sh
# Compares dexflow's dex counts (classes, methods, instructions, invokes) with AOSP
# `dexdump -d` on every APK under ../shared/droidbench/apk and ../shared/real-apks.
set -eu
cd "$(dirname "$0")/.."
exec cargo test --release --test tests -- --ignored --nocapture dex_crosscheck::
