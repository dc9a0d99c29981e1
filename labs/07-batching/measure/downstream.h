/*
 * downstream.h -- the receiving end of Lab 7's measurements: a seqpacket
 * socket pair, the sender's end and ours, and a reader that checks what
 * comes.
 *
 * SOCK_SEQPACKET keeps each write(2) a message of its own, so the reader
 * counts the sender's writes exactly (one recv per message) and sees whether
 * each carries whole readings. Reading i of a run must be the i-th to come,
 * with sensor_id = i (downstream_reading makes them).
 */
#ifndef LAB07_DOWNSTREAM_H
#define LAB07_DOWNSTREAM_H

#include "lab.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct downstream {
    int sender_fd;      /* give this one to sender_open */
    int reader_fd;      /* non-blocking */
    uint64_t received;  /* readings, since downstream_reset */
    uint64_t messages;  /* writes of the sender, since downstream_reset */
    uint64_t largest;   /* readings in the largest message */
    char error[160];    /* the first thing that was wrong, or "" */
    unsigned char *buf; /* one message */
    size_t buf_size;
};

/* A fresh pair; false (errno set) when the system refuses. */
bool downstream_open(struct downstream *d);
void downstream_close(struct downstream *d);
void downstream_reset(struct downstream *d);

/* The i-th reading of a run, taken at t_ns. */
struct reading downstream_reading(uint64_t i, uint64_t t_ns);

/* Read every message that is there, without waiting; check each. Returns
   the readings read. On_reading (may be NULL) sees each one. */
size_t downstream_drain(struct downstream *d, void (*on_reading)(void *ctx, const struct reading *r), void *ctx);

/* Wait for one message (up to timeout_ms; -1: no limit) and read it, as
   downstream_drain does: readings read, 0 at a timeout, -1 at end of file
   or error. */
long downstream_wait(struct downstream *d, int timeout_ms, void (*on_reading)(void *ctx, const struct reading *r),
                     void *ctx);

#endif
