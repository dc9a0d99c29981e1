/*
 * report.c -- Lab 3's own tables and plots after the sweeps (make lab-N
 * only): where the pipeline's time goes, Amdahl's law predicted against
 * measured, and every variant's accuracy on hard data.
 */
#include "accuracy.h"
#include "measure.h"

#include "format.h"
#include "labdef.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the report: where the time goes, and Amdahl's law ---------------------------- */

/* One variant's row of the stages sweep, in seconds (-1 if not measured). */
struct stage_times {
    double stage[3]; /* filter, normalize, features */
    double sum;      /* of the three */
    double end_to_end;
};

static struct stage_times stage_times(const struct perflab_results *r, const char *variant)
{
    struct stage_times t = { { 0 }, 0, perflab_median(r, "stages", variant, END_TO_END) };
    for (int k = 0; k < 3; k++) {
        t.stage[k] = perflab_median(r, "stages", variant, FILTER + k);
        t.sum = t.sum < 0 || t.stage[k] < 0 ? -1 : t.sum + t.stage[k];
    }
    return t;
}

static double amdahl(double p, double s)
{
    return 1.0 / ((1.0 - p) + p / s);
}

static void print_shares(const struct perflab_results *r, FILE *out)
{
    char a[32], b[32];
    fprintf(out, "\nwhere the time goes (stages sweep: n = %s records, w = %d)\n",
            format_count(STAGES_N, a, sizeof a), STAGES_W);
    fprintf(out, "  %-12s %20s %20s %20s %11s %11s\n", "variant", "filter", "normalize", "features",
            "sum", "end-to-end");
    for (size_t v = 0; v < perflab_lab.n_variants; v++) {
        struct stage_times t = stage_times(r, perflab_lab.variants[v].name);
        if (t.sum <= 0)
            continue;
        fprintf(out, "  %-12s", perflab_lab.variants[v].name);
        for (int k = 0; k < 3; k++) {
            char cell[48];
            snprintf(cell, sizeof cell, "%s (%4.1f%%)", format_seconds(t.stage[k], a, sizeof a),
                     100.0 * t.stage[k] / t.sum);
            fprintf(out, " %20s", cell);
        }
        fprintf(out, " %11s %11s\n", format_seconds(t.sum, a, sizeof a),
                format_seconds(t.end_to_end, b, sizeof b));
    }
}

/* Writes amdahl.csv (the numbers behind both plots) and returns the naive
   shares of features and normalize through p and p_normalize. */
static int print_amdahl(const struct perflab_results *r, FILE *out, double *p, double *p_normalize)
{
    struct stage_times base = stage_times(r, "naive");
    if (base.sum <= 0 || base.end_to_end <= 0) {
        fprintf(out, "\n(Amdahl: the naive stages were not measured)\n");
        return -1;
    }
    *p = base.stage[2] / base.sum;
    *p_normalize = base.stage[1] / base.sum;

    char path[1024];
    snprintf(path, sizeof path, "%s/amdahl.csv", perflab_out_dir(r));
    FILE *csv = fopen(path, "w");
    if (csv != NULL)
        fprintf(csv, "variant,filter_s,normalize_s,features_s,sum_s,end_to_end_s,"
                     "features_speedup,predicted_speedup,measured_speedup\n");

    fprintf(out, "\nAmdahl's law: features share of naive p = %.3f; predicted end-to-end speedup\n"
                 "S = 1 / ((1 - p) + p / s), s = features speedup (naive features / variant features)\n",
            *p);
    fprintf(out, "  %-12s %10s %12s %12s %11s\n", "variant", "s", "predicted S", "measured S", "difference");
    for (size_t v = 0; v < perflab_lab.n_variants; v++) {
        const char *name = perflab_lab.variants[v].name;
        struct stage_times t = stage_times(r, name);
        if (t.sum <= 0 || t.end_to_end <= 0)
            continue;
        double s = base.stage[2] / t.stage[2];
        double predicted = amdahl(*p, s);
        double measured = base.end_to_end / t.end_to_end;
        char a[32], b[32], c[32];
        fprintf(out, "  %-12s %10s %12s %12s %+10.1f%%\n", name, format_ratio(s, a, sizeof a),
                format_ratio(predicted, b, sizeof b), format_ratio(measured, c, sizeof c),
                100.0 * (measured - predicted) / predicted);
        if (csv != NULL)
            fprintf(csv, "%s,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g\n", name, t.stage[0], t.stage[1],
                    t.stage[2], t.sum, t.end_to_end, s, predicted, measured);
    }
    fprintf(out, "  ceiling: even an infinitely fast features stage gives at most %.1fx (1 / (1 - p))\n",
            1.0 / (1.0 - *p));
    fprintf(out, "  the week on normalize: making it 40%% faster (s = 1/0.6) gives S = %.4fx (p = %.3f)\n",
            amdahl(*p_normalize, 1.0 / 0.6), *p_normalize);
    fprintf(out, "  (prediction from the stage cells, measurement from the end-to-end cells: both carry\n"
                 "   the run-to-run noise of the spread line above; with p near 1, 1 - p is small and noisy)\n");
    if (csv != NULL)
        fclose(csv);
    return csv != NULL ? 0 : -1;
}

