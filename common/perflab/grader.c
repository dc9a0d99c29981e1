/*
 * grader.c -- the grading engine behind make grade and the grader scenarios
 * (see grader.h for the rules).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "grader.h"

#include "build.h"
#include "env.h"
#include "files.h"
#include "labs.h"
#include "measure.h"
#include "suite.h"

#include "../child.h"
#include "../sandbox.h"
#include "../fit.h"
#include "../format.h"
#include "../json.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { CORRECTNESS_POINTS = 50, PERFORMANCE_POINTS = 50 };

/* REVIEW instead of PASS when the counted work ratio is at least this... */
#define REVIEW_COUNTED_AT_LEAST 10.0
/* ...and the wall-clock ratio at the same size at most this. */
#define REVIEW_CLOCK_AT_MOST 2.0

/* ---- the sandbox every graded process runs in --------------------------------------- */

/* One run of student code (the suite of yours, driver-graded, bench-graded):
   bubblewrap with a read-only view of that one binary (and what the program
   needs besides), and one scratch folder of its own in the grade's folder. */
struct graded_run {
    struct sandbox sandbox;
    char scratch[PATH_MAX];
    char binary[PATH_MAX];
    const char *read_only[3];
};

static bool graded_run_init(struct graded_run *run, const char *out_dir, const char *binary_name)
{
    memset(run, 0, sizeof *run);
    char dir[PATH_MAX];
    if (realpath(out_dir, dir) == NULL)
        return false;
    snprintf(run->binary, sizeof run->binary, "%.3000s/%s", dir, binary_name);
    snprintf(run->scratch, sizeof run->scratch, "%.3000s/scratch-%s", dir, binary_name);
    mkdir(run->scratch, 0700);
    size_t n = 0;
    run->read_only[n++] = run->binary;
    if (access("/sys/devices/system/cpu", R_OK) == 0)
        run->read_only[n++] = "/sys/devices/system/cpu"; /* google-benchmark reads the CPU's facts */
    run->read_only[n] = NULL;
    run->sandbox.scratch = run->scratch;
    run->sandbox.read_only = run->read_only;
    run->sandbox.sanitizer = env_sanitized();
    return true;
}

const char *grader_verdict_name(enum verdict v)
{
    switch (v) {
    case VERDICT_PASS: return "PASS";
    case VERDICT_FAIL: return "FAIL";
    case VERDICT_REVIEW: return "REVIEW";
    case VERDICT_NOT_RUN: break;
    }
    return "not run";
}

static bool lab_passed(const struct lab_grade *g)
{
    return g->correctness == VERDICT_PASS && g->performance == VERDICT_PASS;
}

/* ---- "not started": is optimized.c still the naive code? ------------------------ */

/* The source without comments (the preprocessor strips them) and without any
   white space, so that only a change to the code itself counts. */
static char *code_only(const char *path)
{
    /* gcc, whatever CC is: clang has no -fpreprocessed (comments only). */
    char *argv[] = { "gcc", "-fpreprocessed", "-dD", "-E", "-P", "-x", "c", (char *)path, NULL };
    struct child_limits limits = { .timeout_s = 30 };
    struct child_result r;
    if (!child_run(argv, &limits, &r)) {
        child_result_free(&r);
        return NULL;
    }
    size_t kept = 0;
    for (size_t i = 0; i < r.output_len; i++)
        if (r.output[i] != ' ' && r.output[i] != '\t' && r.output[i] != '\n' && r.output[i] != '\r')
            r.output[kept++] = r.output[i];
    r.output[kept] = '\0';
    return r.output;
}

static bool same_code(const char *a, const char *b)
{
    char *ca = code_only(a), *cb = code_only(b);
    bool same = ca != NULL && cb != NULL && strcmp(ca, cb) == 0;
    free(ca);
    free(cb);
    return same;
}

/* ---- correctness ----------------------------------------------------------------------- */

/* The first failed assertion's own message, with its test's name:
   "test_offset_data: offset 1e9 (...): mean error 1.44e-09 ...". cmocka puts
   the message either on the "[  ERROR   ] --- message" line before the
   "[   LINE   ]" line, or -- for fail_msg and print_message -- as a plain line
   before "[  ERROR   ] --- [   LINE   ] --- file:line: error: Failure!"
   (fail_msg writes it as "ERROR: message"). */
static void first_error_line(const char *output, char *buf, size_t size)
{
    buf[0] = '\0';
    const char *at = strstr(output, "[   LINE   ]");
    if (at == NULL)
        at = strstr(output, "[  ERROR   ]");
    if (at == NULL)
        return;
    const char *line = at; /* the start of the line that holds the marker */
    while (line > output && line[-1] != '\n')
        line--;
    const char *message = line;
    if (strncmp(line, "[  ERROR   ] --- ", 17) == 0 && strncmp(line + 17, "[   LINE", 8) != 0) {
        message = line + 17; /* "[  ERROR   ] --- message" itself */
    } else if (line > output) {
        const char *prev = line - 1; /* the newline ending the line before */
        while (prev > output && prev[-1] != '\n')
            prev--;
        if (strncmp(prev, "[  ERROR   ] --- ", 17) == 0)
            message = prev + 17;
        else if (strncmp(prev, "ERROR: ", 7) == 0)
            message = prev + 7; /* fail_msg (cmocka 1.1): "ERROR: message" */
        else if (prev[0] != '[')
            message = prev;
    }
    /* the test it belongs to: the last "[ RUN      ] name" before it */
    char test[128] = "";
    for (const char *run = strstr(output, "[ RUN      ] "); run != NULL && run < at;
         run = strstr(run + 1, "[ RUN      ] "))
        snprintf(test, sizeof test, "%.*s", (int)strcspn(run + 13, "\n"), run + 13);
    size_t len = strcspn(message, "\n");
    snprintf(buf, size, "%s%s%.*s%s", test, test[0] ? ": " : "", (int)(len < 200 ? len : 200), message,
             len > 200 ? "..." : "");
}

