/*
 * Scenario: n == 0 returns NULL instead of "". Fast and otherwise right, but
 * the contract says NULL means out of memory. Expected: correctness FAIL.
 */
#include "lab.h"

#include <stdio.h>
#include <stdlib.h>

char *join_ints(const int *values, size_t n, char sep)
{
    if (n == 0)
        return NULL;
    size_t cap = n * 12 + 1, len = 0;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            s[len++] = sep;
        len += (size_t)snprintf(s + len, cap - len, "%d", values[i]);
    }
    s[len] = '\0';
    return s;
}
