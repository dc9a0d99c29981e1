/*
 * report.c -- Lab 2's own tables and plot after the sweeps (make lab-N only):
 * heap bytes per key of each set, and what the hash mixer buys per id scheme
 * (plots/lab-2/schemes.png).
 */
#include "lab.h"
#include "measure.h"
#include "workload.h"

#include "labdef.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h> /* mallinfo2, for the bytes-per-key report */
#endif

/* ---- the report: bytes per key and what the mixer buys ------------------------ */

/* Heap bytes in use (malloc'd and mmap'd), or 0 where glibc cannot say. */
static double heap_bytes(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
    struct mallinfo2 m = mallinfo2();
    return (double)m.uordblks + (double)m.hblkhd;
#else
    return 0;
#endif
}

/* Bytes per key of a set of n random keys, added in increasing order. */
static double bytes_per_key(const struct impl *impl, long n)
{
    double before = heap_bytes();
    if (before == 0) /* no mallinfo2 (or a sanitizer's allocator): cannot say */
        return -1;
    struct intset *set = impl->new_set();
    if (set == NULL)
        return -1;
    for (long i = 1; i <= n; i++) /* increasing: cheap for the sorted array too */
        impl->add(set, (uint64_t)i * 1000003);
    double bytes = heap_bytes() - before;
    impl->free_set(set);
    return bytes / (double)n;
}

/*
 * What the mixer buys: the identity hash's time over the reference's, per id
 * scheme, and the bar chart plots/lab-2/schemes.png (ns per operation, log
 * scale) drawn by schemes.gp from a temporary CSV of the sweep's medians.
 */
static void report_schemes(const struct perflab_results *r, FILE *out)
{
    fprintf(out, "\nwhat the mixer buys (schemes sweep, N = %s): identity_hash time / reference time\n",
            SCHEMES_N_TEXT);
    for (long x = 1; x <= N_SCHEMES; x++) {
        double ref = perflab_median(r, "schemes", "reference", x);
        double id = perflab_median(r, "schemes", "identity_hash", x);
        if (ref > 0 && id > 0)
            fprintf(out, "  %-11s %8.1fx\n", id_scheme_names[x - 1], id / ref);
    }

    /* In bench's work folder, not in /tmp: make lab-N's bench only queues
       the plot (perflab_gnuplot), gnuplot reads the file after bench exits. */
    char data[600];
    snprintf(data, sizeof data, "%.500s/schemes.plot.csv", perflab_work_dir(r));
    FILE *f = fopen(data, "w");
    if (f == NULL) {
        fprintf(stderr, "warning: cannot write %s for schemes.png\n", data);
        return;
    }
    size_t n = 0;
    fprintf(f, "scheme");
    for (; hash_sets[n] != NULL; n++)
        fprintf(f, ",%s", hash_sets[n]);
    fprintf(f, "\n");
    for (long x = 1; x <= N_SCHEMES; x++) {
        fprintf(f, "%s", id_scheme_names[x - 1]);
        for (size_t i = 0; i < n; i++) {
            double seconds = perflab_median(r, "schemes", hash_sets[i], x);
            if (seconds > 0)
                fprintf(f, ",%.4g", seconds / events_per_call(SCHEMES_N) * 1e9);
            else
                fprintf(f, ",NaN"); /* not measured (a variant that failed its tests) */
        }
        fprintf(f, "\n");
    }
    fclose(f);
    char vars[2048];
    snprintf(vars, sizeof vars,
             "data='%s'; out='%s/schemes.png'; heading='Lab 2: dedupe + filter by id scheme, N = %s "
             "(why the mixer matters)'; n=%zu; groups=%d",
             data, perflab_out_dir(r), SCHEMES_N_TEXT, n, (int)N_SCHEMES);
    if (perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/schemes.gp", vars) == 0)
        fprintf(out, "  (bar chart: %s/schemes.png)\n", perflab_out_dir(r));
}

void perflab_report(const struct perflab_results *r, FILE *out)
{
    static const char *const measured[] = { "naive", "sorted_array", "reference", "glib_hash" };
    static const long sizes[] = { 10000, 1000000 };
    fprintf(out, "\nmemory: heap bytes per key (a key itself is 8 bytes)\n");
    fprintf(out, "  %-14s %12s %12s\n", "variant", "N = 10,000", "N = 1,000,000");
    for (size_t i = 0; i < PERFLAB_COUNT(measured); i++) {
        const struct perflab_variant *v = lab_variant(&perflab_lab, measured[i]);
        if (v == NULL)
            continue;
        fprintf(out, "  %-14s", measured[i]);
        for (size_t j = 0; j < 2; j++) {
            bool quadratic = strcmp(measured[i], "naive") == 0 && sizes[j] > 10000;
            double b = quadratic ? -1 : bytes_per_key(v->impl, sizes[j]);
            if (b < 0)
                fprintf(out, " %12s", quadratic ? "(too slow)" : "n/a");
            else
                fprintf(out, " %12.1f", b);
        }
        fprintf(out, "\n");
    }

    report_schemes(r, out);
}

