/*
 * 02-membership.c -- the correctness suite of Lab 2 (struct intset).
 *
 * It calls ONE implementation at a time (naive, yours, reference, every
 * variant, the grader's scenarios), in a worker process (measure/remote.c:
 * the suite never shares an address space with the code it judges; long
 * runs of calls go as one batch, a script, checked call by call), and
 * holds each to the text of lab.h:
 * every uint64_t is a key (0 and UINT64_MAX included), add reports whether
 * the key was new, duplicates are stored once, the set survives many
 * doublings, and it answers correctly for the key shapes that break weak
 * hash functions (sequential, multiples of 1024, multiples of 2^32, keys that
 * differ only in their top bits).
 *
 * The centrepiece is a differential test: 100,000 random interleaved adds
 * and lookups, checked one by one against an oracle that is correct by
 * construction (one bool per key of a small, fixed key universe).
 *
 * Sizes stay modest because the naive list is quadratic: the whole suite runs
 * in well under a second against it. Inputs are deterministic (common/rng.h).
 * No timing here: speed is graded elsewhere, by instruction counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "rng.h"
#include "lab.h"
#include "remote.h"

static struct intset *new_set(void)
{
    struct intset *s = intset_new();
    assert_non_null(s);
    return s;
}

/* Add key, which must be new, and check the set grew by exactly one. */
static void add_new(struct intset *s, uint64_t key)
{
    size_t before = intset_size(s);
    assert_true(intset_add(s, key));
    assert_true(intset_contains(s, key));
    assert_int_equal(intset_size(s), before + 1);
}

/*
 * A script: calls on one set and the result each must give, run in one
 * batch in the worker (measure/remote.h: one round trip instead of one per
 * call) and checked in order, as if each were asserted after its call.
 */
struct script {
    struct intset_step *steps;
    uint64_t *expected;
    size_t n, cap;
};

static void expect(struct script *sc, uint32_t op, uint64_t key, uint64_t result)
{
    if (sc->n == sc->cap) {
        sc->cap = sc->cap ? 2 * sc->cap : 1024;
        sc->steps = realloc(sc->steps, sc->cap * sizeof *sc->steps);
        sc->expected = realloc(sc->expected, sc->cap * sizeof *sc->expected);
        assert_true(sc->steps != NULL && sc->expected != NULL);
    }
    sc->steps[sc->n] = (struct intset_step){ op, key };
    sc->expected[sc->n++] = result;
}

#define EXPECT_ADD(sc, key, added) expect(sc, LAB2_ADD, key, added)
#define EXPECT_CONTAINS(sc, key, present) expect(sc, LAB2_CONTAINS, key, present)
#define EXPECT_SIZE(sc, size) expect(sc, LAB2_SIZE, 0, size)

/* add_new, scripted: key is new, and the set then holds `size` keys. */
static void expect_new(struct script *sc, uint64_t key, size_t size)
{
    EXPECT_ADD(sc, key, true);
    EXPECT_CONTAINS(sc, key, true);
    EXPECT_SIZE(sc, size);
}

/* Run the script on s and check every result; the script is then empty. */
static void run_script(struct intset *s, struct script *sc)
{
    static const char *const names[] = { [LAB2_ADD] = "intset_add", [LAB2_CONTAINS] = "intset_contains",
                                          [LAB2_SIZE] = "intset_size" };
    uint64_t *got = malloc((sc->n ? sc->n : 1) * sizeof *got);
    assert_non_null(got);
    intset_run_steps(s, sc->steps, sc->n, got);
    for (size_t i = 0; i < sc->n; i++)
        if (got[i] != sc->expected[i]) {
            const struct intset_step *st = &sc->steps[i];
            if (st->op == LAB2_SIZE)
                fail_msg("intset_size() returned %llu, expected %llu (call %zu of this test's batch)",
                         (unsigned long long)got[i], (unsigned long long)sc->expected[i], i + 1);
            else
                fail_msg("%s(key 0x%llx) returned %s, expected %s (call %zu of this test's batch)", names[st->op],
                         (unsigned long long)st->key, got[i] ? "true" : "false", sc->expected[i] ? "true" : "false",
                         i + 1);
        }
    free(got);
    sc->n = 0;
}

