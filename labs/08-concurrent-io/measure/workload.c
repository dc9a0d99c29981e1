/*
 * workload.c -- what Lab 8 measures: fetch N items from the lab's slow
 * HTTP server (server.h), which runs as a thread of this same process.
 *
 * The calls themselves are in scenario.c (the grade runs the same ones from
 * the trusted suite program). One timed call is one fetch_all; the server
 * is started once per variant and size (setup, not timed), and its counts
 * are zeroed before each call. The counters are the server's, plus the
 * client's CPU time: the process's (getrusage) less the server thread's.
 *
 * Targets: the grade counts on the server, in the trusted suite program
 * (remote.c), never in the process that runs student code:
 *   rounds       the longest chain of requests each sent after the last
 *                one's answer (server.h): naive N, a client keeping 8 in
 *                flight about N/8;
 *   connections  TCP connections opened: a pool of at most max_in_flight;
 *   503s         requests over the server's limit: none.
 */
#include "lab.h"
#include "scenario.h"
#include "server.h"
#include "workload.h"

#include <stdlib.h>
#include <sys/resource.h>

/* The contract as a table of function pointers: one per variant. */
struct impl {
    int (*fetch_all)(int port, const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out);
};

/* Each variant's fetch_all was renamed <variant>_fetch_all at build time. */
#define LAB_DECLARE(v) int v##_fetch_all(int, const uint32_t *, size_t, size_t, struct response *);
#define LAB_IMPL(v) { v##_fetch_all }
#include "variants.h"

struct fetch_state {
    const struct impl *impl;
    struct scenario sc;
    struct server *server;
    struct response *out;
    struct server_counts counts;
    double client_cpu_s;
};

static double process_cpu_s(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_stime.tv_sec +
           ((double)u.ru_utime.tv_usec + (double)u.ru_stime.tv_usec) * 1e-6;
}

static void teardown(void *state)
{
    struct fetch_state *s = state;
    server_stop(s->server);
    scenario_free(&s->sc);
    free(s->out);
    free(s);
}

static void *setup_sweep(const char *sweep, long x, const struct perflab_variant *v)
{
    struct fetch_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->impl = v->impl;
    char why[300];
    if (!scenario_make(sweep, x, &s->sc) || (s->out = calloc(s->sc.n + 1, sizeof *s->out)) == NULL ||
        (s->server = server_start(&s->sc.server, NULL, why, sizeof why)) == NULL) {
        teardown(s);
        return NULL;
    }
    return s;
}

static void *setup_requests(long x, const struct perflab_variant *v) { return setup_sweep("requests", x, v); }
static void *setup_in_flight(long x, const struct perflab_variant *v) { return setup_sweep("in_flight", x, v); }
static void *setup_connections(long x, const struct perflab_variant *v) { return setup_sweep("connections", x, v); }

static void run(void *state)
{
    struct fetch_state *s = state;
    server_reset(s->server);
    double cpu = process_cpu_s();
    s->impl->fetch_all(server_port(s->server), s->sc.ids, s->sc.n, s->sc.max_in_flight, s->out);
    server_counts(s->server, &s->counts);
    s->client_cpu_s = process_cpu_s() - cpu - s->counts.cpu_s;
}

static size_t counters(void *state, struct perflab_counter out[PERFLAB_MAX_COUNTERS])
{
    struct fetch_state *s = state;
    out[0] = (struct perflab_counter){ "rounds", (double)s->counts.rounds };
    out[1] = (struct perflab_counter){ "connections", (double)s->counts.connections };
    out[2] = (struct perflab_counter){ "503s", (double)s->counts.rejected };
    out[3] = (struct perflab_counter){ "client_cpu_ms", s->client_cpu_s > 0 ? s->client_cpu_s * 1e3 : 0 };
    return 4;
}

static double items(long x)
{
    return (double)x;
}

static double limit_bound(long x)
{
    (void)x;
    return SCENARIO_LIMIT;
}

static double zero_bound(long x)
{
    (void)x;
    return 0;
}

static const char *const concurrent[] = { "reference", "yours", NULL };

static const struct perflab_sweep sweeps[] = {
    {
        .name = "requests",
        .title = "fetch_all: time per call vs N (server: 10 ms per request, 8 at once)",
        .x_name = "N",
        .x_label = "N (items fetched)",
        .xs = { 1, 2, 4, 8, 16, 32, 64, 128, 256, 0 },
        .setup = setup_requests,
        .run = run,
        .teardown = teardown,
        .counters = counters,
        .items = items,
        .item_name = "item",
        .budget_s = 1.0, /* naive runs up to N = 64 (~0.7 s); 128 and 256 are predicted */
        .plot = PERFLAB_PLOT_SCALING,
    },
    {
        .name = "in_flight",
        .title = "fetch_all: 32 items vs max_in_flight (Little's law)",
        .x_name = "max_in_flight",
        .x_label = "max_in_flight (requests outstanding at once)",
        .xs = { 1, 2, 4, 8, 16, 32, 0 },
        .variants = concurrent,
        .setup = setup_in_flight,
        .run = run,
        .teardown = teardown,
        .counters = counters,
        .budget_s = 1.5,
        .fit_points = -1,
        .plot = PERFLAB_PLOT_NONE, /* report.c draws it, with the bound */
    },
    {
        .name = "connections",
        .title = "fetch_all: N items with no delay (the cost of a connection)",
        .x_name = "N",
        .x_label = "N (items, answered at once)",
        .xs = { 10, 100, 1000, 0 },
        .setup = setup_connections,
        .run = run,
        .teardown = teardown,
        .counters = counters,
        .items = items,
        .item_name = "request",
        .budget_s = 1.0,
        .plot = PERFLAB_PLOT_PER_ITEM,
    },
};

const struct perflab_lab perflab_lab = {
    .number = PERFLAB_NUMBER,
    .slug = PERFLAB_SLUG,
    .title = "Concurrent I/O",
    .trap = "waiting for one answer at a time vs keeping a bounded number in flight",
    .variants = variants,
    .n_variants = PERFLAB_COUNT(variants),
    .sweeps = sweeps,
    .n_sweeps = PERFLAB_COUNT(sweeps),
    .criteria = {
        { .kind = PERFLAB_WORK_RATIO, .sweep = "requests", .metric = "rounds", .xs = { 64, 0 }, .bound = 3.5 },
        { .kind = PERFLAB_AT_MOST, .sweep = "requests", .metric = "connections", .xs = { 64, 0 },
          .bound_at = limit_bound, .bound_text = "8 (max_in_flight: a pool, reused)" },
        { .kind = PERFLAB_AT_MOST, .sweep = "requests", .metric = "503s", .xs = { 64, 0 },
          .bound_at = zero_bound, .bound_text = "0 (never over the server's limit)" },
        { 0 },
    },
    .test_timeout_s = 60, /* the suite takes a few seconds against naive */
    .perf_timeout_s = 60,
};
