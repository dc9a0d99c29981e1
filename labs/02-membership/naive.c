/*
 * naive.c -- Lab 2 baseline: a set kept as a plain list of its keys.
 * label: list scan
 *
 * This is `if id not in seen: seen.append(id)` written in C, and it is how
 * most of us first dedupe a stream: keep the keys we have seen in a growable
 * array, scan it to answer "seen before?", append when the answer is no. It is
 * correct for every key (nothing is reserved, 0 and UINT64_MAX are ordinary
 * values) and it is fast while the list is short: the scan walks memory in
 * order, which is the friendliest thing a loop can do to a cache.
 *
 * The trap is that both operations cost O(size). A lookup that misses reads
 * every key; one that hits reads half of them on average. Adding must look
 * first (a set stores each key once), so building a set of N distinct keys
 * costs about N * N / 2 comparisons: ten times the keys, a hundred times the
 * work.
 *
 * The array doubles when full, so appending itself is amortized O(1); the
 * scan, not the growth, is what makes this quadratic.
 */
#include "lab.h"

#include <stdlib.h>

struct intset {
    uint64_t *keys;  /* keys[0..size) in the order they were added */
    size_t size;
    size_t capacity; /* room in keys, in keys */
};

enum { FIRST_CAPACITY = 16 };

struct intset *intset_new(void)
{
    return calloc(1, sizeof(struct intset));
}

bool intset_contains(const struct intset *s, uint64_t key)
{
    for (size_t i = 0; i < s->size; i++) {
        if (s->keys[i] == key)
            return true;
    }
    return false;
}

/* Double the array. False (and nothing changed) if memory runs out. */
static bool grow(struct intset *s)
{
    size_t capacity = s->capacity == 0 ? FIRST_CAPACITY : 2 * s->capacity;
    if (capacity > SIZE_MAX / sizeof *s->keys)
        return false;
    uint64_t *keys = realloc(s->keys, capacity * sizeof *keys);
    if (keys == NULL)
        return false;
    s->keys = keys;
    s->capacity = capacity;
    return true;
}

bool intset_add(struct intset *s, uint64_t key)
{
    if (intset_contains(s, key))
        return false;
    if (s->size == s->capacity && !grow(s))
        return false;
    s->keys[s->size++] = key;
    return true;
}

size_t intset_size(const struct intset *s)
{
    return s->size;
}

void intset_free(struct intset *s)
{
    if (s == NULL)
        return;
    free(s->keys);
    free(s);
}
