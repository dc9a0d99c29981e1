/*
 * sorted_array.c -- Lab 2 variant: keep the keys sorted, look up by binary
 * search. The middle step between the list scan and the hash set.
 * label: sorted array, binary search
 *
 * Lookups are O(log N): each probe of the binary search halves the range, so
 * a million keys take 20 probes instead of a million comparisons. No hashing,
 * so no bad inputs either: every key distribution costs the same. And the
 * memory cost is the minimum, 8 bytes per key (plus up to 50% slack from the
 * growing array).
 *
 * The honest catch is add. To stay sorted, a new key is inserted at its
 * place, and every larger key shifts one slot right: one memmove of, on
 * average, half the array. That keeps each add O(N), so building a set of N
 * keys is still O(N^2) -- but with a tiny constant, because memmove is the
 * fastest loop the machine has (tens of bytes per cycle) where the naive scan
 * compares one key per step. When the keys are all known up front you would
 * rather append them all, sort once and drop duplicates (O(N log N)); the
 * contract's one-key-at-a-time intset_add() cannot do that, and this variant
 * does not pretend to.
 *
 * Binary search reads log2(N) slots spread over the whole array: for a large
 * set each of them is a cache miss, where a hash set pays one. That is why
 * the per-lookup plot shows this variant climbing with N.
 */
#include "lab.h"

#include <stdlib.h>
#include <string.h>

struct intset {
    uint64_t *keys;  /* keys[0..size), strictly increasing */
    size_t size;
    size_t capacity; /* room in keys, in keys */
};

enum { FIRST_CAPACITY = 16 };

struct intset *intset_new(void)
{
    return calloc(1, sizeof(struct intset));
}

void intset_free(struct intset *s)
{
    if (s != NULL)
        free(s->keys);
    free(s);
}

size_t intset_size(const struct intset *s)
{
    return s->size;
}

/*
 * Make room for one more key, growing by half again when full (amortized
 * O(1), like doubling, with less slack). False (nothing changed) if out of
 * memory.
 */
static bool reserve_one(struct intset *s)
{
    if (s->size < s->capacity)
        return true;
    size_t capacity = FIRST_CAPACITY + s->capacity + s->capacity / 2;
    uint64_t *keys = NULL;
    if (capacity < SIZE_MAX / sizeof *keys)
        keys = realloc(s->keys, capacity * sizeof *keys);
    if (keys == NULL)
        return false;
    s->keys = keys;
    s->capacity = capacity;
    return true;
}

/* The first position whose key is >= key (size if there is none). */
static size_t lower_bound(const struct intset *s, uint64_t key)
{
    size_t lo = 0, hi = s->size; /* the answer is in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool intset_contains(const struct intset *s, uint64_t key)
{
    size_t i = lower_bound(s, key);
    return i < s->size && s->keys[i] == key;
}

bool intset_add(struct intset *s, uint64_t key)
{
    size_t i = lower_bound(s, key);
    if (i < s->size && s->keys[i] == key)
        return false;
    if (!reserve_one(s))
        return false;
    memmove(&s->keys[i + 1], &s->keys[i], (s->size - i) * sizeof *s->keys);
    s->keys[i] = key;
    s->size++;
    return true;
}
