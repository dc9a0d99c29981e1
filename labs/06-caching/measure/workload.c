/*
 * workload.c -- what Lab 6 measures: a pricing service's skewed traffic
 * through a cache in front of an expensive quote().
 *
 * The catalog has 100,000 products in 8 regions: 800,000 keys. Requests
 * follow a Zipf popularity with s = 1.2 over the products (and s = 1 over
 * the regions), and 0.2% of the operations change a price (trace.h), all
 * from the course seed: every run and every student sees the same traffic.
 *
 * Sweeps
 *   capacity  30,000 requests from a cold start, with capacities from 80
 *             (0.01% of the keys) to 80,000 (10%): time per request against
 *             the memory given. Each call makes a fresh cache, so every
 *             repetition does the same work. Counters: the quotes computed
 *             (hit rate = 1 - quotes / requests) and the bytes the cache
 *             held (malloc's count, at the end of the run).
 *   hot       (graded, not run by make lab-6) the steady state: setup warms
 *             a cache of x entries with 20,000 requests, then one call is
 *             the next 2,500 (the driver counts one call). What is counted
 *             is the requests a warm cache serves; naive, which keeps
 *             nothing, is not warmed (it would only burn 20,000 quotes).
 *             Repeated calls (the grader's wall-clock check) go on through
 *             the trace, 8 calls' worth, then start over. The first call's
 *             answers are checked against quote() on a twin catalog built
 *             before any variant code ran: a cache that answers wrong only
 *             where it is counted (not in the suite) gets no count (abort).
 *   lookup    what a hit costs as the cache grows: a cheap catalog
 *             (CATALOG_CHEAP), a cache of x entries warmed with exactly x
 *             keys, then 20,000 requests spread evenly over them: all hits
 *             for any policy, so the count is the cache's own work. A hash
 *             index stays flat; a scan grows with x.
 */
#define _GNU_SOURCE /* mallinfo2 */
#include <malloc.h>

#include "catalog.h"
#include "measure.h"
#include "rng.h"
#include "trace.h"
#include "workload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each variant's functions were renamed <variant>_quote_cache_* at build time. */
#define LAB_DECLARE(v)                                                       \
    struct quote_cache *v##_quote_cache_new(const struct catalog *, size_t); \
    double v##_quote_cache_get(struct quote_cache *, uint32_t, uint32_t);    \
    void v##_quote_cache_free(struct quote_cache *);
#define LAB_IMPL(v) { v##_quote_cache_new, v##_quote_cache_get, v##_quote_cache_free }
#include "variants.h"

