/*
 * workload.c -- what Lab 1 measures: join N random ints with ','.
 *
 * The input is N ints drawn from [-999,999, 9,999,999] (ids, counters and
 * amounts of a CSV export: mostly 7 digits, some negative), generated once per
 * size from the course seed, so every run and every student joins the same
 * numbers. One timed call is one join_ints() and the free() of its result.
 */
#include "lab.h"
#include "rng.h"
#include "workload.h"

#include <stdlib.h>

/* The contract as a table of function pointers: one per variant. */
struct impl {
    char *(*join_ints)(const int *values, size_t n, char sep);
};

/* Each variant's join_ints was renamed <variant>_join_ints at build time. */
#define LAB_DECLARE(v) char *v##_join_ints(const int *, size_t, char);
#define LAB_IMPL(v) { v##_join_ints }
#include "variants.h"

struct join_state {
    const struct impl *impl;
    int *values;
    size_t n;
};

static void *setup(long n, const struct perflab_variant *v)
{
    struct join_state *s = malloc(sizeof *s);
    int *values = malloc((size_t)n * sizeof *values + 1);
    if (s == NULL || values == NULL) {
        free(s);
        free(values);
        return NULL;
    }
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    for (long i = 0; i < n; i++)
        values[i] = (int)rng_between(&rng, -999999, 9999999);
    *s = (struct join_state){ v->impl, values, (size_t)n };
    return s;
}

static void run(void *state)
{
    struct join_state *s = state;
    free(s->impl->join_ints(s->values, s->n, ','));
}

static void teardown(void *state)
{
    struct join_state *s = state;
    free(s->values);
    free(s);
}

static double ints_per_call(long n)
{
    return (double)n;
}

static const struct perflab_sweep sweeps[] = {
    {
        .name = "scaling",
        .title = "join_ints: time per call vs N",
        .x_name = "N",
        .x_label = "N (ints joined)",
        .xs = { 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000, 0 },
        .setup = setup,
        .run = run,
        .teardown = teardown,
        .items = ints_per_call,
        .item_name = "int",
        .budget_s = 3.0, /* naive at N = 100,000 (~0.6-1.5 s) must run: the lab quotes it */
        .plot = PERFLAB_PLOT_SCALING,
    },
};

const struct perflab_lab perflab_lab = {
    .number = PERFLAB_NUMBER,
    .slug = PERFLAB_SLUG,
    .title = "String building",
    .trap = "quadratic appends (strcat rescans) vs an amortized buffer",
    .variants = variants,
    .n_variants = PERFLAB_COUNT(variants),
    .sweeps = sweeps,
    .n_sweeps = PERFLAB_COUNT(sweeps),
    .criteria = {
        { .kind = PERFLAB_WORK_RATIO, .sweep = "scaling", .metric = "instructions",
          .xs = { 20000, 0 }, .bound = 10 },
        { .kind = PERFLAB_EXPONENT, .sweep = "scaling", .metric = "instructions",
          .xs = { 5000, 10000, 20000, 40000, 80000, 160000, 0 }, .bound = 1.2 },
        { 0 },
    },
    .test_timeout_s = 10, /* the suite takes ~1 s against naive */
    .perf_timeout_s = 120,
};
