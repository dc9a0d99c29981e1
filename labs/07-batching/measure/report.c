/*
 * report.c -- Lab 7's own tables and plots after the sweep (make lab-7 only):
 *
 *   throughput  readings per second and writes per reading against
 *               max_batch, from the batch sweep's medians and counts;
 *   latency     on the real clock: readings arrive at a fixed rate, the
 *               receiving thread stamps each message, and the wait of every
 *               reading (receipt minus push) gives P50/P95/P99/max,
 *               against max_batch and against max_delay;
 *   backlog     the sources' pipeline run for real: arrivals at a fixed
 *               rate, a downstream that pays a fixed cost per call and a
 *               small one per reading; the backlog (arrived minus processed)
 *               over time, and utilization = rate x cost per reading.
 *
 * Design decisions
 * - The producer is this thread, the downstream another (downstream.h's
 *   seqpacket pair): the sender blocks when the downstream falls behind, as
 *   a real one would, and the backlog counts the readings that have
 *   "arrived" by the schedule but are not processed yet, wherever they wait.
 * - A reading's wait runs from its push (when the gateway handed it to the
 *   sender) to its receipt: the price the sender's batching sets, without
 *   the producer's own lag when a busy machine deschedules it. The backlog,
 *   by contrast, counts from the schedule (start + i / rate): readings that
 *   arrived while the gateway could not take them are backlog too.
 * - The downstream's work is a spin on the clock (call_cost, item_cost), not
 *   a sleep: sleeps on a loaded machine last far longer than asked.
 * - Wall clock on a shared machine: these figures move from run to run; the
 *   shapes (the knee, the percentiles' order, the backlog's slope) do not.
 *   Nothing here is graded.
 */
#include "measure.h"

#include "format.h"
#include "json.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static uint64_t clock_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void spin_until(uint64_t t)
{
    while (clock_ns() < t)
        ;
}

/* ---- the downstream, on its own thread -------------------------------------------------- */

enum { MAX_SAMPLES = 512 };

struct receiver {
    struct downstream d;
    pthread_t thread;
    uint64_t *wait_ns;          /* per reading: receipt - push */
    size_t n;                   /* readings expected */
    uint64_t message_ns;        /* when the current message was read (0: not yet stamped) */
    uint64_t call_cost_ns, item_cost_ns;
    atomic_bool draining;       /* the experiment is over: read the rest without the costs */
    /* backlog samples (keep-up runs): arrived by the schedule minus processed */
    uint64_t start_ns, period_ns, next_sample_ns, stop_ns;
    double rate;
    size_t n_samples;
    double sample_t[MAX_SAMPLES], sample_backlog[MAX_SAMPLES];
};

static void on_reading(void *ctx, const struct reading *r)
{
    struct receiver *rx = ctx;
    if (rx->message_ns == 0)
        rx->message_ns = clock_ns();
    if (r->sensor_id < rx->n)
        rx->wait_ns[r->sensor_id] = rx->message_ns > r->t_ns ? rx->message_ns - r->t_ns : 0;
}

static void sample(struct receiver *rx, uint64_t now)
{
    if (rx->period_ns == 0 || now < rx->next_sample_ns || now > rx->stop_ns || rx->n_samples == MAX_SAMPLES)
        return;
    double t = (double)(now - rx->start_ns) * 1e-9;
    double arrived = fmin((double)rx->n, floor(t * rx->rate) + 1);
    rx->sample_t[rx->n_samples] = t;
    rx->sample_backlog[rx->n_samples++] = fmax(0, arrived - (double)rx->d.received);
    rx->next_sample_ns += rx->period_ns;
}

static void *receive(void *arg)
{
    struct receiver *rx = arg;
    for (;;) {
        rx->message_ns = 0;
        long got = downstream_wait(&rx->d, 20, on_reading, rx);
        if (got < 0)
            return NULL; /* end of file: the producer is done */
        if (got > 0 && !atomic_load(&rx->draining) && (rx->call_cost_ns > 0 || rx->item_cost_ns > 0))
            spin_until(rx->message_ns + rx->call_cost_ns + (uint64_t)got * rx->item_cost_ns);
        sample(rx, clock_ns());
    }
}

