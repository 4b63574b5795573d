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
#       in the dex, declared/missing permissions as the spec says, native exports/imports,
#       invoke register counts match protos, move-result kinds match return types
#
# Layout of sample-apks/src/NAME/:
#   AndroidManifest.xml   text manifest (compiled by aapt)
#   smali/                classes.dex
#   smali_classes2/       classes2.dex (multidex, optional)
#   res/                  resources such as layouts (optional)
#   jni/*.c               each FOO.c becomes lib/arm64-v8a/libFOO.so (optional)
#   smali-api             one number: smali --api for this app (optional, default 26 = DEX 038;
#                         21 gives DEX 035, 28 gives DEX 039)
#
# The output is sample-apks/NAME.apk, zipaligned and signed with the committed throwaway key
# sample-apks/src/debug.keystore. smali runs single-threaded (its multi-threaded output order
# varies) and file times are pinned, so a rebuild is byte-identical.
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

    app_api=$api
    if [ -f "$dir/smali-api" ]; then
        app_api=$(tr -dc '0-9' <"$dir/smali-api")
    fi
    smali assemble -j 1 --api "$app_api" -o "$out/apk/classes.dex" "$dir/smali"
    if [ -d "$dir/smali_classes2" ]; then
        smali assemble -j 1 --api "$app_api" -o "$out/apk/classes2.dex" "$dir/smali_classes2"
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
    # a destination built from a constant and unknown parts (`?`) starts with the constant;
    # a String.format constant matches with its conversions read as unknown parts
    consts = re.findall(r'const-string[^"]*"([^"]+)"', dump)
    consts += [re.sub(r"%[-#+ 0,(]*[0-9]*(\.[0-9]+)?[a-zA-Z]", "?", c) for c in consts]
    if dest and dest not in dump and not any(dest.startswith(s) for s in consts):
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
# Shape checks a verifier would make and dexdump does not: an invoke passes as many registers
# as its proto needs, and a move-result follows only an invoke of a matching return kind.
def arg_words(proto, static):
    params = re.match(r"\(([^)]*)\)", proto).group(1)
    words = 0 if static else 1
    for m in re.finditer(r"\[*(?:L[^;]+;|[ZBSCIJFD])", params):
        t = m.group(0)
        words += 2 if t in ("J", "D") else 1
    return words

prev = None
for line in dump.splitlines():
    m = re.search(r"\|[0-9a-f]{4}: (\S+)(.*)$", line)
    if not m:
        continue
    op, rest = m.group(1), m.group(2)
    where = rest.strip()[:120]
    if op.startswith("invoke-") and op not in ("invoke-custom", "invoke-custom/range", "invoke-polymorphic"):
        ref = re.search(r"(L[^;\s]+;)\.([^:\s]+):(\([^\s]*)", rest)
        regs = re.search(r"\{([^}]*)\}", rest).group(1).strip()
        r = re.match(r"v(\d+)\s*\.\.\s*v(\d+)", regs)
        if r:
            count = int(r.group(2)) - int(r.group(1)) + 1
        else:
            count = len([x for x in regs.split(",") if x.strip()])
        if ref:
            need = arg_words(ref.group(3), op.startswith("invoke-static"))
            if need != count:
                problems.append(f"{op} passes {count} registers, proto needs {need}: {where}")
            ret = ref.group(3).split(")", 1)[1]
            prev = ("invoke", ret)
        else:
            prev = ("invoke", None)
        continue
    if op.startswith("move-result"):
        if not prev or prev[0] not in ("invoke", "filled"):
            problems.append(f"{op} not right after an invoke: {where}")
        elif prev[0] == "invoke" and prev[1] is not None:
            ret = prev[1]
            want = ("move-result-wide" if ret in ("J", "D") else
                    "move-result-object" if ret[0] in "L[" else
                    None if ret == "V" else "move-result")
            if want != op:
                problems.append(f"{op} after an invoke returning {ret}: {where}")
        prev = None
        continue
    prev = ("filled", None) if op.startswith("filled-new-array") else (
        ("invoke", "Ljava/lang/Object;") if op.startswith("invoke-custom") else None)

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
