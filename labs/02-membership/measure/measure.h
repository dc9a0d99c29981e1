/*
 * measure.h -- what Lab 2's workload.c shares with its report.c.
 */
#ifndef LAB02_MEASURE_H
#define LAB02_MEASURE_H

#include "lab.h"
#include "streams.h" /* the id schemes and the streams of ids */

/* The contract as a table of function pointers: one per variant. */
struct impl {
    struct intset *(*new_set)(void);
    bool (*add)(struct intset *, uint64_t);
    bool (*contains)(const struct intset *, uint64_t);
    size_t (*size)(const struct intset *);
    void (*free_set)(struct intset *);
};

extern const char *const hash_sets[];    /* the variants of the schemes sweep, NULL-ended */

/* The schemes sweep runs at one size: small enough that GLib's collapse on
   x2^32 (every key has the same 32-bit hash) stays under a second per call. */
#define SCHEMES_N 5000
#define SCHEMES_N_TEXT "5,000" /* for titles */

/* Events one dedupe + filter call processes (N adds and M = N lookups). */
double events_per_call(long n);

#endif
