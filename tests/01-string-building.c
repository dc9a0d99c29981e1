/*
 * 01-string-building.c -- the Lab 1 contract (lab.h), checked.
 *
 * Run against one implementation at a time: naive, reference, or a student's
 * optimized.c (the grader), which runs in a worker process, never in this one
 * (labs/01-string-building/measure/remote.c). Every expected string comes
 * from an oracle that is too simple to be wrong: snprintf("%d") into a buffer
 * sized in advance.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab.h"
#include "rng.h"

/* The oracle: what join_ints must return. */
static char *expected_join(const int *values, size_t n, char sep)
{
    size_t size = 1;
    for (size_t i = 0; i < n; i++)
        size += (size_t)snprintf(NULL, 0, "%d", values[i]) + 1;
    char *out = malloc(size);
    assert_non_null(out);
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            out[len++] = sep;
        len += (size_t)snprintf(out + len, size - len, "%d", values[i]);
    }
    return out;
}

static void check_join(const int *values, size_t n, char sep)
{
    char *want = expected_join(values, n, sep);
    char *got = join_ints(values, n, sep);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

static void test_example_from_the_contract(void **state)
{
    (void)state;
    int values[] = { 3, -14, 159 };
    char *got = join_ints(values, 3, ',');
    assert_non_null(got);
    assert_string_equal(got, "3,-14,159");
    free(got);
}

static void test_empty_input_gives_empty_string(void **state)
{
    (void)state;
    char *got = join_ints(NULL, 0, ',');
    assert_non_null(got);
    assert_string_equal(got, "");
    free(got);
}

static void test_one_value_has_no_separator(void **state)
{
    (void)state;
    int values[] = { 42 };
    char *got = join_ints(values, 1, ',');
    assert_non_null(got);
    assert_string_equal(got, "42");
    free(got);
}

static void test_extremes_print_exactly(void **state)
{
    (void)state;
    int values[] = { INT_MIN, INT_MAX, 0, -1, 1 };
    char *got = join_ints(values, 5, ',');
    assert_non_null(got);
    assert_string_equal(got, "-2147483648,2147483647,0,-1,1");
    free(got);
}

static void test_no_trailing_separator(void **state)
{
    (void)state;
    int values[] = { 1, 2, 3, 4 };
    char *got = join_ints(values, 4, ';');
    assert_non_null(got);
    size_t len = strlen(got);
    assert_true(len > 0);
    assert_int_not_equal(got[len - 1], ';');
    assert_string_equal(got, "1;2;3;4");
    free(got);
}

static void test_every_digit_count(void **state)
{
    (void)state;
    int values[40];
    size_t n = 0;
    for (long p = 1; p <= 1000000000L; p *= 10) {
        values[n++] = (int)p - 1;
        values[n++] = (int)p;
        values[n++] = (int)-p;
        values[n++] = (int)(1 - p);
    }
    check_join(values, n, ',');
}

static void test_other_separators(void **state)
{
    (void)state;
    int values[] = { 7, -8, 9 };
    const char separators[] = { ' ', '\t', '|', '0', '-', '\n' };
    for (size_t i = 0; i < sizeof separators; i++)
        check_join(values, 3, separators[i]);
}

static void test_random_arrays_match_printf(void **state)
{
    (void)state;
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    int values[300];
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)rng_below(&rng, 300);
        for (size_t i = 0; i < n; i++)
            values[i] = (int)(int32_t)(uint32_t)rng_next(&rng); /* the full int range */
        check_join(values, n, ',');
    }
}

/* Large enough to cross many buffer growths (and realloc's mmap threshold). */
static void test_large_input(void **state)
{
    (void)state;
    enum { N = 50000 };
    int *values = malloc(N * sizeof *values);
    assert_non_null(values);
    struct rng rng;
    rng_seed(&rng, 7);
    for (size_t i = 0; i < N; i++)
        values[i] = (int)rng_between(&rng, INT_MIN, INT_MAX);
    check_join(values, N, ',');
    free(values);
}

static void test_input_is_not_modified(void **state)
{
    (void)state;
    int values[] = { 5, INT_MIN, 6 };
    int copy[] = { 5, INT_MIN, 6 };
    free(join_ints(values, 3, ','));
    assert_memory_equal(values, copy, sizeof values);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_from_the_contract),
        cmocka_unit_test(test_empty_input_gives_empty_string),
        cmocka_unit_test(test_one_value_has_no_separator),
        cmocka_unit_test(test_extremes_print_exactly),
        cmocka_unit_test(test_no_trailing_separator),
        cmocka_unit_test(test_every_digit_count),
        cmocka_unit_test(test_other_separators),
        cmocka_unit_test(test_random_arrays_match_printf),
        cmocka_unit_test(test_large_input),
        cmocka_unit_test(test_input_is_not_modified),
    };
    return cmocka_run_group_tests_name("lab 1: join_ints", tests, NULL, NULL);
}
