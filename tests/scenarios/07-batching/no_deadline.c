/*
 * no_deadline.c -- batches that leave only when full (or at close): the
 * throughput is perfect, and a reading pushed in a lull waits for the next
 * max_batch - 1 readings, however long that takes. Correctness FAIL: the
 * deadline is part of the contract.
 */
#include "batcher.h"

static int flush(struct sender *s)
{
    int rc = write_all(s->fd, (const char *)s->buf, s->count * sizeof s->buf[0]);
    s->count = 0;
    return rc;
}

struct sender *sender_open(int fd, size_t max_batch, uint64_t max_delay_ns)
{
    return batcher_open(fd, max_batch, max_delay_ns, max_batch);
}

int sender_push(struct sender *s, const struct reading *r, uint64_t now_ns)
{
    add(s, r, now_ns);
    return s->count == s->max_batch ? flush(s) : 0;
}

int sender_tick(struct sender *s, uint64_t now_ns)
{
    (void)s;
    (void)now_ns;
    return 0;
}

int sender_close(struct sender *s)
{
    int rc = s->count > 0 ? flush(s) : 0;
    free(s->buf);
    free(s);
    return rc;
}
