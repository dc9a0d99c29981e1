/*
 * export.c -- the files make lab-N writes: CSV, JSON and plots. See export.h.
 */
#include "export.h"

#include "gnuplot.h"
#include "json.h"
#include "labdef.h"
#include "provenance.h"
#include "table.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Text for a gnuplot single-quoted string: ' becomes ''. */
static const char *plot_text(const char *text, char *buf, size_t size);

/* The measuring machine, collected once per process (it may run git and
   dpkg-query): the footer every plot carries and the cache marks read it. */
static const struct provenance *machine(void)
{
    static struct provenance p;
    static bool collected = false;
    if (!collected) {
        provenance_collect(&p);
        collected = true;
    }
    return &p;
}

/* The footer every plot carries: where its numbers were measured. */
static const char *plot_footer(void)
{
    static char footer[800];
    if (footer[0] == '\0') {
        char line[700];
        provenance_line(machine(), line, sizeof line);
        plot_text(line, footer, sizeof footer);
    }
    return footer;
}

/* Set by export_queue_plots: plots go to this queue instead of gnuplot. */
static const char *plot_queue;

void export_queue_plots(const char *queue)
{
    plot_queue = queue;
}

int perflab_gnuplot(const char *script, const char *assignments)
{
    /* No shell in between: titles may hold any character but a single quote
       (gnuplot's own string syntax; plot_text() below doubles those).
       common/footer.gp runs first and draws the provenance footer. */
    char *with_footer = malloc(strlen(assignments) + 1024);
    if (with_footer == NULL)
        return -1;
    sprintf(with_footer, "%s; footer='%s'", assignments, plot_footer());
    bool ok = plot_queue != NULL ? gnuplot_queue(plot_queue, script, with_footer)
                                 : gnuplot_draw("common/footer.gp", script, with_footer, NULL);
    free(with_footer);
    return ok ? 0 : -1;
}

/* Text for a gnuplot single-quoted string: ' becomes ''. */
static const char *plot_text(const char *text, char *buf, size_t size)
{
    size_t len = 0;
    for (const char *p = text; *p && len + 2 < size; p++) {
        if (*p == '\'')
            buf[len++] = '\'';
        buf[len++] = *p;
    }
    buf[len] = '\0';
    return buf;
}


/* ---- CSV --------------------------------------------------------------------------- */

static FILE *open_out(const char *dir, const char *name, const char *suffix, char *path, size_t size)
{
    snprintf(path, size, "%s/%s%s", dir, name, suffix);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        fprintf(stderr, "warning: cannot write %s: %s\n", path, strerror(errno));
    return f;
}

static const char *state_name(enum cell_state state)
{
    return state == CELL_MEASURED ? "measured" : state == CELL_EXTRAPOLATED ? "extrapolated" : "failed";
}

int export_csv(const struct perflab_results *r, const struct perflab_sweep *s)
{
    char path[1024];
    FILE *f = open_out(r->out_dir, s->name, ".csv", path, sizeof path);
    if (f == NULL)
        return -1;
    fprintf(f, "sweep,x,x_name,variant,state,median_seconds,cv,repetitions,p95_seconds,p99_seconds,counters\n");
    for (size_t i = 0; i < r->n_cells; i++) {
        const struct perflab_cell *c = &r->cells[i];
        if (c->sweep != s)
            continue;
        const char *x_label = "";
        for (size_t xi = 0; s->x_names != NULL && xi < PERFLAB_MAX_XS && s->xs[xi] != 0; xi++)
            if (s->xs[xi] == c->x)
                x_label = s->x_names[xi];
        fprintf(f, "%s,%ld,%s,%s,%s,%.9g,%.4f,%d,%.9g,%.9g,", s->name, c->x, x_label, c->variant->name,
                state_name(c->state), c->state == CELL_FAILED ? NAN : c->seconds, c->cv, c->repetitions,
                c->p95 > 0 ? c->p95 : NAN, c->p99 > 0 ? c->p99 : NAN);
        for (size_t k = 0; k < c->n_counters; k++)
            fprintf(f, "%s%s=%.17g", k ? ";" : "", c->counters[k].name, c->counters[k].value);
        fputc('\n', f);
    }
    return fclose(f);
}

