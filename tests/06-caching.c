/*
 * 06-caching.c -- the Lab 6 contract (lab.h), checked.
 *
 * Run against one implementation at a time: naive, the reference, the
 * policies in measure/variants/, or a student's optimized.c (the grader),
 * which runs in a worker process, never in this one
 * (labs/06-caching/measure/remote.c). This process keeps its own catalog,
 * the oracle: every answer must equal quote() here, as of now, bit for bit.
 * Prices change between requests through the same calls in both processes,
 * so a cache that serves an answer from before a change is caught on the
 * first request after it.
 *
 * The memory bound is checked two ways: the worker runs under a hard
 * address-space limit set by the kernel before it starts (remote.h), and
 * the worker reports malloc's count before and after a million distinct
 * keys have gone through a small cache (a diagnostic for honest code: the
 * limit is what cannot be talked around).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "lab.h"
#include "remote.h"
#include "rng.h"
#include "trace.h"

/* Bit for bit, with NaN equal to NaN (out-of-range keys). */
static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

static void check_get(struct quote_cache *qc, const struct catalog *c, uint32_t product, uint32_t region,
                      const char *when)
{
    double want = quote(c, product, region);
    double got = quote_cache_get(qc, product, region);
    if (!same(got, want))
        fail_msg("quote_cache_get(product %u, region %u) %s: got %.17g, want %.17g (quote() as of now)",
                 (unsigned)product, (unsigned)region, when, got, want);
}

/* Runs ops through the cache in the worker, then replays them here: every
   answer must be quote() as of its moment. */
static void check_trace(struct quote_cache *qc, struct catalog *c, const struct trace_op *ops, size_t n,
                        const char *what)
{
    size_t gets = 0;
    for (size_t i = 0; i < n; i++)
        gets += ops[i].kind == TRACE_GET;
    double *answers = malloc((gets + 1) * sizeof *answers);
    assert_non_null(answers);
    remote_run(qc, ops, n, answers);
    size_t k = 0, last_set = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        const struct trace_op *op = &ops[i];
        if (op->kind == TRACE_SET) {
            catalog_set_price(c, op->product, op->arg); /* the worker did it too */
            last_set = i;
            continue;
        }
        double want = quote(c, op->product, op->arg);
        if (!same(answers[k], want)) {
            double got = answers[k];
            free(answers);
            fail_msg("%s: request %zu (operation %zu: product %u, region %u) got %.17g, want %.17g "
                     "(quote() as of now; the last price change before it was operation %zd)",
                     what, k, i, (unsigned)op->product, (unsigned)op->arg, got, want,
                     last_set == SIZE_MAX ? (ssize_t)-1 : (ssize_t)last_set);
        }
        k++;
    }
    free(answers);
}

static void check_zipf(uint32_t products, uint32_t work, size_t capacity, size_t gets, double updates,
                       uint64_t seed)
{
    struct catalog *c = remote_catalog_new(products, work);
    struct quote_cache *qc = quote_cache_new(c, capacity);
    assert_non_null(qc);
    struct trace t;
    struct trace_params p = { products, TRACE_SKEW, gets, updates, seed };
    assert_int_equal(trace_make(&t, &p), 0);
    char what[128];
    snprintf(what, sizeof what, "capacity %zu, %u products, %.1f%% price changes", capacity, (unsigned)products,
             100 * updates);
    check_trace(qc, c, t.ops, t.n, what);
    trace_free(&t);
    quote_cache_free(qc);
    remote_catalog_free(c);
}

/* ---- the contract's own cases ---------------------------------------------------- */

static void test_repeated_request_is_quote(void **state)
{
    (void)state;
    struct catalog *c = remote_catalog_new(1000, CATALOG_WORK);
    struct quote_cache *qc = quote_cache_new(c, 16);
    assert_non_null(qc);
    for (int i = 0; i < 5; i++)
        check_get(qc, c, 42, 3, "asked again, nothing changed");
    quote_cache_free(qc);
    remote_catalog_free(c);
}

static void test_price_change_between_identical_requests(void **state)
{
    (void)state;
    struct catalog *c = remote_catalog_new(1000, CATALOG_WORK);
    struct quote_cache *qc = quote_cache_new(c, 16);
    assert_non_null(qc);
    check_get(qc, c, 7, 0, "first");
    check_get(qc, c, 7, 0, "second, nothing changed");
    remote_set_price(c, 7, catalog_price(c, 7) + 100);
    check_get(qc, c, 7, 0, "right after its price changed");
    check_get(qc, c, 7, 5, "in another region, after its price changed");
    remote_set_price(c, 8, 12345); /* another product: 7's answer stays */
    check_get(qc, c, 7, 0, "after another product's price changed");
    remote_set_price(c, 7, catalog_price(c, 7)); /* the same price again: a new version, the same answer */
    check_get(qc, c, 7, 0, "after its price was set to the same value");
    quote_cache_free(qc);
    remote_catalog_free(c);
}

