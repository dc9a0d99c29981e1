/*
 * 04-nearest-neighbors.c -- the Lab 4 contract (lab.h), checked bit for bit.
 *
 * Linked with one implementation at a time: naive, the reference, a variant,
 * a grader scenario or a student's optimized.c. The oracle is the contract
 * read aloud: for one point, walk every other point with the contract's
 * formula and keep the first strictly smaller distance. Every answer is
 * compared with it exactly, so a tree that rounds its bounds, prunes a tie or
 * breaks ties in visit order fails here.
 *
 * Design decisions
 * - The suite must stay fast (< ~5 s) against naive and against any correct
 *   but quadratic implementation, yet the issue asks for large degenerate
 *   inputs that catch deep recursion. Both hold at N = 12,000 if the call runs
 *   on a 64 KiB thread stack: a recursion as deep as the input (the classic
 *   failure on sorted or duplicate-heavy input) needs at least 8 bytes per
 *   level, 96 KiB in all, and crashes here as it would crash at
 *   N = 1,000,000 on the usual 8 MiB stack. A balanced tree needs a few KiB.
 * - Large inputs are checked in full where the answer has a closed form
 *   (identical points, integer points on an axis), and on a random sample of
 *   200 points against the O(N) oracle otherwise.
 * - Every call also checks that the points were not modified.
 * - All inputs come from common/rng.h: the same points on every machine.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab.h"
#include "rng.h"

enum {
    LARGE_N = 12000,              /* large degenerate inputs */
    SMALL_STACK = 64 * 1024,      /* bytes of stack they run on */
    SAMPLE = 200,                 /* oracle checks per large random input */
    RANDOM_SETS = 1200,           /* random inputs checked in full */
};

/* ---- the oracle -------------------------------------------------------- */

static double contract_distance(const struct point3 *a, const struct point3 *b)
{
    double dx = b->x - a->x, dy = b->y - a->y, dz = b->z - a->z;
    return (dx * dx + dy * dy) + dz * dz;
}

static size_t oracle_nearest(const struct point3 *pts, size_t n, size_t i)
{
    size_t best = n;
    double best_distance = 0.0;
    for (size_t j = 0; j < n; j++) {
        if (j == i)
            continue;
        double d = contract_distance(&pts[i], &pts[j]);
        if (best == n || d < best_distance) {
            best = j;
            best_distance = d;
        }
    }
    return best;
}

static void check_one(const struct point3 *pts, size_t n, const size_t *nearest, size_t i)
{
    size_t want = oracle_nearest(pts, n, i);
    if (nearest[i] == want)
        return;
    if (nearest[i] >= n || nearest[i] == i)
        fail_msg("n = %zu: nearest[%zu] = %zu, not a valid other index (want %zu)",
                 n, i, nearest[i], want);
    fail_msg("n = %zu: nearest[%zu] = %zu at distance %.17g, want %zu at distance %.17g",
             n, i, nearest[i], contract_distance(&pts[i], &pts[nearest[i]]),
             want, contract_distance(&pts[i], &pts[want]));
}

static void check_all(const struct point3 *pts, size_t n, const size_t *nearest)
{
    for (size_t i = 0; i < n; i++)
        check_one(pts, n, nearest, i);
}

static void check_sample(const struct point3 *pts, size_t n, const size_t *nearest,
                         struct rng *rng)
{
    for (int k = 0; k < SAMPLE; k++)
        check_one(pts, n, nearest, (size_t)rng_below(rng, n));
    check_one(pts, n, nearest, 0);
    check_one(pts, n, nearest, n - 1);
}

/* ---- calling the implementation ---------------------------------------- */

struct call {
    const struct point3 *pts;
    size_t n;
    size_t *nearest;
    int result;
};

static void *call_in_thread(void *arg)
{
    struct call *c = arg;
    c->result = all_nearest(c->pts, c->n, c->nearest);
    return NULL;
}