static void grade_correctness(struct lab_grade *g, const char *out_dir)
{
    struct graded_run run;
    if (!graded_run_init(&run, out_dir, "test-yours")) {
        g->correctness = VERDICT_FAIL;
        snprintf(g->correctness_detail, sizeof g->correctness_detail, "cannot prepare %s/test-yours", out_dir);
        return;
    }
    char *argv[] = { run.binary, NULL };
    struct child_limits limits = { .timeout_s = g->info.test_timeout_s, .memory_bytes = env_memory_limit(),
                                   .sandbox = &run.sandbox };
    /* A lab whose suite calls the code in a worker (rpc.h: worker-yours
       exists): the suite is trusted and runs as is; it starts the worker
       in the sandbox, in this scratch folder. Otherwise the suite itself,
       linked with the student's code, runs in the sandbox. */
    char worker[PATH_MAX + 32];
    snprintf(worker, sizeof worker, "%.3000s/worker-yours", out_dir);
    bool remote = access(worker, X_OK) == 0;
    if (remote) {
        limits.sandbox = NULL;
        setenv("PERFLAB_WORKER_SANDBOX", run.scratch, 1);
    }
    /* Lab 5's suite grades on SQLite only: its private PostgreSQL server
       would add seconds to every grade, and make test runs both databases
       on the trusted variants (a suite linked with the code under test, in
       the sandbox, could not start a server at all). */
    setenv("PERFLAB_SQLITE_ONLY", "1", 1);
    char limit[32];
    snprintf(limit, sizeof limit, "%g", g->info.test_timeout_s);
    setenv("PERFLAB_TEST_TIMEOUT_S", limit, 1);
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
    unsetenv("PERFLAB_TEST_TIMEOUT_S");
    unsetenv("PERFLAB_SQLITE_ONLY");
    unsetenv("PERFLAB_WORKER_SANDBOX");
    int passed, failed;
    char names[400], error[256], how[200];
    suite_counts(r.output, &passed, &failed, names, sizeof names);
    first_error_line(r.output, error, sizeof error);
    if (ok && failed == 0 && passed > 0) {
        g->correctness = VERDICT_PASS;
        snprintf(g->correctness_detail, sizeof g->correctness_detail, "%d/%d tests pass", passed, passed);
    } else {
        g->correctness = VERDICT_FAIL;
        if (r.outcome == CHILD_EXITED && failed > 0)
            snprintf(g->correctness_detail, sizeof g->correctness_detail, "%d of %d tests fail: %s%s%s", failed,
                     passed + failed, names, error[0] ? " -- " : "", error);
        else if (r.outcome == CHILD_NOT_RUN)
            snprintf(g->correctness_detail, sizeof g->correctness_detail, "the test program could not be started: %s",
                     child_output_tail(&r, 3));
        else
            snprintf(g->correctness_detail, sizeof g->correctness_detail, "the test program %s%s%s%s",
                     child_describe(&r, how, sizeof how), names[0] ? " (failing: " : "", names,
                     names[0] ? ")" : "");
    }
    child_result_free(&r);
}

/* ---- performance --------------------------------------------------------------------------- */

/* Naive is measured in driver-trusted, which links no student code, so
   nothing a submission does can move naive's count; yours in
   driver-graded, which links yours alone: no reference it could call. */
static bool measure_uncached(const struct lab_grade *g, const char *out_dir, const struct criterion_info *c,
                             const char *variant, long x, double *value, char *why, size_t why_size);

/* Counts already taken, so that none is taken twice.
   - Naive's, for the rest of this process. Naive is measured in
     driver-trusted, built from the same pinned sources in every grade folder
     (no student code), so its count is the same in every grade (make test
     checks that the reference graded twice gets identical counts); a class
     or a scenario run then counts naive once per lab and size instead of
     once per submission.
   - Yours, for the rest of one grade only (grade_performance empties them):
     a lab whose work ratio and exponent share a size and a metric (Lab 9's
     peak heap at 1 MiB) runs it once, and the counters one counting run
     prints together (Lab 8's rounds, connections and 503s of one call) are
     read from that one run. The same binary on the same input: counts and
     massif's peaks are deterministic, so a second run could only repeat the
     first. Yours is never remembered across grades: that is what is graded. */
enum { MEMO_MAX = 128 };
static struct memo {
    int lab;
    bool naive; /* else yours, of the grade under way */
    char metric[64], sweep[64];
    long x;
    double value;
} memo[MEMO_MAX];
static size_t n_memo;

static void forget_yours(void)
{
    size_t kept = 0;
    for (size_t i = 0; i < n_memo; i++)
        if (memo[i].naive)
            memo[kept++] = memo[i];
    n_memo = kept;
}

static const struct memo *memo_find(int lab, bool naive, const char *metric, const char *sweep, long x)
{
    for (size_t i = 0; i < n_memo; i++)
        if (memo[i].lab == lab && memo[i].naive == naive && memo[i].x == x && strcmp(memo[i].metric, metric) == 0 &&
            strcmp(memo[i].sweep, sweep) == 0)
            return &memo[i];
    return NULL;
}

static void memo_keep(int lab, bool naive, const char *metric, const char *sweep, long x, double value)
{
    if (n_memo >= MEMO_MAX || strlen(metric) >= 64 || strlen(sweep) >= 64 ||
        memo_find(lab, naive, metric, sweep, x) != NULL) /* the first count stands */
        return;
    struct memo *m = &memo[n_memo++];
    m->lab = lab;
    m->naive = naive;
    m->x = x;
    m->value = value;
    strcpy(m->metric, metric);
    strcpy(m->sweep, sweep);
}

/* The counters of one counting run beside the one asked for. */
static void memo_keep_counts(int lab, const char *variant, const char *sweep, long x,
                             const struct measure_counts *all)
{
    bool naive = strcmp(variant, "naive") == 0;
    if (naive || strcmp(variant, "yours") == 0)
        for (size_t i = 0; i < all->n; i++)
            memo_keep(lab, naive, all->name[i], sweep, x, all->value[i]);
}

static bool measure(const struct lab_grade *g, const char *out_dir, const struct criterion_info *c,
                    const char *variant, long x, double *value, char *why, size_t why_size)
{
    bool naive = strcmp(variant, "naive") == 0, yours = strcmp(variant, "yours") == 0;
    const struct memo *m = naive || yours ? memo_find(g->lab, naive, c->metric, c->sweep, x) : NULL;
    if (m != NULL) {
        *value = m->value;
        return true;
    }
    bool ok = measure_uncached(g, out_dir, c, variant, x, value, why, why_size);
    if (ok && (naive || yours))
        memo_keep(g->lab, naive, c->metric, c->sweep, x, *value);
    return ok;
}

