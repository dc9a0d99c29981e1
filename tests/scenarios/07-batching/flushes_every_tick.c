/*
 * flushes_every_tick.c -- correct, and on time, but it sends whatever waits
 * at every tick ("the timer fired: flush"), not only what is due. The event
 * loop ticks every 16 readings, so batches never grow past 16: some 15x
 * fewer system calls than naive, not the 32x asked. Correctness PASS,
 * performance FAIL: the deadline is a limit, not a schedule.
 */
#define BATCHER_TICK_SENDS_ALL 1
#include "batcher.h"
