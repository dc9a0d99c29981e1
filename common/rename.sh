#!/usr/bin/env bash
# rename.sh -- give one variant's object file its own names.
#
#   rename.sh PREFIX IN.o NAIVE.o OUT.o [EXTRA_SYMBOL...]
#
# Every variant of a lab defines the same functions (lab.h), so to link them
# all into one binary each object is passed through objcopy:
#   - the contract's symbols -- the globals naive.o defines, plus the lab's
#     extra exports (lab.mk: LAB_EXPORTS_NN) -- stay global, renamed
#     PREFIX_symbol (naive_join_ints, yours_join_ints, ...);
#   - every other global becomes local, so a student's helper function can
#     never collide with (or reach) another variant's.
# Student code is compiled exactly as written: no macros, no source rewriting.
set -euo pipefail

prefix=$1 in=$2 naive=$3 out=$4
shift 4
symbols="$(nm -g --defined-only "$naive" | awk '{print $3}') $*"
keep=() rename=()
for s in $symbols; do
    keep+=("--keep-global-symbol=$s")
    rename+=(--redefine-sym "$s=${prefix}_$s")
done
objcopy "${keep[@]}" "$in" "$out.tmp"
objcopy "${rename[@]}" "$out.tmp" "$out"
rm -f "$out.tmp"
