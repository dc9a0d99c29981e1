/*
 * 07-batching.c -- the Lab 7 contract (lab.h), checked from the receiving end.
 *
 * Run against one implementation at a time: naive, reference, or a student's
 * optimized.c (the grader). The sender runs in a worker process
 * (labs/07-batching/measure/remote.c), never in this one; this process holds
 * the other end of the descriptor and judges what arrives:
 *
 * - every reading pushed arrives once, byte for byte, in push order;
 * - on a seqpacket socket, where each write(2) is one message, every message
 *   is whole readings, at most max_batch of them;
 * - deadlines, on a fake clock: when a call with time now returns, every
 *   reading pushed at t with t + max_delay_ns <= now can be read here (what
 *   the worker wrote before replying is in the socket before its reply), a
 *   full batch has left, and close leaves nothing behind;
 * - partial writes, a full buffer and a slow reader (a stream socket with a
 *   small buffer, non-blocking; a pipe), a closed reader (-1, EPIPE, no
 *   death), and several senders at once.
 *
 * A reader thread empties the descriptor while the worker writes (so a large
 * batch never blocks forever); after each call the test takes what is there
 * under the same lock and checks it. Nothing here reads a clock: the verdict
 * is the same on a loaded machine.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lab.h"
#include "remote.h"
#include "rng.h"

#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ 1031 /* Linux; not in POSIX headers */
#endif

#define MS 1000000ull
#define RECORD sizeof(struct reading)
enum { MESSAGE_MAX = 64 * 1024, MAX_LINKS = 4 };

/* ---- one link: a descriptor pair, what was pushed, what arrived ------------------------ */

enum kind { SEQPACKET, STREAM, PIPE };

struct link {
    enum kind kind;
    int ours, theirs;        /* we read ours; the sender writes theirs (its copy) */
    size_t max_batch;
    uint64_t max_delay_ns;
    struct sender *sender;

    pthread_t thread;
    pthread_mutex_t lock;
    bool stop, reader_closed, started;
    int read_pause_ms;       /* the reader thread waits this long first (a slow reader) */

    /* Under lock: */
    unsigned char *got;      /* every byte that arrived */
    size_t got_len, got_cap;
    size_t messages;
    char broken[300];        /* the first thing wrong with a message, or "" */

    /* The test's own (main thread only): */
    struct reading *pushed;
    uint64_t *push_ns;
    size_t n_pushed, cap_pushed;
    size_t due_from;         /* readings before this are known to be due */
};

static struct link *links[MAX_LINKS];

/* Read whatever is there now. Called with the lock held. */
static void take_available(struct link *l)
{
    unsigned char buf[MESSAGE_MAX];
    for (;;) {
        ssize_t n = l->kind == PIPE ? read(l->ours, buf, sizeof buf)
                                    : recv(l->ours, buf, sizeof buf, MSG_DONTWAIT | MSG_TRUNC);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf;
        l->messages++;
        if (l->kind == SEQPACKET && l->broken[0] == '\0') {
            if ((size_t)n % RECORD != 0)
                snprintf(l->broken, sizeof l->broken,
                         "write %zu carried %zd bytes: not a whole number of %zu-byte readings", l->messages, n,
                         RECORD);
            else if ((size_t)n / RECORD > l->max_batch)
                snprintf(l->broken, sizeof l->broken, "write %zu carried %zd readings: more than max_batch = %zu",
                         l->messages, n / (ssize_t)RECORD, l->max_batch);
        }
        if (l->got_len + len > l->got_cap) {
            size_t cap = l->got_cap ? l->got_cap * 2 : 1 << 16;
            while (cap < l->got_len + len)
                cap *= 2;
            unsigned char *grown = realloc(l->got, cap);
            if (grown == NULL) {
                snprintf(l->broken, sizeof l->broken, "out of memory in the test");
                return;
            }
            l->got = grown;
            l->got_cap = cap;
        }
        memcpy(l->got + l->got_len, buf, len);
        l->got_len += len;
    }
}