struct run {
    size_t max_batch;
    uint64_t max_delay_ns;
    double rate;               /* arrivals per second */
    size_t n;                  /* readings at most */
    uint64_t stop_after_ns;    /* stop arriving then (0: after n) */
    uint64_t call_cost_ns, item_cost_ns;
    uint64_t sample_period_ns; /* 0: no backlog samples */
};

/* One run: the producer here, the downstream on its thread. Returns the
   receiver (its waits and samples), or NULL if the run could not be made. */
static struct receiver *run_pipeline(const struct impl *impl, const struct run *run)
{
    struct receiver *rx = calloc(1, sizeof *rx);
    if (rx == NULL || (rx->wait_ns = calloc(run->n, sizeof *rx->wait_ns)) == NULL || !downstream_open(&rx->d)) {
        if (rx != NULL)
            free(rx->wait_ns);
        free(rx);
        return NULL;
    }
    rx->n = run->n;
    rx->call_cost_ns = run->call_cost_ns;
    rx->item_cost_ns = run->item_cost_ns;
    rx->rate = run->rate;
    rx->period_ns = run->sample_period_ns;
    struct sender *s = impl->open(rx->d.sender_fd, run->max_batch, run->max_delay_ns);
    uint64_t start = clock_ns();
    rx->start_ns = rx->next_sample_ns = start;
    rx->stop_ns = run->stop_after_ns > 0 ? start + run->stop_after_ns : UINT64_MAX;
    if (s == NULL || pthread_create(&rx->thread, NULL, receive, rx) != 0) {
        if (s != NULL)
            impl->close(s);
        downstream_close(&rx->d);
        free(rx->wait_ns);
        free(rx);
        return NULL;
    }
    double gap_ns = 1e9 / run->rate;
    size_t pushed = 0;
    for (; pushed < run->n; pushed++) {
        uint64_t arrival = start + (uint64_t)((double)pushed * gap_ns);
        uint64_t now;
        while ((now = clock_ns()) < arrival)
            impl->tick(s, now);
        if (run->stop_after_ns > 0 && now - start > run->stop_after_ns)
            break;
        struct reading r = downstream_reading(pushed, now); /* its wait starts now */
        if (impl->push(s, &r, now) != 0)
            break;
    }
    atomic_store(&rx->draining, true);
    impl->close(s);
    shutdown(rx->d.sender_fd, SHUT_WR); /* the downstream reads the rest, then end of file */
    pthread_join(rx->thread, NULL);
    rx->n = pushed;
    return rx;
}

static void receiver_free(struct receiver *rx)
{
    downstream_close(&rx->d);
    free(rx->wait_ns);
    free(rx);
}

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

struct waits {
    double p50, p95, p99, max; /* microseconds */
    double per_write;          /* readings per write */
};

static struct waits waits_of(struct receiver *rx)
{
    struct waits w = { 0 };
    size_t n = rx->d.received < rx->n ? (size_t)rx->d.received : rx->n;
    if (n == 0)
        return w;
    qsort(rx->wait_ns, n, sizeof *rx->wait_ns, by_value);
    w.p50 = (double)rx->wait_ns[n / 2] / 1e3;
    w.p95 = (double)rx->wait_ns[(size_t)((double)n * 0.95)] / 1e3;
    w.p99 = (double)rx->wait_ns[(size_t)((double)n * 0.99)] / 1e3;
    w.max = (double)rx->wait_ns[n - 1] / 1e3;
    w.per_write = rx->d.messages > 0 ? (double)rx->d.received / (double)rx->d.messages : 0;
    return w;
}

static const struct impl *impl_of(size_t v)
{
    return perflab_lab.variants[v].impl;
}

static bool is_naive(size_t v)
{
    return strcmp(perflab_lab.variants[v].name, "naive") == 0;
}

