/*
 * Scenario: a fast hash set that steals key 0. It stands in for a student's
 * optimized.c that is a good hash set in every other way -- Fibonacci
 * hashing (the top bits of key * 2^64/phi), triangular probing, load factor
 * at most 1/2 -- but marks empty slots with 0 and forgets that 0 is also a
 * valid key. intset_add(s, 0) "stores" 0 in an empty slot, where it is
 * indistinguishable from empty: intset_contains(s, 0) stays false, and adding
 * 0 again succeeds again, counting it twice.
 *
 * Expected: correctness FAIL (the suite tests key 0), performance not graded.
 */
#include "lab.h"

#include <stdlib.h>

struct intset {
    uint64_t *table; /* 2^bits entries, 0 = empty (the bug) */
    unsigned bits;
    size_t count;
};

/* Fibonacci hashing: the multiply mixes low bits upwards, the top bits are
   the best mixed, so they pick the slot. */
static size_t home_of(uint64_t key, unsigned bits)
{
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bits));
}

/* Triangular probing (+1, +2, +3...) visits every slot of a power-of-two
   table. Returns the slot holding key or the first empty one. */
static size_t probe(const uint64_t *table, unsigned bits, uint64_t key)
{
    size_t mask = ((size_t)1 << bits) - 1;
    size_t at = home_of(key, bits);
    for (size_t step = 1; table[at] != 0 && table[at] != key; step++)
        at = (at + step) & mask;
    return at;
}

struct intset *intset_new(void)
{
    struct intset *s = malloc(sizeof *s);
    if (s == NULL)
        return NULL;
    s->bits = 4;
    s->count = 0;
    s->table = calloc((size_t)1 << s->bits, sizeof *s->table);
    if (s->table == NULL) {
        free(s);
        return NULL;
    }
    return s;
}

/* The guard makes sure an empty slot is never "found"; it also means 0 is
   never found, even after intset_add(s, 0) said true. */
bool intset_contains(const struct intset *s, uint64_t key)
{
    return s->table[probe(s->table, s->bits, key)] == key && key != 0;
}

static bool rehash_bigger(struct intset *s)
{
    unsigned bits = s->bits + 1;
    uint64_t *table = calloc((size_t)1 << bits, sizeof *table);
    if (table == NULL)
        return false;
    for (size_t at = 0; at < (size_t)1 << s->bits; at++) {
        if (s->table[at] != 0)
            table[probe(table, bits, s->table[at])] = s->table[at];
    }
    free(s->table);
    s->table = table;
    s->bits = bits;
    return true;
}

bool intset_add(struct intset *s, uint64_t key)
{
    if (intset_contains(s, key))
        return false;
    if (2 * (s->count + 1) > (size_t)1 << s->bits && !rehash_bigger(s))
        return false;
    s->table[probe(s->table, s->bits, key)] = key;
    s->count++;
    return true;
}

size_t intset_size(const struct intset *s)
{
    return s->count;
}

void intset_free(struct intset *s)
{
    if (s != NULL)
        free(s->table);
    free(s);
}
