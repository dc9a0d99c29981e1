/*
 * 03-rolling-window.c -- Lab 3 correctness suite: rolling_mean_var against
 * lab.h, and the pipeline stages around it.
 *
 * Linked with one implementation at a time (naive, reference, each variant,
 * or a student's optimized.c), so it calls the contract by its plain name.
 * Accuracy is judged by accuracy.h, the same yardstick the accuracy table of
 * make lab-3 uses: a long-double two-pass over every window, with lab.h's
 * floors. Inputs come from common/rng.h, so a failure names a case that
 * fails the same way on every machine.
 *
 * Sizes stay small (windows of at most a few hundred values) so that the
 * suite runs in about a second even against the O(n*w) naive version.
 * Output arrays are filled with NaN before each call: an implementation
 * that reads its outputs before writing them must not get lucky.
 */
#include "lab.h"
#include "accuracy.h"
#include "pipeline.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

enum { RANDOM_CASES = 10000, RANDOM_MAX_N = 200, RANDOM_MAX_W = 250 };

/* Outputs of one call, sized exactly n so ASan sees any write past them. */
struct outputs {
    double *mean;
    double *var;
};

static struct outputs outputs_new(size_t n)
{
    struct outputs o = { malloc((n + !n) * sizeof(double)), malloc((n + !n) * sizeof(double)) };
    assert_non_null(o.mean);
    assert_non_null(o.var);
    for (size_t i = 0; i < n; i++)
        o.mean[i] = o.var[i] = NAN;
    return o;
}

static void outputs_free(struct outputs o)
{
    free(o.mean);
    free(o.var);
}

/* Run the implementation on x and fail, naming the worst index, if any
   output breaks lab.h's bound. */
static void assert_accurate(const char *what, const double *x, size_t n, size_t w)
{
    struct outputs o = outputs_new(n);
    assert_int_equal(rolling_mean_var(x, n, w, o.mean, o.var), 0);
    struct accuracy a = accuracy_measure(x, n, w, o.mean, o.var);
    if (!accuracy_ok(&a)) {
        print_error("%s (n=%zu, w=%zu): mean error %.3g at i=%zu, var error %.3g at i=%zu "
                    "(var=%.17g), %zu negative variances; bound %.0e\n",
                    what, n, w, a.mean_error, a.mean_worst, a.var_error, a.var_worst,
                    n > 0 ? o.var[a.var_worst] : 0.0, a.negative_vars, ACCURACY_BOUND);
        outputs_free(o);
        fail();
    }
    outputs_free(o);
}

static double *signal_new(enum signal s, size_t n, uint64_t seed)
{
    double *x = malloc((n + !n) * sizeof *x);
    assert_non_null(x);
    struct rng rng;
    rng_seed(&rng, seed);
    signal_fill(s, x, n, &rng);
    return x;
}

/* ---- bad arguments --------------------------------------------------- */

static void test_zero_window_is_an_error_and_writes_nothing(void **state)
{
    (void)state;
    double x[3] = { 1, 2, 3 }, mean[3] = { 7, 7, 7 }, var[3] = { 7, 7, 7 };
    assert_int_equal(rolling_mean_var(x, 3, 0, mean, var), -1);
    for (int i = 0; i < 3; i++) {
        assert_true(mean[i] == 7 && var[i] == 7);
    }
    assert_int_equal(rolling_mean_var(NULL, 0, 0, NULL, NULL), -1);
}

static void test_null_arrays_are_an_error_and_write_nothing(void **state)
{
    (void)state;
    double x[3] = { 1, 2, 3 }, mean[3] = { 7, 7, 7 }, var[3] = { 7, 7, 7 };
    assert_int_equal(rolling_mean_var(NULL, 3, 2, mean, var), -1);
    assert_int_equal(rolling_mean_var(x, 3, 2, NULL, var), -1);
    assert_int_equal(rolling_mean_var(x, 3, 2, mean, NULL), -1);
    for (int i = 0; i < 3; i++) {
        assert_true(mean[i] == 7 && var[i] == 7);
    }
}

