/*
 * Scenario: an attack on the verdict. This file defines cmocka's assertion
 * functions as no-ops, so that, linked into the suite's process, they
 * replaced cmocka's own and no test could fail; join_ints returns a wrong
 * string. In the worker (common/rpc.h) these functions are never called: the
 * suite's process has the real ones. Expected: correctness FAIL.
 */
#include "lab.h"

#include <stdlib.h>
#include <string.h>

/* cmocka 1.1's signatures (LargestIntegralType is unsigned long long). */
void _assert_true(unsigned long long result, const char *expression, const char *file, int line);
void _assert_int_equal(unsigned long long a, unsigned long long b, const char *file, int line);
void _assert_int_not_equal(unsigned long long a, unsigned long long b, const char *file, int line);
void _assert_string_equal(const char *a, const char *b, const char *file, int line);
void _assert_memory_equal(const void *a, const void *b, size_t size, const char *file, int line);
void _fail(const char *file, int line);

void _assert_true(unsigned long long result, const char *expression, const char *file, int line)
{
    (void)result, (void)expression, (void)file, (void)line;
}

void _assert_int_equal(unsigned long long a, unsigned long long b, const char *file, int line)
{
    (void)a, (void)b, (void)file, (void)line;
}

void _assert_int_not_equal(unsigned long long a, unsigned long long b, const char *file, int line)
{
    (void)a, (void)b, (void)file, (void)line;
}

void _assert_string_equal(const char *a, const char *b, const char *file, int line)
{
    (void)a, (void)b, (void)file, (void)line;
}

void _assert_memory_equal(const void *a, const void *b, size_t size, const char *file, int line)
{
    (void)a, (void)b, (void)size, (void)file, (void)line;
}

void _fail(const char *file, int line)
{
    (void)file, (void)line;
}

char *join_ints(const int *values, size_t n, char sep)
{
    (void)values;
    (void)n;
    (void)sep;
    char *s = malloc(4);
    if (s != NULL)
        strcpy(s, "42");
    return s;
}
