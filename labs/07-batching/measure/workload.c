/*
 * workload.c -- what Lab 7 measures: 16,384 readings pushed through a
 * sender into a socket, for max_batch = 1 .. 1,024.
 *
 * One timed call is one run of the gateway: sender_open on the sender's end
 * of a seqpacket socket pair (downstream.h), 16,384 pushes on a synthetic
 * clock (one reading a microsecond, a deadline of 10 ms, so the batches fill
 * before it), a sender_tick every 16 pushes (the event loop's timer), the
 * downstream reading what has come every 128 pushes, and sender_close. The
 * downstream checks that every reading came, whole and in order, and counts
 * the messages: the sender's writes. The clock is synthetic so that the
 * same code makes the same writes every time: the graded count is exact.
 *
 * The graded measure is the system calls of one call, counted by callgrind
 * (metric "syscalls": valgrind counts them, not the measured process):
 * naive's write per reading and the downstream's recv per message, about
 * 2 per reading; a batcher at max_batch = 256, about 1 per 64 readings (its
 * writes, the recvs, and the downstream's one empty recv per drain).
 * Wall-clock time per reading is shown beside (make lab-7) and decides
 * nothing. report.c adds the real-clock experiments: latency percentiles,
 * and a pipeline that keeps up or falls behind.
 */
#include "measure.h"

#include <stdio.h>
#include <stdlib.h>

#define LAB_DECLARE(v)                                                   \
    struct sender *v##_sender_open(int, size_t, uint64_t);               \
    int v##_sender_push(struct sender *, const struct reading *, uint64_t); \
    int v##_sender_tick(struct sender *, uint64_t);                      \
    int v##_sender_close(struct sender *);
#define LAB_IMPL(v) { v##_sender_open, v##_sender_push, v##_sender_tick, v##_sender_close }
#include "variants.h"

struct batch_state {
    const struct impl *impl;
    const char *variant;
    size_t max_batch;
    struct downstream d;
};

static void *setup(long max_batch, const struct perflab_variant *v)
{
    struct batch_state *s = malloc(sizeof *s);
    if (s == NULL)
        return NULL;
    s->impl = v->impl;
    s->variant = v->name;
    s->max_batch = (size_t)max_batch;
    if (!downstream_open(&s->d)) {
        free(s);
        return NULL;
    }
    return s;
}

/* A run that went wrong cannot be measured: say why and stop (the grader
   reports the driver's failure; the suite says what exactly is wrong). */
static void give_up(const struct batch_state *s, const char *what)
{
    fprintf(stderr, "lab 7: %s at max_batch %zu: %s\n", s->variant, s->max_batch, what);
    exit(1);
}

static void run(void *state)
{
    struct batch_state *s = state;
    const struct impl *impl = s->impl;
    downstream_reset(&s->d);
    struct sender *sender = impl->open(s->d.sender_fd, s->max_batch, BATCH_MAX_DELAY_NS);
    if (sender == NULL)
        give_up(s, "sender_open returned NULL");
    uint64_t now = 0;
    for (uint64_t i = 0; i < BATCH_N; i++) {
        now = i * BATCH_INTERVAL_NS;
        struct reading r = downstream_reading(i, now);
        if (impl->push(sender, &r, now) != 0)
            give_up(s, "sender_push failed");
        if ((i + 1) % TICK_EVERY == 0 && impl->tick(sender, now) != 0)
            give_up(s, "sender_tick failed");
        if ((i + 1) % DRAIN_EVERY == 0)
            downstream_drain(&s->d, NULL, NULL);
    }
    if (impl->close(sender) != 0)
        give_up(s, "sender_close failed");
    downstream_drain(&s->d, NULL, NULL);
    if (s->d.error[0] != '\0')
        give_up(s, s->d.error);
    if (s->d.received != BATCH_N)
        give_up(s, "not every reading came (make test-7 says more)");
    if (s->d.largest > s->max_batch)
        give_up(s, "a write carried more than max_batch readings");
}

static void teardown(void *state)
{
    struct batch_state *s = state;
    downstream_close(&s->d);
    free(s);
}

static size_t counters(void *state, struct perflab_counter out[PERFLAB_MAX_COUNTERS])
{
    struct batch_state *s = state;
    out[0] = (struct perflab_counter){ "writes", (double)s->d.messages };
    out[1] = (struct perflab_counter){ "readings_per_write",
                                       s->d.messages > 0 ? (double)s->d.received / (double)s->d.messages : 0 };
    return 2;
}

static double readings_per_call(long max_batch)
{
    (void)max_batch;
    return BATCH_N;
}

static const struct perflab_sweep sweeps[] = {
    {
        .name = "batch",
        .title = "16,384 readings forwarded: time per reading vs max_batch",
        .x_name = "max_batch",
        .x_label = "max_batch (readings per write at most)",
        .xs = { 1, 4, 16, 64, 256, 1024, 0 },
        .setup = setup,
        .run = run,
        .teardown = teardown,
        .counters = counters,
        .items = readings_per_call,
        .item_name = "reading",
        .budget_s = 2.0,
        .fit_points = -1, /* x is a knob, not a problem size */
        .plot = PERFLAB_PLOT_PER_ITEM,
    },
};

const struct perflab_lab perflab_lab = {
    .number = PERFLAB_NUMBER,
    .slug = PERFLAB_SLUG,
    .title = "Batching",
    .trap = "one write() per reading vs batches with a deadline",
    .variants = variants,
    .n_variants = PERFLAB_COUNT(variants),
    .sweeps = sweeps,
    .n_sweeps = PERFLAB_COUNT(sweeps),
    .criteria = {
        { .kind = PERFLAB_WORK_RATIO, .sweep = "batch", .metric = "syscalls", .xs = { 256, 0 }, .bound = 32 },
        { 0 },
    },
    .test_timeout_s = 20, /* the suite takes a few seconds against naive */
    .perf_timeout_s = 120,
};
