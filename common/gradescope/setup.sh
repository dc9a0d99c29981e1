#!/usr/bin/env bash
# setup.sh -- Gradescope runs this once, as root, in /autograder/source, when it
# builds the autograder's image (see package.sh). Base image assumed: Gradescope's
# Ubuntu 22.04 (every package named in autograder.conf exists there and in
# Debian 12; perf is left out: grading never runs it).
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=/dev/null
. ./autograder.conf
# Installs only what is missing (common/deps.sh; apt-get update first).
DEB_PACKAGES="$PACKAGES" bash common/deps.sh install
# As root, the grader runs student code as uid 65534 in its sandbox, and that
# user must reach the build folder: open the folders above it.
dir=$(pwd)
while [ "$dir" != / ]; do
    chmod o+x "$dir"
    dir=$(dirname "$dir")
done
# Everything a grade links but does not rebuild; each submission then builds
# only its own lab's binaries.
make --no-print-directory -s grade-bins
echo "perflab autograder: set up (labs: ${LABS:-all})"
