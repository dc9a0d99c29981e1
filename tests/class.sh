#!/usr/bin/env bash
# class.sh -- `make test`'s checks of grading a whole class and of the
# platform files (run by `perflab test class`; from the repository root, after
# make grade-bins). Each check prints "  ok   what" or "  FAIL what"; the last
# line is "class: N passed, M failed".
#
# 1. make grade-class's engine (perflab class) on a small class, lab 1 only
#    (its grade is the cheapest): every odd case must be its own row with
#    the right status and reason -- an empty folder, a binary file, a wrong
#    file name, a lab that does not exist, a file that is not a student's
#    folder, a symbolic link, code that does not compile, code that crashes,
#    the lab's folder form (accepted with a warning; a duplicate when the
#    named file is there too) -- and the gradebook is
#    compared whole. (Hangs, floods and hostile code are the grader's own
#    scenarios, tests/scenarios/; a hang costs its full time limit here too.)
# 2. Resuming: a second run grades nothing; a changed file alone is graded again.
# 3. Gradescope: make autograder's zip, unpacked into a temporary folder that
#    bubblewrap binds at /autograder, set up by its setup.sh and run by its
#    run_autograder on a submission: results.json must follow Gradescope's
#    schema and give the score `perflab grade` gave the same file.
# 4. GitHub Classroom: common/classroom/classroom.yml parses, has both tests
#    of every lab with the reporter wired to each, and every command it names
#    exists; grade.sh reads a known report right.
set -uo pipefail
build=${BUILD:-build}
passed=0
failed=0
check() { # check "what" command...
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then
        echo "  ok   $what"
        passed=$((passed + 1))
    else
        echo "  FAIL $what"
        failed=$((failed + 1))
    fi
}
finish() {
    echo "class: $passed passed, $failed failed"
    exit $((failed > 0))
}