static void test_empty_input_is_fine(void **state)
{
    (void)state;
    double x[1] = { 5 }, mean[1] = { 7 }, var[1] = { 7 };
    assert_int_equal(rolling_mean_var(NULL, 0, 3, NULL, NULL), 0);
    assert_int_equal(rolling_mean_var(x, 0, 3, mean, var), 0);
    assert_true(mean[0] == 7 && var[0] == 7);
}

/* ---- hand-checked cases ------------------------------------------------ */

static void assert_near(double got, double want)
{
    if (!(fabs(got - want) <= 1e-12 * (fabs(want) > 1 ? fabs(want) : 1))) {
        print_error("got %.17g, want %.17g\n", got, want);
        fail();
    }
}

static void test_small_window_by_hand(void **state)
{
    (void)state;
    /* windows: {1} {1,2} {1,2,3} {2,3,4} {3,4,5}; variance of three
       consecutive integers is ((-1)^2 + 0 + 1^2) / 3 = 2/3 */
    const double x[5] = { 1, 2, 3, 4, 5 };
    const double want_mean[5] = { 1, 1.5, 2, 3, 4 };
    const double want_var[5] = { 0, 0.25, 2.0 / 3, 2.0 / 3, 2.0 / 3 };
    struct outputs o = outputs_new(5);
    assert_int_equal(rolling_mean_var(x, 5, 3, o.mean, o.var), 0);
    for (int i = 0; i < 5; i++) {
        assert_near(o.mean[i], want_mean[i]);
        assert_near(o.var[i], want_var[i]);
    }
    outputs_free(o);
}

static void test_textbook_example_by_hand(void **state)
{
    (void)state;
    /* {2,4,4,4,5,5,7,9}: mean 5, population variance 4 (standard deviation 2);
       the window of 4 ending at 9 is {5,5,7,9}: mean 6.5, variance 2.75 */
    const double x[8] = { 2, 4, 4, 4, 5, 5, 7, 9 };
    struct outputs o = outputs_new(8);
    assert_int_equal(rolling_mean_var(x, 8, 8, o.mean, o.var), 0);
    assert_near(o.mean[7], 5);
    assert_near(o.var[7], 4);
    assert_near(o.mean[3], 3.5); /* {2,4,4,4} */
    assert_near(o.var[3], 0.75);
    assert_int_equal(rolling_mean_var(x, 8, 4, o.mean, o.var), 0);
    assert_near(o.mean[7], 6.5);
    assert_near(o.var[7], 2.75);
    assert_near(o.mean[4], 4.25); /* {4,4,4,5} */
    assert_near(o.var[4], 0.1875);
    outputs_free(o);
}

static void test_window_of_one_is_the_value_itself(void **state)
{
    (void)state;
    size_t n = 1000;
    double *x = signal_new(SIGNAL_OFFSET, n, 11);
    struct outputs o = outputs_new(n);
    assert_int_equal(rolling_mean_var(x, n, 1, o.mean, o.var), 0);
    for (size_t i = 0; i < n; i++) {
        assert_true(o.mean[i] == x[i]);
        assert_true(o.var[i] == 0.0);
    }
    outputs_free(o);
    free(x);
}

static void test_window_longer_than_input_keeps_growing(void **state)
{
    (void)state;
    size_t n = 300;
    double *x = signal_new(SIGNAL_RANDOM_WALK, n, 12);
    assert_accurate("w = n", x, n, n);
    assert_accurate("w = n + 1", x, n, n + 1);
    assert_accurate("w = 10n", x, n, 10 * n);
    assert_accurate("w = SIZE_MAX", x, n, SIZE_MAX);

    /* and the windows really grow: output i is the mean of x[0..i] */
    struct outputs o = outputs_new(n);
    assert_int_equal(rolling_mean_var(x, n, SIZE_MAX, o.mean, o.var), 0);
    long double sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += x[i];
        double want = (double)(sum / (long double)(i + 1));
        assert_true(fabs(o.mean[i] - want) <= 1e-9 * (fabs(want) + 1));
    }
    outputs_free(o);
    free(x);
}

