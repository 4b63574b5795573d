#!/bin/sh
# Rebuild every sample app in sample-apks/ from its sources in sample-apks/src/NAME/.
#
# Debian packages only, no network: smali, aapt, zipalign, apksigner, android-framework-res,
# gcc-aarch64-linux-gnu (only for apps with jni/), zip.
#
#   scripts/build-samples.sh            rebuild all apps
#   scripts/build-samples.sh NAME...    rebuild the named apps
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

for tool in smali aapt zipalign apksigner zip; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build-samples: missing tool: $tool" >&2; exit 2; }
done
[ -f "$framework" ] || { echo "build-samples: missing $framework (apt install android-framework-res)" >&2; exit 2; }
[ -f "$keystore" ] || { echo "build-samples: missing $keystore" >&2; exit 2; }

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

    smali assemble --api "$api" -o "$out/apk/classes.dex" "$dir/smali"
    if [ -d "$dir/smali_classes2" ]; then
        smali assemble --api "$api" -o "$out/apk/classes2.dex" "$dir/smali_classes2"
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

status=0
for app in $apps; do
    build_one "$app" || { echo "build-samples: FAILED $app" >&2; status=1; }
done
exit $status
