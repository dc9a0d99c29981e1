/*
 * The classic bug: a cache with no invalidation at all. Once a quote is
 * cached, it is served until it is evicted, whatever happened to the price.
 * Expected: correctness FAIL -- the suite changes a price between two
 * identical requests and the second answer is the old price's.
 */
#define FRESH(node, version, now) 1
#include "student_lru.h"