static void *reader(void *arg)
{
    struct link *l = arg;
    if (l->read_pause_ms > 0) {
        struct timespec pause = { 0, (long)l->read_pause_ms * 1000000L };
        nanosleep(&pause, NULL);
    }
    for (;;) {
        pthread_mutex_lock(&l->lock);
        bool stop = l->stop;
        if (!stop && !l->reader_closed)
            take_available(l);
        pthread_mutex_unlock(&l->lock);
        if (stop)
            return NULL;
        struct pollfd p = { l->ours, POLLIN, 0 };
        if (l->reader_closed || poll(&p, 1, 5) < 0) {
            struct timespec pause = { 0, 2000000L };
            nanosleep(&pause, NULL);
        }
    }
}

static void link_free(struct link *l)
{
    if (l->started) {
        pthread_mutex_lock(&l->lock);
        l->stop = true;
        pthread_mutex_unlock(&l->lock);
        pthread_join(l->thread, NULL);
    }
    pthread_mutex_destroy(&l->lock);
    if (l->ours >= 0 && !l->reader_closed)
        close(l->ours);
    if (l->theirs >= 0)
        close(l->theirs);
    free(l->got);
    free(l->pushed);
    free(l->push_ns);
    free(l);
}

/* Every test ends here, passed or failed: no thread outlives its test. */
static int free_links(void **state)
{
    (void)state;
    for (int i = 0; i < MAX_LINKS; i++)
        if (links[i] != NULL) {
            link_free(links[i]);
            links[i] = NULL;
        }
    return 0;
}

struct link_options {
    enum kind kind;
    int send_buffer;    /* SO_SNDBUF, or the pipe's size; 0: the default */
    bool nonblocking;   /* the sender's end */
    int read_pause_ms;
};

/* A pair and a sender on it; the reader thread starts at once. */
static struct link *link_open(struct link_options o, size_t max_batch, uint64_t max_delay_ns)
{
    struct link *l = calloc(1, sizeof *l);
    assert_non_null(l);
    int slot = 0;
    while (slot < MAX_LINKS && links[slot] != NULL)
        slot++;
    assert_true(slot < MAX_LINKS);
    links[slot] = l;
    l->kind = o.kind;
    l->ours = l->theirs = -1;
    pthread_mutex_init(&l->lock, NULL);
    int fds[2];
    if (o.kind == PIPE) {
        assert_int_equal(pipe(fds), 0);
        l->ours = fds[0];
        l->theirs = fds[1];
        if (o.send_buffer > 0)
            fcntl(l->theirs, F_SETPIPE_SZ, o.send_buffer);
    } else {
        assert_int_equal(socketpair(AF_UNIX, o.kind == SEQPACKET ? SOCK_SEQPACKET : SOCK_STREAM, 0, fds), 0);
        l->ours = fds[0];
        l->theirs = fds[1];
        if (o.send_buffer > 0)
            setsockopt(l->theirs, SOL_SOCKET, SO_SNDBUF, &o.send_buffer, sizeof o.send_buffer);
    }
    fcntl(l->ours, F_SETFL, O_NONBLOCK);
    if (o.nonblocking)
        fcntl(l->theirs, F_SETFL, O_NONBLOCK);
    l->max_batch = max_batch;
    l->max_delay_ns = max_delay_ns;
    l->read_pause_ms = o.read_pause_ms;
    l->sender = sender_open(l->theirs, max_batch, max_delay_ns);
    assert_non_null(l->sender);
    assert_int_equal(pthread_create(&l->thread, NULL, reader, l), 0);
    l->started = true;
    return l;
}

static struct link *seqpacket(size_t max_batch, uint64_t max_delay_ns)
{
    return link_open((struct link_options){ .kind = SEQPACKET }, max_batch, max_delay_ns);
}

/* Reading number i of a test: every byte of it known here. */
static struct reading reading_no(size_t i, uint64_t t_ns)
{
    return (struct reading){ .sensor_id = 1000003u * (uint64_t)i + 7, .t_ns = t_ns, .value = (double)i * 0.5 - 17.25 };
}

