/*
 * offline.h -- what the report compares real caches with: the offline
 * optimum (Belady) and a cache that expires by time instead of by version.
 * Report-only simulations: they count, they serve no requests.
 */
#ifndef LAB06_OFFLINE_H
#define LAB06_OFFLINE_H

#include "lab.h"
#include "trace.h"

#include <stddef.h>

/* The fewest quotes any cache of `capacity` entries can compute on trace t
   (Belady's MIN: on a miss, evict the entry used furthest in the future, or
   keep nothing if the new answer's next use is furthest). An answer whose
   product changes price before its next use is worth nothing. -1 when out
   of memory. */
long belady_quotes(const struct trace *t, uint32_t products, size_t capacity);

/* A cache that serves a kept answer for `ttl` requests after computing it,
   without looking at versions (unbounded: the lesson here is freshness). */
struct ttl_counts {
    size_t hits;  /* answers served from the cache */
    size_t stale; /* of those, answers from before a price change */
};
/* Runs trace t on catalog c (changing its prices as the trace says).
   Returns -1 when out of memory. */
int ttl_run(struct catalog *c, const struct trace *t, size_t ttl, struct ttl_counts *out);

#endif
