/*
 * one_write_assumed_whole.c -- a batcher that trusts write(2) to take the
 * whole batch: one call, and if it did not fail, the batch is gone. On a
 * stream socket or pipe that is nearly full the kernel takes part of it
 * (or nothing, EAGAIN, on a non-blocking fd): the rest is lost, or the
 * "error" is returned. Correctness FAIL (the partial-write test).
 */
#include "batcher.h"

static int flush(struct sender *s)
{
    ssize_t n = write(s->fd, s->buf, s->count * sizeof s->buf[0]);
    s->count = 0;
    return n < 0 ? -1 : 0;
}

struct sender *sender_open(int fd, size_t max_batch, uint64_t max_delay_ns)
{
    return batcher_open(fd, max_batch, max_delay_ns, max_batch);
}

int sender_push(struct sender *s, const struct reading *r, uint64_t now_ns)
{
    add(s, r, now_ns);
    return s->count == s->max_batch || is_due(s, now_ns) ? flush(s) : 0;
}

int sender_tick(struct sender *s, uint64_t now_ns)
{
    return is_due(s, now_ns) ? flush(s) : 0;
}

int sender_close(struct sender *s)
{
    int rc = s->count > 0 ? flush(s) : 0;
    free(s->buf);
    free(s);
    return rc;
}
