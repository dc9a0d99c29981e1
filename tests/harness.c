/*
 * harness.c -- the harness's own tests: if these are wrong, every lab's
 * numbers are wrong. Covers the generator, the exponent fit, the budget and
 * extrapolation logic, the number formats, the JSON writer, the child
 * runner (crash, hang, memory cap, output capture) and the rpc between a
 * suite and its worker (crash, hang, flood, malformed replies), with the
 * worker tests/rpc-worker.c; and the course's figure blocks
 * (common/perflab/figures.h) on a small tree of their own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "child.h"
#include "describe.h"
#include "perflab/figures.h"
#include "fit.h"
#include "gnuplot.h"
#include "format.h"
#include "json.h"
#include "labdef.h"
#include "results.h"
#include "rng.h"
#include "rpc.h"
#include "rpc-worker.h"
#include "table.h"

#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- rng ------------------------------------------------------------------------ */

static void test_rng_is_deterministic(void **state)
{
    (void)state;
    struct rng a, b, c;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    rng_seed(&c, 43);
    bool differs = false;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = rng_next(&a);
        assert_int_equal(x, rng_next(&b));
        differs = differs || x != rng_next(&c);
    }
    assert_true(differs);
}

static void test_rng_ranges(void **state)
{
    (void)state;
    struct rng r;
    rng_seed(&r, PERFLAB_SEED);
    int seen[7] = { 0 };
    double sum = 0, sum_sq = 0;
    enum { N = 200000 };
    for (int i = 0; i < N; i++) {
        int64_t v = rng_between(&r, -3, 3);
        assert_true(v >= -3 && v <= 3);
        seen[v + 3]++;
        double u = rng_uniform(&r);
        assert_true(u >= 0 && u < 1);
        double z = rng_normal(&r);
        sum += z;
        sum_sq += z * z;
    }
    for (int i = 0; i < 7; i++) /* each of 7 values within 5% of N/7 */
        assert_true(fabs(seen[i] - N / 7.0) < 0.05 * N / 7.0);
    assert_true(fabs(sum / N) < 0.01);
    assert_true(fabs(sum_sq / N - 1) < 0.02);
    assert_int_equal(rng_between(&r, INT64_MIN, INT64_MIN), INT64_MIN);
    (void)rng_between(&r, INT64_MIN, INT64_MAX); /* the full range must not divide by zero */
}

/* ---- fit --------------------------------------------------------------------------- */

static void test_fit_recovers_exact_power_laws(void **state)
{
    (void)state;
    double xs[] = { 1000, 2000, 5000, 10000, 20000 };
    double exponents[] = { 0, 1, 1.5, 2, 3 };
    for (size_t e = 0; e < 5; e++) {
        double ys[5];
        for (size_t i = 0; i < 5; i++)
            ys[i] = 3e-9 * pow(xs[i], exponents[e]);
        struct power_fit fit;
        assert_true(fit_power_law(xs, ys, 5, &fit));
        assert_true(fabs(fit.exponent - exponents[e]) < 1e-9);
        assert_true(fabs(fit.coefficient / 3e-9 - 1) < 1e-6);
        assert_true(fabs(power_fit_predict(&fit, 1e6) / (3e-9 * pow(1e6, exponents[e])) - 1) < 1e-6);
    }
}

static void test_fit_refuses_what_it_cannot_fit(void **state)
{
    (void)state;
    struct power_fit fit;
    double one_x[] = { 5, 5, 5 }, ys[] = { 1, 2, 3 };
    assert_false(fit_power_law(one_x, ys, 3, &fit));
    double xs[] = { 1, 2 }, zeros[] = { 0, 0 };
    assert_false(fit_power_law(xs, zeros, 2, &fit));
    assert_false(fit_power_law(xs, ys, 1, &fit));
}

/* ---- results: slope over the largest points, budget, extrapolation -------------------- */

static void *no_setup(long x, const struct perflab_variant *v)
{
    (void)x;
    (void)v;
    return NULL;
}
static void no_run(void *s) { (void)s; }

static const struct perflab_variant fake_variants[] = { { "naive", "naive", NULL }, { "yours", "yours", NULL } };
static const struct perflab_sweep fake_sweep = {
    .name = "scaling", .title = "t", .x_name = "N", .x_label = "N",
    .xs = { 10, 20, 40, 80, 160, 0 }, .setup = no_setup, .run = no_run, .teardown = no_run,
    .budget_s = 1.0, .fit_points = 3,
};
static const struct perflab_lab fake_lab = {
    .number = 99, .slug = "99-fake", .title = "fake", .trap = "t",
    .variants = fake_variants, .n_variants = 2, .sweeps = &fake_sweep, .n_sweeps = 1,
};

static void add_measured(struct perflab_results *r, long x, double seconds)
{
    struct perflab_cell *c = results_add(r, &fake_sweep, &fake_variants[0], x);
    assert_non_null(c);
    c->state = CELL_MEASURED;
    c->seconds = seconds;
}

static void test_slope_uses_the_largest_points(void **state)
{
    (void)state;
    struct perflab_results r;
    results_init(&r, &fake_lab, "/tmp", "/tmp");
    /* A constant overhead at small x, quadratic above: only the top 3 count. */
    add_measured(&r, 10, 1.0);
    add_measured(&r, 20, 1.0e-4 * 20 * 20);
    add_measured(&r, 40, 1.0e-4 * 40 * 40);
    add_measured(&r, 80, 1.0e-4 * 80 * 80);
    struct power_fit fit;
    assert_true(results_fit(&r, &fake_sweep, "naive", &fit));
    assert_true(fabs(fit.exponent - 2) < 1e-9);
    assert_false(results_fit(&r, &fake_sweep, "yours", &fit)); /* nothing measured */
    results_free(&r);
}