/* ---- the data that breaks rolling variances ---------------------------- */

static void test_constant_input_is_within_bound_never_negative(void **state)
{
    (void)state;
    const double levels[] = { 0.0, 0.1, -3.7e-5, 21.3, 1e9 + 0.5, 1e15 / 3 };
    const size_t windows[] = { 1, 2, 3, 7, 64, 100, 999 };
    size_t n = 1000;
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    for (size_t l = 0; l < sizeof levels / sizeof levels[0]; l++) {
        for (size_t i = 0; i < n; i++)
            x[i] = levels[l];
        for (size_t k = 0; k < sizeof windows / sizeof windows[0]; k++) {
            struct outputs o = outputs_new(n);
            assert_int_equal(rolling_mean_var(x, n, windows[k], o.mean, o.var), 0);
            for (size_t i = 0; i < n; i++) {
                if (!(o.var[i] >= 0.0)) {
                    print_error("level %.17g, w=%zu: var[%zu] = %g\n", levels[l], windows[k], i, o.var[i]);
                    fail();
                }
            }
            outputs_free(o);
            assert_accurate("constant input", x, n, windows[k]);
        }
    }
    free(x);
}

/* One signal of accuracy.h at windows from 2 to 1000. */
static void assert_signal_accurate(enum signal s)
{
    size_t n = 3000;
    double *x = signal_new(s, n, PERFLAB_SEED);
    const size_t windows[] = { 2, 10, 100, 1000 };
    for (size_t k = 0; k < sizeof windows / sizeof windows[0]; k++)
        assert_accurate(signal_name(s), x, n, windows[k]);
    free(x);
}

static void test_offset_data(void **state)
{
    (void)state;
    assert_signal_accurate(SIGNAL_OFFSET); /* 1e9 + N(0, 1): the sum-of-squares trap */
}

static void test_random_walk(void **state)
{
    (void)state;
    assert_signal_accurate(SIGNAL_RANDOM_WALK); /* drifts: a fixed shift goes stale */
}

static void test_constant_runs(void **state)
{
    (void)state;
    assert_signal_accurate(SIGNAL_CONSTANT_RUNS); /* stuck sensor: leftovers of departed values */
}

/* The broad net: many small random inputs of every family, random windows
   from 1 to past the end, against the oracle. Off-by-one windows, wrong
   counts in the first w outputs and rare accuracy losses all land here. */
static void test_random_cases_against_the_oracle(void **state)
{
    (void)state;
    double *x = malloc(RANDOM_MAX_N * sizeof *x);
    assert_non_null(x);
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    for (int c = 0; c < RANDOM_CASES; c++) {
        size_t n = (size_t)rng_below(&rng, RANDOM_MAX_N + 1);
        size_t w = 1 + (size_t)rng_below(&rng, RANDOM_MAX_W);
        enum signal s = (enum signal)rng_below(&rng, SIGNAL_COUNT);
        signal_fill(s, x, n, &rng);
        char what[64];
        snprintf(what, sizeof what, "random case %d (%s)", c, signal_name(s));
        assert_accurate(what, x, n, w);
    }
    free(x);
}

/* ---- the pipeline around it --------------------------------------------- */

