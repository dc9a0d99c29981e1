/*
 * Invalidation by time-to-live instead of by version: a cached quote is
 * served for 1,000 requests, then recomputed. Fine for a weather widget,
 * wrong for prices: for up to 1,000 requests after a price change, the old
 * price is served.
 * Expected: correctness FAIL (stale answers right after a price change).
 */
#define FRESH(node, version, now) ((now) - (node)->stamp < 1000)
#include "student_lru.h"
