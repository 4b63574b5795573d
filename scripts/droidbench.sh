#!/usr/bin/env bash
# Scores dexflow on the public DroidBench set (read in place from ../shared/droidbench; its
# files are never copied into the repo). Writes tests/droidbench-scoreboard.tsv.
#   scripts/droidbench.sh [extra scan flags...]
# Builds and runs `target/release/dexflow scan --rules broad --format json` on every APK.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${DROIDBENCH:-../shared/droidbench}"
if [ ! -d "$DB/apk" ]; then
  echo "droidbench: $DB/apk not found (set DROIDBENCH=DIR to the DroidBench checkout); no score" >&2
  exit 2
fi
OUT="${OUT:-target/droidbench.json}"
mapfile -d '' APKS < <(find "$DB/apk" -name '*.apk' -print0 | sort -z)
cargo build --release --quiet >&2
start=$(date +%s.%N)
# exit 1 (flows found) and 2 (an app could not be read) still leave a complete report
target/release/dexflow scan "${APKS[@]}" --rules broad --format json --fail-on never "$@" > "$OUT" || true
end=$(date +%s.%N)
echo "scanned ${#APKS[@]} apps in $(echo "$end - $start" | bc) s" >&2
python3 scripts/droidbench_score.py "$OUT" "$DB/ground_truth.tsv" "$DB" tests/droidbench-scoreboard.tsv
