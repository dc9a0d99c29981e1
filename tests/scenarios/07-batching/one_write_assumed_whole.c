/*
 * one_write_assumed_whole.c -- a batcher that trusts write(2) to take the
 * whole batch: one call, and if it did not fail, the batch is gone. On a
 * stream socket or pipe that is nearly full the kernel takes part of it
 * (or nothing, EAGAIN, on a non-blocking fd): the rest is lost, or the
 * "error" is returned. Correctness FAIL (the partial-write test).
 */
#define BATCHER_OWN_FLUSH
#include "batcher.h"

static int flush(struct sender *s)
{
    ssize_t n = write(s->fd, s->buf, s->count * sizeof s->buf[0]);
    s->count = 0;
    return n < 0 ? -1 : 0;
}