static bool measure_uncached(const struct lab_grade *g, const char *out_dir, const struct criterion_info *c,
                             const char *variant, long x, double *value, char *why, size_t why_size)
{
    bool graded = strcmp(variant, "yours") == 0;
    char driver[PATH_MAX + 64];
    bool counted_by_valgrind = strcmp(c->metric, "instructions") == 0 || strcmp(c->metric, "syscalls") == 0 ||
                               measure_is_memory_metric(c->metric);
    /* A counter the lab keeps on its trusted side (Lab 5's statements): the
       driver-remote, which links no student code, counts it, and runs yours
       in worker-yours, in the sandbox. Naive is counted in driver-trusted. */
    char remote[PATH_MAX + 64];
    snprintf(remote, sizeof remote, "%s/driver-remote", out_dir);
    bool has_remote = access(remote, X_OK) == 0;
    if (graded && !counted_by_valgrind && has_remote) {
        struct graded_run run;
        if (!graded_run_init(&run, out_dir, "worker-yours")) {
            snprintf(why, why_size, "cannot prepare %.300s", remote);
            return false;
        }
        setenv("PERFLAB_WORKER_SANDBOX", run.scratch, 1);
        struct measure_counts all;
        bool ok = measure_counter(remote, NULL, "yours", c->sweep, x, c->metric, g->info.perf_timeout_s, value, &all,
                                  why, why_size);
        if (ok)
            memo_keep_counts(g->lab, "yours", c->sweep, x, &all);
        unsetenv("PERFLAB_WORKER_SANDBOX");
        return ok;
    }
    /* A counter of a lab whose suite calls the code in a worker (worker-X
       exists) and counts in the suite itself is counted by that suite's
       program, `test-X X SWEEP N`: it is trusted and starts worker-X in the
       sandbox, so the count never comes from the process that runs the code
       (Lab 8: its HTTP server counts). */
    char worker[PATH_MAX + 64];
    snprintf(worker, sizeof worker, "%s/worker-%s", out_dir, variant);
    if (!counted_by_valgrind && !has_remote && access(worker, X_OK) == 0) {
        struct graded_run run;
        if (!graded_run_init(&run, out_dir, graded ? "test-yours" : "test-naive")) {
            snprintf(why, why_size, "cannot prepare %.300s/test-%s", out_dir, variant);
            return false;
        }
        setenv("PERFLAB_WORKER_SANDBOX", run.scratch, 1);
        struct measure_counts all;
        bool ok = measure_counter(run.binary, NULL, variant, c->sweep, x, c->metric, g->info.perf_timeout_s, value,
                                  &all, why, why_size);
        if (ok)
            memo_keep_counts(g->lab, variant, c->sweep, x, &all);
        unsetenv("PERFLAB_WORKER_SANDBOX");
        return ok;
    }
    snprintf(driver, sizeof driver, "%s/%s", out_dir, graded ? "driver-graded" : "driver-trusted");
    struct graded_run run;
    const struct sandbox *sandbox = NULL;
    if (graded) {
        if (!graded_run_init(&run, out_dir, "driver-graded")) {
            snprintf(why, why_size, "cannot prepare %.300s", driver);
            return false;
        }
        sandbox = &run.sandbox;
        snprintf(driver, sizeof driver, "%s", run.binary);
    }
    if (strcmp(c->metric, "instructions") == 0)
        return measure_instructions(driver, sandbox, variant, c->sweep, x, g->info.perf_timeout_s, value, why,
                                    why_size);
    if (measure_is_memory_metric(c->metric))
        return measure_memory(driver, sandbox, variant, c->sweep, x, c->metric, g->info.perf_timeout_s, value, why,
                              why_size);
    if (strcmp(c->metric, "syscalls") == 0)
        return measure_syscalls(driver, sandbox, variant, c->sweep, x, g->info.perf_timeout_s, value, why,
                                why_size);
    struct measure_counts all;
    bool ok = measure_counter(driver, sandbox, variant, c->sweep, x, c->metric, g->info.perf_timeout_s, value, &all,
                              why, why_size);
    if (ok)
        memo_keep_counts(g->lab, variant, c->sweep, x, &all);
    return ok;
}

static const char *metric_text(const char *metric, double value, char *buf, size_t size)
{
    char count[48];
    snprintf(buf, size, "%s %s", format_count(value, count, sizeof count), metric);
    return buf;
}

/* Where the extra work goes: the work ratio at each named x of the
   criterion's breakdown sweep (lab 2: per id scheme). */
static void explain_parts(struct lab_grade *g, const char *out_dir, const struct criterion_info *c,
                          struct criterion_result *cr)
{
    struct criterion_info part = *c;
    snprintf(part.sweep, sizeof part.sweep, "%s", c->breakdown);
    size_t len = strlen(cr->detail);
    len += (size_t)snprintf(cr->detail + len, sizeof cr->detail - len, "; by %s:", c->breakdown);
    for (size_t i = 0; i < c->n_parts && len < sizeof cr->detail; i++) {
        double naive, yours;
        char why[400], ratio[32];
        if (!measure(g, out_dir, &part, "naive", c->part_xs[i], &naive, why, sizeof why) ||
            !measure(g, out_dir, &part, "yours", c->part_xs[i], &yours, why, sizeof why))
            break;
        len += (size_t)snprintf(cr->detail + len, sizeof cr->detail - len, " %s %s%s", c->part_names[i],
                                format_ratio(yours > 0 ? naive / yours : INFINITY, ratio, sizeof ratio),
                                i + 1 < c->n_parts ? "," : "");
    }
}

static void judge_work_ratio(struct lab_grade *g, const char *out_dir, const struct criterion_info *c,
                             struct criterion_result *cr)
{
    char why[400], a[80], b[80], ratio[32];
    long x = c->xs[0];
    if (!measure(g, out_dir, c, "naive", x, &cr->naive, why, sizeof why)) {
        cr->verdict = VERDICT_FAIL;
        snprintf(cr->detail, sizeof cr->detail, "could not measure naive: %s", why);
        return;
    }
    if (!measure(g, out_dir, c, "yours", x, &cr->yours, why, sizeof why)) {
        cr->verdict = VERDICT_FAIL;
        snprintf(cr->detail, sizeof cr->detail, "yours %s", why);
        return;
    }
    cr->value = cr->yours > 0 ? cr->naive / cr->yours : INFINITY;
    cr->verdict = cr->value >= c->bound ? VERDICT_PASS : VERDICT_FAIL;
    snprintf(cr->detail, sizeof cr->detail, "%s (naive %s, yours %s)", format_ratio(cr->value, ratio, sizeof ratio),
             metric_text(c->metric, cr->naive, a, sizeof a), metric_text(c->metric, cr->yours, b, sizeof b));
    if (cr->verdict == VERDICT_FAIL && c->n_parts > 0)
        explain_parts(g, out_dir, c, cr);
}