static void test_over_budget_sizes_are_extrapolated(void **state)
{
    (void)state;
    struct perflab_results r;
    results_init(&r, &fake_lab, "/tmp", "/tmp");
    add_measured(&r, 10, 0.01);
    add_measured(&r, 20, 0.04);
    add_measured(&r, 40, 0.16);
    add_measured(&r, 80, 0.64);
    /* 160 would take 2.56 s > 1 s budget: skipped, predicted from slope 2. */
    double predicted = results_skip_prediction(&r, &fake_sweep, "naive", 160);
    assert_true(fabs(predicted - 2.56) < 1e-6);
    /* Nothing measured for yours yet: it must run. */
    assert_true(results_skip_prediction(&r, &fake_sweep, "yours", 10) == 0);
    assert_true(perflab_median(&r, "scaling", "naive", 40) == 0.16);
    assert_true(perflab_median(&r, "scaling", "naive", 160) < 0);
    results_free(&r);
}

/* The spread line names the widest cell and says whose noise it is: the
   machine's, when the probe timed among the same repetitions varied as much,
   or the code's, when the machine was steady there. */
static char *spread_lines(double cv10, double machine10, double cv20, double machine20)
{
    struct perflab_results r;
    results_init(&r, &fake_lab, "/tmp", "/tmp");
    add_measured(&r, 10, 0.01);
    add_measured(&r, 20, 0.04);
    struct perflab_cell *a = (struct perflab_cell *)results_find(&r, "scaling", "naive", 10);
    struct perflab_cell *b = (struct perflab_cell *)results_find(&r, "scaling", "naive", 20);
    a->cv = cv10, a->machine_cv = machine10;
    b->cv = cv20, b->machine_cv = machine20;
    struct noise_floor floor = results_noise_floor(&r, NULL);
    assert_int_equal(floor.sizes, 2);
    assert_true(fabs(floor.max_cv - fmax(machine10, machine20)) < 1e-12);
    assert_true(fabs(floor.median_cv - (machine10 + machine20) / 2) < 1e-12);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    table_print(&r, &fake_sweep, f);
    fclose(f);
    results_free(&r);
    char *spread = strstr(text, "  spread:");
    assert_non_null(spread);
    memmove(text, spread, strlen(spread) + 1);
    return text;
}

static void test_spread_says_whose_noise_it_is(void **state)
{
    (void)state;
    char *text = spread_lines(0.004, 0.004, 0.15, 0.12);
    assert_non_null(strstr(text, "agree within 15.0% (coefficient of variation; the widest: naive at N = 20)"));
    assert_non_null(strstr(text, "varied 12.0% there (6.2% at the median size, 12.0% at most)"));
    assert_non_null(strstr(text, "the machine was not quiet there"));
    free(text);
    text = spread_lines(0.15, 0.006, 0.004, 0.008);
    assert_non_null(strstr(text, "the widest: naive at N = 10)"));
    assert_non_null(strstr(text, "the machine was quiet there, so the widest cell's spread is the code's own"));
    free(text);
    text = spread_lines(0.364, 0.066, 0.004, 0.05); /* a busy machine, and a cell far noisier than it */
    assert_non_null(strstr(text, "the machine was not quiet there, but the widest cell varied far more than the probe"));
    free(text);
    text = spread_lines(0.012, 0.006, 0.019, 0.008); /* within 2%: nothing to explain */
    assert_null(strstr(text, "->"));
    free(text);
}

/* ---- describe: what the driver writes, the front end reads back ---------------------- */

static double fake_bound(long x)
{
    return 1 + (double)x / 100;
}

/* A lab with one criterion of each kind, on two sweeps (and a third that
   breaks the work ratio down by named parts), and unset time limits. */
static const char *const part_names[] = { "two words", "x2^32", NULL };
static const struct perflab_sweep described_sweeps[] = {
    { .name = "scaling", .title = "t", .x_name = "N", .x_label = "N", .xs = { 10, 0 },
      .setup = no_setup, .run = no_run, .teardown = no_run },
    { .name = "window", .title = "t", .x_name = "w", .x_label = "w", .xs = { 10, 0 },
      .setup = no_setup, .run = no_run, .teardown = no_run },
    { .name = "parts", .title = "t", .x_name = "part", .x_label = "part", .xs = { 1, 2, 0 },
      .x_names = part_names, .setup = no_setup, .run = no_run, .teardown = no_run },
};
static bool described_service(FILE *out)
{
    (void)out;
    return false;
}

static const struct perflab_lab described_lab = {
    .number = 42, .slug = "42-described", .title = "A described lab", .trap = "one thing vs another",
    .bench_service = described_service,
    .per_process = { .sweep = "window", .metrics = { "heap_bytes", "peak_rss_bytes" } },
    .variants = fake_variants, .n_variants = 2, .sweeps = described_sweeps, .n_sweeps = 3,
    .criteria = {
        { .kind = PERFLAB_WORK_RATIO, .sweep = "scaling", .metric = "instructions", .xs = { 20000, 0 }, .bound = 12.5,
          .breakdown = "parts" },
        { .kind = PERFLAB_EXPONENT, .sweep = "window", .metric = "instructions",
          .xs = { 50, 100, 200, 400, 800, 1600, 3200, 6400 }, .bound = 0.3 },
        { .kind = PERFLAB_AT_MOST, .sweep = "scaling", .metric = "statements", .xs = { 1000, 10000, 0 },
          .bound_at = fake_bound, .bound_text = "1 + N/100" },
        { 0 },
    },
};

