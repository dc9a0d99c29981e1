/*
 * Scenario: a hang. To size the buffer, this version counts the bits of each
 * value by shifting right until it reaches 0 -- but an arithmetic shift of a
 * negative int never reaches 0 (-1 >> 1 == -1). Expected: correctness FAIL
 * "timed out", and the grader carries on.
 */
#include "lab.h"

#include <stdio.h>
#include <stdlib.h>

static size_t bits_of(int v)
{
    size_t bits = 0;
    while (v != 0) {
        bits++;
        v >>= 1;
    }
    return bits;
}

char *join_ints(const int *values, size_t n, char sep)
{
    size_t cap = 1, len = 0;
    for (size_t i = 0; i < n; i++)
        cap += bits_of(values[i]) / 3 + 3; /* a decimal digit carries ~3.3 bits */
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            s[len++] = sep;
        len += (size_t)snprintf(s + len, cap - len, "%d", values[i]);
    }
    return s;
}
