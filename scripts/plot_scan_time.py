#!/usr/bin/env python3
"""Draws scan time against the number of methods the taint engine analysed, one dot per APK,
from the TSV that scripts/engine-bench.sh writes, as a self-contained SVG (log-log axes; no
plotting library needed).  Usage: plot_scan_time.py BENCH.tsv OUT.svg"""
import csv
import math
import sys


def main(tsv, out):
    rows = list(csv.DictReader(open(tsv), delimiter="\t"))
    pts = [(max(int(r["taint_methods"]), 1), max(float(r["scan_s"]), 1e-3), r["set"], r["app"]) for r in rows]
    if not pts:
        sys.exit("plot_scan_time: no rows")
    W, H, L, B, R, T = 820, 460, 70, 50, 130, 30
    xs = [math.log10(p[0]) for p in pts]
    ys = [math.log10(p[1]) for p in pts]
    x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    x1 = max(x1, x0 + 1)
    y1 = max(y1, y0 + 1)
    sx = lambda v: L + (v - x0) / (x1 - x0) * (W - L - R)
    sy = lambda v: H - B - (v - y0) / (y1 - y0) * (H - B - T)
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="11">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{W/2}" y="18" text-anchor="middle" font-size="13">dexflow scan time against methods analysed (one dot per APK, log-log)</text>']
    for e in range(x0, x1 + 1):
        x = sx(e)
        o.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H-B}" stroke="#ddd"/>')
        o.append(f'<text x="{x:.1f}" y="{H-B+15}" text-anchor="middle">{10**e:g}</text>')
    for e in range(y0, y1 + 1):
        y = sy(e)
        o.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W-R}" y2="{y:.1f}" stroke="#ddd"/>')
        o.append(f'<text x="{L-6}" y="{y+4:.1f}" text-anchor="end">{10**e:g} s</text>')
    o.append(f'<text x="{(L+W-R)/2}" y="{H-12}" text-anchor="middle">methods analysed by the taint engine</text>')
    # a line of slope 1 through the median point: where the cost is linear
    mx = sorted(xs)[len(xs) // 2]
    my = sorted(ys)[len(ys) // 2]
    o.append(f'<line x1="{sx(x0):.1f}" y1="{sy(my - (mx - x0)):.1f}" x2="{sx(x1):.1f}" y2="{sy(my + (x1 - mx)):.1f}" stroke="#999" stroke-dasharray="4 3"/>')
    for (m, t, set_, app), x, y in zip(pts, xs, ys):
        colour = "#d62728" if set_ == "real" else "#1f77b4"
        o.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3.5" fill="{colour}" fill-opacity="0.7"><title>{app}: {m} methods, {t:.3f} s</title></circle>')
        if set_ == "real":
            o.append(f'<text x="{sx(x)+5:.1f}" y="{sy(y)-5:.1f}" font-size="9">{app[:28]}</text>')
    o.append(f'<text x="{W-R-150}" y="{T+15}" fill="#d62728">● real APKs</text>')
    o.append(f'<text x="{W-R-150}" y="{T+30}" fill="#1f77b4">● DroidBench</text>')
    o.append(f'<text x="{W-R-150}" y="{T+45}" fill="#999">- - slope 1 (linear)</text>')
    o.append("</svg>")
    open(out, "w").write("\n".join(o) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