static void remember(struct link *l, const struct reading *r, uint64_t now_ns)
{
    if (l->n_pushed == l->cap_pushed) {
        l->cap_pushed = l->cap_pushed ? l->cap_pushed * 2 : 1024;
        l->pushed = realloc(l->pushed, l->cap_pushed * sizeof *l->pushed);
        l->push_ns = realloc(l->push_ns, l->cap_pushed * sizeof *l->push_ns);
        assert_non_null(l->pushed);
        assert_non_null(l->push_ns);
    }
    l->pushed[l->n_pushed] = *r;
    l->push_ns[l->n_pushed] = now_ns;
    l->n_pushed++;
}

/* What must have arrived when a call at now_ns returned, and what did.
   `what` names the call for the message; closing: everything is due. */
static void check_arrivals(struct link *l, const char *what, uint64_t now_ns, bool closing)
{
    char wrong[600] = "";
    pthread_mutex_lock(&l->lock);
    take_available(l);
    size_t arrived = l->got_len / RECORD;
    if (l->broken[0] != '\0') {
        snprintf(wrong, sizeof wrong, "%s", l->broken);
    } else if (l->got_len > l->n_pushed * RECORD) {
        snprintf(wrong, sizeof wrong, "%zu bytes arrived, but only %zu readings (%zu bytes) were pushed",
                 l->got_len, l->n_pushed, l->n_pushed * RECORD);
    } else {
        for (size_t i = 0; i < arrived; i++)
            if (memcmp(l->got + i * RECORD, &l->pushed[i], RECORD) != 0) {
                const struct reading *want = &l->pushed[i];
                struct reading came;
                memcpy(&came, l->got + i * RECORD, RECORD);
                snprintf(wrong, sizeof wrong,
                         "reading %zu arrived wrong: {%" PRIu64 ", %" PRIu64 ", %g} instead of {%" PRIu64
                         ", %" PRIu64 ", %g} (lost, repeated, reordered or cut readings)",
                         i, came.sensor_id, came.t_ns, came.value, want->sensor_id, want->t_ns, want->value);
                break;
            }
    }
    /* Due: pushed at t with t + max_delay_ns <= now (all, at close). Push
       times never go back, so the due readings are a prefix. */
    size_t due = l->due_from;
    while (due < l->n_pushed && (closing || (l->push_ns[due] <= now_ns && now_ns - l->push_ns[due] >= l->max_delay_ns)))
        due++;
    l->due_from = due;
    /* A full batch leaves at once: fewer than max_batch may wait after a push. */
    size_t full = l->n_pushed >= l->max_batch ? l->n_pushed - l->max_batch + 1 : 0;
    if (wrong[0] == '\0' && arrived < due)
        snprintf(wrong, sizeof wrong,
                 "reading %zu, pushed at t = %" PRIu64 " ns, had not arrived when %s returned at t = %" PRIu64
                 " ns: it waited past max_delay_ns = %" PRIu64 " (%zu of %zu pushed had arrived)",
                 arrived, l->push_ns[arrived], what, now_ns, l->max_delay_ns, arrived, l->n_pushed);
    else if (wrong[0] == '\0' && strcmp(what, "sender_push") == 0 && arrived < full)
        snprintf(wrong, sizeof wrong,
                 "after sender_push, %zu readings were waiting unwritten with max_batch = %zu: a full batch must "
                 "leave at once",
                 l->n_pushed - arrived, l->max_batch);
    pthread_mutex_unlock(&l->lock);
    if (wrong[0] != '\0')
        fail_msg("%s", wrong);
}

static void push(struct link *l, size_t i, uint64_t now_ns)
{
    struct reading r = reading_no(i, now_ns);
    remember(l, &r, now_ns);
    int rc = sender_push(l->sender, &r, now_ns);
    if (rc != 0)
        fail_msg("sender_push(reading %zu, now = %" PRIu64 ") returned %d (%s)", i, now_ns, rc, strerror(errno));
    check_arrivals(l, "sender_push", now_ns, false);
}

