#!/bin/sh
# Looks at the batch overview page (`dexflow scan --format overview`) in headless Chromium:
# the page's own script sorts and filters (view given in the URL hash, as a reviewer's link
# would), the DOM Chromium leaves is checked, and a screenshot is written.
#
#   scripts/overview-check.sh [OUT.png] [INPUT...]     default: docs/overview.png, sample-apks
#
# Needs target/release/dexflow, chromium (Debian: apt-get install chromium) and python3.
# No network: the page loads nothing.
set -eu
cd "$(dirname "$0")/.."
png=${1:-docs/overview.png}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- sample-apks
command -v chromium >/dev/null 2>&1 || { echo "overview-check: chromium not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
page="$work/overview.html"
target/release/dexflow scan "$@" --format overview --fail-on never -o "$page"
chrome() { timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }
# column 3 = undisclosed flows, descending; filter on a data category
chrome --dump-dom "file://$page#sort=-3&q=contacts" > "$work/sorted.html"
python3 - "$work/sorted.html" <<'PY'
import re, sys
from html.parser import HTMLParser

class Rows(HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.row = None; self.cell = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and self.row is None:
            self.row = {"hidden": "hidden" in a, "cells": []}
        elif tag == "td" and self.row is not None:
            self.cell = {"sort": a.get("data-sort"), "text": ""}
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.row["cells"].append(self.cell); self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row["cells"]:
                self.rows.append(self.row)
            self.row = None
    def handle_data(self, d):
        if self.cell is not None:
            self.cell["text"] += d

dom = open(sys.argv[1], encoding="utf-8").read()
p = Rows(); p.feed(dom)
rows = p.rows
assert rows, "no rows in the overview"
assert 'class="sorted-desc"' in dom, "the hash did not sort"
counts = [float(r["cells"][3]["sort"]) for r in rows]
assert counts == sorted(counts, reverse=True), f"not sorted by undisclosed, descending: {counts}"
for r in rows:
    text = " ".join(c["text"] for c in r["cells"]).lower()
    assert r["hidden"] == ("contacts" not in text), f"filter wrong on {text[:80]}"
shown = re.search(r'<span id="shown">(\d+)</span>', dom).group(1)
assert int(shown) == sum(not r["hidden"] for r in rows), "shown count wrong"
assert not re.search(r'<(script|img|link|iframe)[^>]+(src|href)=', dom), "an external asset"
print(f"overview-check: {len(rows)} rows, sorted by undisclosed flows, {shown} match 'contacts'")
PY
chrome --window-size=1500,900 --screenshot="$work/shot.png" "file://$page#sort=-3"
mkdir -p "$(dirname "$png")"
cp "$work/shot.png" "$png"
echo "overview-check: screenshot $png"
