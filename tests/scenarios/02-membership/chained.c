/*
 * Scenario: a different, honest hash set -- the textbook one. Separate
 * chaining (a linked list of nodes per bucket, one malloc per key), Fibonacci
 * hashing (the top bits of key * 2^64/phi pick the bucket), one bucket per
 * key on average, doubling when full. Slower than the reference (a pointer
 * chase and a malloc per key), but O(1) per operation on every id scheme, so
 * the targets must accept it. Expected: correctness PASS, performance PASS.
 */
#include "lab.h"

#include <stdlib.h>

struct node {
    uint64_t key;
    struct node *next;
};

struct intset {
    struct node **buckets; /* 2^bits chains */
    unsigned bits;
    size_t size;
};

static size_t bucket_of(uint64_t key, unsigned bits)
{
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bits));
}

/* A zeroed array of 2^bits chain heads, or NULL. */
static struct node **empty_buckets(unsigned bits)
{
    return calloc((size_t)1 << bits, sizeof(struct node *));
}

struct intset *intset_new(void)
{
    struct intset *s = calloc(1, sizeof *s);
    struct node **buckets = empty_buckets(3);
    if (s == NULL || buckets == NULL) {
        free(s);
        free(buckets);
        return NULL;
    }
    s->buckets = buckets;
    s->bits = 3;
    return s;
}

bool intset_contains(const struct intset *s, uint64_t key)
{
    for (const struct node *n = s->buckets[bucket_of(key, s->bits)]; n != NULL; n = n->next)
        if (n->key == key)
            return true;
    return false;
}

/* Twice the buckets; the nodes move, nothing is allocated but the array. */
static bool rechain(struct intset *s)
{
    unsigned bits = s->bits + 1;
    struct node **buckets = empty_buckets(bits);
    if (buckets == NULL)
        return false;
    for (size_t b = 0; b < (size_t)1 << s->bits; b++) {
        struct node *n = s->buckets[b];
        while (n != NULL) {
            struct node *next = n->next;
            size_t home = bucket_of(n->key, bits);
            n->next = buckets[home];
            buckets[home] = n;
            n = next;
        }
    }
    free(s->buckets);
    s->buckets = buckets;
    s->bits = bits;
    return true;
}

bool intset_add(struct intset *s, uint64_t key)
{
    if (intset_contains(s, key))
        return false;
    if (s->size == (size_t)1 << s->bits && !rechain(s))
        return false;
    struct node *n = malloc(sizeof *n);
    if (n == NULL)
        return false;
    size_t home = bucket_of(key, s->bits);
    n->key = key;
    n->next = s->buckets[home];
    s->buckets[home] = n;
    s->size++;
    return true;
}

static void free_chain(struct node *n)
{
    while (n != NULL) {
        struct node *next = n->next;
        free(n);
        n = next;
    }
}

void intset_free(struct intset *s)
{
    for (size_t b = 0; s != NULL && b < (size_t)1 << s->bits; b++)
        free_chain(s->buckets[b]);
    if (s != NULL)
        free(s->buckets);
    free(s);
}

size_t intset_size(const struct intset *s)
{
    return s->size;
}
