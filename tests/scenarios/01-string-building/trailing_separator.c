/*
 * Scenario: a separator after every value, the last one included ("1,2,3,").
 * Expected: correctness FAIL.
 */
#include "lab.h"

#include <stdio.h>
#include <stdlib.h>

char *join_ints(const int *values, size_t n, char sep)
{
    size_t cap = n * 12 + 1, len = 0;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(s + len, cap - len, "%d%c", values[i], sep);
    return s;
}
