/*
 * results.h -- what bench measured: the store of cells, and their slopes.
 *
 * bench.cc (C++, google-benchmark) only times things; it stores each median in
 * a `struct perflab_results`, and C code does the rest: this file fits the
 * slopes and decides which runs to skip and extrapolate; table.h prints the
 * tables and export.h writes the CSV, JSON and plots. Keeping it in C keeps
 * the C++ to the glue that google-benchmark requires, and lets the harness's
 * own tests reach it.
 *
 * A "cell" is one (sweep, variant, x): measured (a median over repetitions),
 * extrapolated (not run: predicted from the fitted slope because it would
 * exceed the sweep's time budget), or failed (setup returned NULL).
 */
#ifndef PERFLAB_RESULTS_H
#define PERFLAB_RESULTS_H

#include "fit.h"
#include "workload.h"

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

enum cell_state { CELL_MEASURED, CELL_EXTRAPOLATED, CELL_FAILED };

struct perflab_cell {
    const struct perflab_sweep *sweep;
    const struct perflab_variant *variant;
    long x;
    enum cell_state state;
    double seconds;     /* median seconds per call (measured) or prediction (extrapolated) */
    double cv;          /* coefficient of variation over repetitions (measured only) */
    double machine_cv;  /* the same, of the machine probe timed among this size's repetitions
                           (bench.cc): how steady the machine itself was; 0 = not measured */
    double p95, p99;    /* seconds, over the repetitions (tail_percentiles sweeps; 0 = not computed) */
    int repetitions;
    double iterations;  /* iterations per repetition google-benchmark chose */
    struct perflab_counter counters[PERFLAB_MAX_COUNTERS];
    size_t n_counters;
};

struct perflab_results {
    const struct perflab_lab *lab;
    char out_dir[512];  /* $(PLOTS)/lab-N: the files students look at */
    char work_dir[512]; /* build/lab-N: plot data nobody needs to see */
    struct perflab_cell *cells;
    size_t n_cells, cap_cells;
    bool interleaved;   /* each size's repetitions ran in random order across its variants */
};

void results_init(struct perflab_results *r, const struct perflab_lab *lab,
                  const char *out_dir, const char *work_dir);
void results_free(struct perflab_results *r);
/* Returns the new cell (zeroed but for the key), or NULL if out of memory. */
struct perflab_cell *results_add(struct perflab_results *r, const struct perflab_sweep *s,
                                 const struct perflab_variant *v, long x);
const struct perflab_cell *results_find(const struct perflab_results *r, const char *sweep,
                                        const char *variant, long x);

/* Fit the exponent over the largest `fit_points` measured x of one variant. */
bool results_fit(const struct perflab_results *r, const struct perflab_sweep *s,
                 const char *variant, struct power_fit *fit);
/* Before running variant at x: the predicted seconds if it should be skipped
   (prediction over budget, or an earlier x already was), else 0. */
double results_skip_prediction(const struct perflab_results *r, const struct perflab_sweep *s,
                               const char *variant, long x);

/* How steady the machine was while a sweep (NULL: every sweep) was measured:
   the machine probe's coefficient of variation over the sizes it ran at. */
struct noise_floor {
    size_t sizes;     /* sizes with a probe measurement; 0 = none */
    double median_cv; /* the median over those sizes */
    double max_cv;    /* the widest */
};
struct noise_floor results_noise_floor(const struct perflab_results *r, const struct perflab_sweep *s);

#ifdef __cplusplus
}
#endif
#endif
