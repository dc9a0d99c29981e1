/*
 * Scenario: a wrong answer at INT_MIN. The piece buffer holds 11 bytes plus
 * the NUL, which fits "2147483647," but not ",-2147483648": snprintf truncates
 * and the last digit of INT_MIN is lost. Expected: correctness FAIL.
 */
#include "lab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *join_ints(const int *values, size_t n, char sep)
{
    size_t cap = 64, len = 0;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char piece[12];
        int want = i > 0 ? snprintf(piece, sizeof piece, "%c%d", sep, values[i])
                         : snprintf(piece, sizeof piece, "%d", values[i]);
        size_t got = (size_t)want < sizeof piece ? (size_t)want : sizeof piece - 1;
        if (len + got + 1 > cap) {
            cap = 2 * (len + got + 1);
            char *grown = realloc(s, cap);
            if (grown == NULL) {
                free(s);
                return NULL;
            }
            s = grown;
        }
        memcpy(s + len, piece, got + 1);
        len += got;
    }
    return s;
}
