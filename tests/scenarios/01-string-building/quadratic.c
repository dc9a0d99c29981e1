/*
 * Scenario: a correct but still quadratic edit. The student replaced strcat
 * with memcpy and grows the buffer geometrically -- but still finds the end of
 * the string with strlen on every append, which is the same rescan.
 * Expected: correctness PASS, performance FAIL (exponent ~2).
 */
#include "lab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *join_ints(const int *values, size_t n, char sep)
{
    size_t cap = 64;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char piece[16];
        int len = snprintf(piece, sizeof piece, i > 0 ? "%c%d" : "%.0s%d", i > 0 ? sep : ' ', values[i]);
        if (i == 0)
            len = snprintf(piece, sizeof piece, "%d", values[i]);
        size_t end = strlen(s); /* the rescan */
        if (end + (size_t)len + 1 > cap) {
            cap *= 2;
            char *grown = realloc(s, cap);
            if (grown == NULL) {
                free(s);
                return NULL;
            }
            s = grown;
        }
        memcpy(s + end, piece, (size_t)len + 1);
    }
    return s;
}
