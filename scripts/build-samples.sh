#!/bin/sh
# Rebuild every sample app in sample-apks/ from its sources in sample-apks/src/NAME/.
#
# Debian packages only, no network: smali, aapt, zipalign, apksigner, android-framework-res,
# gcc-aarch64-linux-gnu (only for apps with jni/), zip.
#
#   scripts/build-samples.sh                  rebuild all apps
#   scripts/build-samples.sh NAME...          rebuild the named apps
#   scripts/build-samples.sh --check [NAME...]  only check the committed APKs (no rebuild):
#       apksigner verify, aapt badging package = NAME.expected.toml package, dexdump decodes
#       every dex (its DEX verifier on), every method and API named in NAME.expected.toml exists
#       in the dex, declared/missing permissions as the spec says, native exports/imports
#
# Layout of sample-apks/src/NAME/:
#   AndroidManifest.xml   text manifest (compiled by aapt)
#   smali/                classes.dex
#   smali_classes2/       classes2.dex (multidex, optional)
#   res/                  resources such as layouts (optional)
#   jni/*.c               each FOO.c becomes lib/arm64-v8a/libFOO.so (optional)
#
# The output is sample-apks/NAME.apk, zipaligned and signed with the committed throwaway key
# sample-apks/src/debug.keystore. File times are pinned so rebuilds differ only in what aapt
# and apksigner choose themselves.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
samples="$root/sample-apks"
src="$samples/src"
framework=/usr/share/android-framework-res/framework-res.apk
keystore="$src/debug.keystore"
api=${SMALI_API:-26}

for tool in smali aapt zipalign apksigner zip unzip dexdump python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build-samples: missing tool: $tool" >&2; exit 2; }
done
[ -f "$framework" ] || { echo "build-samples: missing $framework (apt install android-framework-res)" >&2; exit 2; }
[ -f "$keystore" ] || { echo "build-samples: missing $keystore" >&2; exit 2; }

check_only=0
if [ "${1:-}" = "--check" ]; then
    check_only=1
    shift
fi

