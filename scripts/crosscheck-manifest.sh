#!/bin/sh
# Decodes every APK manifest under ../shared (DroidBench, real APKs) with dexflow's AXML
# parser and compares it with `aapt dump xmltree`. Prints "N of N manifests match".
set -eu
cd "$(dirname "$0")/.."
exec cargo test --release --test manifest_crosscheck -- --ignored --nocapture
