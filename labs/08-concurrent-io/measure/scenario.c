/*
 * scenario.c -- the sweeps' calls (scenario.h).
 *
 *   requests     N items, the server holds each 10 ms and admits 8 at once,
 *                max_in_flight = 8: sequential vs concurrent (and the grade)
 *   in_flight    32 items, the server admits all of them, max_in_flight = x:
 *                Little's law, time ~ ceil(32 / x) x 10 ms
 *   connections  N items answered at once (no delay), 8 at once: what is
 *                left is the cost of each request itself, a new connection
 *                or a reused one
 */
#include "scenario.h"

#include "rng.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_ITEMS = 100000 };

bool scenario_make(const char *sweep, long x, struct scenario *out)
{
    memset(out, 0, sizeof *out);
    if (x < 0 || x > MAX_ITEMS)
        return false;
    if (strcmp(sweep, "requests") == 0) {
        out->server.delay_ms = SCENARIO_DELAY_MS;
        out->server.max_in_flight = SCENARIO_LIMIT;
        out->n = (size_t)x;
        out->max_in_flight = SCENARIO_LIMIT;
    } else if (strcmp(sweep, "in_flight") == 0) {
        if (x < 1)
            return false;
        out->server.delay_ms = SCENARIO_DELAY_MS;
        out->server.max_in_flight = SCENARIO_IN_FLIGHT_N;
        out->n = SCENARIO_IN_FLIGHT_N;
        out->max_in_flight = (size_t)x;
    } else if (strcmp(sweep, "connections") == 0) {
        out->server.delay_ms = 0;
        out->server.max_in_flight = SCENARIO_LIMIT;
        out->n = (size_t)x;
        out->max_in_flight = SCENARIO_LIMIT;
    } else {
        return false;
    }
    out->ids = malloc(out->n * sizeof *out->ids + 1);
    if (out->ids == NULL)
        return false;
    /* Distinct ids: a random start, then random strides of at least 1. */
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    uint32_t id = (uint32_t)rng_below(&rng, 1000000);
    for (size_t i = 0; i < out->n; i++) {
        out->ids[i] = id;
        id += 1 + (uint32_t)rng_below(&rng, 1000);
    }
    return true;
}

void scenario_free(struct scenario *s)
{
    free(s->ids);
    s->ids = NULL;
}
