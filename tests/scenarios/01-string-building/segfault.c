/*
 * Scenario: a crash. The buffer is sized for the first value only and never
 * grown, so long inputs write far past its end; the NULL check was also
 * forgotten. Expected: correctness FAIL with the crash named, and the grader
 * carries on with the next scenario.
 */
#include "lab.h"

#include <stdio.h>
#include <stdlib.h>

char *join_ints(const int *values, size_t n, char sep)
{
    char *s = n > 1000 ? NULL : malloc(12 * n + 1); /* "big inputs are rare" */
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            s[len++] = sep;
        len += (size_t)sprintf(s + len, "%d", values[i]);
    }
    if (n == 0)
        s = calloc(1, 1);
    else
        s[len] = '\0';
    return s;
}
