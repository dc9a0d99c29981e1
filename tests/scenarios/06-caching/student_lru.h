/*
 * student_lru.h -- a textbook LRU cache as a student writes it: a chained
 * hash table of nodes from one pool, and a doubly linked recency list with
 * sentinel head. Four scenarios share it and differ in one rule: when a
 * cached answer may still be served (FRESH, defined by the includer before
 * the include), or none at all.
 *
 *   FRESH(node, version, now)  node: the cached entry; version: the
 *                              product's catalog_version now; now: the
 *                              number of requests served so far.
 */
#include "lab.h"

#include <stdlib.h>

struct node {
    uint32_t product, region;
    uint64_t version, stamp; /* version and request number when computed */
    double value;
    struct node *chain;      /* next in its bucket */
    struct node *newer, *older;
};

struct quote_cache {
    const struct catalog *catalog;
    size_t capacity, used, buckets;
    uint64_t now;
    struct node *pool;
    struct node **table;
    struct node list; /* sentinel: list.newer is the oldest, list.older the newest */
};

struct quote_cache *quote_cache_new(const struct catalog *c, size_t capacity)
{
    if (capacity > ((size_t)1 << 30))
        return NULL;
    struct quote_cache *qc = calloc(1, sizeof *qc);
    if (qc == NULL)
        return NULL;
    qc->catalog = c;
    qc->capacity = capacity;
    qc->buckets = capacity + 1;
    qc->pool = calloc(capacity + 1, sizeof *qc->pool);
    qc->table = calloc(qc->buckets, sizeof *qc->table);
    if (qc->pool == NULL || qc->table == NULL) {
        free(qc->pool);
        free(qc->table);
        free(qc);
        return NULL;
    }
    qc->list.newer = qc->list.older = &qc->list;
    return qc;
}

static size_t bucket(const struct quote_cache *qc, uint32_t product, uint32_t region)
{
    return ((size_t)product * 8 + region) * 2654435761u % qc->buckets;
}

static void detach(struct node *n)
{
    n->newer->older = n->older;
    n->older->newer = n->newer;
}

static void make_newest(struct quote_cache *qc, struct node *n)
{
    n->older = qc->list.older;
    n->newer = &qc->list;
    qc->list.older->newer = n;
    qc->list.older = n;
}

double quote_cache_get(struct quote_cache *qc, uint32_t product, uint32_t region)
{
    uint64_t version = catalog_version(qc->catalog, product);
    qc->now++;
    if (qc->capacity == 0 || region >= CATALOG_REGIONS || version == UINT64_MAX)
        return quote(qc->catalog, product, region);
    struct node **slot = &qc->table[bucket(qc, product, region)];
    for (struct node *n = *slot; n != NULL; n = n->chain)
        if (n->product == product && n->region == region) {
            if (!FRESH(n, version, qc->now)) {
                n->value = quote(qc->catalog, product, region);
                n->version = version;
                n->stamp = qc->now;
            }
            detach(n);
            make_newest(qc, n);
            return n->value;
        }
    struct node *n;
    if (qc->used < qc->capacity) {
        n = &qc->pool[qc->used++];
    } else {
        n = qc->list.newer; /* the least recently used */
        detach(n);
        struct node **link = &qc->table[bucket(qc, n->product, n->region)];
        while (*link != n)
            link = &(*link)->chain;
        *link = n->chain;
    }
    *n = (struct node){ product, region, version, qc->now, quote(qc->catalog, product, region), *slot, NULL, NULL };
    *slot = n;
    make_newest(qc, n);
    return n->value;
}

void quote_cache_free(struct quote_cache *qc)
{
    if (qc == NULL)
        return;
    free(qc->pool);
    free(qc->table);
    free(qc);
}