/* ---- 1. throughput against max_batch, from the sweep ------------------------------------- */

static void throughput(const struct perflab_results *r, FILE *out, struct json *j)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/throughput.csv", perflab_out_dir(r));
    FILE *csv = fopen(path, "w");
    if (csv != NULL)
        fprintf(csv, "variant,max_batch,ns_per_reading,readings_per_second,writes_per_reading\n");
    fprintf(out, "\nthroughput: %d readings per call (batch sweep); writes counted by the downstream\n", BATCH_N);
    fprintf(out, "  %-10s %9s %14s %16s %18s\n", "variant", "max_batch", "ns per reading", "readings per s",
            "writes per reading");
    json_array_begin(j, "throughput");
    for (size_t v = 0; v < perflab_lab.n_variants; v++) {
        const char *name = perflab_lab.variants[v].name;
        for (size_t i = 0; perflab_lab.sweeps[0].xs[i] != 0; i++) {
            long x = perflab_lab.sweeps[0].xs[i];
            double s = perflab_median(r, "batch", name, x);
            double writes = perflab_counter_value(r, "batch", name, x, "writes");
            if (s <= 0)
                continue;
            double ns = s / BATCH_N * 1e9, per_s = BATCH_N / s, per_reading = writes / BATCH_N;
            char a[32];
            fprintf(out, "  %-10s %9ld %14.1f %16s %18.4f\n", name, x, ns, format_count(per_s, a, sizeof a),
                    per_reading);
            if (csv != NULL)
                fprintf(csv, "%s,%ld,%.6g,%.6g,%.6g\n", name, x, ns, per_s, per_reading);
            json_object_begin(j, NULL);
            json_string(j, "variant", name);
            json_number(j, "max_batch", (double)x);
            json_number(j, "ns_per_reading", ns);
            json_number(j, "readings_per_second", per_s);
            json_number(j, "writes_per_reading", per_reading);
            json_object_end(j);
        }
    }
    json_array_end(j);
    if (csv != NULL) {
        fclose(csv);
        char vars[2048];
        snprintf(vars, sizeof vars, "data='%s'; out='%s/throughput.png'; n=%d", path, perflab_out_dir(r), BATCH_N);
        perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/throughput.gp", vars);
    }
}

/* ---- 2. latency: the price of throughput -------------------------------------------------- */

#define LATENCY_RATE 50000.0             /* arrivals per second: one every 20 us (naive keeps up) */
#define LATENCY_N 5000                   /* 100 ms of arrivals per run */
#define LATENCY_DELAY_NS (2000u * 1000u) /* the batch experiment's deadline: 2 ms */
#define LATENCY_BATCH 1024u              /* the delay experiment's max_batch */

static const size_t latency_batches[] = { 1, 4, 16, 64, 256, 1024 };
static const double latency_delays_ms[] = { 0.1, 0.5, 2, 10 };

/* One run of variant v at (max_batch, delay_ms), and its row. */
static void latency_run(FILE *out, FILE *csv, struct json *j, size_t v, const char *experiment, size_t max_batch,
                        double delay_ms)
{
    struct run run = { .max_batch = max_batch, .max_delay_ns = (uint64_t)(delay_ms * 1e6), .rate = LATENCY_RATE,
                       .n = LATENCY_N };
    struct receiver *rx = run_pipeline(impl_of(v), &run);
    if (rx == NULL)
        return;
    struct waits w = waits_of(rx);
    receiver_free(rx);
    const char *variant = perflab_lab.variants[v].name;
    fprintf(out, "  %-10s %-6s %9zu %9.2f %9.1f %9.1f %9.1f %9.1f %10.1f\n", variant, experiment, max_batch, delay_ms,
            w.p50, w.p95, w.p99, w.max, w.per_write);
    if (csv != NULL)
        fprintf(csv, "%s,%s,%zu,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n", variant, experiment, max_batch, delay_ms, w.p50,
                w.p95, w.p99, w.max, w.per_write);
    json_object_begin(j, NULL);
    json_string(j, "variant", variant);
    json_string(j, "experiment", experiment);
    json_number(j, "max_batch", (double)max_batch);
    json_number(j, "max_delay_ms", delay_ms);
    json_number(j, "p50_us", w.p50);
    json_number(j, "p95_us", w.p95);
    json_number(j, "p99_us", w.p99);
    json_number(j, "max_us", w.max);
    json_number(j, "readings_per_write", w.per_write);
    json_object_end(j);
}