if [ $# -gt 0 ]; then
    apps="$*"
else
    apps=$(cd "$src" && for d in */; do [ -f "$d/AndroidManifest.xml" ] && printf '%s\n' "${d%/}"; done | LC_ALL=C sort)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

build_one() {
    name=$1
    dir="$src/$name"
    out="$work/$name"
    [ -f "$dir/AndroidManifest.xml" ] || { echo "build-samples: $dir has no AndroidManifest.xml" >&2; return 1; }
    mkdir -p "$out/apk"

    smali assemble -j 1 --api "$api" -o "$out/apk/classes.dex" "$dir/smali"
    if [ -d "$dir/smali_classes2" ]; then
        smali assemble -j 1 --api "$api" -o "$out/apk/classes2.dex" "$dir/smali_classes2"
    fi

    set -- aapt package -f -M "$dir/AndroidManifest.xml" -I "$framework" -F "$out/unsigned.apk"
    if [ -d "$dir/res" ]; then
        set -- "$@" -S "$dir/res"
    fi
    "$@" >/dev/null

    if [ -d "$dir/jni" ]; then
        command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || { echo "build-samples: missing aarch64-linux-gnu-gcc" >&2; return 2; }
        mkdir -p "$out/apk/lib/arm64-v8a"
        for c in "$dir"/jni/*.c; do
            base=$(basename "$c" .c)
            # -nostdlib: libc symbols (socket, connect, send) stay undefined dynamic imports,
            # as in an NDK build against Bionic; no build id so rebuilds match.
            aarch64-linux-gnu-gcc -shared -fPIC -O1 -nostdlib -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
                -o "$out/apk/lib/arm64-v8a/lib$base.so" "$c"
        done
    fi

    find "$out/apk" -exec touch -h -d '2020-01-01 00:00:00 UTC' {} +
    (
        cd "$out/apk"
        dexes=classes.dex
        [ -f classes2.dex ] && dexes="$dexes classes2.dex"
        # shellcheck disable=SC2086
        aapt add "$out/unsigned.apk" $dexes >/dev/null
        if [ -d lib ]; then
            zip -q -0 -X -r "$out/unsigned.apk" lib
        fi
    )

    zipalign -f -p 4 "$out/unsigned.apk" "$out/aligned.apk"
    apksigner sign --ks "$keystore" --ks-pass pass:android --key-pass pass:android \
        --ks-key-alias debug --out "$samples/$name.apk" "$out/aligned.apk"
    rm -f "$samples/$name.apk.idsig"
    echo "built sample-apks/$name.apk"
}

# Check one built APK against its spec; prints problems, returns non-zero on any.
check_one() {
    name=$1
    apk="$samples/$name.apk"
    spec="$samples/$name.expected.toml"
    [ -f "$apk" ] || { echo "check: $apk missing" >&2; return 1; }
    [ -f "$spec" ] || { echo "check: $spec missing" >&2; return 1; }
    apksigner verify "$apk" >/dev/null || { echo "check: $name: apksigner verify failed" >&2; return 1; }
    aapt dump badging "$apk" >"$work/$name.badging" 2>&1 || { echo "check: $name: aapt badging failed" >&2; return 1; }
    dexdump -d "$apk" >"$work/$name.dexdump" 2>"$work/$name.dexdump.err" || { echo "check: $name: dexdump failed" >&2; cat "$work/$name.dexdump.err" >&2; return 1; }
    nm_out="$work/$name.dynsyms"
    : >"$nm_out"
    if unzip -l "$apk" 'lib/*' >/dev/null 2>&1 && command -v aarch64-linux-gnu-readelf >/dev/null 2>&1; then
        mkdir -p "$work/$name.lib"
        unzip -q -o "$apk" 'lib/*' -d "$work/$name.lib"
        find "$work/$name.lib" -name '*.so' -exec aarch64-linux-gnu-readelf -W --dyn-syms {} + >"$nm_out"
    fi
    python3 - "$spec" "$work/$name.badging" "$work/$name.dexdump" "$nm_out" <<'PY'
import re, sys, tomllib
spec_path, badging_path, dump_path, syms_path = sys.argv[1:5]
spec = tomllib.load(open(spec_path, "rb"))
badging = open(badging_path).read()
dump = open(dump_path).read()
syms = open(syms_path).read()
problems = []

pkg = re.search(r"package: name='([^']*)'", badging)
if not pkg or pkg.group(1) != spec["app"]["package"]:
    problems.append(f"package {pkg and pkg.group(1)} != {spec['app']['package']}")
declared = set(re.findall(r"uses-permission: name='([^']*)'", badging))
for perm in spec["app"].get("missing_permissions", []):
    if perm in declared:
        problems.append(f"{perm} is declared but listed as missing")
for perm in spec["app"].get("unused_permissions", []):
    if perm not in declared:
        problems.append(f"{perm} is not declared but listed as unused")

# methods defined in the dex files: Lcls;->name(proto)ret
defined = set()
cls = None
name = None
for line in dump.splitlines():
    m = re.match(r"\s*Class descriptor\s*: '([^']*)'", line)
    if m:
        cls = m.group(1)
        continue
    m = re.match(r"\s*name\s*: '([^']*)'", line)
    if m:
        name = m.group(1)
        continue
    m = re.match(r"\s*type\s*: '(\([^']*)'", line)
    if m and cls and name:
        defined.add(f"{cls}->{name}{m.group(1)}")
        name = None
# methods referenced by instructions: dexdump writes Lcls;.name:(proto)ret
referenced = set(
    f"{c}->{n}{t}" for c, n, t in re.findall(r"(L[^;\s]+;)\.([^:\s]+):(\([^\s]*)", dump)
)

def need_defined(sig, what):
    if sig not in defined:
        problems.append(f"{what} {sig} is not defined in the dex")

def need_known(sig, what):
    if sig not in defined and sig not in referenced:
        problems.append(f"{what} {sig} is neither called nor defined in the dex")

flows = spec.get("flow", [])
if spec["app"].get("flows") == 0 and flows:
    problems.append("flows = 0 but [[flow]] entries present")
for i, flow in enumerate(flows):
    for key in ("rules", "source_category", "source_api", "source_method", "sink_category", "sink_api", "sink_method"):
        if key not in flow:
            problems.append(f"flow {i}: missing {key}")
    if flow.get("rules") not in ("privacy", "broad"):
        problems.append(f"flow {i}: rules must be privacy or broad")
    need_known(flow.get("source_api", ""), f"flow {i} source_api")
    need_known(flow.get("sink_api", ""), f"flow {i} sink_api")
    for alt in flow.get("sink_api_alternatives", []):
        need_known(alt, f"flow {i} sink_api_alternatives")
    need_defined(flow.get("source_method", ""), f"flow {i} source_method")
    need_defined(flow.get("sink_method", ""), f"flow {i} sink_method")
    dest = flow.get("destination")
    if dest and dest not in dump and not any(dest.startswith(s) for s in re.findall(r'const-string[^"]*"([^"]+)"', dump)):
        problems.append(f"flow {i}: destination {dest} has no matching string constant")
reach = spec.get("reachable", {})
for sig in reach.get("methods", []):
    need_defined(sig, "reachable")
for sig in reach.get("unreachable", []):
    need_defined(sig, "unreachable")
native = spec.get("native")
if native:
    for sym in native.get("exports", []):
        if not re.search(r"FUNC\s+GLOBAL\s+DEFAULT\s+\d+\s+" + re.escape(sym) + r"$", syms, re.M):
            problems.append(f"native export {sym} missing")
    for sym in native.get("imports", []):
        if not re.search(r"GLOBAL\s+DEFAULT\s+UND\s+" + re.escape(sym) + r"$", syms, re.M):
            problems.append(f"native import {sym} missing")
    for sig in native.get("jni_methods", []):
        need_defined(sig, "jni method")
for p in problems:
    print(f"check: {spec_path}: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

status=0
for app in $apps; do
    if [ "$check_only" = 0 ]; then
        build_one "$app" || { echo "build-samples: FAILED $app" >&2; status=1; continue; }
    fi
    if check_one "$app"; then
        echo "checked sample-apks/$app.apk"
    else
        echo "build-samples: CHECK FAILED $app" >&2
        status=1
    fi
done
exit $status