/* Sizes ascending; after each one (from the second on) the exponent so far is
   fitted, and the first fit over the bound ends the measurement: code that
   is quadratic at small sizes never runs at the large ones, so it costs
   seconds, not minutes. Code that is fast only at small sizes (the targets
   reach 8x past the work-ratio size) is caught by the large ones. */
static void judge_exponent(struct lab_grade *g, const char *out_dir, const struct criterion_info *c,
                           struct criterion_result *cr)
{
    double xs[PERFLAB_MAX_CRITERION_XS], ys[PERFLAB_MAX_CRITERION_XS];
    char why[400];
    size_t n = 0;
    struct power_fit fit = { 0, 0, 0 };
    bool fitted = false;
    for (size_t i = 0; i < c->n_xs; i++) {
        xs[n] = (double)c->xs[i];
        if (!measure(g, out_dir, c, "yours", c->xs[i], &ys[n], why, sizeof why)) {
            cr->verdict = VERDICT_FAIL;
            snprintf(cr->detail, sizeof cr->detail, "yours at %s = %ld %s", c->x_name, c->xs[i], why);
            return;
        }
        n++;
        if (n >= 2) {
            fitted = fit_power_law(xs, ys, n, &fit);
            if (fitted && fit.exponent > c->bound)
                break;
        }
    }
    if (!fitted) {
        cr->verdict = VERDICT_FAIL;
        snprintf(cr->detail, sizeof cr->detail, "no exponent could be fitted (a zero count?)");
        return;
    }
    cr->value = fit.exponent;
    cr->yours = ys[n - 1];
    cr->verdict = fit.exponent <= c->bound ? VERDICT_PASS : VERDICT_FAIL;
    size_t len = (size_t)snprintf(cr->detail, sizeof cr->detail, "%.2f (", fit.exponent);
    for (size_t i = 0; i < n && len < sizeof cr->detail; i++) {
        char count[48], x[48];
        len += (size_t)snprintf(cr->detail + len, sizeof cr->detail - len, "%s%s at %s", i ? ", " : "",
                                format_count(ys[i], count, sizeof count), format_count(xs[i], x, sizeof x));
    }
    if (len < sizeof cr->detail)
        snprintf(cr->detail + len, sizeof cr->detail - len, " %s%s)", c->metric,
                 n < c->n_xs ? "; larger sizes not run: the exponent is already over the bound" : "");
}

static void judge_at_most(struct lab_grade *g, const char *out_dir, const struct criterion_info *c,
                          struct criterion_result *cr)
{
    char why[400];
    size_t len = 0;
    cr->verdict = VERDICT_PASS;
    cr->value = 0;
    for (size_t i = 0; i < c->n_xs; i++) {
        double value;
        if (!measure(g, out_dir, c, "yours", c->xs[i], &value, why, sizeof why)) {
            cr->verdict = VERDICT_FAIL;
            snprintf(cr->detail, sizeof cr->detail, "yours at %s = %ld %s", c->x_name, c->xs[i], why);
            return;
        }
        if (c->bound_at[i] > 0 && value / c->bound_at[i] > cr->value)
            cr->value = value / c->bound_at[i];
        cr->yours = value;
        char a[48], b[48];
        if (len < sizeof cr->detail)
            len += (size_t)snprintf(cr->detail + len, sizeof cr->detail - len, "%s%s = %ld: %s (limit %s)",
                                    i ? "; " : "", c->x_name, c->xs[i], format_count(value, a, sizeof a),
                                    format_count(c->bound_at[i], b, sizeof b));
        if (value > c->bound_at[i]) {
            cr->verdict = VERDICT_FAIL; /* larger sizes would only cost time: the verdict is known */
            return;
        }
    }
}

static void grade_performance(struct lab_grade *g, const char *out_dir)
{
    size_t n = g->info.n_criteria;
    double share = n > 0 ? (double)PERFORMANCE_POINTS / (double)n : 0;
    g->performance = n > 0 ? VERDICT_PASS : VERDICT_FAIL;
    forget_yours(); /* this grade's counts of yours only */
    for (size_t i = 0; i < n; i++) {
        struct criterion_result *cr = &g->criteria[i];
        const struct criterion_info *c = &g->info.criteria[i];
        cr->max_points = share;
        if (g->not_started) {
            cr->verdict = VERDICT_FAIL;
            snprintf(cr->detail, sizeof cr->detail, "not started: optimized.c is still the naive code");
        } else if (g->correctness != VERDICT_PASS) {
            cr->verdict = VERDICT_NOT_RUN;
            snprintf(cr->detail, sizeof cr->detail, "not measured: correctness comes first");
        } else if (c->kind == PERFLAB_WORK_RATIO) {
            judge_work_ratio(g, out_dir, c, cr);
        } else if (c->kind == PERFLAB_EXPONENT) {
            judge_exponent(g, out_dir, c, cr);
        } else {
            judge_at_most(g, out_dir, c, cr);
        }
        cr->points = cr->verdict == VERDICT_PASS ? share : 0;
        if (cr->verdict != VERDICT_PASS)
            g->performance = cr->verdict;
    }
    if (g->not_started)
        snprintf(g->performance_detail, sizeof g->performance_detail,
                 "not met -- not started: labs/%s/optimized.c is still the naive code", g->info.slug);
    else if (g->performance == VERDICT_NOT_RUN)
        snprintf(g->performance_detail, sizeof g->performance_detail, "not measured: correctness comes first");
    else if (g->performance == VERDICT_FAIL)
        snprintf(g->performance_detail, sizeof g->performance_detail, "not met");
}

/* Wall clock beside the verdict: naive vs yours in one bench run (bench-graded:
   those two alone), median of 3. */
