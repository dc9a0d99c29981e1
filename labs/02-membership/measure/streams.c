/*
 * streams.c -- the ids Lab 2 measures (see streams.h).
 */
#include "streams.h"

#include "rng.h"

#include <stdbool.h>
#include <stdlib.h>

const char *const id_scheme_names[] = { "random", "sequential", "x1024", "x2^32", NULL };

/* 10^12 is far above every x1024 id we issue (< 2^31) and no multiple of 2^32
   lies in [10^12, 10^12 + 10^8): the schemes never issue the same id. */
#define SEQUENTIAL_BASE UINT64_C(1000000000000)

/* Hands out fresh ids: never one it gave before. */
struct id_source {
    struct rng rng;
    uint64_t issued[N_SCHEMES];
    enum id_scheme only; /* ALL_SCHEMES: take turns */
    unsigned turn;
};

static uint64_t fresh_id(struct id_source *src)
{
    enum id_scheme scheme = src->only != ALL_SCHEMES ? src->only : (enum id_scheme)(src->turn++ % N_SCHEMES);
    uint64_t n = src->issued[scheme]++;
    switch (scheme) {
    case RANDOM_IDS: return rng_next(&src->rng) | UINT64_C(1) << 63; /* above the other three */
    case SEQUENTIAL_IDS: return SEQUENTIAL_BASE + n;
    case X1024_IDS: return (n + 1) * 1024;
    default: return (n + 1) << 32;
    }
}

int id_stream_make(struct id_stream *s, size_t n, enum id_scheme only)
{
    size_t slots = n + 1; /* never malloc(0) */
    uint64_t *events = malloc(slots * sizeof *events);
    uint64_t *queries = malloc(slots * sizeof *queries);
    uint64_t *users = malloc(slots * sizeof *users); /* distinct ids so far */
    if (events == NULL || queries == NULL || users == NULL) {
        free(events);
        free(queries);
        free(users);
        return -1;
    }
    struct id_source src = { .only = only };
    rng_seed(&src.rng, PERFLAB_SEED);
    size_t n_users = 0;
    for (size_t i = 0; i < n; i++) {
        bool first_visit = n_users == 0 || rng_below(&src.rng, 2) == 0;
        if (first_visit)
            users[n_users++] = fresh_id(&src);
        events[i] = first_visit ? users[n_users - 1] : users[rng_below(&src.rng, n_users)];
    }
    for (size_t i = 0; i < n; i++) {
        bool known = rng_below(&src.rng, 2) == 0;
        queries[i] = known ? users[rng_below(&src.rng, n_users)] : fresh_id(&src);
    }
    free(users);
    *s = (struct id_stream){ events, queries, n };
    return 0;
}

void id_stream_free(struct id_stream *s)
{
    free(s->events);
    free(s->queries);
    *s = (struct id_stream){ NULL, NULL, 0 };
}
