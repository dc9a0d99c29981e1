/*
 * newest_first.c -- a batch sent newest reading first (the buffer used as
 * a stack: "the latest value matters most"). Every reading arrives, on
 * time, but out of order. Correctness FAIL.
 */
#define BATCHER_OWN_FLUSH
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
