/*
 * report.c -- Lab 9's own tables and plots after the sweeps (make lab-9
 * only): memory against the log's size, what one record costs in memory
 * when materialized, and how close each variant comes to the speed of
 * read() itself.
 *
 * 1. Memory vs size. For each variant and each size of the "memory" sweep,
 *    the driver runs one call in a process of its own, twice: under
 *    valgrind's massif for the peak heap (exact, the graded measure), and
 *    natively for the peak resident set (VmHWM, what `top` and the OOM
 *    killer see). Slopes are fitted on log-log axes: ~1 means "memory grows
 *    with the file", ~0 "memory is a constant". Those runs are the lab's
 *    per_process runs (workload.h): make lab-N makes them before bench, in
 *    the sandbox (bench, in the sandbox too, can start no process), and
 *    this reads their numbers (perflab_per_process).
 * 2. Bytes per record: 100,000 generated lines kept the way naive keeps
 *    them (a pointer to a malloc'd struct of strdup'd strings) and as one
 *    packed array of fixed-size records, measured with mallinfo2 (glibc's
 *    own count of bytes in use, block headers included).
 * 3. MB/s: each variant at its largest measured size against a plain
 *    read() loop over a file in the page cache, the limit for any parser.
 * Files: memory.csv, memory.png (memory.gp), report.json.
 */
#include "loggen.h"

#include "fit.h"
#include "format.h"
#include "json.h"
#include "labdef.h"
#include "workload.h"

#include <fcntl.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { MAX_SIZES = 8, RECORDS = 100000, BANDWIDTH_MIB = 64 };

struct memory_row {
    const char *variant;
    double heap[MAX_SIZES], rss[MAX_SIZES]; /* bytes; -1 = not measured */
    struct power_fit heap_fit, rss_fit;
};

/* ---- 1. memory vs size ---------------------------------------------------------------- */

/* "1.47 MB", "123 kB" (10^3 and 10^6: the units of the plots). */
static const char *megabytes(double bytes, char *buf, size_t size)
{
    if (bytes < 0)
        snprintf(buf, size, "-");
    else if (bytes >= 1e6)
        snprintf(buf, size, "%.3g MB", bytes / 1e6);
    else
        snprintf(buf, size, "%.3g kB", bytes / 1e3);
    return buf;
}

static void fit_row(const long *xs, size_t n, const double *ys, struct power_fit *fit)
{
    double x[MAX_SIZES], y[MAX_SIZES];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (ys[i] > 0) {
            x[k] = (double)xs[i];
            y[k++] = ys[i];
        }
    if (k < 2 || !fit_power_law(x, y, k, fit))
        memset(fit, 0, sizeof *fit);
}

static size_t measure_memory(struct memory_row *rows, const long *xs, size_t n_xs, FILE *out)
{
    size_t n = 0;
    bool any = false;
    for (size_t v = 0; v < perflab_lab.n_variants; v++, n++) {
        struct memory_row *row = &rows[n];
        row->variant = perflab_lab.variants[v].name;
        for (size_t i = 0; i < n_xs; i++) {
            row->heap[i] = perflab_per_process("heap_bytes", row->variant, xs[i]);
            row->rss[i] = perflab_per_process("peak_rss_bytes", row->variant, xs[i]);
            any = any || row->heap[i] > 0 || row->rss[i] > 0;
        }
        fit_row(xs, n_xs, row->heap, &row->heap_fit);
        fit_row(xs, n_xs, row->rss, &row->rss_fit);
    }
    if (!any) {
        fprintf(out, "\n(memory: no per-process runs measured; make lab-%d makes them)\n", PERFLAB_NUMBER);
        return 0;
    }
    fprintf(out, "\nmemory per call vs log size (each call in a process of its own)\n"
                 "  peak heap: valgrind's massif, exact (the graded measure); peak RSS: VmHWM, native\n");
    char a[32], b[32];
    fprintf(out, "  %-12s", "heap / RSS");
    for (size_t i = 0; i < n_xs; i++) {
        char head[48];
        snprintf(head, sizeof head, "%s KiB", format_count((double)xs[i], a, sizeof a));
        fprintf(out, " %21s", head);
    }
    fprintf(out, " %15s\n", "slope heap/RSS");
    for (size_t k = 0; k < n; k++) {
        fprintf(out, "  %-12s", rows[k].variant);
        for (size_t i = 0; i < n_xs; i++) {
            char cell[64];
            snprintf(cell, sizeof cell, "%s / %s", megabytes(rows[k].heap[i], a, sizeof a),
                     megabytes(rows[k].rss[i], b, sizeof b));
            fprintf(out, " %21s", cell);
        }
        fprintf(out, " %8.2f / %4.2f\n", rows[k].heap_fit.exponent, rows[k].rss_fit.exponent);
    }
    return n;
}