static void latency(const struct perflab_results *r, FILE *out, struct json *j)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/latency.csv", perflab_out_dir(r));
    FILE *csv = fopen(path, "w");
    if (csv != NULL)
        fprintf(csv, "variant,experiment,max_batch,max_delay_ms,p50_us,p95_us,p99_us,max_us,readings_per_write\n");
    fprintf(out,
            "\nlatency (real clock): %.0f readings a second arrive; the downstream stamps each message;\n"
            "wait = receipt - push, microseconds. 'batch': max_delay %.0f ms; 'delay': max_batch %u\n",
            LATENCY_RATE, LATENCY_DELAY_NS / 1e6, LATENCY_BATCH);
    fprintf(out, "  %-10s %-6s %9s %9s %9s %9s %9s %9s %10s\n", "variant", "vs", "max_batch", "delay ms", "P50",
            "P95", "P99", "max", "per write");
    json_array_begin(j, "latency");
    for (size_t v = 0; v < perflab_lab.n_variants; v++) {
        size_t n_batches = is_naive(v) ? 1 : PERFLAB_COUNT(latency_batches); /* naive ignores both knobs */
        for (size_t i = 0; i < n_batches; i++)
            latency_run(out, csv, j, v, "batch", latency_batches[i], LATENCY_DELAY_NS / 1e6);
        for (size_t i = 0; !is_naive(v) && i < PERFLAB_COUNT(latency_delays_ms); i++)
            latency_run(out, csv, j, v, "delay", LATENCY_BATCH, latency_delays_ms[i]);
    }
    json_array_end(j);
    fprintf(out, "  (P99 grows with max_batch until the deadline caps it; the max stays under the deadline plus\n"
                 "   the machine's scheduling noise. A mean would hide the tail.)\n");
    if (csv != NULL) {
        fclose(csv);
        char vars[2048];
        snprintf(vars, sizeof vars, "data='%s'; out='%s/latency.png'; rate=%g; delay_ms=%g; batch=%u", path,
                 perflab_out_dir(r), LATENCY_RATE, LATENCY_DELAY_NS / 1e6, LATENCY_BATCH);
        perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/latency.gp", vars);
    }
}

/* ---- 3. keeps up or falls behind ----------------------------------------------------------- */

/* The sources' pipeline, scaled to seconds: 50,000 readings per 10 s that
   take 30 s is utilization 3. Here the downstream pays 50 us per call and
   0.5 us per reading, and readings arrive 30,000 a second for 2 s. */
#define KEEP_RATE 30000.0
#define KEEP_SECONDS 2.0
#define KEEP_CALL_NS 50000u
#define KEEP_ITEM_NS 500u
#define KEEP_BATCH 256u
#define KEEP_DELAY_NS (5u * 1000u * 1000u)

