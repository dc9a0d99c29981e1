/*
 * report.c -- Lab 6's own tables and plots after the sweeps (make lab-6
 * only): what memory buys, how close each policy gets to the optimum, and
 * what a time-to-live costs in freshness.
 *
 *   memory.csv / memory.png      per capacity: bytes held, hit rate, time per
 *                                request, speedup over naive, and Amdahl's
 *                                bound 1 / (1 - hit rate) beside it
 *   hit-rate.csv / hit-rate.png  hit rate vs capacity for every variant (LRU,
 *                                FIFO, random, yours) and Belady's optimum
 *   freshness.csv / .png         a time-to-live cache swept over its TTL and
 *                                the rate of price changes: hits and stale
 *                                answers; the version check's count is 0
 *
 * Hit rates and stale counts are counted on seeded traces (deterministic);
 * only the times come from the stopwatch (the capacity sweep's cells).
 */
#include "catalog.h"
#include "measure.h"
#include "offline.h"
#include "trace.h"

#include "format.h"
#include "rng.h"
#include "labdef.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { POLICY_GETS = 200000, FRESH_GETS = 100000 };

static const long capacities[] = { 80, 200, 800, 2000, 8000, 20000, 80000 };
#define N_CAPACITIES (sizeof capacities / sizeof *capacities)

static FILE *open_csv(const struct perflab_results *r, const char *name, const char *header)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", perflab_out_dir(r), name);
    FILE *f = fopen(path, "w");
    if (f != NULL)
        fprintf(f, "%s\n", header);
    return f;
}

static void plot(const struct perflab_results *r, const char *script, const char *csv, const char *png,
                 const char *extra)
{
    const char *dir = perflab_out_dir(r);
    char vars[2048];
    snprintf(vars, sizeof vars, "data='%s/%s'; out='%s/%s'%s", dir, csv, dir, png, extra);
    char path[256];
    snprintf(path, sizeof path, "labs/" PERFLAB_SLUG "/measure/%s", script);
    perflab_gnuplot(path, vars);
}

/* ---- the memory trade, and Amdahl ---------------------------------------------------- */

static void print_memory(const struct perflab_results *r, FILE *out)
{
    static const char *const shown[] = { "reference", "yours" };
    FILE *csv = open_csv(r, "memory.csv", "variant,capacity,bytes,hit_rate,ns_per_request,speedup,amdahl_bound");
    fprintf(out, "\nwhat memory buys (capacity sweep: %d requests from a cold start; hit rate = 1 - quotes/requests)\n",
            CAPACITY_GETS);
    fprintf(out, "  %-10s %9s %11s %9s %13s %10s %22s\n", "variant", "capacity", "bytes", "hit rate",
            "per request", "speedup", "bound 1/(1-hit rate)");
    for (size_t v = 0; v < 2; v++) {
        for (size_t i = 0; i < N_CAPACITIES; i++) {
            long x = capacities[i];
            double naive = perflab_median(r, "capacity", "naive", x);
            double t = perflab_median(r, "capacity", shown[v], x);
            double quotes = perflab_counter_value(r, "capacity", shown[v], x, "quotes");
            double bytes = perflab_counter_value(r, "capacity", shown[v], x, "cache_bytes");
            if (t <= 0 || quotes < 0)
                continue;
            double hit = 1.0 - quotes / CAPACITY_GETS;
            double speedup = naive > 0 ? naive / t : NAN, bound = 1.0 / (1.0 - hit);
            char a[32], b[32], c[32], d[32], e[32], f[32];
            snprintf(c, sizeof c, "%.1f%%", 100 * hit);
            fprintf(out, "  %-10s %9s %11s %9s %13s %10s %22s\n", shown[v], format_count((double)x, a, sizeof a),
                    format_count(bytes, b, sizeof b), c, format_seconds(t / CAPACITY_GETS, d, sizeof d),
                    naive > 0 ? format_ratio(speedup, e, sizeof e) : "-", format_ratio(bound, f, sizeof f));
            if (csv != NULL)
                fprintf(csv, "%s,%ld,%.0f,%.6f,%.3f,%.4f,%.4f\n", shown[v], x, bytes, hit, 1e9 * t / CAPACITY_GETS,
                        speedup, bound);
        }
    }
    fprintf(out, "  (the bound assumes a hit costs nothing; the measured speedup falls short of it by\n"
                 "   what the lookups cost, and by the stopwatch's noise)\n");
    if (csv != NULL) {
        fclose(csv);
        plot(r, "memory.gp", "memory.csv", "memory.png", "");
    }
}

