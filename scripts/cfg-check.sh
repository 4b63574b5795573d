#!/usr/bin/env bash
# Checks the shared CFG and constant propagation on every method of every APK in
# ../shared/real-apks (the 18 MB one included; release build, ~seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --test tests -- --include-ignored --nocapture "bytecode_cfg_real::${1:-}"