static void measure_wall_clock(struct lab_grade *g, const char *out_dir)
{
    const struct criterion_info *c = &g->info.criteria[0];
    if (g->info.n_criteria == 0 || g->correctness != VERDICT_PASS)
        return;
    struct graded_run run;
    if (!graded_run_init(&run, out_dir, "bench-graded"))
        return;
    char summary[PATH_MAX + 32], x_text[32], tmp[64], tmp2[64], tmp3[64];
    snprintf(summary, sizeof summary, "%s/wall-clock.txt", run.scratch);
    snprintf(x_text, sizeof x_text, "%ld", c->xs[0]);
    char *argv[] = { run.binary, "--sweep", (char *)c->sweep, "--xs", x_text, "--variants", "naive,yours",
                     "--reps", "3", "--min-time", "0.02", "--no-files", "--summary", summary, NULL };
    struct child_limits limits = { .timeout_s = g->info.perf_timeout_s, .sandbox = &run.sandbox };
    struct child_result r;
    remove(summary);
    bool ok = child_run(argv, &limits, &r);
    child_result_free(&r);
    char *data = ok ? file_read(summary, NULL) : NULL;
    double naive = 0, yours = 0;
    for (char *line = data ? strtok(data, "\n") : NULL; line != NULL; line = strtok(NULL, "\n")) {
        char sweep[64], variant[64];
        long x;
        double seconds;
        if (sscanf(line, "%63s %63s %ld %lf", sweep, variant, &x, &seconds) == 4) {
            if (strcmp(variant, "naive") == 0)
                naive = seconds;
            else if (strcmp(variant, "yours") == 0)
                yours = seconds;
        }
    }
    free(data);
    if (naive > 0 && yours > 0) {
        g->wall_speedup = naive / yours;
        snprintf(g->wall_detail, sizeof g->wall_detail, "%s (naive %s, yours %s at %s = %s; median of 3)",
                 format_ratio(g->wall_speedup, tmp, sizeof tmp), format_seconds(naive, tmp2, sizeof tmp2),
                 format_seconds(yours, tmp3, sizeof tmp3), c->x_name, format_count((double)c->xs[0], x_text, sizeof x_text));
    } else {
        snprintf(g->wall_detail, sizeof g->wall_detail, "not measured (the benchmark did not finish)");
    }
}

/* ---- the submission's own folder ------------------------------------------------------- */

enum { MAX_SOURCE_BYTES = 1 << 20 };

/* A fresh folder for one grade under $BUILD/grade-runs/, so that grades never
   share files: two at once in one tree, or many in parallel, give the
   verdicts they give one at a time. */
static bool fresh_folder(int lab, char *out, size_t size)
{
    char runs[400];
    snprintf(runs, sizeof runs, "%.300s/grade-runs", env_build_root());
    mkdir(env_build_root(), 0777);
    mkdir(runs, 0777);
    snprintf(out, size, "%s/lab-%d.XXXXXX", runs, lab);
    /* mkdtemp makes it 0700; the sandbox's user (nobody, when we are root)
       must be able to reach the binaries in it. */
    return mkdtemp(out) != NULL && chmod(out, 0755) == 0;
}

/* ---- seeding a grade's folder ---- */

/* Copies src to dst with its modification time, so make sees it as built.
   The time is the one of the file read (fstat of the open file): if make
   renames a new one into place meanwhile, the copy is the old file whole,
   with the old file's time, which make then judges as it would the old. */
static bool copy_built(const char *src, const char *dst)
{
    struct stat st;
    FILE *in = fopen(src, "rb");
    if (in == NULL)
        return false;
    if (fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(in);
        return false;
    }
    FILE *out = fopen(dst, "wb");
    bool ok = out != NULL;
    char buf[1 << 16];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    fclose(in);
    if (out != NULL && fclose(out) != 0)
        ok = false;
    if (ok) {
        chmod(dst, st.st_mode & 0777);
        struct timespec times[2] = { st.st_atim, st.st_mtim };
        ok = utimensat(AT_FDCWD, dst, times, 0) == 0;
    }
    if (!ok)
        unlink(dst);
    return ok;
}

/* A grade builds its lab in a fresh folder. What contains no student code
   (the pinned variants, the support code, the suite's side, driver-trusted)
   is the same in every grade, so it is copied from the lab's own build
   ($BUILD/lab-N, when built), with its times: make then compiles only the
   submission and links what uses it. Nothing of yours is copied (the
   student's object, and every binary or list that names it, is rebuilt),
   and make still rebuilds any copy older than its sources. A missing or
   partial lab build just means more to compile.

   A `make lab-N` may be rebuilding that folder meanwhile. It never leaves a
   half-written file under a file's own name: every lab rule writes
   <file>.tmp and renames it into place (Makefile; make test's Lab 1 part
   checks every compile, link and objcopy of a lab build for it). So what is
   copied here is some whole version of each file, with that version's time
   (copy_built), and the *.tmp files being written are never copied. Copies
   of different ages may mix; make orders them by their times as it would in
   $BUILD/lab-N itself, rebuilding whatever is older than its sources. */
static void seed_from_lab_build(int lab, const char *out_dir)
{
    static const char *const dirs[] = { "variants", "renamed", "support", "trusted" };
    static const char *const files[] = { "tests.o", "remote.o", "worker.o", "driver-trusted", "test-naive",
                                         "worker-naive" };
    char from[700], to[700], src[1200], dst[1200];
    snprintf(from, sizeof from, "%s/lab-%d", env_build_root(), lab);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(src, sizeof src, "%s/%s", from, files[i]);
        snprintf(dst, sizeof dst, "%s/%s", out_dir, files[i]);
        copy_built(src, dst);
    }
    for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
        snprintf(src, sizeof src, "%s/%s", from, dirs[d]);
        DIR *dir = opendir(src);
        if (dir == NULL)
            continue;
        snprintf(to, sizeof to, "%s/%s", out_dir, dirs[d]);
        mkdir(to, 0755);
        for (struct dirent *e; (e = readdir(dir)) != NULL;) {
            size_t len = strlen(e->d_name);
            if (e->d_name[0] == '.' || strncmp(e->d_name, "yours.", 6) == 0)
                continue; /* the student's: always built here */
            if (len >= 4 && strcmp(e->d_name + len - 4, ".tmp") == 0)
                continue; /* being written by a make that runs now */
            snprintf(src, sizeof src, "%s/%s/%s", from, dirs[d], e->d_name);
            snprintf(dst, sizeof dst, "%s/%s", to, e->d_name);
            copy_built(src, dst);
        }
        closedir(dir);
    }
}