static void test_filter_drops_nan_and_out_of_range(void **state)
{
    (void)state;
    const struct sensor_record records[] = {
        { 0, 1, 21.5 }, { 100, 1, NAN }, { 200, 1, -127.0 }, { 300, 1, 4095.0 },
        { 400, 1, SENSOR_MIN_CELSIUS }, { 500, 1, SENSOR_MAX_CELSIUS }, { 600, 1, -INFINITY },
        { 700, 1, 22.25 },
    };
    double clean[8];
    size_t kept = filter_readings(records, 8, clean);
    assert_int_equal(kept, 4);
    assert_true(clean[0] == 21.5 && clean[1] == SENSOR_MIN_CELSIUS);
    assert_true(clean[2] == SENSOR_MAX_CELSIUS && clean[3] == 22.25);
    assert_int_equal(filter_readings(records, 0, clean), 0);
}

static void test_normalize_gives_zero_mean_unit_variance(void **state)
{
    (void)state;
    double x[4] = { 1, 2, 3, 4 }, z[4];
    normalize_readings(x, 4, z); /* mean 2.5, spread sqrt(1.25) */
    double s = sqrt(1.25);
    assert_near(z[0], -1.5 / s);
    assert_near(z[3], 1.5 / s);

    double flat[3] = { 5, 5, 5 };
    normalize_readings(flat, 3, flat); /* in place; no spread: all 0 */
    assert_true(flat[0] == 0 && flat[1] == 0 && flat[2] == 0);
    normalize_readings(NULL, 0, NULL);
}

static void test_sensor_log_is_deterministic_and_dirty(void **state)
{
    (void)state;
    size_t n = 100000;
    struct sensor_record *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    sensor_log_generate(a, n, 42);
    sensor_log_generate(b, n, 42);
    size_t nan = 0, out_of_range = 0, repeats = 0;
    for (size_t i = 0; i < n; i++) {
        double c = a[i].celsius;
        assert_true(a[i].time_ms == b[i].time_ms);
        assert_true(c == b[i].celsius || (isnan(c) && isnan(b[i].celsius)));
        nan += isnan(c);
        out_of_range += c < SENSOR_MIN_CELSIUS || c > SENSOR_MAX_CELSIUS;
        repeats += i > 0 && c == a[i - 1].celsius;
    }
    assert_true(nan > n / 1000 && nan < n / 50);       /* about 0.5% */
    assert_true(out_of_range > n / 2000 && out_of_range < n / 100); /* about 0.3% */
    assert_true(repeats > n / 100);                    /* stuck stretches */
    free(a);
    free(b);
}

static void test_pipeline_end_to_end(void **state)
{
    (void)state;
    struct pipeline *p = pipeline_new(20000, 100, rolling_mean_var);
    assert_non_null(p);
    assert_int_equal(pipeline_run(p), 0);
    assert_true(p->n_clean > 19000 && p->n_clean < 20000);
    struct accuracy a = accuracy_measure(p->z, p->n_clean, p->window, p->mean, p->var);
    assert_true(accuracy_ok(&a));
    pipeline_free(p);
    assert_null(pipeline_new(10, 10, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zero_window_is_an_error_and_writes_nothing),
        cmocka_unit_test(test_null_arrays_are_an_error_and_write_nothing),
        cmocka_unit_test(test_empty_input_is_fine),
        cmocka_unit_test(test_small_window_by_hand),
        cmocka_unit_test(test_textbook_example_by_hand),
        cmocka_unit_test(test_window_of_one_is_the_value_itself),
        cmocka_unit_test(test_window_longer_than_input_keeps_growing),
        cmocka_unit_test(test_constant_input_is_within_bound_never_negative),
        cmocka_unit_test(test_offset_data),
        cmocka_unit_test(test_random_walk),
        cmocka_unit_test(test_constant_runs),
        cmocka_unit_test(test_random_cases_against_the_oracle),
        cmocka_unit_test(test_filter_drops_nan_and_out_of_range),
        cmocka_unit_test(test_normalize_gives_zero_mean_unit_variance),
        cmocka_unit_test(test_sensor_log_is_deterministic_and_dirty),
        cmocka_unit_test(test_pipeline_end_to_end),
    };
    return cmocka_run_group_tests_name("03-rolling-window", tests, NULL, NULL);
}
