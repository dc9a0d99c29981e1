/*
 * loses_tail_on_close.c -- batches and deadlines right, but sender_close
 * frees the buffer without sending what waits in it: the last readings of
 * every run vanish. Correctness FAIL.
 */
#define BATCHER_CLOSE_SENDS 0
#include "batcher.h"