/* ---- policies against the optimum ------------------------------------------------------- */

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* One variant's quotes on the trace at one capacity; -1 if it failed. */
static long variant_quotes(const struct impl *impl, struct catalog *c, const struct trace *t, size_t capacity)
{
    struct quote_cache *qc = impl->cache_new(c, capacity);
    if (qc == NULL)
        return -1;
    uint64_t before = catalog_quotes(c);
    for (size_t i = 0; i < t->n; i++) {
        const struct trace_op *op = &t->ops[i];
        if (op->kind == TRACE_SET)
            catalog_set_price(c, op->product, op->arg);
        else
            impl->cache_get(qc, op->product, op->arg);
    }
    impl->cache_free(qc);
    return (long)(catalog_quotes(c) - before);
}

static void print_policies(const struct perflab_results *r, FILE *out)
{
    /* Hit rates do not depend on what a quote costs: cheap quotes, a longer trace. */
    struct trace t;
    struct trace_params p = { TRACE_PRODUCTS, TRACE_SKEW, POLICY_GETS, TRACE_UPDATE_SHARE, PERFLAB_SEED };
    if (trace_make(&t, &p) != 0) {
        fprintf(out, "\n(policies: out of memory)\n");
        return;
    }
    FILE *csv = open_csv(r, "hit-rate.csv", "policy,capacity,hit_rate");
    fprintf(out, "\nhit rate vs capacity, every policy and the offline optimum (%d requests, counted)\n", POLICY_GETS);
    fprintf(out, "  %-22s", "policy \\ capacity");
    for (size_t i = 0; i < N_CAPACITIES; i++)
        fprintf(out, " %8ld", capacities[i]);
    fprintf(out, "\n");
    for (size_t v = 0; v <= perflab_lab.n_variants; v++) {
        int optimum = v == perflab_lab.n_variants;
        const char *name = optimum ? "optimum" : perflab_lab.variants[v].name;
        if (strcmp(name, "naive") == 0)
            continue;
        fprintf(out, "  %-22s", optimum ? "optimum (Belady)" : name);
        for (size_t i = 0; i < N_CAPACITIES; i++) {
            struct catalog *c = catalog_new(TRACE_PRODUCTS, CATALOG_CHEAP, PERFLAB_SEED);
            double start = seconds_now();
            long quotes = c == NULL ? -1
                          : optimum ? belady_quotes(&t, TRACE_PRODUCTS, (size_t)capacities[i])
                                    : variant_quotes(perflab_lab.variants[v].impl, c, &t, (size_t)capacities[i]);
            catalog_free(c);
            if (quotes < 0) {
                fprintf(out, " %8s", "error");
                continue;
            }
            double hit = 1.0 - (double)quotes / POLICY_GETS;
            fprintf(out, " %7.1f%%", 100 * hit);
            if (csv != NULL)
                fprintf(csv, "%s,%ld,%.6f\n", optimum ? "optimum (Belady)" : name, capacities[i], hit);
            if (seconds_now() - start > 3.0) { /* a cache whose lookups scan: do not wait for it */
                fprintf(out, "  (slow: the larger capacities not run)");
                break;
            }
        }
        fprintf(out, "\n");
    }
    size_t distinct = 0;
    char *seen = calloc((size_t)TRACE_PRODUCTS * CATALOG_REGIONS, 1);
    for (size_t i = 0; seen != NULL && i < t.n; i++)
        if (t.ops[i].kind == TRACE_GET) {
            size_t k = (size_t)t.ops[i].product * CATALOG_REGIONS + t.ops[i].arg;
            distinct += !seen[k];
            seen[k] = 1;
        }
    free(seen);
    double ceiling = 1.0 - (double)distinct / POLICY_GETS;
    fprintf(out, "  an unbounded cache: %.1f%% (%zu distinct keys of %u; the price changes cost it a little more)\n",
            100 * ceiling, distinct, TRACE_PRODUCTS * CATALOG_REGIONS);
    if (csv != NULL) {
        fclose(csv);
        char extra[64];
        snprintf(extra, sizeof extra, "; ceiling=%.6f", ceiling);
        plot(r, "hit-rate.gp", "hit-rate.csv", "hit-rate.png", extra);
    }
    trace_free(&t);
}