static void write_memory_files(const char *dir, const struct memory_row *rows, size_t n, const long *xs,
                               size_t n_xs)
{
    char path[1024], png[1024], vars[2400];
    snprintf(path, sizeof path, "%s/memory.csv", dir);
    FILE *csv = fopen(path, "w");
    if (csv == NULL)
        return;
    fprintf(csv, "KiB");
    for (size_t k = 0; k < n; k++)
        fprintf(csv, ",%s heap (slope %.2f),%s RSS (slope %.2f)", rows[k].variant, rows[k].heap_fit.exponent,
                rows[k].variant, rows[k].rss_fit.exponent);
    fprintf(csv, "\n");
    for (size_t i = 0; i < n_xs; i++) {
        fprintf(csv, "%ld", xs[i]);
        for (size_t k = 0; k < n; k++) {
            if (rows[k].heap[i] > 0)
                fprintf(csv, ",%.0f", rows[k].heap[i]);
            else
                fprintf(csv, ",NaN");
            if (rows[k].rss[i] > 0)
                fprintf(csv, ",%.0f", rows[k].rss[i]);
            else
                fprintf(csv, ",NaN");
        }
        fprintf(csv, "\n");
    }
    fclose(csv);
    snprintf(png, sizeof png, "%s/memory.png", dir);
    snprintf(vars, sizeof vars, "data='%s'; out='%s'; n=%zu", path, png, n);
    perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/memory.gp", vars);
}

/* ---- 2. bytes per record ---------------------------------------------------------------- */

/* What naive keeps per line. */
struct record {
    size_t line;
    char *timestamp, *method, *target, *status, *bytes, *latency, *endpoint;
    uint64_t bytes_sent;
    uint32_t latency_ms;
};

/* What you would keep if you had to keep the lines: the fields you need,
   parsed, in one array. */
struct packed_record {
    char endpoint[64];
    uint64_t bytes;
    uint32_t latency_ms;
    uint16_t status;
};

static size_t heap_in_use(void)
{
    return mallinfo2().uordblks;
}

struct record_costs {
    double text, pointers, packed; /* bytes per line */
    size_t struct_size, packed_size;
};

static char *field(char **p)
{
    char *start = *p, *space = strchr(start, ' ');
    size_t len = space != NULL ? (size_t)(space - start) : strlen(start);
    *p = space != NULL ? space + 1 : start + len;
    return strndup(start, len);
}

static bool record_costs(struct record_costs *c)
{
    struct loggen g;
    loggen_init(&g, PERFLAB_SEED);
    char line[LOGGEN_LINE_MAX];
    size_t text = 0;
    struct record **records = malloc(RECORDS * sizeof *records);
    if (records == NULL)
        return false;
    size_t before = heap_in_use();
    for (size_t i = 0; i < RECORDS; i++) {
        size_t len = loggen_line(&g, line);
        text += len;
        line[len - 1] = '\0';
        struct record *r = malloc(sizeof *r);
        if (r == NULL)
            return false;
        char *p = line;
        r->line = i + 1;
        r->timestamp = field(&p);
        r->method = field(&p);
        r->target = field(&p);
        r->status = field(&p);
        r->bytes = field(&p);
        r->latency = field(&p);
        r->endpoint = strndup(r->target, strcspn(r->target, "?"));
        r->bytes_sent = strtoull(r->bytes, NULL, 10);
        r->latency_ms = (uint32_t)strtoul(r->latency, NULL, 10);
        records[i] = r;
    }
    size_t pointer_form = heap_in_use() - before + RECORDS * sizeof *records;
    for (size_t i = 0; i < RECORDS; i++) {
        struct record *r = records[i];
        free(r->timestamp), free(r->method), free(r->target), free(r->status);
        free(r->bytes), free(r->latency), free(r->endpoint), free(r);
    }
    free(records);
    c->text = (double)text / RECORDS;
    c->pointers = (double)pointer_form / RECORDS;
    c->packed = (double)sizeof(struct packed_record);
    c->struct_size = sizeof(struct record);
    c->packed_size = sizeof(struct packed_record);
    return true;
}

static void print_record_costs(const struct record_costs *c, FILE *out)
{
    fprintf(out, "\nmemory per record, %d generated lines kept (mallinfo2: bytes in use, headers included)\n",
            RECORDS);
    fprintf(out, "  %-52s %8.0f bytes\n", "the line's own text", c->text);
    fprintf(out, "  %-52s %8.0f bytes  (%.1fx the text)\n",
            "pointer -> malloc'd struct + 7 strdup'd strings (naive)", c->pointers, c->pointers / c->text);
    fprintf(out, "  %-52s %8.0f bytes  (%.1fx the text)\n", "one packed array of fixed-size records", c->packed,
            c->packed / c->text);
    fprintf(out, "  %-52s %8d bytes\n", "streaming: per line kept", 0);
    fprintf(out, "  (struct record is %zu bytes, 8 blocks a line: each block adds a 8-byte header and rounds up "
                 "to 16)\n", c->struct_size);
}

/* ---- 3. MB/s against read() ------------------------------------------------------------- */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Bytes per second of read() in 64 KiB chunks over a file in the page
   cache: best of 5 passes, after one to warm the cache. */