/* all_nearest on a 64 KiB thread stack. */
static int all_nearest_on_small_stack(const struct point3 *pts, size_t n, size_t *nearest)
{
    struct call c = { pts, n, nearest, -2 };
    pthread_attr_t attr;
    pthread_t thread;
    assert_int_equal(pthread_attr_init(&attr), 0);
    assert_int_equal(pthread_attr_setstacksize(&attr, SMALL_STACK), 0);
    assert_int_equal(pthread_create(&thread, &attr, call_in_thread, &c), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    pthread_attr_destroy(&attr);
    return c.result;
}

enum stack { ON_NORMAL_STACK, ON_SMALL_STACK };

/* all_nearest(pts, n) on a copy of the points; asserts success and that the
   copy is unchanged. Returns the answers (free them). */
static size_t *nearest_of(const struct point3 *pts, size_t n, enum stack stack)
{
    struct point3 *copy = malloc(n * sizeof *copy);
    size_t *nearest = malloc(n * sizeof *nearest);
    assert_non_null(copy);
    assert_non_null(nearest);
    memcpy(copy, pts, n * sizeof *copy);
    int result = stack == ON_SMALL_STACK ? all_nearest_on_small_stack(copy, n, nearest)
                                           : all_nearest(copy, n, nearest);
    assert_int_equal(result, 0);
    assert_memory_equal(copy, pts, n * sizeof *copy);
    free(copy);
    return nearest;
}

static void check_against_oracle(const struct point3 *pts, size_t n)
{
    size_t *nearest = nearest_of(pts, n, ON_NORMAL_STACK);
    check_all(pts, n, nearest);
    free(nearest);
}

/* Hand-checked answers. */
static void check_hand_answers(const struct point3 *pts, size_t n, const size_t *want)
{
    size_t *nearest = nearest_of(pts, n, ON_NORMAL_STACK);
    for (size_t i = 0; i < n; i++)
        if (nearest[i] != want[i])
            fail_msg("nearest[%zu] = %zu, want %zu", i, nearest[i], want[i]);
    free(nearest);
}

static struct point3 *alloc_points(size_t n)
{
    struct point3 *pts = malloc(n * sizeof *pts);
    assert_non_null(pts);
    return pts;
}

/* Fisher-Yates: the same points in a random order. */
static void shuffle(struct point3 *pts, size_t n, struct rng *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)rng_below(rng, i);
        struct point3 t = pts[i - 1];
        pts[i - 1] = pts[j];
        pts[j] = t;
    }
}

/* ---- bad arguments ----------------------------------------------------- */

static void test_rejects_bad_arguments(void **state)
{
    (void)state;
    struct point3 pts[2] = { { 0, 0, 0 }, { 1, 1, 1 } };
    size_t nearest[2];
    assert_int_equal(all_nearest(NULL, 2, nearest), -1);
    assert_int_equal(all_nearest(pts, 2, NULL), -1);
    assert_int_equal(all_nearest(pts, 0, nearest), -1);
    assert_int_equal(all_nearest(pts, 1, nearest), -1);
    assert_int_equal(all_nearest(NULL, 0, NULL), -1);
}

/* ---- hand-checked sets ------------------------------------------------- */

static void test_two_points_are_each_others_nearest(void **state)
{
    (void)state;
    struct point3 pts[2] = { { 5, -1, 2 }, { -3, 8, 0.5 } };
    size_t nearest[2] = { 99, 99 };
    assert_int_equal(all_nearest(pts, 2, nearest), 0);
    assert_int_equal(nearest[0], 1);
    assert_int_equal(nearest[1], 0);
}

static void test_hand_checked_set(void **state)
{
    (void)state;
    /* Squared distances worked out by hand:
       0-1: 1   0-2: 9   0-3: 4   1-2: 4   1-3: 5   2-3: 13
       4 is (10,10,10): 300 to 0, 281 to 1, 249 to 2, 264 to 3. */
    struct point3 pts[5] = {
        { 0, 0, 0 }, { 1, 0, 0 }, { 3, 0, 0 }, { 0, 2, 0 }, { 10, 10, 10 },
    };
    size_t want[5] = { 1, 0, 1, 0, 2 };
    check_hand_answers(pts, 5, want);
}

static void test_ties_go_to_the_smallest_index(void **state)
{
    (void)state;
    /* On the x axis. Point 0 (x = 1) is at distance 1 from points 1 (x = 2)
       and 2 (x = 0): 1 wins. Point 3 (x = 5) is at distance 9 from points 1
       (x = 2) and 4 (x = 8), on opposite sides of it: 1 wins, whichever side
       a tree looks at first. */
    struct point3 pts[5] = {
        { 1, 0, 0 }, { 2, 0, 0 }, { 0, 0, 0 }, { 5, 0, 0 }, { 8, 0, 0 },
    };
    size_t want[5] = { 1, 0, 0, 1, 3 };
    check_hand_answers(pts, 5, want);
}

static void test_ties_in_every_direction(void **state)
{
    (void)state;
    /* A centre and its six axis neighbours, listed in scrambled order: the
       centre ties six ways, each neighbour's only nearest is the centre. */
    struct point3 pts[7] = {
        { 0, 0, -1 }, { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 0 },
        { -1, 0, 0 }, { 0, -1, 0 }, { 0, 0, 1 },
    };
    size_t want[7] = { 3, 3, 3, 0, 3, 3, 3 };
    check_hand_answers(pts, 7, want);
}

/* ---- duplicates and identical points ----------------------------------- */

static void test_duplicates_pick_their_first_twin(void **state)
{
    (void)state;
    struct point3 p = { 0.25, -4, 7 }, q = { 3, 3, 3 }, r = { 0.5, -4, 7 };
    struct point3 pts[6] = { q, p, r, p, q, p };
    size_t want[6] = { 4, 3, 1, 1, 0, 1 };
    check_hand_answers(pts, 6, want);
}