static void test_describe_round_trip(void **state)
{
    (void)state;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    describe_write(&described_lab, f);
    fclose(f);

    struct lab_info info;
    char error[200];
    assert_true(describe_read(text, &info, error, sizeof error));
    assert_int_equal(info.number, 42);
    assert_string_equal(info.slug, "42-described");
    assert_string_equal(info.title, "A described lab");
    assert_string_equal(info.trap, "one thing vs another");
    /* Unset limits travel as the defaults, never as "no limit". */
    assert_true(info.test_timeout_s == PERFLAB_DEFAULT_TEST_TIMEOUT_S);
    assert_true(info.perf_timeout_s == PERFLAB_DEFAULT_PERF_TIMEOUT_S);
    assert_int_equal(info.n_variants, 2);
    assert_string_equal(info.variants[0], "naive");
    assert_string_equal(info.variants[1], "yours");
    assert_true(info.bench_service);
    assert_string_equal(info.per_process_sweep, "window");
    assert_int_equal(info.n_per_process_metrics, 2);
    assert_string_equal(info.per_process_metrics[0], "heap_bytes");
    assert_string_equal(info.per_process_metrics[1], "peak_rss_bytes");
    assert_int_equal(info.n_per_process_xs, 1);
    assert_int_equal(info.per_process_xs[0], 10);

    assert_int_equal(info.n_criteria, 3);
    for (size_t i = 0; i < info.n_criteria; i++) {
        const struct perflab_criterion *want = &described_lab.criteria[i];
        const struct criterion_info *got = &info.criteria[i];
        char text_want[512];
        assert_int_equal(got->kind, want->kind);
        assert_string_equal(got->sweep, want->sweep);
        assert_string_equal(got->metric, want->metric);
        assert_true(got->bound == want->bound);
        size_t n = 0;
        while (n < PERFLAB_MAX_CRITERION_XS && want->xs[n] != 0)
            n++;
        assert_int_equal(got->n_xs, n);
        for (size_t k = 0; k < n; k++) {
            assert_int_equal(got->xs[k], want->xs[k]);
            if (want->kind == PERFLAB_AT_MOST)
                assert_true(got->bound_at[k] == fake_bound(want->xs[k]));
        }
        assert_string_equal(got->x_name, strcmp(want->sweep, "window") == 0 ? "w" : "N");
        assert_string_equal(got->text, lab_criterion_text(&described_lab, want, text_want, sizeof text_want));
        assert_string_equal(got->breakdown, want->breakdown != NULL ? want->breakdown : "");
    }
    assert_int_equal(info.criteria[0].n_parts, 2);
    assert_int_equal(info.criteria[0].part_xs[0], 1);
    assert_string_equal(info.criteria[0].part_names[0], "two words");
    assert_int_equal(info.criteria[0].part_xs[1], 2);
    assert_string_equal(info.criteria[0].part_names[1], "x2^32");
    free(text);
}

static void test_describe_refuses_what_is_not_a_lab(void **state)
{
    (void)state;
    struct lab_info info;
    char error[200];
    char empty[] = "";
    assert_false(describe_read(empty, &info, error, sizeof error));
    char noise[] = "Segmentation fault\nlab\n";
    assert_false(describe_read(noise, &info, error, sizeof error));
    char bad_kind[] = "lab 1\nslug 01-x\nvariants naive\ncriterion 0 fastest scaling instructions 2 10\n";
    assert_false(describe_read(bad_kind, &info, error, sizeof error));
    char zero_limits[] = "lab 1\nslug 01-x\nvariants naive yours\ntest_timeout 0\nperf_timeout -5\n";
    assert_true(describe_read(zero_limits, &info, error, sizeof error));
    assert_true(info.test_timeout_s == PERFLAB_DEFAULT_TEST_TIMEOUT_S);
    assert_true(info.perf_timeout_s == PERFLAB_DEFAULT_PERF_TIMEOUT_S);
}

/* ---- formats -------------------------------------------------------------------------------- */

static void test_formats_read_like_people_write(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(format_seconds(812e-9, buf, sizeof buf), "812 ns");
    assert_string_equal(format_seconds(1.05e-3, buf, sizeof buf), "1.05 ms");
    assert_string_equal(format_seconds(51.2, buf, sizeof buf), "51.2 s");
    assert_string_equal(format_seconds(1080, buf, sizeof buf), "18.0 min");
    assert_string_equal(format_count(1000000, buf, sizeof buf), "1,000,000");
    assert_string_equal(format_count(999, buf, sizeof buf), "999");
    assert_string_equal(format_count(-1234, buf, sizeof buf), "-1,234");
    assert_string_equal(format_ratio(1, buf, sizeof buf), "1.00x");
    assert_string_equal(format_ratio(52.34, buf, sizeof buf), "52.3x");
    assert_string_equal(format_ratio(612.4, buf, sizeof buf), "612x");
}

/* ---- json ---------------------------------------------------------------------------------------- */

