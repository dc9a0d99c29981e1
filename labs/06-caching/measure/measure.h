/*
 * measure.h -- what Lab 6's workload.c shares with its report.c.
 */
#ifndef LAB06_MEASURE_H
#define LAB06_MEASURE_H

#include "lab.h"
#include "workload.h"

#include <stddef.h>

/* The contract as a table of function pointers: one per variant. */
struct impl {
    struct quote_cache *(*cache_new)(const struct catalog *c, size_t capacity);
    double (*cache_get)(struct quote_cache *qc, uint32_t product, uint32_t region);
    void (*cache_free)(struct quote_cache *qc);
};

enum {
    CAPACITY_GETS = 30000, /* requests per call of the capacity sweep (cold start) */
    HOT_WARM_GETS = 20000, /* the graded trace: requests that warm the cache (not counted) */
    HOT_GETS = 2500,       /* ...then the requests one call serves (the driver counts one call) */
    HOT_CALLS = 8,         /* calls before the trace starts over (bench repeats calls) */
    LOOKUP_GETS = 20000,   /* requests per call of the lookup sweep (all hits) */
};

#endif
