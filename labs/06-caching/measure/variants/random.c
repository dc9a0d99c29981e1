/*
 * random.c -- a policy variant: evict an entry chosen at random.
 * label: random eviction + versions
 *
 * No order is kept at all; the victim is drawn (xorshift64, seeded the same
 * every time, so runs repeat). Popular entries survive only because they
 * come back quickly after being evicted. Redis's allkeys-random policy. The
 * cache itself is evict.h.
 */
#include "evict.h"

static uint32_t choose_victim(struct quote_cache *qc)
{
    uint64_t x = qc->policy;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    qc->policy = x;
    return (uint32_t)(x % qc->capacity);
}
