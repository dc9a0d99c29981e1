/*
 * page_sized_writes.c -- a batcher that hands the kernel 4 KiB at a time,
 * "one page per write", cutting readings in two at every page boundary
 * (4096 is not a multiple of 24). A byte stream would not notice; a
 * seqpacket downstream, which reads each write as one message, gets halves
 * of readings. Correctness FAIL (lab.h: each write carries whole readings).
 */
#define BATCHER_OWN_FLUSH
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