static void free_script(struct script *sc)
{
    free(sc->steps);
    free(sc->expected);
}

static void test_empty_set(void **state)
{
    (void)state;
    struct intset *s = new_set();
    assert_int_equal(intset_size(s), 0);
    assert_false(intset_contains(s, 0));
    assert_false(intset_contains(s, 1));
    assert_false(intset_contains(s, UINT64_MAX));
    assert_int_equal(intset_size(s), 0);
    intset_free(s);
    intset_free(NULL);
}

static void test_key_zero(void **state)
{
    (void)state;
    struct intset *s = new_set();
    add_new(s, 0);
    assert_false(intset_add(s, 0));
    assert_int_equal(intset_size(s), 1);
    assert_false(intset_contains(s, 1));
    /* 0 must survive growth and not be confused with empty space. */
    struct script sc = { 0 };
    for (uint64_t k = 1; k <= 300; k++)
        expect_new(&sc, k, 1 + k);
    run_script(s, &sc);
    assert_true(intset_contains(s, 0));
    assert_false(intset_add(s, 0));
    assert_int_equal(intset_size(s), 301);
    intset_free(s);

    /* 0 absent from a full-ish set is still absent. */
    s = new_set();
    for (uint64_t k = 1; k <= 300; k++)
        expect_new(&sc, k * 1024, k);
    run_script(s, &sc);
    assert_false(intset_contains(s, 0));
    add_new(s, 0);
    intset_free(s);
    free_script(&sc);
}

static void test_extreme_keys(void **state)
{
    (void)state;
    const uint64_t extremes[] = {
        UINT64_MAX, UINT64_MAX - 1, UINT64_C(1) << 63, (UINT64_C(1) << 63) - 1,
        UINT64_C(1) << 32, UINT32_MAX, 1,
    };
    const size_t n = sizeof extremes / sizeof extremes[0];
    struct intset *s = new_set();
    for (size_t i = 0; i < n; i++) {
        assert_false(intset_contains(s, extremes[i]));
        add_new(s, extremes[i]);
    }
    for (size_t i = 0; i < n; i++) {
        assert_true(intset_contains(s, extremes[i]));
        assert_false(intset_add(s, extremes[i]));
    }
    assert_false(intset_contains(s, 0));
    assert_false(intset_contains(s, UINT64_MAX - 2));
    assert_int_equal(intset_size(s), n);
    intset_free(s);
}

static void test_duplicates(void **state)
{
    (void)state;
    struct intset *s = new_set();
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    uint64_t keys[500];
    struct script sc = { 0 };
    for (size_t i = 0; i < 500; i++) {
        keys[i] = rng_next(&rng);
        expect_new(&sc, keys[i], i + 1);
    }
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < 500; i++)
            EXPECT_ADD(&sc, keys[i], false);
    }
    EXPECT_SIZE(&sc, 500);
    run_script(s, &sc);
    intset_free(s);
    free_script(&sc);
}

/* 8,000 keys: from any small first capacity that is many doublings. */
static void test_growth(void **state)
{
    (void)state;
    enum { N = 8000 };
    uint64_t *keys = malloc(2 * N * sizeof *keys);
    assert_non_null(keys);
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED + 1);
    for (size_t i = 0; i < 2 * N; i++)
        keys[i] = rng_next(&rng) | 1; /* odd: keys[N..2N) are misses below */

    struct intset *s = new_set();
    struct script sc = { 0 };
    for (size_t i = 0; i < N; i++) {
        EXPECT_ADD(&sc, keys[i], true);
        EXPECT_SIZE(&sc, i + 1);
    }
    for (size_t i = 0; i < N; i++)
        EXPECT_CONTAINS(&sc, keys[i], true);
    for (size_t i = N; i < 2 * N; i++)
        EXPECT_CONTAINS(&sc, keys[i], false);
    for (size_t i = 0; i < N; i += 7)
        EXPECT_CONTAINS(&sc, keys[i] - 1, false); /* even: never added */
    run_script(s, &sc);
    intset_free(s);
    free_script(&sc);
    free(keys);
}

