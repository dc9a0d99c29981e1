/*
 * A bounded, never-stale cache that finds an entry by looking at every
 * entry: correct, and its lookups cost O(capacity). With a few entries that
 * is nothing; at 8,000 entries a lookup scans more than a quote costs.
 * Expected: correctness PASS, performance FAIL (the cost of a hit grows
 * with the cache's size: the lookup exponent is about 1).
 */
#include "lab.h"

#include <stdlib.h>

struct slot {
    uint32_t product, region;
    uint64_t version;
    double value;
};

struct quote_cache {
    const struct catalog *catalog;
    size_t capacity, used, next; /* next: the oldest, overwritten on a miss */
    struct slot *slots;
};

struct quote_cache *quote_cache_new(const struct catalog *c, size_t capacity)
{
    if (capacity > ((size_t)1 << 30))
        return NULL;
    struct quote_cache *qc = calloc(1, sizeof *qc);
    if (qc == NULL || (qc->slots = calloc(capacity + 1, sizeof *qc->slots)) == NULL) {
        free(qc);
        return NULL;
    }
    qc->catalog = c;
    qc->capacity = capacity;
    return qc;
}

double quote_cache_get(struct quote_cache *qc, uint32_t product, uint32_t region)
{
    uint64_t version = catalog_version(qc->catalog, product);
    for (size_t i = 0; i < qc->used; i++) {
        struct slot *s = &qc->slots[i];
        if (s->product == product && s->region == region) {
            if (s->version != version) {
                s->value = quote(qc->catalog, product, region);
                s->version = version;
            }
            return s->value;
        }
    }
    double value = quote(qc->catalog, product, region);
    if (qc->capacity == 0 || region >= CATALOG_REGIONS || version == UINT64_MAX)
        return value;
    size_t i = qc->used < qc->capacity ? qc->used++ : qc->next++ % qc->capacity;
    qc->slots[i] = (struct slot){ product, region, version, value };
    return value;
}

void quote_cache_free(struct quote_cache *qc)
{
    if (qc != NULL)
        free(qc->slots);
    free(qc);
}