static void keeps_up(const struct perflab_results *r, FILE *out, struct json *j)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/backlog.csv", perflab_out_dir(r));
    FILE *csv = fopen(path, "w");
    if (csv != NULL)
        fprintf(csv, "variant,t_s,backlog\n");
    fprintf(out,
            "\nkeeps up or falls behind: %.0f readings a second for %.0f s; the downstream pays %u us per call\n"
            "and %.1f us per reading. Batchers: max_batch %u, max_delay %u ms. cost per reading = call/b + item,\n"
            "utilization = rate x cost; falls behind above 1/cost (b = max_batch once batches fill up)\n",
            KEEP_RATE, KEEP_SECONDS, KEEP_CALL_NS / 1000, KEEP_ITEM_NS / 1000.0, KEEP_BATCH, KEEP_DELAY_NS / 1000000);
    fprintf(out, "  %-10s %10s %12s %12s %18s %16s\n", "variant", "per write", "cost/reading", "utilization",
            "falls behind above", "backlog at end");
    json_array_begin(j, "keeps_up");
    for (size_t v = 0; v < perflab_lab.n_variants; v++) {
        const char *name = perflab_lab.variants[v].name;
        struct run run = { .max_batch = KEEP_BATCH, .max_delay_ns = KEEP_DELAY_NS, .rate = KEEP_RATE,
                           .n = (size_t)(KEEP_RATE * KEEP_SECONDS), .stop_after_ns = (uint64_t)(KEEP_SECONDS * 1e9),
                           .call_cost_ns = KEEP_CALL_NS, .item_cost_ns = KEEP_ITEM_NS,
                           .sample_period_ns = 20u * 1000u * 1000u };
        struct receiver *rx = run_pipeline(impl_of(v), &run);
        if (rx == NULL)
            continue;
        double b = rx->d.messages > 0 ? (double)rx->d.received / (double)rx->d.messages : 1;
        double cost_us = KEEP_CALL_NS / 1e3 / b + KEEP_ITEM_NS / 1e3;
        /* As the load rises a batcher's batches fill up to max_batch; one write per reading stays one. */
        double full_b = rx->d.largest > 1 ? KEEP_BATCH : 1;
        double limit = 1e6 / (KEEP_CALL_NS / 1e3 / full_b + KEEP_ITEM_NS / 1e3);
        double end_backlog = rx->n_samples > 0 ? rx->sample_backlog[rx->n_samples - 1] : 0;
        char a[32], c[32];
        fprintf(out, "  %-10s %10.1f %10.2f us %12.3f %15s/s %16s\n", name, b, cost_us, KEEP_RATE * cost_us / 1e6,
                format_count(limit, a, sizeof a), format_count(end_backlog, c, sizeof c));
        for (size_t k = 0; csv != NULL && k < rx->n_samples; k++)
            fprintf(csv, "%s,%.4f,%.0f\n", name, rx->sample_t[k], rx->sample_backlog[k]);
        json_object_begin(j, NULL);
        json_string(j, "variant", name);
        json_number(j, "readings_per_write", b);
        json_number(j, "cost_per_reading_us", cost_us);
        json_number(j, "utilization", KEEP_RATE * cost_us / 1e6);
        json_number(j, "falls_behind_above_per_s", limit);
        json_number(j, "backlog_at_end", end_backlog);
        json_object_end(j);
        receiver_free(rx);
    }
    json_array_end(j);
    fprintf(out, "  (utilization above 1: the backlog grows by (rate - 1/cost) readings every second, without end)\n");
    if (csv != NULL) {
        fclose(csv);
        char vars[2048];
        snprintf(vars, sizeof vars, "data='%s'; out='%s/backlog.png'; rate=%g; call_us=%g; item_us=%g", path,
                 perflab_out_dir(r), KEEP_RATE, KEEP_CALL_NS / 1e3, KEEP_ITEM_NS / 1e3);
        perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/backlog.gp", vars);
    }
}

void perflab_report(const struct perflab_results *r, FILE *out)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/report.json", perflab_out_dir(r));
    FILE *json_file = fopen(path, "w");
    struct json j;
    json_start(&j, json_file != NULL ? json_file : fopen("/dev/null", "w"));
    json_object_begin(&j, NULL);
    throughput(r, out, &j);
    latency(r, out, &j);
    keeps_up(r, out, &j);
    json_object_end(&j);
    json_finish(&j);
    fclose(j.out);
    fprintf(out, "\nthis lab also wrote %s/: throughput.png, latency.png, backlog.png, their .csv, report.json\n",
            perflab_out_dir(r));
}
