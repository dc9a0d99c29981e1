/*
 * measure.h -- what Lab 3's workload.c shares with its report.c.
 */
#ifndef LAB03_MEASURE_H
#define LAB03_MEASURE_H

#include "lab.h"
#include "pipeline.h"
#include "workload.h"

enum {
    STAGES_N = 1000000, /* records in the stages sweep: 28 hours of readings at 10 per second */
    STAGES_W = 100,     /* window of the stages sweep */
    WINDOW_N = 20000,   /* records in the window sweep (small: callgrind grades it) */
    ACCURACY_N = 20000, /* values per signal in the accuracy table */
    ACCURACY_W = 100,
};

/* The contract as a table of function pointers: one per variant. */
struct impl {
    rolling_fn *rolling_mean_var;
};

/* x of the stages sweep. It starts at 1 because a 0 ends a sweep's xs. */
enum stage { FILTER = 1, NORMALIZE, FEATURES, END_TO_END };

/* A variant's rolling_mean_var. */
rolling_fn *rolling_of(const struct perflab_variant *v);

#endif
