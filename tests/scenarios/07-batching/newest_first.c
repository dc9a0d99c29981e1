/*
 * newest_first.c -- a batch sent newest reading first (the buffer used as
 * a stack: "the latest value matters most"). Every reading arrives, on
 * time, but out of order. Correctness FAIL.
 */
#include "batcher.h"

static int flush(struct sender *s)
{
    for (size_t i = 0; i < s->count / 2; i++) {
        struct reading t = s->buf[i];
        s->buf[i] = s->buf[s->count - 1 - i];
        s->buf[s->count - 1 - i] = t;
    }
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
    return is_due(s, now_ns) ? flush(s) : 0;
}

int sender_close(struct sender *s)
{
    int rc = s->count > 0 ? flush(s) : 0;
    free(s->buf);
    free(s);
    return rc;
}
