#!/bin/sh
# Decodes every APK manifest under ../shared (DroidBench, real APKs) with dexflow's AXML
# parser and compares it with `aapt dump xmltree`, then every binary XML file under res/.
# Prints "N of N manifests match" and "N of N res/ XML files match"; then checks the manifest
# model (package, versions, sdk, permissions, label via resources.arsc) against `aapt dump badging`.
set -eu
cd "$(dirname "$0")/.."
exec cargo test --release --test tests -- --ignored --nocapture manifest_crosscheck::
