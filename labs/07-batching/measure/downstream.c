/*
 * downstream.c -- the receiving end of Lab 7's measurements (downstream.h).
 *
 * One recv per message, with a buffer of 64 KiB: more than any batch the
 * sweeps ask for (1,024 readings = 24 KiB), so a message is never cut (a
 * cut message is reported, MSG_TRUNC). Only the benchmarks and the driver
 * use it: the cmocka suite has its own reader, in the suite's process.
 */
#include "downstream.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { MESSAGE_BYTES = 64 * 1024 };

bool downstream_open(struct downstream *d)
{
    int sv[2];
    memset(d, 0, sizeof *d);
    d->sender_fd = d->reader_fd = -1;
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        return false;
    d->buf = malloc(MESSAGE_BYTES);
    if (d->buf == NULL) {
        close(sv[0]);
        close(sv[1]);
        return false;
    }
    d->buf_size = MESSAGE_BYTES;
    d->sender_fd = sv[0];
    d->reader_fd = sv[1];
    fcntl(d->reader_fd, F_SETFL, O_NONBLOCK);
    return true;
}

void downstream_close(struct downstream *d)
{
    if (d->sender_fd >= 0)
        close(d->sender_fd);
    if (d->reader_fd >= 0)
        close(d->reader_fd);
    free(d->buf);
    memset(d, 0, sizeof *d);
    d->sender_fd = d->reader_fd = -1;
}

void downstream_reset(struct downstream *d)
{
    d->received = d->messages = d->largest = 0;
    d->error[0] = '\0';
}

struct reading downstream_reading(uint64_t i, uint64_t t_ns)
{
    return (struct reading){ .sensor_id = i, .t_ns = t_ns, .value = (double)(i % 1000) * 0.25 };
}

/* Check one message of len bytes (MSG_TRUNC: it was longer). */
static size_t take(struct downstream *d, size_t len, bool cut, void (*on_reading)(void *, const struct reading *),
                   void *ctx)
{
    d->messages++;
    if ((cut || len % sizeof(struct reading) != 0 || len == 0) && d->error[0] == '\0')
        snprintf(d->error, sizeof d->error, "write %llu carried %zu bytes%s: not whole readings",
                 (unsigned long long)d->messages, len, cut ? " or more" : "");
    size_t n = len / sizeof(struct reading);
    if (n > d->largest)
        d->largest = n;
    for (size_t k = 0; k < n; k++) {
        struct reading r;
        memcpy(&r, d->buf + k * sizeof r, sizeof r);
        if (r.sensor_id != d->received && d->error[0] == '\0')
            snprintf(d->error, sizeof d->error, "reading %llu came where reading %llu was due",
                     (unsigned long long)r.sensor_id, (unsigned long long)d->received);
        if (on_reading != NULL)
            on_reading(ctx, &r);
        d->received++;
    }
    return n;
}

size_t downstream_drain(struct downstream *d, void (*on_reading)(void *, const struct reading *), void *ctx)
{
    size_t total = 0;
    for (;;) {
        ssize_t got = recv(d->reader_fd, d->buf, d->buf_size, MSG_DONTWAIT | MSG_TRUNC);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return total;
        total += take(d, (size_t)got < d->buf_size ? (size_t)got : d->buf_size, (size_t)got > d->buf_size,
                      on_reading, ctx);
    }
}

long downstream_wait(struct downstream *d, int timeout_ms, void (*on_reading)(void *, const struct reading *),
                     void *ctx)
{
    struct pollfd p = { .fd = d->reader_fd, .events = POLLIN };
    int ready = poll(&p, 1, timeout_ms);
    if (ready < 0)
        return errno == EINTR ? 0 : -1;
    if (ready == 0)
        return 0;
    ssize_t got = recv(d->reader_fd, d->buf, d->buf_size, MSG_DONTWAIT | MSG_TRUNC);
    if (got == 0)
        return -1;
    if (got < 0)
        return errno == EAGAIN || errno == EINTR ? 0 : -1;
    return (long)take(d, (size_t)got < d->buf_size ? (size_t)got : d->buf_size, (size_t)got > d->buf_size,
                      on_reading, ctx);
}
