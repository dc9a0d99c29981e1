/*
 * Scenario: the natural fix, without micro-optimizations. Length is tracked,
 * the buffer doubles, and snprintf writes straight into it. No digit tables.
 * Expected: PASS on both halves -- the targets reward the algorithm, not tricks.
 */
#include "lab.h"

#include <stdio.h>
#include <stdlib.h>

char *join_ints(const int *values, size_t n, char sep)
{
    size_t cap = 64, len = 0;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (cap - len < 16) {
            cap *= 2;
            char *grown = realloc(s, cap);
            if (grown == NULL) {
                free(s);
                return NULL;
            }
            s = grown;
        }
        if (i > 0)
            s[len++] = sep;
        len += (size_t)snprintf(s + len, cap - len, "%d", values[i]);
    }
    return s;
}
