#!/usr/bin/env bash
# Scores dexflow on the public DroidBench set (read in place from ../shared/droidbench; its
# files are never copied into the repo). Writes tests/droidbench-scoreboard.tsv.
#   scripts/droidbench.sh [extra scan flags...]
# Uses `target/release/dexflow scan` when the CLI has it, else the library pipeline example.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${DROIDBENCH:-../shared/droidbench}"
if [ ! -d "$DB/apk" ]; then
  echo "droidbench: $DB/apk not found; skipping" >&2
  exit 0
fi
OUT="${OUT:-target/droidbench.json}"
mapfile -d '' APKS < <(find "$DB/apk" -name '*.apk' -print0 | sort -z)
start=$(date +%s.%N)
if [ -x target/release/dexflow ] && target/release/dexflow scan --help >/dev/null 2>&1; then
  target/release/dexflow scan "${APKS[@]}" --rules broad --format json "$@" > "$OUT" || true
else
  cargo build --release --example taint_scan >&2
  target/release/examples/taint_scan --rules broad "$@" "${APKS[@]}" > "$OUT"
fi
end=$(date +%s.%N)
echo "scanned ${#APKS[@]} apps in $(echo "$end - $start" | bc) s" >&2
python3 scripts/droidbench_score.py "$OUT" "$DB/ground_truth.tsv" "$DB" tests/droidbench-scoreboard.tsv