work=$build/class-test
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
sub=$work/submissions
out=$work/out
scen=tests/scenarios/01-string-building
lab1=01-string-building.c
lab_numbers=$(for d in labs/[0-9][0-9]-*; do n=${d#labs/}; n=${n%%-*}; echo $((10#$n)); done | tr '\n' ' ')
lab_numbers=${lab_numbers% }

# ---- 1. a class -------------------------------------------------------------
mkdir -p "$sub"/{shipped,crash,nocompile,binary/01-string-building,altform/01-string-building,empty,wrongname,nolab,linked}
cp labs/01-string-building/optimized.c "$sub/shipped/$lab1"
cp "$scen/segfault.c" "$sub/crash/$lab1"
cp "$scen/does_not_compile.c" "$sub/nocompile/$lab1"
head -c 4096 /bin/true >"$sub/binary/$lab1"
cp labs/01-string-building/optimized.c "$sub/binary/01-string-building/optimized.c" # both forms: the name wins
cp "$scen/does_not_compile.c" "$sub/altform/01-string-building/optimized.c"
cp labs/01-string-building/optimized.c "$sub/wrongname/lab1.c"
echo 'int unused;' >"$sub/nolab/42-extra.c"
ln -s ../shipped/$lab1 "$sub/linked/$lab1"
echo "class list" >"$sub/roster.txt"

echo "-- perflab class: 9 students, lab 1"
"$build/perflab" class "$sub" --labs 1 --jobs 2 --out "$out" >"$work/run1.log" 2>&1
status=$?
check "the class is graded (exit 0: every file has a verdict)" test "$status" -eq 0
cat >"$work/expected.csv" <<'CSV'
student,lab_1,total,max_total,status_lab_1,notes
altform,0,0,100,FAIL,accepted altform/01-string-building/optimized.c; the convention is altform/01-string-building.c
binary,0,0,100,FAIL,binary/01-string-building/optimized.c: a second file for lab 1: binary/01-string-building.c is graded
crash,0,0,100,FAIL,
empty,0,0,100,MISSING,empty/: empty folder: nothing handed in
linked,0,0,100,MISSING,linked/01-string-building.c: not a regular file (a link or a device is never followed)
nocompile,0,0,100,FAIL,
nolab,0,0,100,MISSING,nolab/42-extra.c: there is no lab 42 (labs: LABS)
shipped,50,50,100,NOT_STARTED,
wrongname,0,0,100,MISSING,"wrongname/lab1.c: not named after a lab (lab files are NN-slug.c, e.g. 01-string-building.c)"
CSV
sed -i "s/(labs: LABS)/(labs: $lab_numbers)/" "$work/expected.csv"
check "the gradebook is right for every student" diff "$work/expected.csv" "$out/gradebook.csv"
row() { grep -F "$1" "$out/details.csv" | grep -qF "$2"; }
check "details: a binary file is FAIL, 'not a C source file'" row "binary,1," "not a C source file"
check "details: a crash is FAIL with the signal named" row "crash,1," "SIGSEGV"
check "details: a compile error is FAIL with the compiler's line" row "nocompile,1," "does not compile: $sub/nocompile/$lab1:"
check "details: the lab's folder form is graded, with a warning" row "altform,1,altform/01-string-building/optimized.c" "the convention is"
check "details: with both forms, the named file is graded and the folder's is a DUPLICATE row" \
    row "binary,,binary/01-string-building/optimized.c,DUPLICATE" "binary/01-string-building.c is graded"
check "details: an empty folder is its own row" row "empty,,empty/,EMPTY" "empty folder"
check "details: a lab that does not exist is its own row" row "nolab,,nolab/42-extra.c,NO_SUCH_LAB" "no lab 42"
check "details: a file outside any student's folder is its own row" row ",,roster.txt,IGNORED" "not a student's folder"
check "each student has report.json and results.json" test -s "$out/students/crash/report.json" -a -s "$out/students/empty/results.json"
check "the summary names the failure reasons" grep -q "most common reasons: .*does not compile (2)" "$work/run1.log"
check "the summary counts each status" grep -q "lab 1 (01-string-building): FAIL 4 NOT_STARTED 1 MISSING 4" "$work/run1.log"
check "progress: student k of n, elapsed and an estimate" grep -q "student [0-9] of 9, .* elapsed [0-9:]*, about [0-9:]* left" "$work/run1.log"

# ---- 2. resuming ------------------------------------------------------------
echo "-- resuming ($SECONDS s so far)"
"$build/perflab" class "$sub" --labs 1 --jobs 2 --out "$out" >"$work/run2.log" 2>&1
check "a second run grades nothing and gives the same gradebook" \
    bash -c "grep -q ': 0 files to grade, 5 unchanged' '$work/run2.log' && diff -q '$work/expected.csv' '$out/gradebook.csv'"
printf '\0changed' >>"$sub/binary/$lab1"
"$build/perflab" class "$sub" --labs 1 --jobs 2 --out "$out" >"$work/run3.log" 2>&1
check "a changed file alone is graded again" grep -q ': 1 file to grade, 4 unchanged' "$work/run3.log"

# ---- 3. Gradescope ----------------------------------------------------------
echo "-- Gradescope: make autograder, run in a simulated /autograder ($SECONDS s so far)"
gs=$work/gradescope
mkdir -p "$gs/submission" "$gs/results"
make --no-print-directory -s autograder LABS=1 AUTOGRADER="$work/autograder.zip" >/dev/null
check "make autograder writes the zip, setup.sh and run_autograder at its root" \
    bash -c "unzip -l '$work/autograder.zip' | grep -q ' setup.sh$' && unzip -l '$work/autograder.zip' | grep -q ' run_autograder$'"
unzip -q "$work/autograder.zip" -d "$gs/source"
cp "$gs/source/run_autograder" "$gs/run_autograder" # as Gradescope does
cp labs/01-string-building/optimized.c "$gs/submission/optimized.c"
chmod -R go+rX "$gs" "$work"
# bubblewrap: the machine as it is, but with the temporary folder at /autograder
# (bound top-level folder by folder: binding / whole would create /autograder
# on the real root).
binds=()
for d in /*; do
    case $d in /proc | /dev | /autograder) continue ;; esac
    if [ -L "$d" ]; then binds+=(--symlink "$(readlink "$d")" "$d"); else binds+=(--dev-bind "$d" "$d"); fi
done
# /proc is the machine's own (bound, not a fresh mount: bwrap's --proc covers parts of
# it, and the kernel then refuses the grader's sandbox a /proc of its own).
bwrap "${binds[@]}" --dev-bind /dev /dev --dev-bind /proc /proc --bind "$gs" /autograder --chdir /autograder \
    bash -c 'bash /autograder/source/setup.sh && /autograder/run_autograder' >"$work/gradescope.log" 2>&1
status=$?
check "setup.sh and run_autograder succeed in the simulated layout" test "$status" -eq 0
check "run_autograder writes /autograder/results/results.json" test -s "$gs/results/results.json"
expected_score=$(sed -n 's/^  "score": \(.*\),$/\1/p' "$out/students/shipped/lab-1/report.json")
check_results() {
    python3 - "$gs/results/results.json" "$expected_score" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
want = float(sys.argv[2])
assert isinstance(r["score"], (int, float)) and r["score"] == want, (r["score"], want)
assert isinstance(r["execution_time"], (int, float))
assert r["visibility"] in ("hidden", "after_due_date", "after_published", "visible")
assert r["stdout_visibility"] in ("hidden", "after_due_date", "after_published", "visible")
tests = r["tests"]
assert len(tests) == 3, tests
for t in tests:
    assert set(t) >= {"name", "score", "max_score", "status", "output", "visibility"}, t
    assert t["status"] in ("passed", "failed") and t["visibility"] in ("hidden", "after_due_date", "after_published", "visible")
    assert 0 <= t["score"] <= t["max_score"]
assert sum(t["score"] for t in tests) == r["score"]
assert sum(t["max_score"] for t in tests) == 100
PY
}
check "results.json: Gradescope's schema, and the score perflab grade gave ($expected_score)" check_results
# A fresh /proc mount leaves the grader's sandbox unable to start, as a
# container that refuses namespaces would: no grade at all, never a 0.
rm -f "$gs/results/results.json"
bwrap "${binds[@]}" --dev-bind /dev /dev --proc /proc --bind "$gs" /autograder --chdir /autograder \
    /autograder/run_autograder >"$work/gradescope-nosandbox.log" 2>&1
status=$?
check "where the sandbox cannot start: exit 3, no results.json, and why" \
    bash -c "[ $status -eq 3 ] && [ ! -e '$gs/results/results.json' ] && grep -q 'sandbox .* does not start' '$work/gradescope-nosandbox.log'"

# ---- 4. GitHub Classroom ----------------------------------------------------
echo "-- GitHub Classroom: common/classroom/classroom.yml ($SECONDS s so far)"
check_workflow() {
    python3 - common/classroom/classroom.yml "$lab_numbers" <<'PY'
import os, shlex, subprocess, sys, yaml
w = yaml.safe_load(open(sys.argv[1]))
labs = sys.argv[2].split()
steps = w["jobs"]["run-autograding-tests"]["steps"]
graders = [s for s in steps if s.get("uses", "").startswith("classroom-resources/autograding-command-grader@")]
ids = [s["id"] for s in graders]
want = [f"lab-{n}-{p}" for n in labs for p in ("correctness", "performance")]
assert ids == want, (ids, want)
for s in graders:
    w_ = s["with"]
    assert set(w_) >= {"test-name", "command", "timeout", "max-score"}, w_
    assert 1 <= int(w_["timeout"]) <= 60 and int(w_["max-score"]) == 50
reporter = [s for s in steps if s.get("uses", "").startswith("classroom-resources/autograding-grading-reporter@")]
assert len(reporter) == 1 and reporter[0]["with"]["runners"].split(",") == ids
for i in ids:
    assert reporter[0]["env"][i.upper() + "_RESULTS"] == "${{steps.%s.outputs.result}}" % i
# every command it names exists: scripts are files, make targets are targets
commands = [s["run"] for s in steps if "run" in s] + [s["with"]["command"] for s in graders]
for c in commands:
    words = shlex.split(c)
    if words[0] == "bash":
        assert os.path.isfile(words[1]), c
        out = subprocess.run(["bash", "-n", words[1]])
        assert out.returncode == 0, c
        for line in open(words[1]):
            for target in ("grading-packages", "grade-bins"):
                if "make " in line and target in line:
                    assert subprocess.run(["make", "-n", target], capture_output=True).returncode == 0, target
            if "build/perflab" in line:
                assert os.access("build/perflab", os.X_OK)
    else:
        assert False, "unexpected command " + c
PY
}
check "the workflow parses, tests every lab twice, reports each, names only commands that exist" check_workflow
mkdir -p "$work/classroom/lab-1"
cp "$out/students/shipped/lab-1/report.json" "$work/classroom/lab-1/"
check "grade.sh: the shipped code passes correctness" env CLASSROOM_REPORTS="$work/classroom" bash common/classroom/grade.sh 1 correctness
check "grade.sh: the shipped code fails performance" bash -c "! CLASSROOM_REPORTS='$work/classroom' bash common/classroom/grade.sh 1 performance"

if [ "$failed" -gt 0 ]; then
    echo "(logs: $work/*.log)"
fi
finish
