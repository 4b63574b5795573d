#!/usr/bin/env bash
# Speed and memory benchmark (developer-run; not a test). Prints wall time and peak RSS for
# dexflow stages on the 18 MB real APK, side by side with `unzip -t` and `dexdump -d` in the
# same run, then the whole public DroidBench set. Needs: hyperfine, dexdump, unzip, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
APK=$SHARED/real-apks/appium-uiautomator2-server-v10.6.6.apk
[ -f "$APK" ] || { echo "bench: $APK missing" >&2; exit 1; }
cargo build --release --quiet
BIN=target/release/dexflow
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

echo "## machine: $(nproc) cores, $(uname -m)"
echo "## 1. info (decodes every instruction of all 16 dex) vs unzip -t vs dexdump -d"
# dexdump reads dex files, not APKs: extract them first (not timed)
mkdir -p "$TMP/dex" && unzip -q -o "$APK" 'classes*.dex' -d "$TMP/dex"
hyperfine --warmup 1 --runs 5 --export-markdown "$TMP/info.md" \
  "unzip -tq $APK" \
  "for f in $TMP/dex/*.dex; do dexdump -d \$f; done > /dev/null" \
  "$BIN info $APK > /dev/null"
cat "$TMP/info.md"

peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "peak RSS info: $(peak "$BIN" info "$APK") KB"

if "$BIN" help callgraph >/dev/null 2>&1; then
  echo
  echo "## 2. call graph with entry points"
  hyperfine --warmup 1 --runs 5 "$BIN callgraph $APK --format json > /dev/null"
  echo "peak RSS callgraph: $(peak "$BIN" callgraph "$APK" --format json) KB"
  echo
  echo "## 2b. whole-program call graph (every public method an entry point)"
  hyperfine --warmup 1 --runs 5 "$BIN callgraph --all-public-entries --format stats $APK > /dev/null"
  echo "peak RSS whole-program callgraph: $(peak "$BIN" callgraph --all-public-entries --format stats "$APK") KB"
  # Androguard 4.1.4 side by side, when a Python with it is given:
  #   python3 -m venv ../ag-venv && ../ag-venv/bin/pip install androguard==4.1.4
  #   ANDROGUARD_PY=../ag-venv/bin/python scripts/bench.sh
  if [ -n "${ANDROGUARD_PY:-}" ]; then
    echo
    echo "## 2c. Androguard 4.1.4 AnalyzeAPK + get_call_graph() on the same APK"
    "$ANDROGUARD_PY" scripts/androguard-callgraph.py "$APK"
    hyperfine --runs 2 "$ANDROGUARD_PY scripts/androguard-callgraph.py $APK > /dev/null"
    echo "peak RSS androguard: $(peak "$ANDROGUARD_PY" scripts/androguard-callgraph.py "$APK") KB"
  fi
fi

if "$BIN" help scan >/dev/null 2>&1; then
  echo
  echo "## 3. scan --rules broad"
  hyperfine --warmup 1 --runs 3 -i "$BIN scan --rules broad --format json $APK > /dev/null"
  echo "peak RSS scan: $(peak "$BIN" scan --rules broad --format json "$APK") KB"
  echo
  echo "## 4. scan --rules broad on all public DroidBench apps (one process)"
  hyperfine --warmup 1 --runs 3 -i "$BIN scan --rules broad --format json $SHARED/droidbench/apk > /dev/null"
fi