/* Wide data for gnuplot: x, then per variant the measured value and the
   extrapolated one (which repeats the last measured point, so that the dashed
   line continues the solid one). Missing values are "NaN". */
static int write_plot_data(const struct perflab_results *r, const struct perflab_sweep *s,
                           const struct perflab_variant **vs, size_t nv, bool speedup, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fprintf(f, "x");
    for (size_t v = 0; v < nv; v++) {
        struct power_fit fit;
        char title[256];
        if (!speedup && s->plot == PERFLAB_PLOT_SCALING && results_fit(r, s, vs[v]->name, &fit))
            snprintf(title, sizeof title, "%s (slope %.2f)", vs[v]->name, fit.exponent);
        else
            snprintf(title, sizeof title, "%s", vs[v]->name);
        fprintf(f, ",\"%s\",\"%s extrapolated\"", title, vs[v]->name);
    }
    fputc('\n', f);
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++) {
        long x = s->xs[i];
        long next = i + 1 < PERFLAB_MAX_XS ? s->xs[i + 1] : 0;
        fprintf(f, "%ld", x);
        const struct perflab_cell *base = results_find(r, s->name, "naive", x);
        const struct perflab_cell *base_next = next ? results_find(r, s->name, "naive", next) : NULL;
        for (size_t v = 0; v < nv; v++) {
            const struct perflab_cell *c = results_find(r, s->name, vs[v]->name, x);
            const struct perflab_cell *c_next = next ? results_find(r, s->name, vs[v]->name, next) : NULL;
            double value = NAN;
            bool ok = c != NULL && c->state != CELL_FAILED;
            bool guessed = ok && c->state == CELL_EXTRAPOLATED;
            if (ok && speedup) {
                ok = base != NULL && base->state != CELL_FAILED;
                guessed = guessed || (ok && base->state == CELL_EXTRAPOLATED);
                if (ok)
                    value = base->seconds / c->seconds;
            } else if (ok) {
                value = table_shown_value(s, c);
                if (s->plot == PERFLAB_PLOT_PER_ITEM)
                    value *= 1e9;
            }
            /* The measured point right before the first guessed one starts the dashed line. */
            bool next_guessed = c_next != NULL &&
                                (c_next->state == CELL_EXTRAPOLATED ||
                                 (speedup && base_next != NULL && base_next->state == CELL_EXTRAPOLATED));
            double solid = ok && !guessed ? value : NAN;
            double dashed = ok && (guessed || next_guessed) ? value : NAN;
            fprintf(f, ",%.9g,%.9g", solid, dashed);
        }
        fputc('\n', f);
    }
    return fclose(f);
}

static int any_extrapolated(const struct perflab_results *r, const struct perflab_sweep *s)
{
    for (size_t i = 0; i < r->n_cells; i++)
        if (r->cells[i].sweep == s && r->cells[i].state == CELL_EXTRAPOLATED)
            return 1;
    return 0;
}

/* "1 3 4": each plotted variant's place in the lab, so that a variant has
   the same colour in every plot of the lab (plot_lines.gp's palette). */
static void colour_list(const struct perflab_results *r, const struct perflab_variant **vs, size_t nv,
                        char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t v = 0; v < nv && len < size; v++)
        len += (size_t)snprintf(buf + len, size - len, "%s%td", v ? " " : "", vs[v] - r->lab->variants + 1);
}

/* "mark_x='2670 56990'; mark_name='L1d L2'; mark_of='...'; ": the x at which
   the sweep's footprint (footprint_bytes_per_x) equals each cache level of
   the provenance (the kernel's sizes, which the footer also names), for the
   levels whose x falls inside the sweep's range. */
