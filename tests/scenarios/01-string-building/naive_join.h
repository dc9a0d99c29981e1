/*
 * naive_join.h -- the naive join (realloc + strcat per value), shared by the
 * attack scenarios that wrap it in something hostile. make test inlines it
 * into each scenario (a student hands in one file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *naive_join(const int *values, size_t n, char sep)
{
    char *result = malloc(1);
    if (result == NULL)
        return NULL;
    result[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char piece[16];
        snprintf(piece, sizeof piece, "%d", values[i]);
        char *grown = realloc(result, strlen(result) + strlen(piece) + 2);
        if (grown == NULL) {
            free(result);
            return NULL;
        }
        result = grown;
        if (i > 0)
            strncat(result, &sep, 1);
        strcat(result, piece);
    }
    return result;
}
