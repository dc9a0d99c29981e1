/*
 * scenario.h -- what one measured call of Lab 8 is, in one place.
 *
 * make lab-8 (bench, in one process with the server) and the grade (the
 * trusted suite program, `test-<variant> <variant> <sweep> <x>`, with the
 * server in it and the code in the sandboxed worker) must run the same
 * call for a sweep and a size: how many items, which ids, how slow the
 * server is, how many it admits, and the max_in_flight passed. This file
 * is that table.
 */
#ifndef LAB08_SCENARIO_H
#define LAB08_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "server.h"

/* The server's delay and limit of the "requests" sweep (and the grade). */
enum { SCENARIO_DELAY_MS = 10, SCENARIO_LIMIT = 8, SCENARIO_IN_FLIGHT_N = 32 };

struct scenario {
    struct server_config server; /* delay, limit; secret and faults left to the caller */
    size_t n;                    /* items */
    size_t max_in_flight;        /* passed to fetch_all */
    uint32_t *ids;               /* n ids, distinct, from the course seed (malloc'd) */
};

/* The call of sweep `sweep` at size x. False (nothing allocated) for an
   unknown sweep, a size out of range (x < 0, or over 100,000 items), or no
   memory. */
bool scenario_make(const char *sweep, long x, struct scenario *out);
void scenario_free(struct scenario *s);

#endif
