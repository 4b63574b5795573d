#!/bin/sh
# Call-graph reachability over DroidBench: for every app with at least one expected leak
# (ground_truth.tsv, leaking_sink_sites > 0), checks that a source and a sink call site are
# reachable from an entry point; prints "N of M" and each miss with its reason.
# Reads ../shared/droidbench in place (never copied); skips when it is missing.
set -eu
cd "$(dirname "$0")/.."
exec cargo test --release --test tests -- --ignored --nocapture callgraph_real::droidbench_source_and_sink_sites_reachable
