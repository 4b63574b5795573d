#!/usr/bin/env bash
# Developer-run cross-check against AOSP's tools (needs Debian's dexdump and aapt):
# for every APK in ../shared/droidbench and ../shared/real-apks, class / method / instruction /
# invoke counts per dex equal dexdump's, and the manifest (and every binary XML under res/)
# equals `aapt dump xmltree`. Prints "N of N" lines.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dexdump >/dev/null && command -v aapt >/dev/null || {
  echo "crosscheck: needs dexdump and aapt (apt-get install dexdump aapt)" >&2; exit 1; }
scripts/crosscheck-dex.sh
scripts/crosscheck-manifest.sh
