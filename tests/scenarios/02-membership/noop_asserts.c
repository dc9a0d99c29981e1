/*
 * Scenario: an attack on the verdict. A "set" that remembers nothing (add
 * always says new, contains always says no, size is 0: O(1) and wrong),
 * beside no-op definitions of cmocka's assertion functions, so that, linked
 * into the suite's process, they replaced cmocka's own and no test could
 * fail. In the worker (measure/remote.c) these functions are never called:
 * the suite's process has the real ones. Expected: correctness FAIL.
 */
#include "lab.h"

#include <stdlib.h>

/* cmocka 1.1's signatures (LargestIntegralType is unsigned long long). */
void _assert_true(unsigned long long result, const char *expression, const char *file, int line);
void _assert_int_equal(unsigned long long a, unsigned long long b, const char *file, int line);
void _fail(const char *file, int line);

void _assert_true(unsigned long long result, const char *expression, const char *file, int line)
{
    (void)result, (void)expression, (void)file, (void)line;
}

void _assert_int_equal(unsigned long long a, unsigned long long b, const char *file, int line)
{
    (void)a, (void)b, (void)file, (void)line;
}

void _fail(const char *file, int line)
{
    (void)file, (void)line;
}

struct intset {
    int unused;
};

struct intset *intset_new(void)
{
    return calloc(1, sizeof(struct intset));
}

bool intset_add(struct intset *s, uint64_t key)
{
    (void)s, (void)key;
    return true;
}

bool intset_contains(const struct intset *s, uint64_t key)
{
    (void)s, (void)key;
    return false;
}

size_t intset_size(const struct intset *s)
{
    (void)s;
    return 0;
}

void intset_free(struct intset *s)
{
    free(s);
}
