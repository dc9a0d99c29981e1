/*
 * table.c -- the human table of one sweep: times, slopes, speedups, counters.
 * See table.h.
 */
#include "table.h"

#include "format.h"
#include "labdef.h"

#include <stdio.h>
#include <string.h>

/* ---- helpers ----------------------------------------------------------------------- */

static const char *x_text(const struct perflab_sweep *s, size_t i, char *buf, size_t size)
{
    if (s->x_names != NULL)
        return s->x_names[i];
    return format_count((double)s->xs[i], buf, size);
}

/* Per item (PERFLAB_PLOT_PER_ITEM) or per call. */
double table_shown_value(const struct perflab_sweep *s, const struct perflab_cell *c)
{
    if (s->plot == PERFLAB_PLOT_PER_ITEM && s->items != NULL)
        return c->seconds / s->items(c->x);
    return c->seconds;
}

static const char *cell_text(const struct perflab_sweep *s, const struct perflab_cell *c,
                             char *buf, size_t size)
{
    char t[32];
    if (c == NULL)
        snprintf(buf, size, "-");
    else if (c->state == CELL_FAILED)
        snprintf(buf, size, "failed");
    else if (c->state == CELL_EXTRAPOLATED)
        snprintf(buf, size, "~%s*", format_seconds(table_shown_value(s, c), t, sizeof t));
    else
        snprintf(buf, size, "%s", format_seconds(table_shown_value(s, c), t, sizeof t));
    return buf;
}

static size_t x_width(const struct perflab_sweep *s)
{
    size_t w = strlen(s->x_name);
    char buf[64];
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++) {
        size_t len = strlen(x_text(s, i, buf, sizeof buf));
        if (len > w)
            w = len;
    }
    return w + 2;
}

static void print_counters(const struct perflab_results *r, const struct perflab_sweep *s,
                           const struct perflab_variant **vs, size_t nv, FILE *out)
{
    const struct perflab_cell *any = NULL;
    for (size_t i = 0; i < r->n_cells && any == NULL; i++)
        if (r->cells[i].sweep == s && r->cells[i].n_counters > 0)
            any = &r->cells[i];
    if (any == NULL)
        return;
    int xw = (int)x_width(s);
    char buf[64];
    for (size_t k = 0; k < any->n_counters; k++) {
        const char *name = any->counters[k].name;
        fprintf(out, "\n%s per call\n%*s", name, xw, s->x_name);
        for (size_t v = 0; v < nv; v++)
            fprintf(out, " %14s", vs[v]->name);
        fputc('\n', out);
        for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++) {
            fprintf(out, "%*s", xw, x_text(s, i, buf, sizeof buf));
            for (size_t v = 0; v < nv; v++) {
                double value = perflab_counter_value(r, s->name, vs[v]->name, s->xs[i], name);
                fprintf(out, " %14s", value >= 0 ? format_count(value, buf, sizeof buf) : "-");
            }
            fputc('\n', out);
        }
    }
}

/* x as the table shows it: its name for a categorical sweep, else the count. */
static const char *cell_x_text(const struct perflab_sweep *s, long x, char *buf, size_t size)
{
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++)
        if (s->xs[i] == x)
            return x_text(s, i, buf, size);
    return format_count((double)x, buf, size);
}

/* P50 / P95 / P99 per variant at each x: the tail of the time per call. */
static void print_tail(const struct perflab_results *r, const struct perflab_sweep *s,
                       const struct perflab_variant **vs, size_t nv, FILE *out)
{
    int xw = (int)x_width(s);
    char buf[64], a[32], b[32], c3[32], cellbuf[100];
    fprintf(out, "\ntail: P50 / P95 / P99 of the time per call over the repetitions\n%*s", xw, s->x_name);
    for (size_t v = 0; v < nv; v++)
        fprintf(out, " %28s", vs[v]->name);
    fputc('\n', out);
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++) {
        fprintf(out, "%*s", xw, x_text(s, i, buf, sizeof buf));
        for (size_t v = 0; v < nv; v++) {
            const struct perflab_cell *c = results_find(r, s->name, vs[v]->name, s->xs[i]);
            if (c == NULL || c->state != CELL_MEASURED || c->p95 <= 0)
                snprintf(cellbuf, sizeof cellbuf, "-");
            else
                snprintf(cellbuf, sizeof cellbuf, "%s / %s / %s", format_seconds(c->seconds, a, sizeof a),
                         format_seconds(c->p95, b, sizeof b), format_seconds(c->p99, c3, sizeof c3));
            fprintf(out, " %28s", cellbuf);
        }
        fputc('\n', out);
    }
}


/* The spread line: the widest coefficient of variation of the sweep's cells,
   beside the machine probe's (bench.cc), so the reader can tell whose noise
   it is. 2% is the steadiness a quiet machine gives these cells. */
static void print_spread(const struct perflab_results *r, const struct perflab_sweep *s,
                         const struct perflab_cell *worst, FILE *out)
{
    struct noise_floor machine = results_noise_floor(r, s);
    char buf[64];
    fprintf(out, "  spread: the repetitions of every measured cell agree within %.1f%% (coefficient of "
            "variation; the widest: %s at %s = %s)\n",
            100 * worst->cv, worst->variant->name, s->x_name, cell_x_text(s, worst->x, buf, sizeof buf));
    if (machine.sizes == 0)
        return;
    fprintf(out, "  the machine: a fixed probe loop timed among the same repetitions varied %.1f%% there "
            "(%.1f%% at the median size, %.1f%% at most)\n",
            100 * worst->machine_cv, 100 * machine.median_cv, 100 * machine.max_cv);
    if (worst->cv <= 0.02)
        return;
    if (worst->machine_cv <= 0.02)
        fprintf(out, "    -> the machine was quiet there, so the widest cell's spread is the code's own: look at what its\n"
                     "       calls do besides the work (memory allocation, page faults, system calls).\n");
    else if (worst->cv > 2 * worst->machine_cv)
        fprintf(out, "    -> the machine was not quiet there, but the widest cell varied far more than the probe: part of\n"
                     "       its spread is its own (memory allocation, page faults, system calls).%s\n",
                r->interleaved ? " The medians of one\n       size are still comparable with each other: their repetitions were interleaved." : "");
    else
        fprintf(out, "    -> the machine was not quiet there: the spread is mostly its own.%s\n"
                     "       For steadier figures, re-run when the machine is idle.\n",
                r->interleaved ? " The medians of one size are still\n"
                                 "       comparable with each other: their repetitions were interleaved."
                               : "");
}