/* ---- freshness: time-to-live against versions ------------------------------------------- */

/* Stale answers a variant serves on the trace (compared with quote() as of
   now on a twin catalog); -1 if it failed. */
static long variant_stale(const struct impl *impl, const struct trace *t)
{
    struct catalog *c = catalog_new(TRACE_PRODUCTS, CATALOG_CHEAP, PERFLAB_SEED);
    struct quote_cache *qc = c != NULL ? impl->cache_new(c, 8000) : NULL;
    long stale = qc != NULL ? 0 : -1;
    for (size_t i = 0; qc != NULL && i < t->n; i++) {
        const struct trace_op *op = &t->ops[i];
        if (op->kind == TRACE_SET) {
            catalog_set_price(c, op->product, op->arg);
        } else {
            double got = impl->cache_get(qc, op->product, op->arg);
            /* quote() again, after the cache's answer: the truth as of now */
            double want = quote(c, op->product, op->arg);
            stale += memcmp(&got, &want, sizeof got) != 0;
        }
    }
    if (qc != NULL)
        impl->cache_free(qc);
    catalog_free(c);
    return stale;
}

static void print_freshness(const struct perflab_results *r, FILE *out)
{
    static const double updates[] = { 0.001, 0.01, 0.1 };
    static const size_t ttls[] = { 1, 10, 100, 1000, 10000, 100000 };
    FILE *csv = open_csv(r, "freshness.csv", "update_share,ttl,hit_rate,stale_per_1000");
    fprintf(out, "\nfreshness vs speed: a cache that trusts an answer for TTL requests, without versions\n"
                 "(%d requests, unbounded; each cell: hit rate / stale answers per 1,000 requests)\n",
            FRESH_GETS);
    fprintf(out, "  %-14s", "price changes");
    for (size_t j = 0; j < sizeof ttls / sizeof *ttls; j++)
        fprintf(out, "   TTL %-9zu", ttls[j]);
    fprintf(out, "   reference (versions)\n");
    for (size_t u = 0; u < sizeof updates / sizeof *updates; u++) {
        struct trace t;
        struct trace_params p = { TRACE_PRODUCTS, TRACE_SKEW, FRESH_GETS, updates[u], PERFLAB_SEED };
        if (trace_make(&t, &p) != 0)
            break;
        fprintf(out, "  %12.1f%% ", 100 * updates[u]);
        for (size_t j = 0; j < sizeof ttls / sizeof *ttls; j++) {
            struct catalog *c = catalog_new(TRACE_PRODUCTS, CATALOG_CHEAP, PERFLAB_SEED);
            struct ttl_counts k;
            if (c == NULL || ttl_run(c, &t, ttls[j], &k) != 0) {
                catalog_free(c);
                fprintf(out, " %15s", "error");
                continue;
            }
            catalog_free(c);
            double hit = (double)k.hits / FRESH_GETS, stale = 1000.0 * (double)k.stale / FRESH_GETS;
            char cell[32];
            snprintf(cell, sizeof cell, "%.1f%% / %.1f", 100 * hit, stale);
            fprintf(out, " %15s", cell);
            if (csv != NULL)
                fprintf(csv, "%g,%zu,%.6f,%.4f\n", updates[u], ttls[j], hit, stale);
        }
        const struct perflab_variant *ref = lab_variant(&perflab_lab, "reference");
        long stale = ref != NULL ? variant_stale(ref->impl, &t) : -1;
        fprintf(out, "   %ld stale\n", stale);
        trace_free(&t);
    }
    fprintf(out, "  (a TTL long enough to hit often serves old prices; short enough to be fresh, it hardly\n"
                 "   hits. A version check is both: it asks the source of truth one cheap question per hit)\n");
    if (csv != NULL) {
        fclose(csv);
        plot(r, "freshness.gp", "freshness.csv", "freshness.png", "");
    }
}

void perflab_report(const struct perflab_results *r, FILE *out)
{
    print_memory(r, out);
    print_policies(r, out);
    print_freshness(r, out);
    fprintf(out, "\nthis lab also wrote %s/: memory.png, hit-rate.png, freshness.png and their .csv\n",
            perflab_out_dir(r));
}
