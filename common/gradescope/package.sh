#!/usr/bin/env bash
# package.sh -- `make autograder`: the zip that Gradescope's autograder runs.
#
#   bash common/gradescope/package.sh OUT.zip "LABS" "PACKAGES"
#
# Gradescope unpacks the zip into /autograder/source, runs setup.sh there once
# (as root, when it builds the image) and copies run_autograder to
# /autograder/run_autograder, which it runs for every submission
# (gradescope-autograders.readthedocs.io, "Autograder Specifications"). So the
# zip's root holds setup.sh and run_autograder next to the course itself:
# the Makefile, common/, labs/, solutions/ and tests/ -- the grader needs the
# pinned suites and the reference, and the student's code never sees them
# (it runs in the sandbox). autograder.conf says which labs and packages.
# No build output goes in: setup.sh builds on the image's own compiler.
set -euo pipefail
out=${1:?usage: package.sh OUT.zip LABS PACKAGES}
labs=${2:-}
packages=${3:?the package list comes from the Makefile}

if ! command -v zip >/dev/null 2>&1; then
    echo "perflab: make autograder needs zip: make deps (or apt-get install zip)" >&2
    exit 1
fi
for n in ${labs//,/ }; do
    if ! ls -d "labs/$(printf '%02d' "$n")"-* >/dev/null 2>&1; then
        echo "perflab: LABS=$labs: there is no lab $n" >&2
        exit 2
    fi
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R Makefile README.md course.md common labs solutions tests "$stage"/
cp common/gradescope/setup.sh common/gradescope/run_autograder "$stage"/
chmod +x "$stage"/setup.sh "$stage"/run_autograder
{
    echo "# written by make autograder: the labs this assignment grades (empty: all)"
    echo "# and the Debian/Ubuntu packages setup.sh installs."
    echo "LABS='$labs'"
    echo "PACKAGES='$packages'"
} >"$stage"/autograder.conf
mkdir -p "$(dirname "$out")"
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
rm -f "$out_abs"
(cd "$stage" && zip -q -r -X "$out_abs" .)
echo "wrote $out (labs: ${labs:-all}); upload it as the assignment's autograder (README: For instructors)"