static void draw_profile_plots(const struct perflab_results *r, double p, double p_normalize)
{
    const char *dir = perflab_out_dir(r);
    char vars[2048], n[32];
    snprintf(vars, sizeof vars, "data='%s/amdahl.csv'; out='%s/where-the-time-goes.png'; n='%s'; w=%d",
             dir, dir, format_count(STAGES_N, n, sizeof n), STAGES_W);
    perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/where-the-time-goes.gp", vars);
    snprintf(vars, sizeof vars, "data='%s/amdahl.csv'; out='%s/amdahl.png'; p=%.6f; pn=%.6f",
             dir, dir, p, p_normalize);
    perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/amdahl.gp", vars);
}

/* ---- the report: accuracy ---------------------------------------------------------- */

/* The signals of accuracy.h plus the pipeline's own z-scores. */
enum { SENSOR_COLUMN = SIGNAL_COUNT, ACCURACY_COLUMNS };

/* Fill x with column c's data; returns how many values. */
static size_t accuracy_input(int c, double *x)
{
    if (c == SENSOR_COLUMN) {
        struct pipeline *p = pipeline_new(ACCURACY_N, ACCURACY_W, rolling_of(lab_variant(&perflab_lab, "naive")));
        if (p == NULL)
            return 0;
        pipeline_filter(p);
        pipeline_normalize(p);
        memcpy(x, p->z, p->n_clean * sizeof *x);
        size_t n = p->n_clean;
        pipeline_free(p);
        return n;
    }
    struct rng rng;
    rng_seed(&rng, PERFLAB_SEED);
    signal_fill((enum signal)c, x, ACCURACY_N, &rng);
    return ACCURACY_N;
}

/* One row of the accuracy table: `rolling` on every column's data. */
static void accuracy_row(const char *name, rolling_fn *rolling, double *x, double *mean, double *var,
                         FILE *out, FILE *csv)
{
    fprintf(out, "  %-15s", name);
    size_t negatives = 0;
    for (int c = 0; c < ACCURACY_COLUMNS; c++) {
        const char *data = c == SENSOR_COLUMN ? "sensor z-scores" : signal_name((enum signal)c);
        size_t n = accuracy_input(c, x);
        if (rolling(x, n, ACCURACY_W, mean, var) != 0) {
            fprintf(out, " %15s", "error");
            continue;
        }
        struct accuracy a = accuracy_measure(x, n, ACCURACY_W, mean, var);
        double worst = a.mean_error > a.var_error ? a.mean_error : a.var_error;
        char cell[32];
        snprintf(cell, sizeof cell, "%.1e%s", worst, accuracy_ok(&a) ? "" : " FAIL");
        fprintf(out, " %15s", cell);
        negatives += a.negative_vars;
        if (csv != NULL)
            fprintf(csv, "%s,%s,%.3g,%.3g,%zu,%d\n", name, data, a.mean_error, a.var_error,
                    a.negative_vars, accuracy_ok(&a));
    }
    fprintf(out, " %14zu\n", negatives);
}

static void print_accuracy(const struct perflab_results *r, FILE *out)
{
    double *x = malloc(ACCURACY_N * sizeof *x);
    double *mean = malloc(ACCURACY_N * sizeof *mean);
    double *var = malloc(ACCURACY_N * sizeof *var);
    if (x == NULL || mean == NULL || var == NULL) {
        fprintf(out, "\n(accuracy table: out of memory)\n");
        free(x);
        free(mean);
        free(var);
        return;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/accuracy.csv", perflab_out_dir(r));
    FILE *csv = fopen(path, "w");
    if (csv != NULL)
        fprintf(csv, "variant,data,mean_error,var_error,negative_vars,ok\n");

    fprintf(out, "\naccuracy: largest relative error of mean or var against the exact answer\n"
                 "(long-double two-pass, with lab.h's floors; n = %d, w = %d; lab.h allows %.0e)\n",
            ACCURACY_N, ACCURACY_W, ACCURACY_BOUND);
    fprintf(out, "  %-15s", "variant");
    for (int c = 0; c < ACCURACY_COLUMNS; c++)
        fprintf(out, " %15s", c == SENSOR_COLUMN ? "sensor z-scores" : signal_name((enum signal)c));
    fprintf(out, " %14s\n", "negative vars");

    for (size_t v = 0; v < perflab_lab.n_variants; v++)
        accuracy_row(perflab_lab.variants[v].name, rolling_of(&perflab_lab.variants[v]), x, mean, var, out, csv);
    accuracy_row("sum_of_squares", sum_of_squares_rolling_mean_var, x, mean, var, out, csv);
    fprintf(out, "  (sum_of_squares: the textbook O(1) update, sum(x^2)/w - mean^2 -- see sum_of_squares.c)\n");

    if (csv != NULL)
        fclose(csv);
    free(x);
    free(mean);
    free(var);
}

void perflab_report(const struct perflab_results *r, FILE *out)
{
    double p, p_normalize;
    print_shares(r, out);
    bool drawn = print_amdahl(r, out, &p, &p_normalize) == 0;
    if (drawn)
        draw_profile_plots(r, p, p_normalize);
    print_accuracy(r, out);
    fprintf(out, "\nthis lab also wrote %s/: %saccuracy.csv\n", perflab_out_dir(r),
            drawn ? "where-the-time-goes.png, amdahl.png, amdahl.csv, " : "");
}

