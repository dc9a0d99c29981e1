/*
 * grader.h -- grading: correctness, then deterministic performance.
 *
 * A lab's grade has two halves of 50 points each:
 *   correctness  the pinned cmocka suite (tests/NN-slug.c) against the
 *                student's optimized.c, in a child process with a time and a
 *                memory limit; a crash or a hang is a failure with its reason.
 *   performance  the lab's criteria (workload.c), each worth an equal share,
 *                measured by counting, never by timing: callgrind instruction
 *                counts or a counter the lab reports (statements sent). The
 *                same code therefore gets the same verdict on any machine
 *                load. Wall-clock speedup is measured and printed beside, and
 *                decides nothing. Performance is only graded when correct.
 *                A counter of a lab whose suite calls its code in a worker
 *                (remote.c, worker.c) is read from that suite's trusted
 *                program, `test-<variant> <variant> SWEEP X`, which runs the
 *                code in the sandboxed worker (Lab 8: its server counts).
 * A lab passes when both halves pass. Each lab is built, run and judged on its
 * own: one lab that does not compile, crashes or hangs fails alone.
 */
#ifndef PERFLAB_GRADER_H
#define PERFLAB_GRADER_H

#include "../describe.h"

#include <stdbool.h>
#include <stddef.h>

/* REVIEW: performance passed on counted work, but the clock disagrees by a
   wide factor (grader.c: cross_check); a person should read the code. */
enum verdict { VERDICT_PASS, VERDICT_FAIL, VERDICT_NOT_RUN, VERDICT_REVIEW };

struct criterion_result {
    enum verdict verdict;
    double yours, naive; /* the metric (PERFLAB_WORK_RATIO: at xs[0]) */
    double value;        /* ratio, exponent, or the worst yours/bound */
    char detail[640];
    double points, max_points;
};

struct lab_grade {
    int lab;
    char name[160];      /* "lab 1 (String building)" */
    char source[600];    /* the graded optimized.c */
    char label[64];      /* scenario name in tests; "" for a real grade */
    bool built;
    bool grader_error;   /* the grader or the toolchain failed: no verdict on the code */
    bool not_started;    /* optimized.c is still the naive code */
    enum verdict correctness;
    char correctness_detail[1024];
    enum verdict performance;
    char performance_detail[256];
    struct lab_info info;
    struct criterion_result criteria[PERFLAB_MAX_CRITERIA];
    double wall_speedup;  /* naive/yours median time, not graded; 0 if not measured */
    char wall_detail[256];
    double score, max_score;
};

struct grade_request {
    int lab;
    const char *yours;   /* NULL: labs/NN-slug/optimized.c */
    const char *out_dir; /* NULL: $BUILD/lab-N */
    const char *label;   /* NULL or a scenario name */
};

/* Grade each request in turn, printing as it goes. Returns the number of labs
   that failed. Reports go to report_dir (report.json, results.json) unless NULL. */
/* Every grade runs student code in the sandbox. Where the sandbox cannot
   start (a container that refuses user namespaces: Docker's default seccomp
   profile does), a grade would read the failure as the student's code
   failing its tests; so one trial run in `scratch` first (created if
   needed), and no grading without it. Says why on stdout when it fails. */
bool grader_sandbox_works(const char *scratch);

int grader_grade_labs(const struct grade_request *requests, size_t n, struct lab_grade *grades,
               const char *report_dir, bool measure_wall_clock);

const char *grader_verdict_name(enum verdict v);

#endif