static void tick(struct link *l, uint64_t now_ns)
{
    int rc = sender_tick(l->sender, now_ns);
    if (rc != 0)
        fail_msg("sender_tick(now = %" PRIu64 ") returned %d (%s)", now_ns, rc, strerror(errno));
    check_arrivals(l, "sender_tick", now_ns, false);
}

/* n readings in one call to the worker: deadlines are checked at its end. */
static void push_many(struct link *l, size_t first, size_t n, const uint64_t *now_ns)
{
    struct reading *r = malloc(n * sizeof *r);
    assert_non_null(r);
    for (size_t k = 0; k < n; k++) {
        r[k] = reading_no(first + k, now_ns[k]);
        remember(l, &r[k], now_ns[k]);
    }
    size_t made = 0;
    int rc = remote_push_many(l->sender, r, now_ns, n, &made);
    free(r);
    if (rc != 0)
        fail_msg("sender_push(reading %zu) returned %d (%s)", first + made - 1, rc, strerror(errno));
    check_arrivals(l, "sender_push", now_ns[n - 1], false);
}

static void close_sender(struct link *l, uint64_t now_ns)
{
    int rc = sender_close(l->sender);
    l->sender = NULL;
    if (rc != 0)
        fail_msg("sender_close returned %d (%s)", rc, strerror(errno));
    if (!remote_fd_left_open())
        fail_msg("sender_close closed the descriptor: the contract leaves it open (the caller owns it)");
    check_arrivals(l, "sender_close", now_ns, true);
}

/* ---- the tests ----------------------------------------------------------------------------- */

static void test_open_rejects_max_batch_zero(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds), 0);
    struct sender *s = sender_open(fds[1], 0, MS);
    close(fds[0]);
    close(fds[1]);
    if (s != NULL) {
        sender_close(s);
        fail_msg("sender_open(max_batch = 0) returned a sender: lab.h says NULL");
    }
}

/* The contract's example of a deadline: three readings, then only time. */
static void test_deadline_with_ticks_only(void **state)
{
    (void)state;
    struct link *l = seqpacket(64, 5 * MS);
    push(l, 0, 100 * MS);
    push(l, 1, 101 * MS);
    push(l, 2, 102 * MS);
    tick(l, 104 * MS);
    tick(l, 105 * MS); /* reading 0 is due: 100 + 5 */
    tick(l, 106 * MS);
    tick(l, 107 * MS + 1); /* all three */
    tick(l, 200 * MS);
    close_sender(l, 200 * MS);
}

/* A deadline met by a push, not a tick: the push that comes late sends. */
static void test_deadline_at_a_later_push(void **state)
{
    (void)state;
    struct link *l = seqpacket(1000, 2 * MS);
    push(l, 0, 10 * MS);
    push(l, 1, 11 * MS);
    push(l, 2, 50 * MS); /* 0 and 1 are long due */
    push(l, 3, 50 * MS);
    push(l, 4, 52 * MS); /* 2 and 3 are due exactly now */
    close_sender(l, 60 * MS);
}

static void test_max_delay_zero_sends_every_reading_at_once(void **state)
{
    (void)state;
    struct link *l = seqpacket(256, 0);
    for (size_t i = 0; i < 50; i++)
        push(l, i, 1000 + i / 5);
    close_sender(l, 2000);
}

static void test_max_batch_one_behaves_like_naive(void **state)
{
    (void)state;
    struct link *l = seqpacket(1, UINT64_MAX);
    for (size_t i = 0; i < 40; i++) {
        push(l, i, i);
        assert_int_equal(l->messages, i + 1); /* one message per reading, each at once */
    }
    close_sender(l, 40);
}

/* A full batch leaves at once, even with no deadline in sight. */
static void test_full_batch_leaves_at_once(void **state)
{
    (void)state;
    struct link *l = seqpacket(8, UINT64_MAX);
    for (size_t i = 0; i < 100; i++)
        push(l, i, 5);
    close_sender(l, 5);
}