/* The bytes malloc holds now: a cache's footprint, for the report. */
static size_t heap_bytes(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

struct state {
    const struct impl *impl;
    struct catalog *catalog;
    struct trace trace;
    size_t first, next;          /* hot, lookup: where the measured ops start, and the next call's */
    size_t gets;                 /* requests per call */
    size_t capacity;
    struct quote_cache *cache;   /* hot and lookup: made in setup; capacity: per call */
    double *expected;            /* hot: quote()'s answers to the first call's requests, from a
                                    private catalog made before any of the variant's code ran */
    double *answers;             /* hot: the first call's answers, checked against them */
    uint64_t quotes;             /* in the last call */
    uint64_t calls;
    size_t cache_bytes;          /* capacity sweep: held at the end of the last call */
    double sink;
};

/* Replays ops from `from` until `gets` requests were served, keeping the
   answers in answers[] unless it is NULL; returns where it stopped. */
static size_t replay(struct state *s, struct quote_cache *qc, size_t from, size_t gets, double *answers)
{
    double sum = 0;
    size_t i = from, k = 0;
    for (; i < s->trace.n && gets > 0; i++) {
        const struct trace_op *op = &s->trace.ops[i];
        if (op->kind == TRACE_SET)
            catalog_set_price(s->catalog, op->product, op->arg);
        else {
            double answer = s->impl->cache_get(qc, op->product, op->arg);
            sum += answer;
            if (answers != NULL)
                answers[k++] = answer;
            gets--;
        }
    }
    s->sink += sum; /* keeps the answers alive */
    return i;
}

static void teardown(void *state)
{
    struct state *s = state;
    if (s->cache != NULL)
        s->impl->cache_free(s->cache);
    trace_free(&s->trace);
    catalog_free(s->catalog);
    free(s->expected);
    free(s->answers);
    free(s);
}

static struct state *state_new(const struct perflab_variant *v, long capacity, uint32_t work, size_t gets)
{
    struct state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->impl = v->impl;
    s->capacity = (size_t)capacity;
    s->catalog = catalog_new(TRACE_PRODUCTS, work, PERFLAB_SEED);
    struct trace_params p = { TRACE_PRODUCTS, TRACE_SKEW, gets, TRACE_UPDATE_SHARE, PERFLAB_SEED };
    if (s->catalog == NULL || trace_make(&s->trace, &p) != 0) {
        teardown(s);
        return NULL;
    }
    return s;
}

/* ---- capacity: cold start, a fresh cache per call ------------------------------------ */

static void *capacity_setup(long capacity, const struct perflab_variant *v)
{
    return state_new(v, capacity, CATALOG_WORK, CAPACITY_GETS);
}

static void capacity_run(void *state)
{
    struct state *s = state;
    uint64_t quotes = catalog_quotes(s->catalog);
    size_t before = heap_bytes();
    struct quote_cache *qc = s->impl->cache_new(s->catalog, s->capacity);
    if (qc == NULL)
        abort(); /* out of memory: the harness reports the crash */
    replay(s, qc, 0, s->trace.gets, NULL);
    size_t after = heap_bytes();
    s->cache_bytes = after > before ? after - before : 0;
    s->impl->cache_free(qc);
    s->quotes = catalog_quotes(s->catalog) - quotes;
}

static size_t capacity_counters(void *state, struct perflab_counter out[PERFLAB_MAX_COUNTERS])
{
    struct state *s = state;
    out[0] = (struct perflab_counter){ "quotes", (double)s->quotes };
    out[1] = (struct perflab_counter){ "cache_bytes", (double)s->cache_bytes };
    return 2;
}

static double capacity_items(long x)
{
    (void)x;
    return CAPACITY_GETS;
}

/* ---- hot: the graded steady state ------------------------------------------------------ */

static void *hot_setup(long capacity, const struct perflab_variant *v)
{
    struct state *s = state_new(v, capacity, CATALOG_WORK, HOT_WARM_GETS + HOT_CALLS * HOT_GETS);
    if (s == NULL)
        return NULL;
    s->gets = HOT_GETS;
    /* The first op after the warm-up's last request. */
    size_t gets = 0;
    while (s->first < s->trace.n && gets < HOT_WARM_GETS)
        gets += s->trace.ops[s->first++].kind == TRACE_GET;
    s->next = s->first;
    /* The answers the counted call must give, from a twin catalog, before any
       of the variant's code runs: the count is of a cache that answers right,
       here too, not only in the suite's worker. */
    struct catalog *twin = catalog_new(TRACE_PRODUCTS, CATALOG_WORK, PERFLAB_SEED);
    s->expected = malloc(HOT_GETS * sizeof *s->expected);
    s->answers = malloc(HOT_GETS * sizeof *s->answers);
    if (twin == NULL || s->expected == NULL || s->answers == NULL) {
        catalog_free(twin);
        teardown(s);
        return NULL;
    }
    for (size_t i = 0, k = 0; i < s->trace.n && k < HOT_GETS; i++) {
        const struct trace_op *op = &s->trace.ops[i];
        if (op->kind == TRACE_SET)
            catalog_set_price(twin, op->product, op->arg);
        else if (i >= s->first)
            s->expected[k++] = quote(twin, op->product, op->arg);
    }
    catalog_free(twin);
    if ((s->cache = s->impl->cache_new(s->catalog, s->capacity)) == NULL) {
        teardown(s);
        return NULL;
    }
    if (strcmp(v->name, "naive") == 0) { /* keeps nothing: only the price changes matter */
        for (size_t i = 0; i < s->first; i++)
            if (s->trace.ops[i].kind == TRACE_SET)
                catalog_set_price(s->catalog, s->trace.ops[i].product, s->trace.ops[i].arg);
    } else {
        replay(s, s->cache, 0, HOT_WARM_GETS, NULL);
    }
    return s;
}

/* The next `gets` requests; at the end of the trace, from its measured start again. */
static void cache_run(void *state)
{
    struct state *s = state;
    uint64_t quotes = catalog_quotes(s->catalog);
    if (s->next >= s->trace.n)
        s->next = s->first;
    int first = s->calls++ == 0 && s->expected != NULL; /* the driver counts the first call */
    s->next = replay(s, s->cache, s->next, s->gets, first ? s->answers : NULL);
    s->quotes = catalog_quotes(s->catalog) - quotes;
    for (size_t k = 0; first && k < s->gets; k++)
        if (memcmp(&s->answers[k], &s->expected[k], sizeof(double)) != 0) {
            fprintf(stderr, "workload: request %zu of the counted run: the cache answered %.17g, quote() says "
                            "%.17g\n", k, s->answers[k], s->expected[k]);
            abort(); /* no count for a cache that is wrong where it is counted */
        }
}

static size_t quote_counters(void *state, struct perflab_counter out[PERFLAB_MAX_COUNTERS])
{
    struct state *s = state;
    out[0] = (struct perflab_counter){ "quotes", (double)s->quotes };
    return 1;
}

static double hot_items(long x)
{
    (void)x;
    return HOT_GETS;
}

/* ---- lookup: all hits, cheap quotes ------------------------------------------------------ */

static void *lookup_setup(long keys, const struct perflab_variant *v)
{
    struct state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->impl = v->impl;
    s->capacity = (size_t)keys;
    s->catalog = catalog_new(TRACE_PRODUCTS, CATALOG_CHEAP, PERFLAB_SEED);
    s->trace.ops = malloc(((size_t)keys + LOOKUP_GETS) * sizeof *s->trace.ops);
    if (s->catalog == NULL || s->trace.ops == NULL || (s->cache = s->impl->cache_new(s->catalog, s->capacity)) == NULL) {
        teardown(s);
        return NULL;
    }
    /* x distinct keys (the multiplier is prime to 100,000: distinct products),
       each once to warm the cache, then requests spread evenly over them. */
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    for (long i = 0; i < keys; i++)
        s->trace.ops[i] = (struct trace_op){ (uint32_t)((uint64_t)i * 35761 % TRACE_PRODUCTS), (uint32_t)(i % 8), TRACE_GET };
    for (long i = 0; i < LOOKUP_GETS; i++)
        s->trace.ops[keys + i] = s->trace.ops[rng_below(&rng, (uint64_t)keys)];
    s->trace.n = (size_t)keys + LOOKUP_GETS;
    s->trace.gets = s->trace.n;
    s->first = s->next = (size_t)keys;
    s->gets = LOOKUP_GETS;
    replay(s, s->cache, 0, (size_t)keys, NULL);
    return s;
}

static double lookup_items(long x)
{
    (void)x;
    return LOOKUP_GETS;
}

static int never(void)
{
    return 0;
}

static const struct perflab_sweep sweeps[] = {
    {
        .name = "capacity",
        .title = "time per request vs cache capacity (30,000 requests from a cold start, 800,000 keys)",
        .x_name = "capacity",
        .x_label = "capacity (quotes kept; 800,000 keys in all)",
        .xs = { 80, 200, 800, 2000, 8000, 20000, 80000, 0 },
        .variants = (const char *const[]){ "naive", "yours", "reference", NULL },
        .setup = capacity_setup,
        .run = capacity_run,
        .teardown = teardown,
        .counters = capacity_counters,
        .items = capacity_items,
        .item_name = "request",
        .budget_s = 2.0,
        .fit_points = -1,
        .plot = PERFLAB_PLOT_PER_ITEM,
    },
    {
        .name = "lookup",
        .title = "cost of a hit vs cache size (all hits, cheap quotes)",
        .x_name = "entries",
        .x_label = "entries in the cache (every request a hit)",
        .xs = { 1000, 8000, 64000, 0 },
        .setup = lookup_setup,
        .run = cache_run,
        .teardown = teardown,
        .counters = quote_counters,
        .items = lookup_items,
        .item_name = "request",
        .budget_s = 1.0,
        .fit_points = 4,
        .plot = PERFLAB_PLOT_PER_ITEM,
    },
    {
        .name = "hot",
        .title = "the graded steady state: 2,500 requests on a warm cache",
        .x_name = "capacity",
        .x_label = "capacity (quotes kept)",
        .xs = { 8000, 0 },
        .setup = hot_setup,
        .run = cache_run,
        .teardown = teardown,
        .counters = quote_counters,
        .items = hot_items,
        .item_name = "request",
        .enabled = never, /* the grader's: make lab-6 shows the capacity sweep instead */
        .fit_points = -1,
        .plot = PERFLAB_PLOT_NONE,
    },
};

const struct perflab_lab perflab_lab = {
    .number = PERFLAB_NUMBER,
    .slug = PERFLAB_SLUG,
    .title = "Caching",
    .trap = "recomputing an expensive answer on every request vs a bounded cache that is never stale",
    .variants = variants,
    .n_variants = PERFLAB_COUNT(variants),
    .sweeps = sweeps,
    .n_sweeps = PERFLAB_COUNT(sweeps),
    .criteria = {
        { .kind = PERFLAB_WORK_RATIO, .sweep = "hot", .metric = "instructions", .xs = { 8000, 0 }, .bound = 3 },
        { .kind = PERFLAB_EXPONENT, .sweep = "lookup", .metric = "instructions",
          .xs = { 1000, 8000, 64000, 0 }, .bound = 0.3 },
        { 0 },
    },
    .test_timeout_s = 30,
    .perf_timeout_s = 120,
};
