/*
 * measure.h -- what Lab 7's workload.c shares with its report.c.
 */
#ifndef LAB07_MEASURE_H
#define LAB07_MEASURE_H

#include "downstream.h"
#include "lab.h"
#include "workload.h"

enum {
    BATCH_N = 16384,  /* readings per call in the batch sweep (and the graded count) */
    TICK_EVERY = 16,  /* the event loop's timer: one sender_tick per this many pushes */
    DRAIN_EVERY = 128 /* the downstream reads what has come every this many pushes: 128
                         one-reading messages fit a socket's default buffer twice over */
};

/* The batch sweep's synthetic clock: one reading every microsecond, a
   deadline of 10 ms, so batches of up to 1,024 fill up before it. */
#define BATCH_INTERVAL_NS 1000u
#define BATCH_MAX_DELAY_NS 10000000u

/* The contract as a table of function pointers: one per variant. */
struct impl {
    struct sender *(*open)(int fd, size_t max_batch, uint64_t max_delay_ns);
    int (*push)(struct sender *s, const struct reading *r, uint64_t now_ns);
    int (*tick)(struct sender *s, uint64_t now_ns);
    int (*close)(struct sender *s);
};

#endif
