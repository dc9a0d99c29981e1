#!/usr/bin/env bash
# variants.sh -- write a lab's variant list (variant-list.h) from its files.
#
#   variants.sh OUT_FILE NAME=FILE...
#
# One line per variant, in the order given (the Makefile gives naive, yours,
# reference, then measure/variants/*.c by name):
#
#   PERFLAB_VARIANT(naive, "naive (realloc + strcat)")
#
# The label is the variant's name and, in brackets, what its file's header
# says on its `label:` line (" * label: realloc + strcat"). "yours" is
# labelled with the path of the file, so a table always says which file it
# measured. The file is rewritten only when its text changes, so that make
# rebuilds workload.o only when the list or a label changed.
set -euo pipefail

out=$1
shift
tmp=$(mktemp --suffix=.tmp "$out.XXXXXX") # .tmp: never copied (grader.c)
trap 'rm -f "$tmp"' EXIT
echo "/* written by common/variants.sh: the variants of this build (see common/variants.h) */" >"$tmp"
for pair in "$@"; do
    name=${pair%%=*}
    file=${pair#*=}
    if [ "$name" = yours ]; then
        label=$file
    else
        label=$(sed -n 's/^[ /]*\* *label: *//p' "$file" | head -n 1)
    fi
    # A C string literal: escape backslashes and double quotes.
    label=${label//\\/\\\\}
    label=${label//\"/\\\"}
    if [ -n "$label" ]; then
        printf 'PERFLAB_VARIANT(%s, "%s (%s)")\n' "$name" "$name" "$label" >>"$tmp"
    else
        printf 'PERFLAB_VARIANT(%s, "%s")\n' "$name" "$name" >>"$tmp"
    fi
done
if ! cmp -s "$tmp" "$out"; then
    mv "$tmp" "$out"
fi