static void test_every_point_twice(void **state)
{
    (void)state;
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    size_t n = 2000;
    struct point3 *pts = alloc_points(n);
    for (size_t i = 0; i < n / 2; i++) {
        pts[i] = (struct point3){ rng_uniform(&rng), rng_uniform(&rng), rng_uniform(&rng) };
        pts[n / 2 + i] = pts[i];
    }
    shuffle(pts, n, &rng);
    check_against_oracle(pts, n);
    free(pts);
}

static void check_identical(size_t n, enum stack stack)
{
    struct point3 *pts = alloc_points(n);
    for (size_t i = 0; i < n; i++)
        pts[i] = (struct point3){ -1.5, 2, 1e-3 };
    size_t *nearest = nearest_of(pts, n, stack);
    for (size_t i = 0; i < n; i++)
        if (nearest[i] != (i == 0 ? 1u : 0u))
            fail_msg("%zu identical points: nearest[%zu] = %zu, want %d",
                     n, i, nearest[i], i == 0 ? 1 : 0);
    free(nearest);
    free(pts);
}

static void test_all_identical_small(void **state)
{
    (void)state;
    for (size_t n = 2; n <= 70; n++)
        check_identical(n, ON_NORMAL_STACK);
}

static void test_all_identical_large(void **state)
{
    (void)state;
    check_identical(LARGE_N, ON_SMALL_STACK);
}

/* ---- grids: many exact ties -------------------------------------------- */

static void check_grid(int side, double spacing, uint64_t seed)
{
    struct rng rng;
    rng_seed(&rng, seed);
    size_t n = (size_t)side * side * side, k = 0;
    struct point3 *pts = alloc_points(n);
    for (int x = 0; x < side; x++)
        for (int y = 0; y < side; y++)
            for (int z = 0; z < side; z++)
                pts[k++] = (struct point3){ x * spacing, y * spacing, z * spacing };
    shuffle(pts, n, &rng);
    check_against_oracle(pts, n);
    free(pts);
}

static void test_integer_grid(void **state)
{
    (void)state;
    check_grid(16, 1.0, 1); /* distances exactly 1: six-way ties */
}

static void test_decimal_grid(void **state)
{
    (void)state;
    /* 0.1 is not exact in binary: "equal" neighbours differ by an ulp or two,
       and only the contract's exact formula gets them right. */
    check_grid(14, 0.1, 2);
}

/* ---- large degenerate inputs ------------------------------------------- */

static void test_points_on_an_axis_in_order(void **state)
{
    (void)state;
    /* x = 0, 1, 2, ...: every point but the first ties between its two
       neighbours and takes the left one (smaller index). */
    size_t n = LARGE_N;
    struct point3 *pts = alloc_points(n);
    for (size_t i = 0; i < n; i++)
        pts[i] = (struct point3){ (double)i, 0, 0 };
    size_t *nearest = nearest_of(pts, n, ON_SMALL_STACK);
    for (size_t i = 0; i < n; i++)
        if (nearest[i] != (i == 0 ? 1 : i - 1))
            fail_msg("axis points: nearest[%zu] = %zu, want %zu", i, nearest[i],
                     i == 0 ? (size_t)1 : i - 1);
    free(nearest);
    free(pts);
}

static void test_points_on_a_diagonal(void **state)
{
    (void)state;
    /* Random spacing along a slanted line, sorted, with some duplicates. */
    struct rng rng;
    rng_seed(&rng, 3);
    size_t n = LARGE_N;
    struct point3 *pts = alloc_points(n);
    double t = 0;
    for (size_t i = 0; i < n; i++) {
        if (rng_below(&rng, 10) != 0)
            t += rng_uniform(&rng);
        pts[i] = (struct point3){ t, 2 * t - 7, -0.5 * t };
    }
    size_t *nearest = nearest_of(pts, n, ON_SMALL_STACK);
    check_sample(pts, n, nearest, &rng);
    free(nearest);
    free(pts);
}

static int by_x_then_y_then_z(const void *a, const void *b)
{
    const struct point3 *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return (p->z > q->z) - (p->z < q->z);
}

static void test_sorted_input(void **state)
{
    (void)state;
    struct rng rng;
    rng_seed(&rng, 4);
    size_t n = LARGE_N;
    struct point3 *pts = alloc_points(n);
    for (size_t i = 0; i < n; i++) /* few distinct x values: long runs of equal keys */
        pts[i] = (struct point3){ (double)rng_below(&rng, 16), rng_uniform(&rng), rng_uniform(&rng) };
    qsort(pts, n, sizeof *pts, by_x_then_y_then_z);
    size_t *nearest = nearest_of(pts, n, ON_SMALL_STACK);
    check_sample(pts, n, nearest, &rng);
    free(nearest);

    for (size_t i = 0; i < n / 2; i++) { /* and reversed */
        struct point3 t = pts[i];
        pts[i] = pts[n - 1 - i];
        pts[n - 1 - i] = t;
    }
    nearest = nearest_of(pts, n, ON_SMALL_STACK);
    check_sample(pts, n, nearest, &rng);
    free(nearest);
    free(pts);
}

