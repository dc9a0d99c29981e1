/*
 * Attack scenario: the naive code, with callgrind told to stop counting
 * around it (Valgrind's client requests, callgrind.h). Under callgrind the
 * quadratic join would then cost a handful of instructions.
 * Expected: refused before any test runs (correctness FAIL, reason "Valgrind
 * client requests"): the object contains the requests' instruction preamble.
 */
#include "lab.h"

#include <valgrind/callgrind.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *join_ints(const int *values, size_t n, char sep)
{
    CALLGRIND_STOP_INSTRUMENTATION;
    char *result = malloc(1);
    if (result != NULL) {
        result[0] = '\0';
        for (size_t i = 0; i < n && result != NULL; i++) {
            char piece[16];
            snprintf(piece, sizeof piece, "%d", values[i]);
            char *grown = realloc(result, strlen(result) + strlen(piece) + 2);
            if (grown == NULL) {
                free(result);
                result = NULL;
                break;
            }
            result = grown;
            if (i > 0)
                strncat(result, &sep, 1);
            strcat(result, piece);
        }
    }
    CALLGRIND_START_INSTRUMENTATION;
    return result;
}