/*
 * The oracle's key universe: 5 groups of 512 distinct keys, chosen so that
 * every weak hash is hit by one of them, and disjoint by construction:
 *   0: 0..511 (sequential, with key 0)           < 2^9
 *   1: 1024 * (1..512)                           [2^10, 2^19]
 *   2: (1..512) << 32                            [2^32, 2^41]
 *   3: UINT64_MAX - (0..511)                     >= 2^64 - 512
 *   4: random, in [2^61, 2^62)                   (checked distinct below)
 */
enum { GROUP = 512, UNIVERSE = 5 * GROUP };

static void make_universe(uint64_t keys[UNIVERSE])
{
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED + 2);
    for (uint64_t i = 0; i < GROUP; i++) {
        keys[0 * GROUP + i] = i;
        keys[1 * GROUP + i] = 1024 * (i + 1);
        keys[2 * GROUP + i] = (i + 1) << 32;
        keys[3 * GROUP + i] = UINT64_MAX - i;
        keys[4 * GROUP + i] = (rng_next(&rng) >> 3) | (UINT64_C(1) << 61);
    }
    for (size_t i = 4 * GROUP; i < UNIVERSE; i++) /* random keys distinct? */
        for (size_t j = 4 * GROUP; j < i; j++)
            assert_true(keys[i] != keys[j]);
}

static void test_against_oracle(void **state)
{
    (void)state;
    enum { OPS = 100000 };
    static uint64_t keys[UNIVERSE];
    bool present[UNIVERSE] = { false };
    size_t size = 0;
    make_universe(keys);

    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED + 3);
    struct intset *s = new_set();
    struct script sc = { 0 };
    for (long op = 0; op < OPS; op++) {
        size_t k = (size_t)rng_below(&rng, UNIVERSE);
        if (rng_below(&rng, 2) == 0) {
            EXPECT_ADD(&sc, keys[k], !present[k]);
            size += !present[k];
            present[k] = true;
        } else {
            EXPECT_CONTAINS(&sc, keys[k], present[k]);
        }
        if (op % 1000 == 0)
            EXPECT_SIZE(&sc, size);
    }
    for (size_t k = 0; k < UNIVERSE; k++)
        EXPECT_CONTAINS(&sc, keys[k], present[k]);
    EXPECT_SIZE(&sc, size);
    run_script(s, &sc);
    intset_free(s);
    free_script(&sc);
}

/* The i-th key (i >= 0) of each shape that defeats a weak hash. */
static uint64_t shaped_key(int shape, uint64_t i)
{
    switch (shape) {
    case 0: return UINT64_C(1) << 40 | i;          /* sequential ids */
    case 1: return (i + 1) * 1024;                 /* 1 KiB-aligned ids */
    case 2: return (i + 1) << 32;                  /* shard in the high word */
    case 3: return (i + 1) << 48;                  /* only the top 16 bits vary */
    default: return ((i + 1) << 32) | UINT32_MAX;  /* same low word, all ones */
    }
}

static void test_adversarial_shapes(void **state)
{
    (void)state;
    enum { N = 2000, SHAPES = 5 };
    struct script sc = { 0 };
    for (int shape = 0; shape < SHAPES; shape++) {
        struct intset *s = new_set();
        for (uint64_t i = 0; i < N; i++)
            expect_new(&sc, shaped_key(shape, i), i + 1);
        for (uint64_t i = 0; i < N; i++) {
            EXPECT_CONTAINS(&sc, shaped_key(shape, i), true);
            EXPECT_ADD(&sc, shaped_key(shape, i), false);
            EXPECT_CONTAINS(&sc, shaped_key(shape, N + i), false);
        }
        EXPECT_SIZE(&sc, N);
        run_script(s, &sc);
        intset_free(s);
    }
    free_script(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_set),
        cmocka_unit_test(test_key_zero),
        cmocka_unit_test(test_extreme_keys),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_against_oracle),
        cmocka_unit_test(test_adversarial_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