/* ---- random sets against the oracle ------------------------------------ */

/* One random point of a given kind. Kinds cover what breaks trees: ties and
   duplicates (a small integer lattice), flat sets (a plane), clusters,
   wildly different scales, negative coordinates. */
static struct point3 random_point(struct rng *rng, int kind, const struct point3 *centre)
{
    switch (kind) {
    case 0:
        return (struct point3){ rng_uniform(rng), rng_uniform(rng), rng_uniform(rng) };
    case 1:
        return (struct point3){ (double)rng_below(rng, 4), (double)rng_below(rng, 4),
                                (double)rng_below(rng, 4) };
    case 2:
        return (struct point3){ rng_uniform(rng) * 100 - 50, rng_uniform(rng) * 100 - 50, 0 };
    case 3:
        return (struct point3){ centre->x + 1e-3 * rng_normal(rng),
                                centre->y + 1e-3 * rng_normal(rng),
                                centre->z + 1e-3 * rng_normal(rng) };
    default: {
        double scale = ldexp(1.0, (int)rng_between(rng, -200, 200));
        return (struct point3){ scale * (rng_uniform(rng) - 0.5), rng_normal(rng),
                                (double)rng_below(rng, 3) };
    }
    }
}

static size_t random_size(struct rng *rng)
{
    uint64_t roll = rng_below(rng, 100);
    if (roll < 70)
        return (size_t)rng_between(rng, 2, 64);
    if (roll < 96)
        return (size_t)rng_between(rng, 65, 600);
    return (size_t)rng_between(rng, 601, 2000);
}

static void test_random_sets_match_the_oracle(void **state)
{
    (void)state;
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    struct point3 centres[8];
    for (int set = 0; set < RANDOM_SETS; set++) {
        size_t n = random_size(&rng);
        int kind = (int)rng_below(&rng, 5);
        for (int c = 0; c < 8; c++)
            centres[c] = random_point(&rng, 0, NULL);
        struct point3 *pts = alloc_points(n);
        for (size_t i = 0; i < n; i++)
            pts[i] = random_point(&rng, kind, &centres[rng_below(&rng, 8)]);
        check_against_oracle(pts, n);
        free(pts);
    }
}

/* ---- bad numbers ------------------------------------------------------- */

static void test_non_finite_coordinates_do_not_crash(void **state)
{
    (void)state;
    /* The answer is unspecified (lab.h); returning at all is the test. */
    struct rng rng;
    rng_seed(&rng, 5);
    size_t n = 500;
    struct point3 *pts = alloc_points(n);
    size_t *nearest = malloc(n * sizeof *nearest);
    assert_non_null(nearest);
    for (size_t i = 0; i < n; i++) {
        pts[i] = random_point(&rng, 0, NULL);
        if (i % 7 == 0)
            pts[i].y = NAN;
        if (i % 11 == 0)
            pts[i].x = i % 2 ? INFINITY : -INFINITY;
    }
    int result = all_nearest(pts, n, nearest);
    assert_true(result == 0 || result == -1);
    for (size_t i = 0; i < n; i++)
        pts[i] = (struct point3){ NAN, NAN, NAN };
    result = all_nearest(pts, n, nearest);
    assert_true(result == 0 || result == -1);
    free(nearest);
    free(pts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rejects_bad_arguments),
        cmocka_unit_test(test_two_points_are_each_others_nearest),
        cmocka_unit_test(test_hand_checked_set),
        cmocka_unit_test(test_ties_go_to_the_smallest_index),
        cmocka_unit_test(test_ties_in_every_direction),
        cmocka_unit_test(test_duplicates_pick_their_first_twin),
        cmocka_unit_test(test_every_point_twice),
        cmocka_unit_test(test_all_identical_small),
        cmocka_unit_test(test_all_identical_large),
        cmocka_unit_test(test_integer_grid),
        cmocka_unit_test(test_decimal_grid),
        cmocka_unit_test(test_points_on_an_axis_in_order),
        cmocka_unit_test(test_points_on_a_diagonal),
        cmocka_unit_test(test_sorted_input),
        cmocka_unit_test(test_random_sets_match_the_oracle),
        cmocka_unit_test(test_non_finite_coordinates_do_not_crash),
    };
    return cmocka_run_group_tests_name("lab 4: all_nearest", tests, NULL, NULL);
}
