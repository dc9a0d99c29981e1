/*
 * workload.c -- what Lab 3 measures: a three-stage sensor pipeline, stage by
 * stage, and end to end over the window size.
 *
 * The input is a simulated temperature log (pipeline.h): readings every
 * 100 ms with NaNs, error codes and stuck stretches, generated from the course
 * seed so every run and every student processes the same log.
 *
 * Sweeps
 *   stages  n = 1,000,000 records, w = 100. One cell per stage -- filter,
 *           normalize, features -- each timed alone on the output of the
 *           stages before it (prepared in setup, not timed), plus one cell
 *           for the whole pipeline end to end. This is the per-stage
 *           profile: google-benchmark times every cell, nothing here does.
 *   window  the whole pipeline on n = 20,000 records, for w from 1 to 2,000:
 *           naive grows linearly in w, an incremental update stays flat.
 *           The grader counts the instructions of one such run, and so does
 *           make profile-3 -- which therefore shows the per-stage profile
 *           (filter_readings, normalize_readings, rolling_mean_var) that
 *           the lab is about.
 *
 * The report (after the sweeps) turns the stages cells into the lesson:
 *   - where the time goes: each stage's time and share, per variant;
 *   - Amdahl's law: from the features share p (naive) and the features
 *     speedup s (yours, reference) it predicts the end-to-end speedup
 *     S = 1 / ((1 - p) + p / s), and sets it beside the measured one;
 *   - two plots of that (where-the-time-goes.png, amdahl.png);
 *   - the accuracy table: every variant against the exact answer on the
 *     data that breaks rolling variances, with the fast textbook update
 *     (sum_of_squares.c) as the counter-example. That one is support code,
 *     not a variant: it fails the correctness suite by design, and make
 *     lab-3 measures only the variants that pass.
 *
 * Besides naive, yours and the reference, one variant: shifted_sums
 * (measure/variants/shifted_sums.c), the classic add-one-subtract-one update with its
 * two usual repairs (an anchor, an exact re-sum every w steps). It passes the
 * tests without a guarantee; beside the reference it shows what never
 * subtracting costs in time (nothing) and buys in accuracy.
 */
#include "lab.h"
#include "measure.h"
#include "accuracy.h"
#include "pipeline.h"
#include "format.h"
#include "workload.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



/* Each variant's rolling_mean_var was renamed <variant>_rolling_mean_var at build time. */
#define LAB_DECLARE(v) rolling_fn v##_rolling_mean_var;
#define LAB_IMPL(v) { v##_rolling_mean_var }
#include "variants.h"

rolling_fn *rolling_of(const struct perflab_variant *v)
{
    return ((const struct impl *)v->impl)->rolling_mean_var;
}


/* ---- the stages sweep ---------------------------------------------------------- */

static const char *const stage_names[] = { "filter", "normalize", "features", "end-to-end", NULL };

struct stage_state {
    struct pipeline *pipeline;
    enum stage stage;
};

static void *stage_setup(long x, const struct perflab_variant *v)
{
    struct stage_state *s = malloc(sizeof *s);
    struct pipeline *p = pipeline_new(STAGES_N, STAGES_W, rolling_of(v));
    if (s == NULL || p == NULL) {
        free(s);
        pipeline_free(p);
        return NULL;
    }
    /* The timed stage reads what the stages before it wrote. */
    if (x > FILTER && x != END_TO_END)
        pipeline_filter(p);
    if (x > NORMALIZE && x != END_TO_END)
        pipeline_normalize(p);
    *s = (struct stage_state){ p, (enum stage)x };
    return s;
}

static void stage_run(void *state)
{
    struct stage_state *s = state;
    switch (s->stage) {
    case FILTER: pipeline_filter(s->pipeline); break;
    case NORMALIZE: pipeline_normalize(s->pipeline); break;
    case FEATURES: pipeline_features(s->pipeline); break;
    case END_TO_END: pipeline_run(s->pipeline); break;
    }
}

static void stage_teardown(void *state)
{
    struct stage_state *s = state;
    pipeline_free(s->pipeline);
    free(s);
}

/* ---- the window sweep ------------------------------------------------------------ */

static void *window_setup(long w, const struct perflab_variant *v)
{
    return pipeline_new(WINDOW_N, (size_t)w, rolling_of(v));
}

static void window_run(void *state)
{
    pipeline_run(state);
}

static void window_teardown(void *state)
{
    pipeline_free(state);
}

/* ---- the lab ----------------------------------------------------------------------- */

static const struct perflab_sweep sweeps[] = {
    {
        .name = "stages",
        .title = "the pipeline stage by stage (n = 1,000,000 records, w = 100): time per call",
        .x_name = "stage",
        .x_label = "pipeline stage",
        .xs = { FILTER, NORMALIZE, FEATURES, END_TO_END, 0 },
        .x_names = stage_names,
        .setup = stage_setup,
        .run = stage_run,
        .teardown = stage_teardown,
        .budget_s = 2.0,
        .plot = PERFLAB_PLOT_NONE,
    },
    {
        .name = "window",
        .title = "the pipeline end to end: time per call vs window size w (n = 20,000 records)",
        .x_name = "w",
        .x_label = "w (window size, readings)",
        .xs = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 0 },
        .setup = window_setup,
        .run = window_run,
        .teardown = window_teardown,
        .budget_s = 0.5,
        .plot = PERFLAB_PLOT_SCALING,
    },
};

const struct perflab_lab perflab_lab = {
    .number = PERFLAB_NUMBER,
    .slug = PERFLAB_SLUG,
    .title = "Rolling window",
    .trap = "re-summing every window (O(n*w)) vs an incremental update that stays accurate",
    .variants = variants,
    .n_variants = PERFLAB_COUNT(variants),
    .sweeps = sweeps,
    .n_sweeps = PERFLAB_COUNT(sweeps),
    .criteria = {
        /* 4x: any O(n) update clears it with either compiler (gcc: reference
           11.3x, compensated sums 8.3x; clang vectorizes naive better: 7.0x
           and 4.8x), any O(n*w) loop does not (unrolled naive: 1.4x, 0.95x). */
        { .kind = PERFLAB_WORK_RATIO, .sweep = "window", .metric = "instructions",
          .xs = { 100, 0 }, .bound = 4 },
        { .kind = PERFLAB_EXPONENT, .sweep = "window", .metric = "instructions",
          .xs = { 50, 100, 200, 400, 800, 0 }, .bound = 0.3 },
        { 0 },
    },
    .test_timeout_s = 20,
    .perf_timeout_s = 120,
};