static void cache_marks(const struct perflab_sweep *s, char *buf, size_t size)
{
    buf[0] = '\0';
    if (s->footprint_bytes_per_x <= 0)
        return;
    const struct provenance *p = machine();
    const struct { long bytes; const char *word; } levels[] = {
        { p->l1d, "L1d" }, { p->l2, "L2" }, { p->l3, "L3" },
    };
    long lo = s->xs[0], hi = lo;
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++)
        hi = s->xs[i];
    char xs[128] = "", names[64] = "", of[200];
    size_t lx = 0, ln = 0;
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++) {
        double x = levels[i].bytes > 0 ? (double)levels[i].bytes / s->footprint_bytes_per_x : 0;
        if (x < (double)lo || x > (double)hi)
            continue;
        lx += (size_t)snprintf(xs + lx, sizeof xs - lx, "%s%.0f", lx ? " " : "", x);
        ln += (size_t)snprintf(names + ln, sizeof names - ln, "%s%s", ln ? " " : "", levels[i].word);
    }
    if (lx == 0)
        return;
    snprintf(buf, size, "mark_x='%s'; mark_name='%s'; mark_of='%s'; ", xs, names,
             plot_text(s->footprint_of ? s->footprint_of : "the data", of, sizeof of));
}

int export_plots(const struct perflab_results *r, const struct perflab_sweep *s)
{
    if (s->plot == PERFLAB_PLOT_NONE || s->x_names != NULL)
        return 0;
    const struct perflab_variant *vs[PERFLAB_MAX_VARIANTS];
    size_t nv = lab_sweep_variants(r->lab, s, vs, PERFLAB_MAX_VARIANTS);
    char data[1024], png[1024], vars[4096], colours[128], title[512], x_label[256];
    int status = 0;

    snprintf(data, sizeof data, "%s/%s.plot.csv", r->work_dir, s->name);
    snprintf(png, sizeof png, "%s/%s.png", r->out_dir, s->name);
    if (write_plot_data(r, s, vs, nv, false, data) != 0)
        return -1;
    bool per_item = s->plot == PERFLAB_PLOT_PER_ITEM;
    char ylabel[128];
    if (per_item)
        snprintf(ylabel, sizeof ylabel, "ns per %s", s->item_name ? s->item_name : "item");
    else
        snprintf(ylabel, sizeof ylabel, "time per call (log scale)");
    char marks[512];
    cache_marks(s, marks, sizeof marks);
    snprintf(vars, sizeof vars,
             "%sdata='%s'; out='%s'; heading='Lab %d: %s'; xlabel='%s'; ylabel='%s'; "
             "yformat='%s'; n=%zu; logy=%d; extrapolated=%d; timeaxis=%d; colours='%s'",
             marks,
             data, png, r->lab->number, plot_text(s->title, title, sizeof title),
             plot_text(s->x_label, x_label, sizeof x_label), ylabel, per_item ? "%g" : "%.0s %cs", nv, per_item ? 0 : 1, any_extrapolated(r, s), per_item ? 0 : 1,
             (colour_list(r, vs, nv, colours, sizeof colours), colours));
    status |= perflab_gnuplot("common/plot_lines.gp", vars);

    const struct perflab_variant *naive = lab_variant(r->lab, "naive");
    const struct perflab_variant *others[PERFLAB_MAX_VARIANTS];
    size_t no = 0;
    bool has_naive = false;
    for (size_t v = 0; v < nv; v++) {
        if (vs[v] == naive)
            has_naive = true;
        else
            others[no++] = vs[v];
    }
    if (s->plot == PERFLAB_PLOT_SCALING && has_naive && no > 0) {
        snprintf(data, sizeof data, "%s/%s-speedup.plot.csv", r->work_dir, s->name);
        snprintf(png, sizeof png, "%s/%s-speedup.png", r->out_dir, s->name);
        if (write_plot_data(r, s, others, no, true, data) != 0)
            return -1;
        snprintf(vars, sizeof vars,
                 "data='%s'; out='%s'; heading='Lab %d: speedup over naive, by %s'; xlabel='%s'; "
                 "ylabel='naive time / variant time (log scale)'; yformat='%%gx'; n=%zu; logy=1; "
                 "extrapolated=%d; colours='%s'",
                 data, png, r->lab->number, s->x_name, x_label, no, any_extrapolated(r, s),
                 (colour_list(r, others, no, colours, sizeof colours), colours));
        status |= perflab_gnuplot("common/plot_lines.gp", vars);
    }
    return status;
}

