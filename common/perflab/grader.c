/*
 * grader.c -- the grading engine behind make grade and the grader scenarios
 * (see grader.h for the rules).
 */
#include "grader.h"

#include "build.h"
#include "env.h"
#include "files.h"
#include "labs.h"
#include "measure.h"
#include "suite.h"

#include "../child.h"
#include "../fit.h"
#include "../format.h"
#include "../json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { CORRECTNESS_POINTS = 50, PERFORMANCE_POINTS = 50 };

const char *grader_verdict_name(enum verdict v)
{
    return v == VERDICT_PASS ? "PASS" : v == VERDICT_FAIL ? "FAIL" : "not run";
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

/* The first failed assertion's own message. cmocka prints it on the line
   before "[   LINE   ] --- file:line: error: Failure!"; assertions such as
   assert_string_equal print it as "[  ERROR   ] --- message". fail_msg()
   (cmocka 1.1) prints "ERROR: message" on a line of its own, and then the
   LINE marker on the same line as an empty "[  ERROR   ] --- ". */
static void first_error_line(const char *output, char *buf, size_t size)
{
    buf[0] = '\0';
    const char *at = strstr(output, "[   LINE   ]");
    const char *start = NULL;
    if (at != NULL && at > output) {
        const char *line = at; /* the start of the LINE marker's line */
        while (line > output && line[-1] != '\n')
            line--;
        if (line != at && strncmp(line, "[  ERROR   ] --- [   LINE   ]", 29) == 0 && line > output)
            at = line; /* fail_msg: the message is the line before this one */
        const char *end = at - 1; /* the newline before the LINE marker */
        start = end;
        while (start > output && start[-1] != '\n')
            start--;
    } else {
        start = strstr(output, "[  ERROR   ]");
    }
    if (start == NULL)
        return;
    if (strncmp(start, "[  ERROR   ] --- ", 17) == 0)
        start += 17;
    else if (strncmp(start, "ERROR: ", 7) == 0)
        start += 7;
    size_t len = strcspn(start, "\n");
    snprintf(buf, size, "%.*s%s", (int)(len < 120 ? len : 120), start, len > 120 ? "..." : "");
}

static void grade_correctness(struct lab_grade *g, const char *out_dir)
{
    char test[700];
    snprintf(test, sizeof test, "%s/test-yours", out_dir);
    char *argv[] = { test, NULL };
    struct child_limits limits = { .timeout_s = g->info.test_timeout_s, .memory_bytes = env_memory_limit() };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
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
        else
            snprintf(g->correctness_detail, sizeof g->correctness_detail, "the test program %s%s%s%s",
                     child_describe(&r, how, sizeof how), names[0] ? " (failing: " : "", names,
                     names[0] ? ")" : "");
    }
    child_result_free(&r);
}

/* ---- performance --------------------------------------------------------------------------- */

static bool measure(const struct lab_grade *g, const char *out_dir, const struct criterion_info *c,
                    const char *variant, long x, double *value, char *why, size_t why_size)
{
    if (strcmp(c->metric, "instructions") == 0)
        return measure_instructions(out_dir, variant, c->sweep, x, g->info.perf_timeout_s, value, why, why_size);
    return measure_counter(out_dir, variant, c->sweep, x, c->metric, g->info.perf_timeout_s, value, why, why_size);
}

static const char *metric_text(const char *metric, double value, char *buf, size_t size)
{
    char count[48];
    snprintf(buf, size, "%s %s", format_count(value, count, sizeof count), metric);
    return buf;
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
}

