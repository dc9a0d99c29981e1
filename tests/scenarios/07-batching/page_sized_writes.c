/*
 * page_sized_writes.c -- a batcher that hands the kernel 4 KiB at a time,
 * "one page per write", cutting readings in two at every page boundary
 * (4096 is not a multiple of 24). A byte stream would not notice; a
 * seqpacket downstream, which reads each write as one message, gets halves
 * of readings. Correctness FAIL (lab.h: each write carries whole readings).
 */
#include "batcher.h"

enum { PAGE = 4096 };

static int flush(struct sender *s)
{
    const char *data = (const char *)s->buf;
    size_t len = s->count * sizeof s->buf[0];
    s->count = 0;
    for (size_t off = 0; off < len; off += PAGE)
        if (write_all(s->fd, data + off, len - off < PAGE ? len - off : PAGE) != 0)
            return -1;
    return 0;
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
