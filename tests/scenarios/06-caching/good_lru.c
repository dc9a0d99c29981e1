/*
 * A student's good LRU (student_lru.h): a cached answer is served while the
 * product's version is the one it was computed at.
 * Expected: correctness PASS, performance PASS -- another design than the
 * reference's (chained nodes, pointers, a sentinel) passes too.
 */
#define FRESH(node, version, now) ((node)->version == (version))
#include "student_lru.h"