static double read_bandwidth(void)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/perflab-lab9-bandwidth-%ld.log", dir != NULL && dir[0] ? dir : "/tmp",
             (long)getpid());
    if (loggen_file(path, PERFLAB_SEED, (size_t)BANDWIDTH_MIB << 20) != 0)
        return -1;
    static char buf[64 * 1024];
    double best = -1;
    for (int pass = 0; pass < 6; pass++) {
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            break;
        double start = now();
        size_t total = 0;
        for (ssize_t got; (got = read(fd, buf, sizeof buf)) > 0;)
            total += (size_t)got;
        double rate = (double)total / (now() - start);
        close(fd);
        if (pass > 0 && rate > best)
            best = rate;
    }
    remove(path);
    return best;
}

struct throughput {
    const char *variant;
    long kib;
    double bytes_per_s;
};

static size_t throughputs(const struct perflab_results *r, struct throughput *t)
{
    const struct perflab_sweep *s = lab_sweep(&perflab_lab, "scaling");
    size_t n = 0;
    for (size_t v = 0; s != NULL && v < perflab_lab.n_variants; v++) {
        const char *name = perflab_lab.variants[v].name;
        for (size_t i = 0; s->xs[i] != 0; i++) {
            double seconds = perflab_median(r, "scaling", name, s->xs[i]);
            if (seconds > 0)
                t[n] = (struct throughput){ name, s->xs[i], (double)s->xs[i] * 1024 / seconds };
        }
        if (t[n].variant == name)
            n++;
    }
    return n;
}

static void print_throughputs(const struct throughput *t, size_t n, double limit, FILE *out)
{
    fprintf(out, "\nthroughput at the largest size each variant ran (MB/s = 10^6 bytes per second)\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  %-12s %8.0f MB/s at %7ld KiB", t[i].variant, t[i].bytes_per_s / 1e6, t[i].kib);
        if (limit > 0)
            fprintf(out, "  (%4.1f%% of read())", 100 * t[i].bytes_per_s / limit);
        fprintf(out, "\n");
    }
    if (limit > 0)
        fprintf(out, "  %-12s %8.0f MB/s: read() alone, 64 KiB at a time, from the page cache (the limit)\n",
                "read()", limit / 1e6);
}

/* ---- the report ----------------------------------------------------------------------- */

static void write_json(const char *dir, const struct memory_row *rows, size_t n_rows, const long *xs, size_t n_xs,
                       const struct record_costs *costs, const struct throughput *t, size_t n_t, double limit)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/report.json", dir);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return;
    struct json j;
    json_start(&j, f);
    json_object_begin(&j, NULL);
    json_array_begin(&j, "memory");
    for (size_t k = 0; k < n_rows; k++) {
        json_object_begin(&j, NULL);
        json_string(&j, "variant", rows[k].variant);
        json_number(&j, "heap_slope", rows[k].heap_fit.exponent);
        json_number(&j, "rss_slope", rows[k].rss_fit.exponent);
        json_array_begin(&j, "cells");
        for (size_t i = 0; i < n_xs; i++) {
            json_object_begin(&j, NULL);
            json_number(&j, "kib", (double)xs[i]);
            json_number(&j, "peak_heap_bytes", rows[k].heap[i]);
            json_number(&j, "peak_rss_bytes", rows[k].rss[i]);
            json_object_end(&j);
        }
        json_array_end(&j);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_begin(&j, "bytes_per_record");
    json_number(&j, "records", RECORDS);
    json_number(&j, "line_text", costs->text);
    json_number(&j, "pointer_to_struct_of_strings", costs->pointers);
    json_number(&j, "packed_fixed_size", costs->packed);
    json_number(&j, "struct_record_size", (double)costs->struct_size);
    json_object_end(&j);
    json_array_begin(&j, "throughput");
    for (size_t i = 0; i < n_t; i++) {
        json_object_begin(&j, NULL);
        json_string(&j, "variant", t[i].variant);
        json_number(&j, "kib", (double)t[i].kib);
        json_number(&j, "bytes_per_second", t[i].bytes_per_s);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_number(&j, "read_bytes_per_second", limit);
    json_object_end(&j);
    json_finish(&j);
    fclose(f);
}

void perflab_report(const struct perflab_results *r, FILE *out)
{
    const struct perflab_sweep *s = lab_sweep(&perflab_lab, "memory");
    long xs[MAX_SIZES];
    size_t n_xs = 0;
    for (; s != NULL && s->xs[n_xs] != 0 && n_xs < MAX_SIZES; n_xs++)
        xs[n_xs] = s->xs[n_xs];
    static struct memory_row rows[PERFLAB_MAX_VARIANTS];
    size_t n_rows = measure_memory(rows, xs, n_xs, out);
    if (n_rows > 0)
        write_memory_files(perflab_out_dir(r), rows, n_rows, xs, n_xs);

    struct record_costs costs = { 0 };
    if (record_costs(&costs))
        print_record_costs(&costs, out);

    struct throughput t[PERFLAB_MAX_VARIANTS] = { { 0 } };
    size_t n_t = throughputs(r, t);
    double limit = read_bandwidth();
    print_throughputs(t, n_t, limit, out);
    write_json(perflab_out_dir(r), rows, n_rows, xs, n_xs, &costs, t, n_t, limit);
}
