#!/usr/bin/env python3
"""Build Androguard's call graph for one APK (the comparison in scripts/bench.sh).

Usage: androguard-callgraph.py APK
Prints the node and edge counts of `AnalyzeAPK(apk)[2].get_call_graph()`; the caller times it.
Needs androguard==4.1.4 in the interpreter running this (e.g. a venv); not used by tests.
"""
import sys

from loguru import logger

logger.remove()  # Androguard logs every class at DEBUG level; keep the timing about analysis
from androguard.misc import AnalyzeAPK  # noqa: E402

_, _, dx = AnalyzeAPK(sys.argv[1])
cg = dx.get_call_graph()
print(f"androguard call graph: {cg.number_of_nodes()} nodes, {cg.number_of_edges()} edges")
