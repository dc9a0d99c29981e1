#!/usr/bin/env bash
# grade.sh -- one GitHub Classroom test (classroom.yml): pass (exit 0) when
# lab N's PART verdict is PASS.
#
#   bash common/classroom/grade.sh N correctness|performance
#
# The first call for a lab grades it (`perflab grade N`, the same grader as
# make grade-N, its report in build/classroom/lab-N/, or under
# $CLASSROOM_REPORTS: make test reads a known report) and shows the grade in
# the test's log; the second reads the same report. Classroom's command
# grader gives a test all its points or none, so each lab is two tests
# (correctness 50, performance 50), as in make grade. A REVIEW verdict is not
# PASS: those points wait for the instructor.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
lab=${1:?usage: grade.sh N correctness|performance}
part=${2:?usage: grade.sh N correctness|performance}
case $part in correctness | performance) ;; *) echo "grade.sh: part is correctness or performance" >&2; exit 2 ;; esac
dir=${CLASSROOM_REPORTS:-build/classroom}/lab-$lab
if [ ! -f "$dir/report.json" ]; then
    mkdir -p "$dir"
    build/perflab grade "$lab" --report-dir "$dir"
    status=$?
    if [ "$status" -ge 2 ]; then
        echo "grade.sh: the grader itself failed (exit $status): no verdict" >&2
        exit "$status"
    fi
fi
# The report is the grader's own JSON (one lab): "PART": { "verdict": "..."
verdict=$(grep -A1 "\"$part\": {" "$dir/report.json" | sed -n 's/.*"verdict": "\([^"]*\)".*/\1/p' | head -1)
echo "lab $lab $part: ${verdict:-no verdict}"
[ "$verdict" = PASS ]