static void test_close_flushes_the_rest(void **state)
{
    (void)state;
    struct link *l = seqpacket(512, 60000 * MS);
    for (size_t i = 0; i < 300; i++)
        push(l, i, i * 1000);
    close_sender(l, 300 * 1000);
}

/* Readings whose bytes are unusual (NaN, -0.0, all bits set) pass unchanged. */
static void test_every_byte_arrives_as_pushed(void **state)
{
    (void)state;
    struct link *l = seqpacket(4, 1);
    struct reading odd[] = { { UINT64_MAX, 0, -0.0 }, { 0, UINT64_MAX, NAN }, { 42, 42, INFINITY }, { 1, 2, 1e-310 } };
    for (size_t i = 0; i < 4; i++) {
        remember(l, &odd[i], 10 + i);
        assert_int_equal(sender_push(l->sender, &odd[i], 10 + i), 0);
        check_arrivals(l, "sender_push", 10 + i, false);
    }
    close_sender(l, 20);
}

/* Irregular arrivals and ticks on a seeded fake clock: bursts, lulls, and
   readings pushed at the same nanosecond. Checked after every call. */
static void random_traffic(size_t max_batch, uint64_t max_delay_ns, size_t n, uint64_t seed)
{
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED ^ seed);
    struct link *l = seqpacket(max_batch, max_delay_ns);
    uint64_t now = 1 + rng_below(&rng, 1000 * MS);
    for (size_t i = 0; i < n; i++) {
        uint64_t pick = rng_below(&rng, 10);
        uint64_t gap = pick < 3 ? 0 : pick < 8 ? rng_below(&rng, max_delay_ns / 4 + 2) : rng_below(&rng, 3 * max_delay_ns + 2);
        now += gap;
        if (rng_below(&rng, 4) == 0)
            tick(l, now);
        push(l, i, now);
    }
    tick(l, now + max_delay_ns / 2);
    close_sender(l, now + max_delay_ns);
}

static void test_random_traffic_small_batches(void **state)
{
    (void)state;
    random_traffic(5, 3 * MS, 1500, 1);
}

static void test_random_traffic_large_batches(void **state)
{
    (void)state;
    random_traffic(300, 20 * MS, 1500, 2);
}

/* Volume: 40,000 readings in calls of 2,000 (the reader thread keeps up). */
static void test_many_readings_in_order(void **state)
{
    (void)state;
    struct link *l = seqpacket(1024, 2 * MS);
    enum { N = 40000, CALL = 2000 };
    static uint64_t times[CALL];
    for (size_t first = 0; first < N; first += CALL) {
        for (size_t k = 0; k < CALL; k++)
            times[k] = (first + k) * 700; /* one every 0.7 us */
        push_many(l, first, CALL, times);
    }
    close_sender(l, N * 700);
}

static void test_two_senders_at_once(void **state)
{
    (void)state;
    struct link *a = seqpacket(16, 10 * MS);
    struct link *b = seqpacket(3, 1 * MS);
    for (size_t i = 0; i < 200; i++) {
        push(a, i, i * 100000);
        push(b, i, i * 100000);
        if (i % 7 == 0)
            tick(a, i * 100000);
    }
    close_sender(a, 200 * 100000);
    close_sender(b, 200 * 100000);
}

/* A stream socket whose buffer is a few KiB, non-blocking, and a reader
   that starts late: a batch of 24 KiB cannot go in one write(2). The
   kernel takes part (or nothing: EAGAIN), and the sender must write the
   rest, waiting in poll(2), before returning. */
static void test_partial_writes_on_a_small_nonblocking_socket(void **state)
{
    (void)state;
    struct link *l = link_open((struct link_options){ .kind = STREAM, .send_buffer = 4096, .nonblocking = true,
                                                      .read_pause_ms = 30 },
                               1024, 50 * MS);
    enum { N = 6000, CALL = 1500 };
    static uint64_t times[CALL];
    for (size_t first = 0; first < N; first += CALL) {
        for (size_t k = 0; k < CALL; k++)
            times[k] = (first + k) * 1000;
        push_many(l, first, CALL, times);
    }
    close_sender(l, N * 1000);
}