/* Copy the graded file to out_dir/submission/optimized.c: the build only ever
   sees that name, so no path a user gives reaches make or a shell, and the
   file cannot change under the grade. Returns false with why filled for a
   file that cannot be graded (missing, unreadable, binary, too large). */
static bool copy_submission(const char *source, const char *out_dir, char *copy, size_t copy_size, char *why,
                            size_t why_size)
{
    size_t len = 0;
    char *data = file_read(source, &len);
    if (data == NULL) {
        snprintf(why, why_size, "cannot read %s: %s", source, strerror(errno));
        return false;
    }
    bool ok = false;
    if (len > MAX_SOURCE_BYTES)
        snprintf(why, why_size, "%s is %zu bytes: a C source file of the lab is far smaller (limit 1 MiB)", source, len);
    else if (memchr(data, '\0', len) != NULL)
        snprintf(why, why_size, "%s is not a C source file (it contains NUL bytes)", source);
    else {
        char dir[700];
        snprintf(dir, sizeof dir, "%s/submission", out_dir);
        mkdir(dir, 0777);
        snprintf(copy, copy_size, "%s/optimized.c", dir);
        FILE *f = fopen(copy, "w");
        ok = f != NULL && fwrite(data, 1, len, f) == len;
        if (f != NULL)
            ok = fclose(f) == 0 && ok;
        if (!ok)
            snprintf(why, why_size, "cannot write %s: %s", copy, strerror(errno));
    }
    free(data);
    return ok;
}

/* Valgrind's client requests (CALLGRIND_STOP_INSTRUMENTATION and the like)
   start with a fixed, otherwise meaningless instruction sequence: four
   rotations of rdi that add up to a full turn. An object that contains it
   can switch callgrind's counting off around its own slow code. */
static bool has_client_requests(const char *object)
{
    static const unsigned char preamble[] = { 0x48, 0xc1, 0xc7, 0x03, 0x48, 0xc1, 0xc7, 0x0d,
                                              0x48, 0xc1, 0xc7, 0x3d, 0x48, 0xc1, 0xc7, 0x33 };
    size_t len = 0;
    char *data = file_read(object, &len);
    bool found = false;
    for (size_t i = 0; data != NULL && i + sizeof preamble <= len && !found; i++)
        found = memcmp(data + i, preamble, sizeof preamble) == 0;
    free(data);
    return found;
}

/* The compiler's first error line (file:line:col: error: ...) and the two
   lines of context below it, naming the file as the user named it. */
static void first_compiler_error(const struct child_result *build, const char *copy, const char *source, char *buf,
                                 size_t size)
{
    const char *output = build->output ? build->output : "";
    const char *at = strstr(output, ": error: ");
    if (at == NULL)
        at = strstr(output, ": fatal error: ");
    const char *undefined = strstr(output, "undefined reference to");
    if (undefined != NULL && (at == NULL || undefined < at || strncmp(at - 8, "collect2", 8) == 0))
        at = undefined; /* the linker's own words, not collect2's summary */
    const char *start = at, *end = at;
    if (at == NULL) {
        start = child_output_tail(build, 12);
        end = start + strlen(start);
    } else {
        while (start > output && start[-1] != '\n')
            start--;
        for (int lines = 0; lines < 3 && *end; lines++)
            end += strcspn(end, "\n") + (end[strcspn(end, "\n")] ? 1 : 0);
    }
    size_t len = 0, copy_len = strlen(copy);
    buf[0] = '\0';
    for (const char *p = start; p < end && len + 1 < size;) {
        if ((size_t)(end - p) >= copy_len && strncmp(p, copy, copy_len) == 0) {
            len += (size_t)snprintf(buf + len, size - len, "%s", source);
            p += copy_len;
        } else {
            buf[len++] = *p++;
            buf[len] = '\0';
        }
    }
    if (len >= size)
        buf[size - 1] = '\0';
}

/* ---- one lab ----------------------------------------------------------------------------------- */

/* "  [PASS] what" and the detail indented below it. */
static void print_line(const char *what, const char *verdict, const char *detail)
{
    printf("  [%s] %s\n", verdict, what);
    if (detail != NULL && detail[0] != '\0')
        printf("         %s\n", detail);
}

/* The grader itself failed (toolchain, a lab's own code): not the student's 0. */
static void grader_failed(struct lab_grade *g, const char *what, const char *detail)
{
    g->grader_error = true;
    g->correctness = g->performance = VERDICT_NOT_RUN;
    snprintf(g->correctness_detail, sizeof g->correctness_detail, "grader error: %s%s%s", what,
             detail[0] ? "\n" : "", detail);
    print_line(what, "GRADER ERROR", detail);
    printf("  lab %d: not graded -- the grader or the toolchain failed, not the submission\n", g->lab);
}

/* A submission's fault before any test ran (does not compile, refused). */
static void submission_failed(struct lab_grade *g, const char *what, const char *detail)
{
    g->correctness = VERDICT_FAIL;
    snprintf(g->correctness_detail, sizeof g->correctness_detail, "%s%s%s", what, detail[0] ? ":\n" : "", detail);
    print_line(what, "FAIL", detail);
    printf("  lab %d: FAIL  0/%.0f\n", g->lab, g->max_score);
}

/* Counted work and the clock disagree by a wide factor: a person looks. */
static void cross_check(struct lab_grade *g)
{
    for (size_t i = 0; i < g->info.n_criteria; i++) {
        struct criterion_result *cr = &g->criteria[i];
        const char *metric = g->info.criteria[i].metric; /* callgrind's counts: instructions, system calls */
        if (g->info.criteria[i].kind == PERFLAB_WORK_RATIO &&
            (strcmp(metric, "instructions") == 0 || strcmp(metric, "syscalls") == 0) &&
            cr->verdict == VERDICT_PASS && cr->value >= REVIEW_COUNTED_AT_LEAST && g->wall_speedup > 0 &&
            g->wall_speedup <= REVIEW_CLOCK_AT_MOST) {
            char a[32], b[32];
            g->performance = cr->verdict = VERDICT_REVIEW;
            cr->points = 0; /* until a person has looked */
            snprintf(g->performance_detail, sizeof g->performance_detail,
                     "REVIEW: counted work says %s less, the clock says only %s faster -- code that behaves "
                     "differently under callgrind? A person should read it.",
                     format_ratio(cr->value, a, sizeof a), format_ratio(g->wall_speedup, b, sizeof b));
        }
    }
}

