/*
 * flushes_every_tick.c -- correct, and on time, but it sends whatever waits
 * at every tick ("the timer fired: flush"), not only what is due. The event
 * loop ticks every 16 readings, so batches never grow past 16: some 15x
 * fewer system calls than naive, not the 32x asked. Correctness PASS,
 * performance FAIL: the deadline is a limit, not a schedule.
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
    return s->count == s->max_batch || is_due(s, now_ns) ? flush(s) : 0;
}

int sender_tick(struct sender *s, uint64_t now_ns)
{
    (void)now_ns;
    return s->count > 0 ? flush(s) : 0;
}

int sender_close(struct sender *s)
{
    int rc = s->count > 0 ? flush(s) : 0;
    free(s->buf);
    free(s);
    return rc;
}