/* The same through a pipe of one page, blocking: write(2) waits for the reader. */
static void test_a_full_pipe_and_a_slow_reader(void **state)
{
    (void)state;
    struct link *l = link_open((struct link_options){ .kind = PIPE, .send_buffer = 4096, .read_pause_ms = 30 }, 700,
                               UINT64_MAX);
    enum { N = 5000, CALL = 1250 };
    static uint64_t times[CALL];
    for (size_t first = 0; first < N; first += CALL) {
        for (size_t k = 0; k < CALL; k++)
            times[k] = 1;
        push_many(l, first, CALL, times);
    }
    close_sender(l, 1);
}

/* The reader is gone: the loss must be reported (-1, EPIPE) by a push or by
   close, and the worker must live (SIGPIPE is ignored, lab.h). */
static void closed_reader(enum kind kind, uint64_t max_delay_ns)
{
    struct link *l = link_open((struct link_options){ .kind = kind }, 64, max_delay_ns);
    /* The reader thread is stopped first: a thread still in poll() on the
       read end keeps that end open after close() until poll returns, and a
       write then succeeds instead of failing with EPIPE (a busy machine
       made that race real). */
    pthread_mutex_lock(&l->lock);
    l->stop = true;
    pthread_mutex_unlock(&l->lock);
    pthread_join(l->thread, NULL);
    l->started = false;
    close(l->ours);
    l->reader_closed = true;
    int failed_errno = 0;
    for (size_t i = 0; i < 10 && failed_errno == 0; i++) {
        struct reading r = reading_no(i, i);
        if (sender_push(l->sender, &r, i) != 0)
            failed_errno = errno;
    }
    int rc = sender_close(l->sender);
    l->sender = NULL;
    if (failed_errno == 0 && rc == 0)
        fail_msg("10 readings were pushed to a closed reader and neither sender_push nor sender_close "
                 "returned -1: the loss went unreported");
    if (failed_errno == 0)
        failed_errno = errno;
    if (failed_errno != EPIPE)
        fail_msg("writing to a closed reader: errno %d (%s), not EPIPE", failed_errno, strerror(failed_errno));
}

static void test_closed_reader_on_a_socket(void **state)
{
    (void)state;
    closed_reader(STREAM, 0);
}

static void test_closed_reader_on_a_pipe_reported_at_close(void **state)
{
    (void)state;
    closed_reader(PIPE, UINT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_open_rejects_max_batch_zero, free_links),
        cmocka_unit_test_teardown(test_deadline_with_ticks_only, free_links),
        cmocka_unit_test_teardown(test_deadline_at_a_later_push, free_links),
        cmocka_unit_test_teardown(test_max_delay_zero_sends_every_reading_at_once, free_links),
        cmocka_unit_test_teardown(test_max_batch_one_behaves_like_naive, free_links),
        cmocka_unit_test_teardown(test_full_batch_leaves_at_once, free_links),
        cmocka_unit_test_teardown(test_close_flushes_the_rest, free_links),
        cmocka_unit_test_teardown(test_every_byte_arrives_as_pushed, free_links),
        cmocka_unit_test_teardown(test_random_traffic_small_batches, free_links),
        cmocka_unit_test_teardown(test_random_traffic_large_batches, free_links),
        cmocka_unit_test_teardown(test_many_readings_in_order, free_links),
        cmocka_unit_test_teardown(test_two_senders_at_once, free_links),
        cmocka_unit_test_teardown(test_partial_writes_on_a_small_nonblocking_socket, free_links),
        cmocka_unit_test_teardown(test_a_full_pipe_and_a_slow_reader, free_links),
        cmocka_unit_test_teardown(test_closed_reader_on_a_socket, free_links),
        cmocka_unit_test_teardown(test_closed_reader_on_a_pipe_reported_at_close, free_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