static void grade_one(const struct grade_request *req, struct lab_grade *g, bool wall_clock)
{
    memset(g, 0, sizeof *g);
    g->lab = req->lab;
    g->max_score = CORRECTNESS_POINTS + PERFORMANCE_POINTS;
    g->correctness = g->performance = VERDICT_NOT_RUN;
    snprintf(g->label, sizeof g->label, "%s", req->label ? req->label : "");
    char slug[128], out_dir[600], naive[700], copy[800], why[1200];
    if (!labs_slug(req->lab, slug, sizeof slug)) {
        char labs[128];
        snprintf(g->name, sizeof g->name, "lab %d", req->lab);
        snprintf(g->correctness_detail, sizeof g->correctness_detail, "there is no lab %d (labs: %s)", req->lab,
                 labs_list_text(labs, sizeof labs));
        g->correctness = VERDICT_FAIL;
        printf("\n%s: FAIL -- %s\n", g->name, g->correctness_detail);
        return;
    }
    if (req->yours)
        snprintf(g->source, sizeof g->source, "%s", req->yours);
    else
        snprintf(g->source, sizeof g->source, "labs/%s/optimized.c", slug);
    snprintf(naive, sizeof naive, "labs/%s/naive.c", slug);
    snprintf(g->name, sizeof g->name, "lab %d", req->lab);

    printf("\n== grading lab %d: %s%s%s%s\n", req->lab, g->source, g->label[0] ? "  [scenario: " : "",
           g->label, g->label[0] ? "]" : "");
    fflush(stdout);

    bool own_folder = req->out_dir == NULL;
    if (own_folder) {
        if (!fresh_folder(req->lab, out_dir, sizeof out_dir)) {
            snprintf(why, sizeof why, "%s: %s", out_dir, strerror(errno));
            grader_failed(g, "cannot make a folder for this grade", why);
            return;
        }
    } else {
        snprintf(out_dir, sizeof out_dir, "%s", req->out_dir);
        mkdir(out_dir, 0777);
    }

    seed_from_lab_build(req->lab, out_dir);
    if (!copy_submission(g->source, out_dir, copy, sizeof copy, why, sizeof why)) {
        submission_failed(g, "cannot be graded", why);
        goto done;
    }

    /* First what contains no student code: if that fails, the grader or the
       toolchain is broken (CC=nonexistent, a missing library), not the
       submission. Then the student's file. */
    struct child_result build;
    char targets[2200];
    snprintf(targets, sizeof targets, "%s/driver-trusted %s/test-naive", out_dir, out_dir);
    if (!build_lab(req->lab, out_dir, copy, targets, true, &build)) {
        grader_failed(g, "the lab itself does not build", child_output_tail(&build, 8));
        child_result_free(&build);
        goto done;
    }
    child_result_free(&build);
    /* graded-N: test-yours, driver-graded, bench-graded, and what the lab
       adds (Lab 5: driver-remote). */
    snprintf(targets, sizeof targets, "graded-%d", req->lab);
    /* The student's file is compiled in the sandbox (it could #include any
       file the grader can read), then linked by make, which keeps its object. */
    bool grader_error = false;
    bool built = build_compile_yours(req->lab, slug, out_dir, copy, &grader_error, &build);
    if (!built && grader_error) {
        grader_failed(g, "cannot compile the submission in the sandbox", child_output_tail(&build, 8));
        child_result_free(&build);
        goto done;
    }
    if (built) {
        child_result_free(&build);
        built = build_lab(req->lab, out_dir, copy, targets, false, &build);
    }
    if (!built) {
        char first[900];
        first_compiler_error(&build, copy, g->source, first, sizeof first);
        child_result_free(&build);
        submission_failed(g, "does not compile", first);
        goto done;
    }
    child_result_free(&build);
    g->built = true;

    char error[400];
    if (!labs_describe(out_dir, &g->info, error, sizeof error)) {
        grader_failed(g, "the lab's driver failed", error);
        goto done;
    }
    snprintf(g->name, sizeof g->name, "lab %d (%s)", req->lab, g->info.title);

    char object[800];
    snprintf(object, sizeof object, "%s/variants/yours.o", out_dir);
    if (has_client_requests(object)) {
        submission_failed(g, "refused",
                          "the object contains Valgrind client requests (valgrind.h / callgrind.h macros), "
                          "which can switch the instruction count off; remove them");
        goto done;
    }
    g->not_started = same_code(copy, naive);

    grade_correctness(g, out_dir);
    print_line("correctness (pinned cmocka suite)", grader_verdict_name(g->correctness), g->correctness_detail);
    fflush(stdout);

    grade_performance(g, out_dir);
    for (size_t i = 0; i < g->info.n_criteria; i++)
        print_line(g->info.criteria[i].text, grader_verdict_name(g->criteria[i].verdict), g->criteria[i].detail);

    if (wall_clock && !g->not_started) {
        measure_wall_clock(g, out_dir);
        if (g->wall_detail[0])
            print_line("wall-clock speedup, shown beside, not graded", "info", g->wall_detail);
        if (g->performance == VERDICT_PASS)
            cross_check(g);
    }

    g->score = (g->correctness == VERDICT_PASS ? CORRECTNESS_POINTS : 0);
    for (size_t i = 0; i < g->info.n_criteria; i++)
        g->score += g->criteria[i].points;
    printf("  lab %d: %s  %.0f/%.0f%s%s\n", req->lab,
           g->performance == VERDICT_REVIEW ? "REVIEW" : lab_passed(g) ? "PASS" : "FAIL", g->score, g->max_score,
           g->performance_detail[0] ? "  -- performance " : "", g->performance_detail);
    fflush(stdout);
done:
    if (own_folder && getenv("PERFLAB_KEEP") == NULL)
        file_remove_tree(out_dir);
}

/* ---- reports ------------------------------------------------------------------------------------- */

/* Reports are written to path.tmp and renamed into place at the end, so a
   reader (or an interrupted grade) never sees half a report. */
static FILE *open_report(const char *path, char *tmp, size_t size)
{
    snprintf(tmp, size, "%s.tmp", path);
    return fopen(tmp, "w");
}

static void close_report(FILE *f, const char *tmp, const char *path)
{
    if (fclose(f) == 0)
        rename(tmp, path);
    else
        remove(tmp);
}

