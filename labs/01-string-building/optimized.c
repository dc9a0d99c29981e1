/*
 * optimized.c -- YOUR file for Lab 1. It is the only file you edit.
 *
 * It starts as an exact copy of naive.c, so it builds and passes the tests
 * from the first minute. Your job: make join_ints fast without changing what
 * it returns (lab.h is the contract; tests/01-string-building.c checks it).
 *
 *   make lab-1      measure naive, yours and the reference side by side
 *   make profile-1  see where the instructions go
 *   make grade-1    the verdict (correctness + deterministic work measures)
 *
 * Read labs/01-string-building/README.md first: it explains the trap and
 * gives hints, one step at a time.
 */
#include "lab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *join_ints(const int *values, size_t n, char sep)
{
    char *result = malloc(1);
    if (result == NULL)
        return NULL;
    result[0] = '\0';

    for (size_t i = 0; i < n; i++) {
        char piece[16]; /* "-2147483648" and a separator fit */
        if (i > 0)
            snprintf(piece, sizeof piece, "%c%d", sep, values[i]);
        else
            snprintf(piece, sizeof piece, "%d", values[i]);

        char *grown = realloc(result, strlen(result) + strlen(piece) + 1);
        if (grown == NULL) {
            free(result);
            return NULL;
        }
        result = grown;
        strcat(result, piece);
    }
    return result;
}
