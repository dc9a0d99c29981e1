/*
 * fifo.c -- a policy variant: evict the oldest entry (first in, first out).
 * label: FIFO + versions
 *
 * The entries are overwritten in a circle, so the victim is simply the next
 * one round: no bookkeeping on a hit at all. It forgets a best seller as
 * readily as a one-off, which is what the report's hit-rate curve shows
 * against LRU and the optimum. The cache itself is evict.h.
 */
#include "evict.h"

static uint32_t choose_victim(struct quote_cache *qc)
{
    return (uint32_t)(qc->policy++ % qc->capacity);
}
