/*
 * report.c -- Lab 4's own table after the sweeps (make lab-N only): where
 * the reference's time goes, the tree's build against its queries, from the
 * medians of the scaling and build sweeps.
 */
#include "format.h"
#include "workload.h"

#include <stdio.h>

/* ---- report: where the reference's time goes -------------------------- */

static const long scaling_xs[] = { 8000, 20000, 50000, 100000, 200000, 500000, 1000000, 0 };

void perflab_report(const struct perflab_results *r, FILE *out)
{
    fprintf(out, "\nreference: where the time goes (build = kd_build_only alone; queries = the rest)\n");
    fprintf(out, "%12s %12s %12s %12s %7s %12s\n", "N", "all_nearest", "build", "queries", "build", "per query");
    for (size_t i = 0; scaling_xs[i] != 0; i++) {
        long n = scaling_xs[i];
        double total = perflab_median(r, "scaling", "reference", n);
        double build = perflab_median(r, "build", "reference", n);
        if (total <= 0 || build <= 0)
            continue;
        double queries = total > build ? total - build : 0;
        char a[32], b[32], c[32], d[32], e[32];
        fprintf(out, "%12s %12s %12s %12s %6.0f%% %12s\n", format_count((double)n, a, sizeof a),
                format_seconds(total, b, sizeof b), format_seconds(build, c, sizeof c),
                format_seconds(queries, d, sizeof d), 100 * build / total,
                format_seconds(queries / (double)n, e, sizeof e));
    }
    fprintf(out, "  (two sweeps, so two sets of medians: at small N the difference is noisy)\n");
}

