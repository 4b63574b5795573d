#!/usr/bin/env bash
# Engine speed benchmark (developer-run; not a test): for every APK in ../shared/real-apks and
# ../shared/droidbench, the default `dexflow scan` wall time and peak RSS next to `dexdump -d`
# of the same APK's dex files, measured in the same run (best of RUNS each), with the ratio and
# the number of methods the taint engine analysed. Writes target/engine-bench.tsv, prints it
# sorted by ratio, and draws docs/scan-time.svg (scripts/plot_scan_time.py).
#   scripts/engine-bench.sh [extra scan flags...]     RUNS=2 by default
# Needs: dexdump (Debian package `dexdump`), unzip, GNU time, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
RUNS=${RUNS:-2}
EXTRA=("$@")
command -v dexdump >/dev/null || { echo "engine-bench: dexdump missing (apt-get install dexdump)" >&2; exit 1; }
cargo build --release --quiet
BIN=$PWD/target/release/dexflow
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
OUT=target/engine-bench.tsv
printf 'app\tset\tdexdump_s\tscan_s\tratio\tpeak_rss_mb\ttaint_methods\tstatus\tflows\n' > "$OUT"

best() { # best wall seconds of RUNS runs of "$@" (stdout discarded)
  local b=""
  for _ in $(seq "$RUNS"); do
    local s e t
    s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}

measure() { # APK SET
  local apk=$1 set=$2 name d
  name=$(basename "$apk" .apk)
  d="$TMP/$name"; mkdir -p "$d"
  unzip -q -o "$apk" 'classes*.dex' -d "$d" 2>/dev/null || true
  local dexes=("$d"/classes*.dex)
  [ -e "${dexes[0]}" ] || { echo "engine-bench: $apk has no dex" >&2; return; }
  local tdump tscan
  tdump=$(best dexdump -d "${dexes[@]}")
  tscan=$(best "$BIN" scan --fail-on never "${EXTRA[@]}" "$apk")
  "$BIN" scan --fail-on never --timings --format json -o "$d/r.json" "${EXTRA[@]}" "$apk" > /dev/null 2>&1 || true
  local rss
  rss=$(/usr/bin/time -f '%M' "$BIN" scan --fail-on never "${EXTRA[@]}" "$apk" 2>&1 >/dev/null | tail -1)
  python3 - "$d/r.json" "$name" "$set" "$tdump" "$tscan" "$rss" >> "$OUT" <<'PY'
import json, sys
path, name, set_, tdump, tscan, rss = sys.argv[1:]
a = json.load(open(path))["apps"][0]
methods = (a.get("profile") or {}).get("methods", 0)
tdump, tscan = float(tdump), float(tscan)
ratio = tscan / tdump if tdump > 0 else float("inf")
print(f"{name}\t{set_}\t{tdump:.3f}\t{tscan:.3f}\t{ratio:.1f}\t{int(rss)/1024:.0f}\t{methods}\t{a['status']}\t{len(a['flows'])}")
PY
}

for apk in "$SHARED"/real-apks/*.apk; do measure "$apk" real; done
for apk in "$SHARED"/droidbench/apk/*/*.apk "$SHARED"/droidbench/apk/*.apk; do
  [ -f "$apk" ] && measure "$apk" droidbench
done
echo "## real APKs (dexdump -d vs default scan, best of $RUNS, same run)"
awk -F'\t' 'NR==1 || $2=="real"' "$OUT" | column -t -s $'\t'
echo "## DroidBench: the 5 highest ratios"
awk -F'\t' '$2=="droidbench"' "$OUT" | sort -t$'\t' -k5 -g -r | head -5 | column -t -s $'\t'
awk -F'\t' '$2=="droidbench" {n++; if ($5 > m) m = $5} END {printf "DroidBench: %d apps, highest ratio %.1fx\n", n, m}' "$OUT"
python3 scripts/plot_scan_time.py "$OUT" docs/scan-time.svg
