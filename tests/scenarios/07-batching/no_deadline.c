/*
 * no_deadline.c -- batches that leave only when full (or at close): the
 * throughput is perfect, and a reading pushed in a lull waits for the next
 * max_batch - 1 readings, however long that takes. Correctness FAIL: the
 * deadline is part of the contract.
 */
#define BATCHER_DEADLINE 0
#include "batcher.h"
