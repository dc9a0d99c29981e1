/*
 * naive.c -- Lab 6 baseline: no cache at all.
 * label: no cache
 *
 * This is the honest code before anyone measured: the "cache" remembers the
 * catalog and asks quote() every time. It is always right -- an answer
 * computed now cannot be stale -- and it does the full pricing work on every
 * request, even the ten-thousandth request for the same best seller in the
 * same region this minute.
 */
#include "lab.h"

#include <stdlib.h>

struct quote_cache {
    const struct catalog *catalog;
};

struct quote_cache *quote_cache_new(const struct catalog *c, size_t capacity)
{
    (void)capacity; /* holds nothing, so it never exceeds any capacity */
    struct quote_cache *qc = malloc(sizeof *qc);
    if (qc != NULL)
        qc->catalog = c;
    return qc;
}

double quote_cache_get(struct quote_cache *qc, uint32_t product, uint32_t region)
{
    return quote(qc->catalog, product, region);
}

void quote_cache_free(struct quote_cache *qc)
{
    free(qc);
}