void table_print(const struct perflab_results *r, const struct perflab_sweep *s, FILE *out)
{
    const struct perflab_variant *vs[PERFLAB_MAX_VARIANTS];
    size_t nv = lab_sweep_variants(r->lab, s, vs, PERFLAB_MAX_VARIANTS);
    int xw = (int)x_width(s);
    char buf[64], buf2[64];
    const char *unit = s->plot == PERFLAB_PLOT_PER_ITEM && s->items != NULL ? "per " : "per call";

    fprintf(out, "\n%s\n", s->title);
    fprintf(out, "time %s%s (median of the repetitions; google-benchmark)\n", unit,
            s->plot == PERFLAB_PLOT_PER_ITEM && s->item_name ? s->item_name : "");
    fprintf(out, "%*s", xw, s->x_name);
    for (size_t v = 0; v < nv; v++)
        fprintf(out, " %14s", vs[v]->name);
    fputc('\n', out);

    bool any_extrapolated = false;
    double worst_cv = 0;
    const struct perflab_cell *worst = NULL;
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++) {
        fprintf(out, "%*s", xw, x_text(s, i, buf, sizeof buf));
        for (size_t v = 0; v < nv; v++) {
            const struct perflab_cell *c = results_find(r, s->name, vs[v]->name, s->xs[i]);
            fprintf(out, " %14s", cell_text(s, c, buf2, sizeof buf2));
            if (c != NULL && c->state == CELL_EXTRAPOLATED)
                any_extrapolated = true;
            if (c != NULL && c->state == CELL_MEASURED && c->cv > worst_cv) {
                worst_cv = c->cv;
                worst = c;
            }
        }
        fputc('\n', out);
    }

    if (s->x_names == NULL && s->fit_points >= 0) {
        fprintf(out, "%*s", xw, "slope");
        for (size_t v = 0; v < nv; v++) {
            struct power_fit fit;
            if (results_fit(r, s, vs[v]->name, &fit))
                fprintf(out, " %14.2f", fit.exponent);
            else
                fprintf(out, " %14s", "-");
        }
        fprintf(out, "\n%*s  (log-log slope fitted on the largest %d measured %s; 1 = linear, 2 = quadratic)\n",
                xw, "", lab_sweep_fit_points(s), s->x_name);
    }

    /* Speedups over naive, when naive is in this sweep. */
    const struct perflab_variant *naive = lab_variant(r->lab, "naive");
    bool has_naive = false;
    for (size_t v = 0; v < nv; v++)
        has_naive = has_naive || vs[v] == naive;
    if (has_naive && nv > 1) {
        fprintf(out, "\nspeedup over naive (naive time / variant time, same %s, same run)\n%*s",
                s->x_name, xw, s->x_name);
        for (size_t v = 0; v < nv; v++)
            if (vs[v] != naive)
                fprintf(out, " %14s", vs[v]->name);
        fputc('\n', out);
        for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++) {
            const struct perflab_cell *base = results_find(r, s->name, "naive", s->xs[i]);
            fprintf(out, "%*s", xw, x_text(s, i, buf, sizeof buf));
            for (size_t v = 0; v < nv; v++) {
                if (vs[v] == naive)
                    continue;
                const struct perflab_cell *c = results_find(r, s->name, vs[v]->name, s->xs[i]);
                if (base == NULL || c == NULL || base->state == CELL_FAILED || c->state == CELL_FAILED) {
                    fprintf(out, " %14s", "-");
                    continue;
                }
                bool guessed = base->state == CELL_EXTRAPOLATED || c->state == CELL_EXTRAPOLATED;
                snprintf(buf2, sizeof buf2, "%s%s%s", guessed ? "~" : "",
                         format_ratio(base->seconds / c->seconds, buf, sizeof buf), guessed ? "*" : "");
                fprintf(out, " %14s", buf2);
            }
            fputc('\n', out);
        }
    }

    if (s->tail_percentiles)
        print_tail(r, s, vs, nv, out);

    print_counters(r, s, vs, nv, out);

    fputc('\n', out);
    for (size_t v = 0; v < nv; v++)
        fprintf(out, "  %-12s %s\n", vs[v]->name, vs[v]->label);
    if (worst != NULL)
        print_spread(r, s, worst, out);
    if (any_extrapolated) {
        fprintf(out, "  * not run: predicted from the fitted slope, because one call would take over %s\n",
                format_seconds(lab_sweep_budget(s), buf, sizeof buf));
        for (size_t v = 0; v < nv; v++) {
            long last = 0;
            for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++)
                last = s->xs[i];
            const struct perflab_cell *c = results_find(r, s->name, vs[v]->name, last);
            if (c != NULL && c->state == CELL_EXTRAPOLATED)
                fprintf(out, "  %s at %s = %s would take ~%s (extrapolated)\n", vs[v]->name, s->x_name,
                        format_count((double)last, buf, sizeof buf),
                        format_seconds(c->seconds, buf2, sizeof buf2));
        }
    }
}

