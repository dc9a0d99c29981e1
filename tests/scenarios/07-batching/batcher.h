/*
 * batcher.h -- the textbook batcher the Lab 7 scenarios share: a buffer of
 * max_batch readings, write_all, a flush when the batch is full or its
 * oldest reading is due, and at close. Each scenario changes one rule
 * before including it (make test inlines it: a student hands in one file):
 *
 *   BATCHER_DEADLINE 0        push and tick never look at the deadline
 *   BATCHER_TICK_SENDS_ALL 1  tick sends whatever waits, due or not
 *   BATCHER_CLOSE_SENDS 0     close frees without sending
 *   BATCHER_OWN_FLUSH         the scenario defines flush() itself
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

#ifndef BATCHER_DEADLINE
#define BATCHER_DEADLINE 1
#endif
#ifndef BATCHER_TICK_SENDS_ALL
#define BATCHER_TICK_SENDS_ALL 0
#endif
#ifndef BATCHER_CLOSE_SENDS
#define BATCHER_CLOSE_SENDS 1
#endif

#ifdef BATCHER_OWN_FLUSH
static int flush(struct sender *s);
#else
static int flush(struct sender *s)
{
    int rc = write_all(s->fd, (const char *)s->buf, s->count * sizeof s->buf[0]);
    s->count = 0;
    return rc;
}
#endif

struct sender *sender_open(int fd, size_t max_batch, uint64_t max_delay_ns)
{
    return batcher_open(fd, max_batch, max_delay_ns, max_batch);
}

int sender_push(struct sender *s, const struct reading *r, uint64_t now_ns)
{
    add(s, r, now_ns);
    return s->count == s->max_batch || (BATCHER_DEADLINE && is_due(s, now_ns)) ? flush(s) : 0;
}

int sender_tick(struct sender *s, uint64_t now_ns)
{
    if (BATCHER_TICK_SENDS_ALL)
        return s->count > 0 ? flush(s) : 0;
    return BATCHER_DEADLINE && is_due(s, now_ns) ? flush(s) : 0;
}

int sender_close(struct sender *s)
{
    int rc = BATCHER_CLOSE_SENDS && s->count > 0 ? flush(s) : 0;
    free(s->buf);
    free(s);
    return rc;
}