static void write_report(const struct lab_grade *grades, size_t n, double score, double max, const char *path)
{
    char tmp[800];
    FILE *f = open_report(path, tmp, sizeof tmp);
    if (f == NULL)
        return;
    struct json j;
    json_start(&j, f);
    json_object_begin(&j, NULL);
    json_number(&j, "score", score);
    json_number(&j, "max_score", max);
    json_array_begin(&j, "labs");
    for (size_t i = 0; i < n; i++) {
        const struct lab_grade *g = &grades[i];
        json_object_begin(&j, NULL);
        json_number(&j, "lab", g->lab);
        json_string(&j, "name", g->name);
        json_string(&j, "source", g->source);
        if (g->label[0])
            json_string(&j, "scenario", g->label);
        json_bool(&j, "passed", lab_passed(g));
        json_bool(&j, "built", g->built);
        json_bool(&j, "grader_error", g->grader_error);
        json_bool(&j, "review", g->performance == VERDICT_REVIEW);
        json_bool(&j, "not_started", g->not_started);
        json_number(&j, "score", g->score);
        json_number(&j, "max_score", g->max_score);
        json_object_begin(&j, "correctness");
        json_string(&j, "verdict", grader_verdict_name(g->correctness));
        json_string(&j, "detail", g->correctness_detail);
        json_object_end(&j);
        json_object_begin(&j, "performance");
        json_string(&j, "verdict", grader_verdict_name(g->performance));
        json_array_begin(&j, "criteria");
        for (size_t k = 0; k < g->info.n_criteria; k++) {
            const struct criterion_result *cr = &g->criteria[k];
            json_object_begin(&j, NULL);
            json_string(&j, "target", g->info.criteria[k].text);
            json_string(&j, "verdict", grader_verdict_name(cr->verdict));
            json_number(&j, "value", cr->value);
            json_number(&j, "bound", g->info.criteria[k].bound);
            json_string(&j, "detail", cr->detail);
            json_number(&j, "points", cr->points);
            json_number(&j, "max_points", cr->max_points);
            json_object_end(&j);
        }
        json_array_end(&j);
        json_object_end(&j);
        if (g->wall_speedup > 0)
            json_number(&j, "wall_clock_speedup_not_graded", g->wall_speedup);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_end(&j);
    json_finish(&j);
    close_report(f, tmp, path);
}

/* Gradescope's autograder format: one "test" per correctness half and per criterion. */
static void write_gradescope(const struct lab_grade *grades, size_t n, double score, const char *path)
{
    char tmp[800];
    FILE *f = open_report(path, tmp, sizeof tmp);
    if (f == NULL)
        return;
    struct json j;
    json_start(&j, f);
    json_object_begin(&j, NULL);
    json_number(&j, "score", score);
    json_string(&j, "output", "Performance is graded on counted work (callgrind instructions, counters), not time.");
    json_array_begin(&j, "tests");
    for (size_t i = 0; i < n; i++) {
        const struct lab_grade *g = &grades[i];
        char name[400];
        json_object_begin(&j, NULL);
        snprintf(name, sizeof name, "%s: correctness", g->name);
        json_string(&j, "name", name);
        json_number(&j, "score", g->correctness == VERDICT_PASS ? CORRECTNESS_POINTS : 0);
        json_number(&j, "max_score", CORRECTNESS_POINTS);
        json_string(&j, "status", g->correctness == VERDICT_PASS ? "passed" : "failed");
        json_string(&j, "output", g->correctness_detail);
        json_object_end(&j);
        for (size_t k = 0; k < g->info.n_criteria; k++) {
            json_object_begin(&j, NULL);
            snprintf(name, sizeof name, "%s: %s", g->name, g->info.criteria[k].text);
            json_string(&j, "name", name);
            json_number(&j, "score", g->criteria[k].points);
            json_number(&j, "max_score", g->criteria[k].max_points);
            json_string(&j, "status", g->criteria[k].verdict == VERDICT_PASS ? "passed" : "failed");
            if (g->criteria[k].verdict == VERDICT_REVIEW)
                json_string(&j, "visibility", "after_published");
            json_string(&j, "output", g->criteria[k].detail);
            json_object_end(&j);
        }
    }
    json_array_end(&j);
    json_object_end(&j);
    json_finish(&j);
    close_report(f, tmp, path);
}

bool grader_sandbox_works(const char *scratch)
{
    char dir[PATH_MAX];
    mkdir(scratch, 0700);
    if (realpath(scratch, dir) == NULL)
        return false;
    struct sandbox sb = { .scratch = dir };
    char *argv[] = { "/usr/bin/true", NULL };
    struct child_limits limits = { .timeout_s = 60, .sandbox = &sb };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r); /* child_run checks the sandbox first (sandbox_prepare) */
    if (!ok)
        printf("perflab: the sandbox that student code runs in does not start here, so nothing is "
               "graded (a grade without it would read as the student's code failing):\n%s\n",
               child_output_tail(&r, 8));
    child_result_free(&r);
    return ok;
}

int grader_grade_labs(const struct grade_request *requests, size_t n, struct lab_grade *grades,
                      const char *report_dir, bool measure_wall_clock_too)
{
    char path[700], path2[700];
    if (report_dir != NULL) {
        /* A report left by an earlier (or interrupted) grade must never pass
           for this one's: remove it before grading starts. */
        mkdir(report_dir, 0777);
        snprintf(path, sizeof path, "%s/report.json", report_dir);
        snprintf(path2, sizeof path2, "%s/results.json", report_dir);
        remove(path);
        remove(path2);
    }
    int failed = 0;
    double score = 0, max = 0;
    for (size_t i = 0; i < n; i++) {
        grade_one(&requests[i], &grades[i], measure_wall_clock_too);
        if (!lab_passed(&grades[i]))
            failed++;
        score += grades[i].score;
        max += grades[i].max_score;
    }
    if (report_dir != NULL) {
        write_report(grades, n, score, max, path);
        write_gradescope(grades, n, score, path2);
        printf("\ntotal: %.0f/%.0f -- %zu lab%s passed, %d failed\n", score, max, n - (size_t)failed,
               n - (size_t)failed == 1 ? "" : "s", failed);
        printf("reports: %s (perflab) and %s (Gradescope format)\n", path, path2);
    }
    return failed;
}
