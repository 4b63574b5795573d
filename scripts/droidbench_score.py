#!/usr/bin/env python3
"""Scores dexflow's JSON output against DroidBench's ground_truth.tsv (leaking_sink_sites).

Per app: reported = distinct sink call sites (sink.site method+pc) in its flows;
TP = min(reported, expected), FP = max(0, reported - expected), FN = max(0, expected - reported).
Prints precision/recall/F1 overall (without InterAppCommunication), InterAppCommunication
separately, per category, and every mismatching app; writes a scoreboard TSV.

usage: droidbench_score.py RESULT.json GROUND_TRUTH.tsv DROIDBENCH_DIR SCOREBOARD.tsv
"""
import csv
import json
import os
import sys


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    result, truth, root, board = sys.argv[1:5]
    with open(result) as fh:
        data = json.load(fh)
    reported = {}
    status = {}
    for app in data.get("apps", []):
        key = os.path.relpath(os.path.abspath(app["input"]), os.path.abspath(root))
        sites = {(f["sink"]["site"]["method"], f["sink"]["site"]["pc"]) for f in app.get("flows", [])}
        reported[key] = len(sites)
        status[key] = app.get("status", "?")
    rows = []
    with open(truth, newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows.append(row)
    totals = {}
    mism = []
    lines = []
    for row in rows:
        key = row["apk_path"]
        cat = row["category"]
        exp = int(row["leaking_sink_sites"] or 0)
        got = reported.get(key)
        st = status.get(key, "missing")
        g = got if got is not None else 0
        tp, fp, fn = min(g, exp), max(0, g - exp), max(0, exp - g)
        group = "InterAppCommunication" if cat == "InterAppCommunication" else "overall"
        for k in (group, "cat:" + cat):
            t = totals.setdefault(k, [0, 0, 0, 0])
            t[0] += tp; t[1] += fp; t[2] += fn; t[3] += 1
        lines.append((cat, row["app"], g, st))
        if g != exp or got is None:
            mism.append((cat, row["app"], exp, g, st))

    def show(name, t):
        p, r, f = prf(*t[:3])
        return f"{name}\tapps={t[3]}\tTP={t[0]}\tFP={t[1]}\tFN={t[2]}\tP={p:.3f}\tR={r:.3f}\tF1={f:.3f}"

    out = []
    out.append(show("OVERALL(excl. InterApp)", totals.get("overall", [0, 0, 0, 0])))
    out.append(show("InterAppCommunication", totals.get("InterAppCommunication", [0, 0, 0, 0])))
    for k in sorted(x for x in totals if x.startswith("cat:")):
        out.append(show("  " + k[4:], totals[k]))
    print("\n".join(out))
    print("\nmismatches (category, app, expected, reported, status):")
    for m in mism:
        print("  " + "\t".join(str(x) for x in m))
    with open(board, "w") as fh:
        # DroidBench's expected values stay in ../shared: only our own counts are committed
        fh.write("# DroidBench scoreboard (scripts/droidbench.sh), scored on leaking_sink_sites\n")
        for o in out:
            fh.write("# " + o.strip() + "\n")
        fh.write("category\tapp\treported_sink_sites\tstatus\n")
        for l in lines:
            fh.write("\t".join(str(x) for x in l) + "\n")


if __name__ == "__main__":
    main()
