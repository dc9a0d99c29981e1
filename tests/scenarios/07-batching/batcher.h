/*
 * batcher.h -- the textbook batcher the Lab 7 scenarios share: a buffer of
 * max_batch readings and write_all. Each scenario includes it and defines
 * the rules it gets wrong (make test inlines it: a student hands in one file).
 */
#include "lab.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sender {
    int fd;
    size_t count, max_batch;
    uint64_t max_delay_ns, oldest_ns;
    struct reading *buf;
};

static struct sender *batcher_open(int fd, size_t max_batch, uint64_t max_delay_ns, size_t capacity)
{
    if (max_batch == 0) {
        errno = EINVAL;
        return NULL;
    }
    struct sender *s = calloc(1, sizeof *s);
    if (s == NULL || (s->buf = malloc(capacity * sizeof *s->buf)) == NULL) {
        free(s);
        return NULL;
    }
    s->fd = fd;
    s->max_batch = max_batch;
    s->max_delay_ns = max_delay_ns;
    return s;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n > 0) {
            data += n;
            len -= (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && errno == EAGAIN) {
            struct pollfd p = { .fd = fd, .events = POLLOUT };
            poll(&p, 1, -1);
        } else {
            return -1;
        }
    }
    return 0;
}

static bool is_due(const struct sender *s, uint64_t now_ns)
{
    return s->count > 0 && now_ns - s->oldest_ns >= s->max_delay_ns;
}

static void add(struct sender *s, const struct reading *r, uint64_t now_ns)
{
    if (s->count == 0)
        s->oldest_ns = now_ns;
    s->buf[s->count++] = *r;
}