int export_json(const struct perflab_results *r, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "warning: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct json j;
    json_start(&j, f);
    json_object_begin(&j, NULL);
    json_number(&j, "lab", r->lab->number);
    json_string(&j, "slug", r->lab->slug);
    json_string(&j, "title", r->lab->title);
    json_string(&j, "timer", "google-benchmark, real time, median of repetitions");
    json_bool(&j, "interleaved", r->interleaved);
    provenance_json(machine(), &j);
    /* The noise seen: the worst coefficient of variation over the measured
       cells, and how steady the machine itself was (the probe bench.cc times
       among the same repetitions): its widest and its median spread. */
    const struct perflab_cell *worst = NULL;
    for (size_t i = 0; i < r->n_cells; i++)
        if (r->cells[i].state == CELL_MEASURED && (worst == NULL || r->cells[i].cv > worst->cv))
            worst = &r->cells[i];
    struct noise_floor floor = results_noise_floor(r, NULL);
    json_object_begin(&j, "noise");
    if (worst != NULL) {
        json_number(&j, "worst_cv", worst->cv);
        json_string(&j, "worst_sweep", worst->sweep->name);
        json_string(&j, "worst_variant", worst->variant->name);
        json_number(&j, "worst_x", (double)worst->x);
        if (worst->machine_cv > 0)
            json_number(&j, "machine_cv_at_worst", worst->machine_cv);
    }
    if (floor.sizes > 0) {
        json_number(&j, "machine_cv_median", floor.median_cv);
        json_number(&j, "machine_cv_max", floor.max_cv);
    }
    json_object_end(&j);
    json_array_begin(&j, "sweeps");
    for (size_t si = 0; si < r->lab->n_sweeps; si++) {
        const struct perflab_sweep *s = &r->lab->sweeps[si];
        if (!lab_sweep_enabled(s))
            continue;
        json_object_begin(&j, NULL);
        json_string(&j, "name", s->name);
        json_string(&j, "title", s->title);
        json_string(&j, "x_name", s->x_name);
        json_number(&j, "budget_seconds", lab_sweep_budget(s));
        json_object_begin(&j, "slopes");
        const struct perflab_variant *vs[PERFLAB_MAX_VARIANTS];
        size_t nv = lab_sweep_variants(r->lab, s, vs, PERFLAB_MAX_VARIANTS);
        for (size_t v = 0; v < nv; v++) {
            struct power_fit fit;
            if (results_fit(r, s, vs[v]->name, &fit))
                json_number(&j, vs[v]->name, fit.exponent);
        }
        json_object_end(&j);
        json_array_begin(&j, "cells");
        for (size_t i = 0; i < r->n_cells; i++) {
            const struct perflab_cell *c = &r->cells[i];
            if (c->sweep != s)
                continue;
            json_object_begin(&j, NULL);
            json_number(&j, "x", (double)c->x);
            json_string(&j, "variant", c->variant->name);
            json_string(&j, "state", state_name(c->state));
            if (c->state == CELL_FAILED)
                json_null(&j, "seconds");
            else
                json_number(&j, "seconds", c->seconds);
            if (c->state == CELL_MEASURED) {
                json_number(&j, "cv", c->cv);
                if (c->machine_cv > 0)
                    json_number(&j, "machine_cv", c->machine_cv);
                json_number(&j, "repetitions", c->repetitions);
                json_number(&j, "iterations", c->iterations);
                if (c->p95 > 0) {
                    json_number(&j, "p95_seconds", c->p95);
                    json_number(&j, "p99_seconds", c->p99);
                }
            }
            if (c->n_counters > 0) {
                json_object_begin(&j, "counters");
                for (size_t k = 0; k < c->n_counters; k++)
                    json_number(&j, c->counters[k].name, c->counters[k].value);
                json_object_end(&j);
            }
            json_object_end(&j);
        }
        json_array_end(&j);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_end(&j);
    json_finish(&j);
    return fclose(f);
}

