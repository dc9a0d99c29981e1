/*
 * A memo: every answer ever computed is kept (with its version, so it is
 * never stale), in a hash table that doubles when it fills. No eviction, so
 * the capacity is ignored, and memory grows with every new key -- until the
 * machine runs out. Its hit rate is the best there is, which is why the
 * grade cannot be on speed alone.
 * Expected: correctness FAIL: 2.4 million distinct keys through a cache of
 * capacity 1,000 exceed the worker's memory limit (malloc fails, and this
 * code, like most, does not expect it).
 */
#include "lab.h"

#include <stdlib.h>

struct memo {
    uint64_t key; /* product << 3 | region, plus 1: 0 is an empty slot */
    uint64_t version;
    double value;
};

struct quote_cache {
    const struct catalog *catalog;
    size_t used, size;
    struct memo *table;
};

struct quote_cache *quote_cache_new(const struct catalog *c, size_t capacity)
{
    (void)capacity;
    struct quote_cache *qc = calloc(1, sizeof *qc);
    if (qc == NULL)
        return NULL;
    qc->catalog = c;
    qc->size = 1024;
    qc->table = calloc(qc->size, sizeof *qc->table);
    return qc;
}

static struct memo *find(struct memo *table, size_t size, uint64_t key)
{
    size_t i = (size_t)(key * UINT64_C(0x9e3779b97f4a7c15) >> 20) & (size - 1);
    while (table[i].key != 0 && table[i].key != key)
        i = (i + 1) & (size - 1);
    return &table[i];
}

static void grow(struct quote_cache *qc)
{
    struct memo *bigger = calloc(qc->size * 2, sizeof *bigger);
    for (size_t i = 0; i < qc->size; i++)
        if (qc->table[i].key != 0)
            *find(bigger, qc->size * 2, qc->table[i].key) = qc->table[i];
    free(qc->table);
    qc->table = bigger;
    qc->size *= 2;
}

double quote_cache_get(struct quote_cache *qc, uint32_t product, uint32_t region)
{
    uint64_t version = catalog_version(qc->catalog, product);
    if (region >= CATALOG_REGIONS || version == UINT64_MAX)
        return quote(qc->catalog, product, region);
    uint64_t key = ((uint64_t)product << 3 | region) + 1;
    struct memo *m = find(qc->table, qc->size, key);
    if (m->key == key && m->version == version)
        return m->value;
    if (m->key != key) {
        if (2 * (qc->used + 1) > qc->size) {
            grow(qc);
            m = find(qc->table, qc->size, key);
        }
        qc->used++;
    }
    *m = (struct memo){ key, version, quote(qc->catalog, product, region) };
    return m->value;
}

void quote_cache_free(struct quote_cache *qc)
{
    if (qc != NULL)
        free(qc->table);
    free(qc);
}