static void test_json_nests_and_escapes(void **state)
{
    (void)state;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    struct json j;
    json_start(&j, f);
    json_object_begin(&j, NULL);
    json_string(&j, "name", "a \"quoted\"\\path\n");
    json_number(&j, "n", 1.5);
    json_number(&j, "nan", NAN);
    json_array_begin(&j, "list");
    json_bool(&j, NULL, true);
    json_null(&j, NULL);
    json_array_end(&j);
    json_array_begin(&j, "empty");
    json_array_end(&j);
    json_object_end(&j);
    json_finish(&j);
    fclose(f);
    assert_string_equal(text, "{\n"
                              "  \"name\": \"a \\\"quoted\\\"\\\\path\\n\",\n"
                              "  \"n\": 1.5,\n"
                              "  \"nan\": null,\n"
                              "  \"list\": [\n"
                              "    true,\n"
                              "    null\n"
                              "  ],\n"
                              "  \"empty\": []\n"
                              "}\n");
    free(text);
}

static void test_json_replaces_invalid_utf8(void **state)
{
    (void)state;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    struct json j;
    json_start(&j, f);
    /* "é" is valid; "\xe2\x80" is a character cut in half; "\xff" is never valid. */
    json_string(&j, NULL, "caf\xc3\xa9 \xe2\x80 \xff end");
    json_finish(&j);
    fclose(f);
    assert_string_equal(text, "\"caf\xc3\xa9 \\ufffd\\ufffd \\ufffd end\"\n");
    free(text);
}

/* ---- child ------------------------------------------------------------------------------------------ */

static void test_child_captures_output_and_status(void **state)
{
    (void)state;
    char *argv[] = { "sh", "-c", "echo out; echo err >&2; exit 3", NULL };
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    assert_false(child_run(argv, &limits, &r));
    assert_int_equal(r.outcome, CHILD_EXITED);
    assert_int_equal(r.exit_code, 3);
    assert_non_null(strstr(r.output, "out\n"));
    assert_non_null(strstr(r.output, "err\n"));
    assert_string_equal(child_output_tail(&r, 1), "err\n");
    child_result_free(&r);
}

static void test_child_reports_a_crash(void **state)
{
    (void)state;
    char *argv[] = { "sh", "-c", "kill -SEGV $$", NULL };
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    char how[200];
    assert_false(child_run(argv, &limits, &r));
    assert_int_equal(r.outcome, CHILD_SIGNALED);
    assert_non_null(strstr(child_describe(&r, how, sizeof how), "SIGSEGV"));
    child_result_free(&r);
}

/* Run a shell script with a 0.5 s limit: it must be killed, and promptly. */
static void assert_killed_at_timeout(const char *script)
{
    char *argv[] = { "sh", "-c", (char *)script, NULL };
    struct child_limits limits = { .timeout_s = 0.5 };
    struct child_result r;
    assert_false(child_run(argv, &limits, &r));
    assert_int_equal(r.outcome, CHILD_TIMED_OUT);
    assert_true(r.seconds < 5);
    child_result_free(&r);
}

static void test_child_kills_a_hang_and_its_children(void **state)
{
    (void)state;
    /* The grandchild (sleep) holds the pipe open: a kill of the child alone
       would leave us waiting for it. The whole process group must go. */
    assert_killed_at_timeout("sleep 30 & sleep 30");
}

static void test_child_timeout_holds_after_output_closes(void **state)
{
    (void)state;
    assert_killed_at_timeout("exec >&- 2>&-; sleep 30");
}

static void test_child_output_is_capped(void **state)
{
    (void)state;
    /* 20 MB of output: we keep its head and tail and say how much was left out. */
    char *argv[] = { "sh", "-c", "echo first; head -c 20000000 /dev/zero | tr '\\0' x; echo; echo last", NULL };
    struct child_limits limits = { .timeout_s = 30 };
    struct child_result r;
    assert_true(child_run(argv, &limits, &r));
    assert_true(r.output_len < 400 * 1024);
    assert_true(strncmp(r.output, "first\n", 6) == 0);
    assert_non_null(strstr(r.output, "bytes of output left out"));
    assert_string_equal(child_output_tail(&r, 1), "last\n");
    child_result_free(&r);
}

static void test_child_echo_is_capped(void **state)
{
    (void)state;
    /* 20 MB echoed (make lab-N's bench: student code) reach our stdout as
       4 MiB and a line that says so; our stdout is a file here. */
    char path[] = "/tmp/perflab-echo-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stdout);
    int saved = dup(1);
    assert_true(saved >= 0 && dup2(fd, 1) == 1);
    char *argv[] = { "sh", "-c", "head -c 20000000 /dev/zero | tr '\\0' x", NULL };
    struct child_limits limits = { .timeout_s = 30, .echo = true };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    char last[200] = "";
    ssize_t got = pread(fd, last, sizeof last - 1, size > 150 ? size - 150 : 0);
    last[got > 0 ? got : 0] = '\0';
    close(fd);
    unlink(path);
    child_result_free(&r);
    assert_true(ok);
    assert_true(size > (4 << 20) && size < (4 << 20) + 200);
    assert_non_null(strstr(last, "the rest is not shown"));
}