static void judge_exponent(struct lab_grade *g, const char *out_dir, const struct criterion_info *c,
                           struct criterion_result *cr)
{
    double xs[PERFLAB_MAX_CRITERION_XS], ys[PERFLAB_MAX_CRITERION_XS];
    char why[400];
    for (size_t i = 0; i < c->n_xs; i++) {
        xs[i] = (double)c->xs[i];
        if (!measure(g, out_dir, c, "yours", c->xs[i], &ys[i], why, sizeof why)) {
            cr->verdict = VERDICT_FAIL;
            snprintf(cr->detail, sizeof cr->detail, "yours at %s = %ld %s", c->x_name, c->xs[i], why);
            return;
        }
    }
    struct power_fit fit;
    if (!fit_power_law(xs, ys, c->n_xs, &fit)) {
        cr->verdict = VERDICT_FAIL;
        snprintf(cr->detail, sizeof cr->detail, "no exponent could be fitted (a zero count?)");
        return;
    }
    cr->value = fit.exponent;
    cr->yours = ys[c->n_xs - 1];
    cr->verdict = fit.exponent <= c->bound ? VERDICT_PASS : VERDICT_FAIL;
    size_t len = (size_t)snprintf(cr->detail, sizeof cr->detail, "%.2f (", fit.exponent);
    for (size_t i = 0; i < c->n_xs && len < sizeof cr->detail; i++) {
        char count[48];
        len += (size_t)snprintf(cr->detail + len, sizeof cr->detail - len, "%s%s", i ? ", " : "",
                                format_count(ys[i], count, sizeof count));
    }
    if (len < sizeof cr->detail)
        snprintf(cr->detail + len, sizeof cr->detail - len, " %s)", c->metric);
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

/* Wall clock beside the verdict: naive vs yours in one bench run, median of 3. */
static void measure_wall_clock(struct lab_grade *g, const char *out_dir)
{
    const struct criterion_info *c = &g->info.criteria[0];
    if (g->info.n_criteria == 0 || g->correctness != VERDICT_PASS)
        return;
    char bench[700], summary[700], x_text[32], tmp[64], tmp2[64];
    snprintf(bench, sizeof bench, "%s/bench", out_dir);
    snprintf(summary, sizeof summary, "%s/wall-clock.txt", out_dir);
    snprintf(x_text, sizeof x_text, "%ld", c->xs[0]);
    char *argv[] = { bench, "--sweep", (char *)c->sweep, "--xs", x_text, "--variants", "naive,yours",
                     "--reps", "3", "--min-time", "0.02", "--no-files", "--summary", summary, NULL };
    struct child_limits limits = { .timeout_s = g->info.perf_timeout_s };
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
                 format_seconds(yours, bench, sizeof bench), c->x_name, format_count((double)c->xs[0], x_text, sizeof x_text));
    } else {
        snprintf(g->wall_detail, sizeof g->wall_detail, "not measured (the benchmark did not finish)");
    }
}

/* ---- one lab ----------------------------------------------------------------------------------- */

/* "  [PASS] what" and the detail indented below it. */
static void print_line(const char *what, const char *verdict, const char *detail)
{
    printf("  [%s] %s\n", verdict, what);
    if (detail != NULL && detail[0] != '\0')
        printf("         %s\n", detail);
}