static void test_price_changes_back_and_forth(void **state)
{
    (void)state;
    /* A cache that keys on the price, or keeps one answer per product
       whatever the region, is caught here. */
    struct catalog *c = remote_catalog_new(100, CATALOG_WORK);
    struct quote_cache *qc = quote_cache_new(c, 64);
    assert_non_null(qc);
    uint32_t a = catalog_price(c, 3), b = a + 777;
    for (int round = 0; round < 6; round++) {
        remote_set_price(c, 3, round % 2 ? a : b);
        for (uint32_t r = 0; r < CATALOG_REGIONS; r++)
            check_get(qc, c, 3, r, "after a price change (prices alternate)");
        for (uint32_t r = 0; r < CATALOG_REGIONS; r++)
            check_get(qc, c, 3, r, "asked again");
    }
    quote_cache_free(qc);
    remote_catalog_free(c);
}

static void test_capacity_zero(void **state)
{
    (void)state;
    check_zipf(1000, CATALOG_CHEAP, 0, 20000, 0.02, 1);
}

static void test_capacity_one(void **state)
{
    (void)state;
    check_zipf(1000, CATALOG_CHEAP, 1, 20000, 0.02, 2);
    check_zipf(3, CATALOG_CHEAP, 1, 20000, 0.05, 3);
}

static void test_same_key_every_request(void **state)
{
    (void)state;
    struct catalog *c = remote_catalog_new(1000, CATALOG_CHEAP);
    struct quote_cache *qc = quote_cache_new(c, 100);
    assert_non_null(qc);
    enum { N = 5000 };
    struct trace_op *ops = malloc(N * sizeof *ops);
    assert_non_null(ops);
    for (size_t i = 0; i < N; i++) /* a price change every 100 requests */
        ops[i] = i % 100 == 99 ? (struct trace_op){ 500, 1000 + (uint32_t)i, TRACE_SET }
                               : (struct trace_op){ 500, 6, TRACE_GET };
    check_trace(qc, c, ops, N, "the same key in every request, its price changing every 100");
    free(ops);
    quote_cache_free(qc);
    remote_catalog_free(c);
}

static void test_every_key_distinct(void **state)
{
    (void)state;
    struct catalog *c = remote_catalog_new(20000, CATALOG_CHEAP);
    struct quote_cache *qc = quote_cache_new(c, 500);
    assert_non_null(qc);
    enum { N = 20000 * CATALOG_REGIONS };
    struct trace_op *ops = malloc(N * sizeof *ops);
    assert_non_null(ops);
    for (size_t i = 0; i < N; i++)
        ops[i] = (struct trace_op){ (uint32_t)(i * 7919 % 20000), (uint32_t)(i / 20000), TRACE_GET };
    check_trace(qc, c, ops, N, "every key once");
    free(ops);
    quote_cache_free(qc);
    remote_catalog_free(c);
}

static void test_out_of_range_keys_give_nan(void **state)
{
    (void)state;
    struct catalog *c = remote_catalog_new(1000, CATALOG_WORK);
    struct quote_cache *qc = quote_cache_new(c, 8);
    assert_non_null(qc);
    check_get(qc, c, 1000, 0, "for a product out of range");
    check_get(qc, c, UINT32_MAX, 0, "for a product out of range");
    check_get(qc, c, 0, CATALOG_REGIONS, "for a region out of range");
    check_get(qc, c, 0, UINT32_MAX, "for a region out of range");
    check_get(qc, c, 0, 0, "after keys out of range");
    check_get(qc, c, 999, 7, "after keys out of range");
    quote_cache_free(qc);
    remote_catalog_free(c);
}

static void test_free_null_does_nothing(void **state)
{
    (void)state;
    quote_cache_free(NULL);
}

static void test_huge_capacity_is_null_or_works(void **state)
{
    (void)state;
    /* Out of memory at creation must be NULL, not a crash; a cache that
       allocates as it goes may say yes, and must then work. */
    struct catalog *c = remote_catalog_new(1000, CATALOG_CHEAP);
    const size_t capacities[] = { SIZE_MAX, SIZE_MAX / 2, (size_t)1 << 40, (size_t)1 << 32 };
    for (size_t i = 0; i < sizeof capacities / sizeof *capacities; i++) {
        struct quote_cache *qc = quote_cache_new(c, capacities[i]);
        if (qc == NULL)
            continue;
        for (uint32_t p = 0; p < 50; p++)
            check_get(qc, c, p * 13, p % 8, "with a huge capacity");
        quote_cache_free(qc);
    }
    remote_catalog_free(c);
}

