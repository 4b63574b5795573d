#!/bin/sh
# Rebuilds the binary XML fixtures in tests/fixtures/axml/ from the text sources in
# tests/fixtures/axml/src/ (our own small manifests and layouts), with aapt and aapt2.
#   <app>.aapt.AndroidManifest.xml   aapt (v1) binary XML
#   <app>.aapt.main.xml              aapt (v1) layout, <app>.aapt.resources.arsc
#   <app>.aapt2.AndroidManifest.xml  aapt2 binary XML
#   <app>.aapt2-proto.AndroidManifest.pb  aapt2 --proto-format manifest (the .aab form)
set -eu
cd "$(dirname "$0")/../tests/fixtures/axml"
FW=${FW:-/usr/share/android-framework-res/framework-res.apk}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for app in app30 app31; do
  src=src/$app
  aapt package -f -M "$src/AndroidManifest.xml" -S "$src/res" -I "$FW" -F "$TMP/$app.apk"
  unzip -o -q "$TMP/$app.apk" -d "$TMP/$app"
  cp "$TMP/$app/AndroidManifest.xml" "$app.aapt.AndroidManifest.xml"
  cp "$TMP/$app/resources.arsc" "$app.aapt.resources.arsc"
  if [ -f "$TMP/$app/res/layout/main.xml" ]; then cp "$TMP/$app/res/layout/main.xml" "$app.aapt.main.xml"; fi
  # aapt's dump of the same file, the reference the tests compare the decoder with
  aapt dump xmltree "$TMP/$app.apk" AndroidManifest.xml > "$app.aapt.xmltree.txt"

  mkdir -p "$TMP/$app-c"
  aapt2 compile --dir "$src/res" -o "$TMP/$app-c/res.zip"
  aapt2 link -o "$TMP/$app.aapt2.apk" -I "$FW" --manifest "$src/AndroidManifest.xml" "$TMP/$app-c/res.zip"
  unzip -p "$TMP/$app.aapt2.apk" AndroidManifest.xml > "$app.aapt2.AndroidManifest.xml"
  aapt2 link --proto-format -o "$TMP/$app.proto.apk" -I "$FW" --manifest "$src/AndroidManifest.xml" "$TMP/$app-c/res.zip"
  unzip -p "$TMP/$app.proto.apk" AndroidManifest.xml > "$app.aapt2-proto.AndroidManifest.pb"
done