static void grade_one(const struct grade_request *req, struct lab_grade *g, bool wall_clock)
{
    memset(g, 0, sizeof *g);
    g->lab = req->lab;
    g->max_score = CORRECTNESS_POINTS + PERFORMANCE_POINTS;
    g->correctness = g->performance = VERDICT_NOT_RUN;
    snprintf(g->label, sizeof g->label, "%s", req->label ? req->label : "");
    char slug[128], out_dir[600], naive[700];
    if (!labs_slug(req->lab, slug, sizeof slug)) {
        char labs[128];
        snprintf(g->name, sizeof g->name, "lab %d", req->lab);
        snprintf(g->correctness_detail, sizeof g->correctness_detail, "there is no lab %d (labs: %s)", req->lab,
                 labs_list_text(labs, sizeof labs));
        g->correctness = VERDICT_FAIL;
        printf("\n%s: FAIL -- %s\n", g->name, g->correctness_detail);
        return;
    }
    if (req->out_dir)
        snprintf(out_dir, sizeof out_dir, "%s", req->out_dir);
    else
        snprintf(out_dir, sizeof out_dir, "%s/lab-%d", env_build_root(), req->lab);
    if (req->yours)
        snprintf(g->source, sizeof g->source, "%s", req->yours);
    else
        snprintf(g->source, sizeof g->source, "labs/%s/optimized.c", slug);
    snprintf(naive, sizeof naive, "labs/%s/naive.c", slug);
    snprintf(g->name, sizeof g->name, "lab %d", req->lab);

    printf("\n== grading lab %d: %s%s%s%s\n", req->lab, g->source, g->label[0] ? "  [scenario: " : "",
           g->label, g->label[0] ? "]" : "");
    fflush(stdout);

    struct child_result build;
    char targets[2200];
    snprintf(targets, sizeof targets, "%s/test-yours %s/driver %s/bench", out_dir, out_dir, out_dir);
    if (!build_lab(req->lab, out_dir, g->source, targets, &build)) {
        g->correctness = VERDICT_FAIL;
        snprintf(g->correctness_detail, sizeof g->correctness_detail, "does not compile:\n%s",
                 child_output_tail(&build, 12));
        child_result_free(&build);
        print_line("build", "FAIL", "does not compile (compiler output below)");
        printf("%s\n", g->correctness_detail);
        printf("  lab %d: FAIL  0/%.0f\n", req->lab, g->max_score);
        return;
    }
    child_result_free(&build);
    g->built = true;

    char error[400];
    if (!labs_describe(out_dir, &g->info, error, sizeof error)) {
        g->correctness = VERDICT_FAIL;
        snprintf(g->correctness_detail, sizeof g->correctness_detail, "the lab driver failed: %s", error);
        print_line("build", "FAIL", g->correctness_detail);
        return;
    }
    snprintf(g->name, sizeof g->name, "lab %d (%s)", req->lab, g->info.title);
    g->not_started = same_code(g->source, naive);

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
    }

    g->score = (g->correctness == VERDICT_PASS ? CORRECTNESS_POINTS : 0);
    for (size_t i = 0; i < g->info.n_criteria; i++)
        g->score += g->criteria[i].points;
    bool passed = lab_passed(g);
    printf("  lab %d: %s  %.0f/%.0f%s%s\n", req->lab, passed ? "PASS" : "FAIL", g->score, g->max_score,
           g->performance_detail[0] ? "  -- performance " : "", g->performance_detail);
    fflush(stdout);
}

/* ---- reports ------------------------------------------------------------------------------------- */

static void write_report(const struct lab_grade *grades, size_t n, double score, double max, const char *path)
{
    FILE *f = fopen(path, "w");
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
    fclose(f);
}

/* Gradescope's autograder format: one "test" per correctness half and per criterion. */
static void write_gradescope(const struct lab_grade *grades, size_t n, double score, const char *path)
{
    FILE *f = fopen(path, "w");
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
            json_string(&j, "output", g->criteria[k].detail);
            json_object_end(&j);
        }
    }
    json_array_end(&j);
    json_object_end(&j);
    json_finish(&j);
    fclose(f);
}

int grader_grade_labs(const struct grade_request *requests, size_t n, struct lab_grade *grades,
               const char *report_dir, bool measure_wall_clock_too)
{
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
        char path[700], path2[700];
        mkdir(report_dir, 0777);
        snprintf(path, sizeof path, "%s/report.json", report_dir);
        snprintf(path2, sizeof path2, "%s/results.json", report_dir);
        write_report(grades, n, score, max, path);
        write_gradescope(grades, n, score, path2);
        printf("\ntotal: %.0f/%.0f -- %zu lab%s passed, %d failed\n", score, max, n - (size_t)failed,
               n - (size_t)failed == 1 ? "" : "s", failed);
        printf("reports: %s (perflab) and %s (Gradescope format)\n", path, path2);
    }
    return failed;
}