static void test_child_memory_cap(void **state)
{
    (void)state;
    /* 64 MiB of address space is not enough to start a shell that then
       allocates 200 MiB: the child fails, we carry on. */
    char *argv[] = { "sh", "-c", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo ${#x}", NULL };
    struct child_limits limits = { .timeout_s = 20, .memory_bytes = (size_t)64 << 20 };
    struct child_result r;
    assert_false(child_run(argv, &limits, &r));
    child_result_free(&r);
}

static void test_child_missing_program(void **state)
{
    (void)state;
    char *argv[] = { "/nonexistent/program", NULL };
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    assert_false(child_run(argv, &limits, &r));
    assert_int_equal(r.outcome, CHILD_EXITED);
    assert_int_equal(r.exit_code, 127);
    assert_non_null(strstr(r.output, "cannot run"));
    child_result_free(&r);
}


/* ---- rpc ------------------------------------------------------------------------------------------ */

/* Built with AddressSanitizer (SANITIZE=1)? It reports a bad free itself. */
#if defined(__SANITIZE_ADDRESS__)
#define HARNESS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HARNESS_ASAN 1
#endif
#endif
#ifndef HARNESS_ASAN
#define HARNESS_ASAN 0
#endif

/* The test worker, built beside this program (Makefile: rpc-test-worker). */
static struct rpc_client *test_worker(double timeout_s, const char *const *wrapper)
{
    static char path[PATH_MAX + 32];
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    assert_true(len > 0);
    self[len] = '\0';
    *strrchr(self, '/') = '\0';
    snprintf(path, sizeof path, "%s/rpc-test-worker", self);
    char *argv[] = { path, NULL };
    struct rpc_options options = { .timeout_s = timeout_s, .wrapper = wrapper };
    struct rpc_client *c = rpc_client_new(argv, &options);
    assert_non_null(c);
    return c;
}

static bool call(struct rpc_client *c, uint32_t op, struct rpc_reader *reply)
{
    struct rpc_buffer none = { 0 };
    return rpc_call(c, op, &none, reply);
}

static uint32_t worker_pid(struct rpc_client *c)
{
    struct rpc_reader reply;
    assert_true(call(c, TEST_PID, &reply));
    uint32_t pid = rpc_get_u32(&reply);
    assert_true(rpc_reader_done(&reply));
    return pid;
}

/* A failure is described on one line, whatever the worker printed. */
static void assert_error_has(struct rpc_client *c, const char *text)
{
    const char *error = rpc_error(c);
    if (strstr(error, text) == NULL)
        fail_msg("rpc_error is \"%s\", without \"%s\"", error, text);
    assert_null(strchr(error, '\n'));
}

static void test_rpc_round_trip(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(10, NULL);
    enum { N = 3 << 20 }; /* larger than a pipe: both ends must keep reading while they write */
    struct rpc_buffer request = { 0 };
    for (uint32_t i = 0; i < N / 4; i++)
        rpc_put_u32(&request, i * 2654435761u);
    struct rpc_reader reply;
    assert_true(rpc_call(c, TEST_ECHO, &request, &reply));
    assert_int_equal(reply.left, N);
    assert_memory_equal(rpc_get_view(&reply, N), request.data, N);
    rpc_buffer_free(&request);
    assert_true(call(c, TEST_ECHO, &reply)); /* an empty payload */
    assert_true(rpc_reader_done(&reply));
    uint32_t pid = worker_pid(c);
    assert_int_equal(worker_pid(c), pid); /* one worker serves call after call */
    /* Reading past the end of a payload fails, once, and gives zeros. */
    assert_int_equal(rpc_get_u64(&reply), 0);
    assert_false(rpc_reader_done(&reply));
    assert_true(rpc_client_end(c));
    rpc_client_free(c);
}

static void test_rpc_printing_does_not_touch_the_protocol(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(10, NULL);
    struct rpc_reader reply;
    assert_true(call(c, TEST_NOISE, &reply));
    assert_int_equal(rpc_get_u32(&reply), 42);
    assert_string_equal(rpc_output_tail(c, 1), "[  PASSED  ] 1 test(s).\n");
    assert_string_equal(rpc_output_tail(c, 2), "noise on stderr\n");
    rpc_client_free(c);
}

static void test_rpc_crash_is_described_and_a_fresh_worker_follows(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(10, NULL);
    uint32_t first = worker_pid(c);
    struct rpc_reader reply;
    assert_false(call(c, TEST_SEGV, &reply));
    assert_error_has(c, "crashed: SIGSEGV (Segmentation fault)");
    assert_error_has(c, "about to crash");
    uint32_t second = worker_pid(c);
    assert_int_not_equal(first, second);
    assert_true(kill((pid_t)first, 0) != 0); /* the first one is gone */
    rpc_client_free(c);
}

static void test_rpc_crash_shows_what_the_c_library_said(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(10, NULL);
    struct rpc_reader reply;
    assert_false(call(c, TEST_BAD_FREE, &reply));
    if (HARNESS_ASAN) {
        assert_error_has(c, "AddressSanitizer");
    } else {
        assert_error_has(c, "crashed: SIGABRT (Aborted)");
        assert_error_has(c, "free(): invalid pointer");
    }
    rpc_client_free(c);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

static void test_rpc_hang_is_killed_at_the_deadline(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(0.5, NULL);
    uint32_t first = worker_pid(c);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct rpc_reader reply;
    assert_false(call(c, TEST_HANG, &reply));
    assert_true(seconds_since(&t0) < (HARNESS_ASAN ? 6 : 3));
    assert_error_has(c, HARNESS_ASAN ? "timed out after 2 s" : "timed out after 0.5 s");
    assert_true(kill((pid_t)first, 0) != 0);
    assert_int_not_equal(worker_pid(c), first);
    rpc_client_free(c);
}

static void test_rpc_flood_keeps_a_bounded_tail(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(30, NULL);
    struct rpc_reader reply;
    assert_true(call(c, TEST_FLOOD, &reply));
    assert_int_equal(rpc_get_u32(&reply), 7);
    for (int fd = 1; fd <= 2; fd++) {
        const char *tail = rpc_output_tail(c, fd);
        size_t len = strlen(tail);
        assert_int_equal(len, RPC_TAIL_BYTES);
        assert_string_equal(tail + len - 20, fd == 1 ? "end of stdout flood\n" : "end of stderr flood\n");
    }
    rpc_client_free(c);

    /* Printing without end is a hang like any other. */
    c = test_worker(0.5, NULL);
    assert_false(call(c, TEST_FLOOD_FOREVER, &reply));
    assert_error_has(c, "timed out");
    assert_true(strlen(rpc_output_tail(c, 1)) <= RPC_TAIL_BYTES);
    rpc_client_free(c);
}

static void test_rpc_malformed_replies_fail_the_call(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(10, NULL);
    struct rpc_reader reply;
    assert_false(call(c, TEST_BAD_LENGTH, &reply));
    assert_error_has(c, "malformed reply (4294967295 bytes long, over the 256 MiB limit)");
    assert_false(call(c, TEST_GARBAGE, &reply));
    assert_error_has(c, "malformed reply (no reply header");
    worker_pid(c); /* and a fresh worker answers */
    rpc_client_free(c);
}

static void test_rpc_exit_during_a_call(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(10, NULL);
    struct rpc_reader reply;
    assert_false(call(c, TEST_EXIT, &reply));
    assert_error_has(c, "exited with status 0 before returning");
    /* What it printed stays its own: kept, not part of the description. */
    assert_non_null(strstr(rpc_output_tail(c, 1), "[  PASSED  ] 10 test(s)."));
    assert_null(strstr(rpc_error(c), "PASSED"));
    rpc_client_free(c);
}

static void test_rpc_refusal_keeps_the_worker(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(10, NULL);
    uint32_t pid = worker_pid(c);
    struct rpc_reader reply;
    assert_false(call(c, TEST_UNKNOWN, &reply));
    assert_error_has(c, "refused");
    assert_int_equal(worker_pid(c), pid);
    rpc_client_free(c);
}

static void test_rpc_sizes_are_bounded(void **state)
{
    (void)state;
    struct rpc_buffer big = { 0 };
    char byte = 0;
    rpc_put(&big, &byte, RPC_MAX_MESSAGE + 1); /* refused before anything is copied */
    assert_true(big.failed);
    assert_null(big.data);
    struct rpc_client *c = test_worker(10, NULL);
    struct rpc_reader reply;
    assert_false(rpc_call(c, TEST_ECHO, &big, &reply));
    assert_error_has(c, "could not be built");
    rpc_client_free(c);
}

static void test_rpc_missing_worker(void **state)
{
    (void)state;
    char *argv[] = { "/nonexistent/worker", NULL };
    struct rpc_client *c = rpc_client_new(argv, NULL);
    struct rpc_reader reply;
    assert_false(call(c, TEST_PID, &reply));
    assert_error_has(c, "could not be called: cannot run /nonexistent/worker: No such file or directory");
    rpc_client_free(c);
}

static void test_rpc_wrapper_runs_first(void **state)
{
    (void)state;
    /* The sandbox hook: words put before the worker's argv. */
    const char *const wrapper[] = { "env", "RPC_TEST_WRAPPED=yes", NULL };
    struct rpc_client *c = test_worker(10, wrapper);
    struct rpc_reader reply;
    assert_true(call(c, TEST_GETENV, &reply));
    assert_int_equal(reply.left, 3);
    assert_memory_equal(rpc_get_view(&reply, 3), "yes", 3);
    rpc_client_free(c);

    /* A wrapper that waits for the worker, as bubblewrap does, says that it
       died of a signal with status 128 + N: still a crash, named. */
    const char *const shell[] = { "sh", "-c", "\"$@\"; exit $?", "sh", NULL };
    c = test_worker(10, shell);
    assert_false(call(c, TEST_SEGV, &reply));
    assert_error_has(c, "crashed: SIGSEGV (Segmentation fault)");
    rpc_client_free(c);
}

/* rpc_options.pass_fds: the caller's descriptor is the worker's fd 5, and
   no other descriptor of the caller's reaches it; a fresh worker after a
   crash gets it again (Lab 7 passes its data sockets this way). */
static void test_rpc_passes_descriptors(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    char path[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", path, sizeof path - 1);
    assert_true(len > 0);
    path[len] = '\0';
    strcpy(strrchr(path, '/') + 1, "rpc-test-worker");
    char *argv[] = { path, NULL };
    struct rpc_options options = { .timeout_s = 10, .pass_fds = &p[1], .n_pass_fds = 1 };
    struct rpc_client *c = rpc_client_new(argv, &options);
    assert_non_null(c);
    for (int round = 0; round < 2; round++) {
        struct rpc_reader reply;
        assert_true(call(c, TEST_PASSED_FDS, &reply));
        char got[4] = "";
        assert_int_equal(read(p[0], got, 3), 3);
        assert_memory_equal(got, "fd5", 3);
        assert_int_equal(rpc_get_u8(&reply), 1); /* fd 5: the pipe */
        for (int fd = 6; fd < 10; fd++)
            assert_int_equal(rpc_get_u8(&reply), 0); /* p[0] and the rest: not passed */
        assert_true(rpc_reader_done(&reply));
        assert_false(call(c, TEST_SEGV, &reply)); /* the next call starts a fresh worker */
    }
    rpc_client_free(c);
    close(p[0]);
    close(p[1]);
}

static void test_rpc_end_reports_a_bad_exit(void **state)
{
    (void)state;
    struct rpc_client *c = test_worker(10, NULL);
    struct rpc_reader reply;
    assert_true(call(c, TEST_FAIL_AT_END, &reply));
    assert_false(rpc_client_end(c));
    assert_error_has(c, "exited with status 3 at its end");
    assert_error_has(c, "I will exit with status 3");
    rpc_client_free(c);
}

static void test_rpc_worker_refuses_what_is_not_a_request(void **state)
{
    (void)state;
    char path[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", path, sizeof path - 32);
    assert_true(len > 0);
    path[len] = '\0';
    snprintf(strrchr(path, '/'), 32, "/rpc-test-worker");
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    char *garbage[] = { "sh", "-c", "echo this is not a request at all | \"$0\" 3<&0 4>/dev/null", path, NULL };
    assert_false(child_run(garbage, &limits, &r));
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.output, "not one"));
    child_result_free(&r);
    char *by_hand[] = { "sh", "-c", "exec 3<&- 4>&-; exec \"$0\"", path, NULL };
    assert_false(child_run(by_hand, &limits, &r));
    assert_int_equal(r.exit_code, 2);
    assert_non_null(strstr(r.output, "run the test program"));
    child_result_free(&r);
}

/* ---- figures --------------------------------------------------------------------- */

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *read_text(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* ---- the plot queue: a sandboxed bench's plots, read as hostile (gnuplot.h) ---------- */

static void test_gnuplot_queue_draws_only_course_plots(void **state)
{
    (void)state;
    char dir[] = "/tmp/perflab-harness-queue-XXXXXX", queue[64], link[80];
    assert_non_null(mkdtemp(dir));
    snprintf(queue, sizeof queue, "%s/plots.queue", dir);
    snprintf(link, sizeof link, "%s/link.queue", dir);
    /* No queue: nothing was plotted. */
    assert_int_equal(gnuplot_queue_draw(queue, "/bin/false", "/tree", "01-x", NULL), 0);
    /* Course plots are drawn (/bin/true stands for gnuplot) ... */
    assert_true(gnuplot_queue(queue, "common/plot_lines.gp", "data='a.csv'"));
    assert_true(gnuplot_queue(queue, "labs/01-x/measure/memory.gp", "n=3"));
    assert_int_equal(gnuplot_queue_draw(queue, "/bin/true", "/tree", "01-x", NULL), 0);
    /* ... each one: /bin/false fails both. */
    assert_int_equal(gnuplot_queue_draw(queue, "/bin/false", "/tree", "01-x", NULL), 2);
    /* Another lab's script, a path out of the tree: refused, and nothing after. */
    assert_true(gnuplot_queue(queue, "labs/02-y/measure/memory.gp", "n=3"));
    assert_true(gnuplot_queue(queue, "common/plot_lines.gp", "data='b.csv'"));
    assert_int_equal(gnuplot_queue_draw(queue, "/bin/false", "/tree", "01-x", NULL), 3);
    remove(queue);
    assert_true(gnuplot_queue(queue, "common/../../etc/evil.gp", ""));
    assert_int_equal(gnuplot_queue_draw(queue, "/bin/true", "/tree", "01-x", NULL), 1);
    remove(queue);
    assert_true(gnuplot_queue(queue, "-common/plot_lines.gp", ""));
    assert_int_equal(gnuplot_queue_draw(queue, "/bin/true", "/tree", "01-x", NULL), 1);
    /* A record cut short (no closing NUL) is refused. */
    remove(queue);
    FILE *f = fopen(queue, "wb");
    assert_non_null(f);
    fputs("common/plot_lines.gp", f);
    fputc('\0', f);
    fputs("data='cut'", f);
    fclose(f);
    assert_int_equal(gnuplot_queue_draw(queue, "/bin/true", "/tree", "01-x", NULL), 1);
    /* A queue that is a link is not followed. */
    remove(queue);
    assert_true(gnuplot_queue(queue, "common/plot_lines.gp", "data='a.csv'"));
    assert_int_equal(symlink(queue, link), 0);
    assert_int_equal(gnuplot_queue_draw(link, "/bin/true", "/tree", "01-x", NULL), 1);
    remove(link);
    remove(queue);
    rmdir(dir);
}

/* A tree with one lab, its data and a README quoting it: argmin() picks the
   measured cell with the smallest field (never an extrapolated one), "time"
   and "ratio" print as the harness does, a figure from an extrapolated cell
   is marked "~", a CSV filter's value may hold parentheses, json(FILE, path)
   reads another file of plots/lab-N/ (an array by index), a block that
   disagrees with the data is counted, and `make course` (write) repairs it. */
static void test_figures_are_computed_from_the_data(void **state)
{
    (void)state;
    char dir[] = "/tmp/perflab-figures-XXXXXX", old[4096];
    assert_non_null(mkdtemp(dir));
    assert_non_null(getcwd(old, sizeof old));
    assert_int_equal(chdir(dir), 0);
    assert_int_equal(mkdir("labs", 0700), 0);
    assert_int_equal(mkdir("labs/01-demo", 0700), 0);
    assert_int_equal(mkdir("labs/01-demo/measure", 0700), 0);
    assert_int_equal(mkdir("plots", 0700), 0);
    assert_int_equal(mkdir("plots/lab-1", 0700), 0);
    write_text("labs/01-demo/measure/figures", "best   %.0f   argmin(s, ref, seconds)\n"
                                               "t      time   cell(s, ref, 8, seconds)\n"
                                               "r      ratio  cell(s, ref, 1, seconds) / cell(s, ref, 8, seconds)\n"
                                               "e      time   cell(s, ref, 64, seconds)\n"
                                               "o      %.2f   csv(p.csv, hit, policy=optimum (Belady))\n"
                                               "j      %.1f   json(r.json, rows.1.v)\n");
    write_text("plots/lab-1/r.json", "{\"rows\": [{\"v\": 1.5}, {\"v\": 2.5}]}");
    write_text("plots/lab-1/p.csv", "policy,hit\nlru,0.50\noptimum (Belady),0.75\n");
    write_text("plots/lab-1/results.json",
               "{\"sweeps\": [{\"name\": \"s\", \"cells\": ["
               "{\"x\": 1, \"variant\": \"ref\", \"state\": \"measured\", \"seconds\": 0.004},"
               "{\"x\": 8, \"variant\": \"ref\", \"state\": \"measured\", \"seconds\": 0.0015},"
               "{\"x\": 32, \"variant\": \"ref\", \"state\": \"measured\", \"seconds\": 0.002},"
               "{\"x\": 64, \"variant\": \"ref\", \"state\": \"extrapolated\", \"seconds\": 0.001}]}]}");
    const char *good = "best <!-- figure 1.best -->8<!-- /figure -->, <!-- figure 1.t -->1.50 ms<!-- /figure -->, "
                       "<!-- figure 1.r -->2.67x<!-- /figure -->, <!-- figure 1.e -->~1.00 ms<!-- /figure -->, "
                       "<!-- figure 1.o -->0.75<!-- /figure -->, <!-- figure 1.j -->2.5<!-- /figure -->\n";
    write_text("labs/01-demo/README.md", good);
    int seen = 0;
    assert_int_equal(figures_run(false, &seen), 0);
    assert_int_equal(seen, 6);
    write_text("labs/01-demo/README.md", "best <!-- figure 1.best -->32<!-- /figure -->, "
                                         "<!-- figure 1.t -->1.50 ms<!-- /figure -->, <!-- figure 1.r -->3x<!-- /figure -->, "
                                         "<!-- figure 1.e -->1.00 ms<!-- /figure -->, "
                                         "<!-- figure 1.o -->0.50<!-- /figure -->, "
                                         "<!-- figure 1.j -->1.5<!-- /figure -->\n");
    assert_int_equal(figures_run(false, &seen), 5);
    assert_int_equal(figures_run(true, &seen), 0);
    assert_string_equal(read_text("labs/01-demo/README.md"), good);
    write_text("labs/01-demo/README.md", "<!-- figure 1.nothing -->?<!-- /figure -->\n");
    assert_int_equal(figures_run(false, &seen), 1);
    assert_int_equal(chdir(old), 0);
    char command[200];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rng_is_deterministic),
        cmocka_unit_test(test_rng_ranges),
        cmocka_unit_test(test_fit_recovers_exact_power_laws),
        cmocka_unit_test(test_fit_refuses_what_it_cannot_fit),
        cmocka_unit_test(test_slope_uses_the_largest_points),
        cmocka_unit_test(test_over_budget_sizes_are_extrapolated),
        cmocka_unit_test(test_spread_says_whose_noise_it_is),
        cmocka_unit_test(test_describe_round_trip),
        cmocka_unit_test(test_describe_refuses_what_is_not_a_lab),
        cmocka_unit_test(test_gnuplot_queue_draws_only_course_plots),
        cmocka_unit_test(test_formats_read_like_people_write),
        cmocka_unit_test(test_json_nests_and_escapes),
        cmocka_unit_test(test_json_replaces_invalid_utf8),
        cmocka_unit_test(test_child_captures_output_and_status),
        cmocka_unit_test(test_child_reports_a_crash),
        cmocka_unit_test(test_child_kills_a_hang_and_its_children),
        cmocka_unit_test(test_child_timeout_holds_after_output_closes),
        cmocka_unit_test(test_child_output_is_capped),
        cmocka_unit_test(test_child_echo_is_capped),
        cmocka_unit_test(test_child_memory_cap),
        cmocka_unit_test(test_child_missing_program),
        cmocka_unit_test(test_rpc_round_trip),
        cmocka_unit_test(test_rpc_printing_does_not_touch_the_protocol),
        cmocka_unit_test(test_rpc_crash_is_described_and_a_fresh_worker_follows),
        cmocka_unit_test(test_rpc_crash_shows_what_the_c_library_said),
        cmocka_unit_test(test_rpc_hang_is_killed_at_the_deadline),
        cmocka_unit_test(test_rpc_flood_keeps_a_bounded_tail),
        cmocka_unit_test(test_rpc_malformed_replies_fail_the_call),
        cmocka_unit_test(test_rpc_exit_during_a_call),
        cmocka_unit_test(test_rpc_refusal_keeps_the_worker),
        cmocka_unit_test(test_rpc_sizes_are_bounded),
        cmocka_unit_test(test_rpc_missing_worker),
        cmocka_unit_test(test_rpc_wrapper_runs_first),
        cmocka_unit_test(test_rpc_passes_descriptors),
        cmocka_unit_test(test_rpc_end_reports_a_bad_exit),
        cmocka_unit_test(test_rpc_worker_refuses_what_is_not_a_request),
        cmocka_unit_test(test_figures_are_computed_from_the_data),
    };
    return cmocka_run_group_tests_name("harness", tests, NULL, NULL);
}
