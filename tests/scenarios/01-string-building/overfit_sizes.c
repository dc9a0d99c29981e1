/*
 * Attack scenario: fast only at the sizes the grader used to count. Up to
 * N = 20,000 (the largest size graded before the exponent's sizes reached 8x
 * past the work-ratio size) it joins into one amortized buffer; above that it
 * falls back to the naive realloc + strcat, quadratic again.
 * Expected: correctness PASS, performance FAIL (the exponent over sizes up to
 * 160,000 is far above 1.2).
 */
#include "lab.h"
#include "naive_join.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *join_ints(const int *values, size_t n, char sep)
{
    if (n > 20000)
        return naive_join(values, n, sep);
    char *out = malloc(n * 12 + 1);
    if (out == NULL)
        return NULL;
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            out[len++] = sep;
        len += (size_t)snprintf(out + len, 12, "%d", values[i]);
    }
    out[len] = '\0';
    return out;
}
