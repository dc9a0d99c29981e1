/*
 * naive.c -- Lab 7 baseline: forward every reading the moment it arrives.
 * label: one write() per reading
 *
 * This is the code most of us write first, and it is correct: it never
 * makes a reading wait, so no deadline can be missed, and it handles what
 * write(2) really does (takes part, is interrupted, would block). It is also
 * slow in a way no profile of our own code shows: each reading costs one
 * system call, about a microsecond in the kernel (the switch, the socket or
 * pipe locking, waking the reader) to move 24 bytes. The fixed cost is paid
 * once per reading instead of once per batch, so throughput is capped near
 * a million readings a second, by the kernel, whatever we do in user space.
 */
#include "lab.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

struct sender {
    int fd;
};

struct sender *sender_open(int fd, size_t max_batch, uint64_t max_delay_ns)
{
    (void)max_delay_ns; /* nothing ever waits here */
    if (max_batch == 0) {
        errno = EINVAL;
        return NULL;
    }
    struct sender *s = malloc(sizeof *s);
    if (s != NULL)
        s->fd = fd;
    return s;
}

/* Write all len bytes: the kernel may take part of them, be interrupted, or
   (a non-blocking fd) have no room yet. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n > 0) {
            data += n;
            len -= (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd p = { .fd = fd, .events = POLLOUT };
            if (poll(&p, 1, -1) < 0 && errno != EINTR)
                return -1;
        } else {
            return -1;
        }
    }
    return 0;
}

int sender_push(struct sender *s, const struct reading *r, uint64_t now_ns)
{
    (void)now_ns;
    return write_all(s->fd, (const char *)r, sizeof *r);
}

int sender_tick(struct sender *s, uint64_t now_ns)
{
    (void)s;
    (void)now_ns;
    return 0;
}

int sender_close(struct sender *s)
{
    free(s);
    return 0;
}