static void test_two_caches_on_one_catalog(void **state)
{
    (void)state;
    /* A cache that keeps its entries in a global, not in its struct, mixes
       them up here. */
    struct catalog *c = remote_catalog_new(1000, CATALOG_CHEAP);
    struct catalog *d = remote_catalog_new(500, CATALOG_CHEAP);
    struct quote_cache *a = quote_cache_new(c, 50), *b = quote_cache_new(c, 3), *other = quote_cache_new(d, 50);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(other);
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    for (int i = 0; i < 3000; i++) {
        uint32_t p = (uint32_t)rng_below(&rng, 60), r = (uint32_t)rng_below(&rng, 2);
        if (i % 37 == 0)
            remote_set_price(c, p, 100 + (uint32_t)i);
        if (i % 41 == 0)
            remote_set_price(d, p, 200 + (uint32_t)i);
        check_get(i % 2 ? a : b, c, p, r, "with two caches on one catalog");
        check_get(other, d, p, r, "with a cache on another catalog");
    }
    quote_cache_free(a);
    quote_cache_free(b);
    quote_cache_free(other);
    remote_catalog_free(c);
    remote_catalog_free(d);
}

/* ---- seeded traffic ---------------------------------------------------------------- */

static void test_seeded_traffic_with_price_changes(void **state)
{
    (void)state;
    const size_t capacities[] = { 2, 7, 64, 1000, 100000 };
    for (size_t i = 0; i < sizeof capacities / sizeof *capacities; i++)
        check_zipf(TRACE_PRODUCTS, CATALOG_CHEAP, capacities[i], 40000, 0.01, PERFLAB_SEED + i);
}

static void test_heavy_price_changes(void **state)
{
    (void)state;
    /* 50 products, a price change before a fifth of the requests. */
    check_zipf(50, CATALOG_CHEAP, 16, 30000, 0.2, 11);
    check_zipf(50, CATALOG_CHEAP, 400, 30000, 0.2, 12);
}

static void test_story_catalog(void **state)
{
    (void)state;
    /* The lab's own traffic and quote(), a short stretch of it. */
    check_zipf(TRACE_PRODUCTS, CATALOG_WORK, 800, 3000, TRACE_UPDATE_SHARE, PERFLAB_SEED);
}

/* ---- the memory bound ---------------------------------------------------------------- */

static void test_memory_does_not_grow_with_keys(void **state)
{
    (void)state;
    enum { PRODUCTS = 300000, CAPACITY = 1000 };
    const size_t n = (size_t)PRODUCTS * CATALOG_REGIONS; /* 2.4 million distinct keys */
    struct catalog *c = remote_catalog_new(PRODUCTS, CATALOG_CHEAP);
    uint64_t before = remote_heap_bytes();
    struct quote_cache *qc = quote_cache_new(c, CAPACITY);
    assert_non_null(qc);
    struct trace_op *ops = malloc(n * sizeof *ops);
    assert_non_null(ops);
    for (size_t i = 0; i < n; i++)
        ops[i] = (struct trace_op){ (uint32_t)(i % PRODUCTS), (uint32_t)(i / PRODUCTS), TRACE_GET };
    check_trace(qc, c, ops, n, "2.4 million distinct keys through a cache of 1,000 (under the memory limit)");
    free(ops);
    uint64_t after = remote_heap_bytes();
    uint64_t budget = (uint64_t)CAPACITY * QUOTE_CACHE_BYTES_PER_ENTRY + QUOTE_CACHE_FIXED_BYTES;
    if (after > before && after - before > budget)
        fail_msg("the cache holds %llu bytes after 2.4 million distinct keys at capacity %d: over its budget of "
                 "%llu (lab.h: %d per entry + %u); it grows with the keys it has seen",
                 (unsigned long long)(after - before), CAPACITY, (unsigned long long)budget,
                 QUOTE_CACHE_BYTES_PER_ENTRY, QUOTE_CACHE_FIXED_BYTES);
    quote_cache_free(qc);
    remote_catalog_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repeated_request_is_quote),
        cmocka_unit_test(test_price_change_between_identical_requests),
        cmocka_unit_test(test_price_changes_back_and_forth),
        cmocka_unit_test(test_capacity_zero),
        cmocka_unit_test(test_capacity_one),
        cmocka_unit_test(test_same_key_every_request),
        cmocka_unit_test(test_every_key_distinct),
        cmocka_unit_test(test_out_of_range_keys_give_nan),
        cmocka_unit_test(test_free_null_does_nothing),
        cmocka_unit_test(test_huge_capacity_is_null_or_works),
        cmocka_unit_test(test_two_caches_on_one_catalog),
        cmocka_unit_test(test_seeded_traffic_with_price_changes),
        cmocka_unit_test(test_heavy_price_changes),
        cmocka_unit_test(test_story_catalog),
        cmocka_unit_test(test_memory_does_not_grow_with_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
