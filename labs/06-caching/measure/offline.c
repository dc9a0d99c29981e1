/*
 * offline.c -- Belady's optimum and a time-to-live cache, for the report
 * (offline.h says what each counts).
 *
 * Belady: one pass backwards finds, for each request, the next request of
 * the same key and whether its product's price changes first (then the
 * answer kept now is useless at that next use: its next useful use is
 * "never"). One pass forwards keeps the cached keys in a max-heap on their
 * next useful use (stale heap nodes are skipped when popped: lazy deletion).
 * A request is a hit exactly when its key is cached with this very request
 * as its next useful use.
 */
#include "offline.h"

#include "catalog.h"

#include <stdint.h>
#include <stdlib.h>

#define NEVER SIZE_MAX

struct node {
    size_t next; /* next useful use */
    uint32_t key;
};

static void sift_up(struct node *h, size_t i)
{
    while (i > 0 && h[(i - 1) / 2].next < h[i].next) {
        struct node t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static void sift_down(struct node *h, size_t n, size_t i)
{
    for (;;) {
        size_t big = i, l = 2 * i + 1, r = l + 1;
        if (l < n && h[l].next > h[big].next)
            big = l;
        if (r < n && h[r].next > h[big].next)
            big = r;
        if (big == i)
            return;
        struct node t = h[i];
        h[i] = h[big];
        h[big] = t;
        i = big;
    }
}

long belady_quotes(const struct trace *t, uint32_t products, size_t capacity)
{
    size_t keys = (size_t)products * CATALOG_REGIONS;
    size_t *useful = malloc((t->n + 1) * sizeof *useful);  /* per op (gets only) */
    size_t *seen = malloc(keys * sizeof *seen);              /* next get of a key, going backwards */
    size_t *changed = malloc(products * sizeof *changed);    /* next set of a product */
    size_t *cached = malloc(keys * sizeof *cached);          /* a cached key's next useful use; 0 = not cached */
    struct node *heap = malloc((t->gets + 1) * sizeof *heap);
    long quotes = -1;
    if (useful == NULL || seen == NULL || changed == NULL || cached == NULL || heap == NULL)
        goto out;
    for (size_t k = 0; k < keys; k++)
        seen[k] = NEVER;
    for (uint32_t p = 0; p < products; p++)
        changed[p] = NEVER;
    for (size_t i = t->n; i-- > 0;) {
        const struct trace_op *op = &t->ops[i];
        if (op->kind == TRACE_SET) {
            changed[op->product] = i;
            continue;
        }
        size_t k = (size_t)op->product * CATALOG_REGIONS + op->arg;
        useful[i] = seen[k] < changed[op->product] ? seen[k] : NEVER;
        seen[k] = i;
    }
    for (size_t k = 0; k < keys; k++)
        cached[k] = 0;
    size_t n = 0, held = 0;
    quotes = 0;
    for (size_t i = 0; i < t->n; i++) {
        const struct trace_op *op = &t->ops[i];
        if (op->kind == TRACE_SET)
            continue;
        size_t k = (size_t)op->product * CATALOG_REGIONS + op->arg;
        if (cached[k] == i + 1) { /* a hit: renew its next use */
            cached[k] = useful[i] == NEVER ? NEVER : useful[i] + 1;
            heap[n] = (struct node){ cached[k], (uint32_t)k };
            sift_up(heap, n++);
            continue;
        }
        quotes++;
        if (capacity == 0)
            continue;
        size_t next = useful[i] == NEVER ? NEVER : useful[i] + 1;
        if (cached[k] == 0 && held == capacity) {
            /* Evict the furthest (skipping heap nodes that are out of date),
               unless the new answer's own next use is further still. */
            while (n > 0 && cached[heap[0].key] != heap[0].next) {
                heap[0] = heap[--n];
                sift_down(heap, n, 0);
            }
            if (n == 0 || heap[0].next <= next)
                continue;
            cached[heap[0].key] = 0;
            heap[0] = heap[--n];
            sift_down(heap, n, 0);
            held--;
        }
        held += cached[k] == 0;
        cached[k] = next;
        heap[n] = (struct node){ next, (uint32_t)k };
        sift_up(heap, n++);
        /* The heap holds at most one node per request: it never overflows. */
    }
out:
    free(useful);
    free(seen);
    free(changed);
    free(cached);
    free(heap);
    return quotes;
}

int ttl_run(struct catalog *c, const struct trace *t, size_t ttl, struct ttl_counts *out)
{
    size_t keys = (size_t)catalog_products(c) * CATALOG_REGIONS;
    struct kept {
        size_t stamp; /* request number when computed, + 1; 0 = never */
        uint64_t version;
    } *kept = calloc(keys, sizeof *kept);
    if (kept == NULL)
        return -1;
    *out = (struct ttl_counts){ 0 };
    size_t now = 0;
    for (size_t i = 0; i < t->n; i++) {
        const struct trace_op *op = &t->ops[i];
        if (op->kind == TRACE_SET) {
            catalog_set_price(c, op->product, op->arg);
            continue;
        }
        struct kept *e = &kept[(size_t)op->product * CATALOG_REGIONS + op->arg];
        now++;
        if (e->stamp != 0 && now - e->stamp < ttl) {
            out->hits++;
            out->stale += e->version != catalog_version(c, op->product);
        } else {
            *e = (struct kept){ now, catalog_version(c, op->product) };
        }
    }
    free(kept);
    return 0;
}
