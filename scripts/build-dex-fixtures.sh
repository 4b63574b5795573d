#!/bin/sh
# Rebuilds the committed sample dex files under tests/corpus/dex/ from the smali sources in
# tests/corpus/dex/src (our own code) with Debian's smali. Tests read the committed .dex
# files; they never need smali. The hostile variants are derived from these by
# `UPDATE_EXPECT=1 cargo test --test tests dex_corpus::` (see tests/dex_corpus.rs).
set -eu
cd "$(dirname "$0")/../tests/corpus/dex"
smali a --api 28 -o sample.dex src/Sample.smali
smali a --api 28 -o second.dex src/Sample.smali src/Dup.smali
