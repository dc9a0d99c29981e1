/*
 * Scenario: a half-finished edit that does not compile (a missing semicolon).
 * Expected: correctness FAIL "does not compile", with the compiler's message,
 * and the grader carries on.
 */
#include "lab.h"

#include <stdlib.h>

char *join_ints(const int *values, size_t n, char sep)
{
    (void)values;
    (void)n;
    (void)sep;
    char *s = calloc(1, 1)
    return s;
}
