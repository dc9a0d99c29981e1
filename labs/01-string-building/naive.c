/*
 * naive.c -- Lab 1 baseline: build the string the way `s += str(i)` does.
 * label: realloc + strcat
 *
 * This is how most of us first write it, and it is correct: format each
 * number into a small buffer, grow the result with realloc, and append with
 * strcat. It is also quadratic. strcat must find the end of the string before
 * it can append, and it finds it by scanning from the start -- every time.
 * Appending the i-th number rescans all the bytes written so far, so joining
 * N numbers reads about N^2/2 * (digits per number) bytes: Joel Spolsky's
 * "Schlemiel the painter", who walks back to the paint can after every stripe.
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
