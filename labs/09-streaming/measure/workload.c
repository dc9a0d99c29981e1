/*
 * workload.c -- what Lab 9 measures: summarize an access log of x KiB.
 *
 * The input is a log of about x KiB generated from the course seed
 * (loggen.h): setup writes it to a file in $TMPDIR (or /tmp; the sandbox's
 * private /tmp when graded) and teardown removes it. One timed call is one
 * summarize_log() of that file. The file stays in the page cache between
 * calls, as a log a service just wrote would: what is measured is the
 * program, not the disk.
 *
 * Memory is the lab's first measure. The grader has valgrind's massif
 * follow the driver process and takes its peak heap (common/perflab/measure.h):
 * counted outside the student's code, exact, and the same on every run.
 * The "memory" sweep is the same call for make lab-N's report (report.c):
 * the front end runs the driver once per cell (per_process, workload.h),
 * under massif and natively, reading the process's own peak resident size
 * (VmHWM), which the counter below reports.
 */
#include "lab.h"
#include "loggen.h"
#include "workload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The contract as a table of function pointers: one per variant. */
struct impl {
    long (*summarize_log)(const char *path, struct endpoint_stats *out, size_t cap, char *err, size_t err_size);
};

#define LAB_DECLARE(v) long v##_summarize_log(const char *, struct endpoint_stats *, size_t, char *, size_t);
#define LAB_IMPL(v) { v##_summarize_log }
#include "variants.h"

/* Room for every endpoint of the generated logs, and a little more. */
enum { CAP = 2 * LOGGEN_ENDPOINTS };

struct log_state {
    const struct impl *impl;
    char path[512];
    struct endpoint_stats out[CAP];
    long result;
    char err[256];
};

static void *setup(long kib, const struct perflab_variant *v)
{
    struct log_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    const char *dir = getenv("TMPDIR");
    snprintf(s->path, sizeof s->path, "%s/perflab-lab9-%ld-%ld.log", dir != NULL && dir[0] ? dir : "/tmp",
             (long)getpid(), kib);
    if (loggen_file(s->path, PERFLAB_SEED, (size_t)kib * 1024) != 0) {
        perror(s->path);
        free(s);
        return NULL;
    }
    s->impl = v->impl;
    return s;
}

static void run(void *state)
{
    struct log_state *s = state;
    s->result = s->impl->summarize_log(s->path, s->out, CAP, s->err, sizeof s->err);
}

static void teardown(void *state)
{
    struct log_state *s = state;
    remove(s->path);
    free(s);
}

/* This process's peak resident set (VmHWM), in bytes; -1 if unknown. */
static double peak_rss_bytes(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double kib = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "VmHWM:", 6) == 0)
            kib = strtod(line + 6, NULL);
    if (f != NULL)
        fclose(f);
    return kib < 0 ? -1 : kib * 1024;
}

static size_t memory_counters(void *state, struct perflab_counter out[PERFLAB_MAX_COUNTERS])
{
    (void)state;
    out[0] = (struct perflab_counter){ "peak_rss_bytes", peak_rss_bytes() };
    return 1;
}

static double bytes_per_call(long kib)
{
    return (double)kib * 1024;
}

/* The memory sweep is for the driver alone (per_process runs, one per cell). */
static int never(void)
{
    return 0;
}

static const struct perflab_sweep sweeps[] = {
    {
        .name = "scaling",
        .title = "summarize_log: time per call vs log size",
        .x_name = "KiB",
        .x_label = "log size (KiB)",
        .xs = { 256, 1024, 4096, 16384, 65536, 262144, 0 },
        .setup = setup,
        .run = run,
        .teardown = teardown,
        .items = bytes_per_call,
        .item_name = "byte",
        .budget_s = 2.0, /* naive at 256 MiB (several s, over 1 GB of heap) is predicted, not run */
        .plot = PERFLAB_PLOT_SCALING,
    },
    {
        .name = "memory",
        .title = "summarize_log: one call per process, for its peak memory",
        .x_name = "KiB",
        .x_label = "log size (KiB)",
        .xs = { 256, 1024, 4096, 16384, 0 },
        .setup = setup,
        .run = run,
        .teardown = teardown,
        .counters = memory_counters,
        .enabled = never,
        .plot = PERFLAB_PLOT_NONE,
    },
};

const struct perflab_lab perflab_lab = {
    .number = PERFLAB_NUMBER,
    .slug = PERFLAB_SLUG,
    .title = "Stream, don't materialize",
    /* report.c's memory table: each call in a process of its own (workload.h) */
    .per_process = { .sweep = "memory", .metrics = { "heap_bytes", "peak_rss_bytes" } },
    .trap = "loading the whole log into records (memory grows with the file) vs streaming it",
    .variants = variants,
    .n_variants = PERFLAB_COUNT(variants),
    .sweeps = sweeps,
    .n_sweeps = PERFLAB_COUNT(sweeps),
    .criteria = {
        { .kind = PERFLAB_WORK_RATIO, .sweep = "scaling", .metric = "heap_bytes", .xs = { 1024, 0 }, .bound = 20 },
        { .kind = PERFLAB_EXPONENT, .sweep = "scaling", .metric = "heap_bytes",
          .xs = { 256, 1024, 4096, 0 }, .bound = 0.2 },
        { .kind = PERFLAB_EXPONENT, .sweep = "scaling", .metric = "footprint_bytes",
          .xs = { 512, 2048, 8192, 0 }, .bound = 0.2 },
        { .kind = PERFLAB_WORK_RATIO, .sweep = "scaling", .metric = "instructions", .xs = { 1024, 0 }, .bound = 1.5 },
        { 0 },
    },
    .test_timeout_s = 20, /* the suite takes ~1 s against naive */
    .perf_timeout_s = 120,
};
