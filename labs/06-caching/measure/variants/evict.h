/*
 * evict.h -- the cache the policy variants share (fifo.c, random.c): one
 * array of entries, a chained hash index, versions checked on every hit.
 * Only the choice of the entry to evict differs, which is the point: the
 * report's hit-rate curves then compare policies, not implementations.
 *
 * The including file defines choose_victim(qc) after the include: which
 * entry (0 .. capacity-1) a miss overwrites once the cache is full. A hit
 * changes no order: neither policy looks at recency (that is what LRU adds).
 * Kept beside the variants (not in measure/), so it is not on the include
 * path of the file a student hands in.
 */
#ifndef LAB06_EVICT_H
#define LAB06_EVICT_H

#include "lab.h"

#include <stdlib.h>

#define NONE UINT32_MAX

struct entry {
    uint64_t key;     /* product << 3 | region */
    uint64_t version; /* of the product when value was computed */
    double value;
    uint32_t chain;   /* the next entry in this bucket, or NONE */
};

struct quote_cache {
    const struct catalog *catalog;
    size_t capacity;
    struct entry *entries;
    uint32_t *buckets; /* first entry of each chain, or NONE */
    size_t mask;
    uint32_t used;
    uint64_t policy;   /* the policy's own state: FIFO's hand, random's generator */
};

static uint32_t choose_victim(struct quote_cache *qc);

struct quote_cache *quote_cache_new(const struct catalog *c, size_t capacity)
{
    if (capacity >= ((size_t)1 << 31))
        return NULL;
    struct quote_cache *qc = calloc(1, sizeof *qc);
    if (qc == NULL)
        return NULL;
    size_t buckets = 1;
    while (buckets < capacity)
        buckets *= 2;
    qc->catalog = c;
    qc->capacity = capacity;
    qc->mask = buckets - 1;
    qc->policy = UINT64_C(0x9e3779b97f4a7c15);
    qc->entries = malloc((capacity > 0 ? capacity : 1) * sizeof *qc->entries);
    qc->buckets = malloc(buckets * sizeof *qc->buckets);
    if (qc->entries == NULL || qc->buckets == NULL) {
        quote_cache_free(qc);
        return NULL;
    }
    for (size_t b = 0; b < buckets; b++)
        qc->buckets[b] = NONE;
    return qc;
}

static uint32_t *bucket_of(struct quote_cache *qc, uint64_t key)
{
    return &qc->buckets[(key * UINT64_C(0x9e3779b97f4a7c15) >> 32) & qc->mask];
}

double quote_cache_get(struct quote_cache *qc, uint32_t product, uint32_t region)
{
    const struct catalog *c = qc->catalog;
    uint64_t version = catalog_version(c, product);
    if (qc->capacity == 0 || region >= CATALOG_REGIONS || version == UINT64_MAX)
        return quote(c, product, region);
    uint64_t key = (uint64_t)product << 3 | region;
    uint32_t *head = bucket_of(qc, key);
    for (uint32_t i = *head; i != NONE; i = qc->entries[i].chain) {
        struct entry *e = &qc->entries[i];
        if (e->key == key) {
            if (e->version != version) {
                e->value = quote(c, product, region);
                e->version = version;
            }
            return e->value;
        }
    }
    double value = quote(c, product, region);
    uint32_t i;
    if (qc->used < qc->capacity) {
        i = qc->used++;
    } else {
        i = choose_victim(qc);
        uint32_t *link = bucket_of(qc, qc->entries[i].key);
        while (*link != i)
            link = &qc->entries[*link].chain;
        *link = qc->entries[i].chain;
    }
    qc->entries[i] = (struct entry){ key, version, value, *head };
    *head = i;
    return value;
}

void quote_cache_free(struct quote_cache *qc)
{
    if (qc == NULL)
        return;
    free(qc->entries);
    free(qc->buckets);
    free(qc);
}

#endif
