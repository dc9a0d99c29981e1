/*
 * results.c -- tables, fits, CSV, JSON and plots from bench's medians.
 * See results.h for the design.
 */
#include "results.h"

#include "child.h"
#include "format.h"
#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_VARIANTS = 12, DEFAULT_FIT_POINTS = 4 };

/* ---- the store -------------------------------------------------------------- */

void results_init(struct perflab_results *r, const struct perflab_lab *lab,
                  const char *out_dir, const char *work_dir)
{
    memset(r, 0, sizeof *r);
    r->lab = lab;
    snprintf(r->out_dir, sizeof r->out_dir, "%s", out_dir);
    snprintf(r->work_dir, sizeof r->work_dir, "%s", work_dir);
}

void results_free(struct perflab_results *r)
{
    free(r->cells);
    r->cells = NULL;
    r->n_cells = r->cap_cells = 0;
}

struct perflab_cell *results_add(struct perflab_results *r, const struct perflab_sweep *s,
                                 const struct perflab_variant *v, long x)
{
    if (r->n_cells == r->cap_cells) {
        size_t cap = r->cap_cells ? r->cap_cells * 2 : 64;
        struct perflab_cell *grown = realloc(r->cells, cap * sizeof *grown);
        if (grown == NULL)
            return NULL;
        r->cells = grown;
        r->cap_cells = cap;
    }
    struct perflab_cell *c = &r->cells[r->n_cells++];
    memset(c, 0, sizeof *c);
    c->sweep = s;
    c->variant = v;
    c->x = x;
    return c;
}

const struct perflab_cell *results_find(const struct perflab_results *r, const char *sweep,
                                        const char *variant, long x)
{
    for (size_t i = 0; i < r->n_cells; i++) {
        const struct perflab_cell *c = &r->cells[i];
        if (c->x == x && strcmp(c->sweep->name, sweep) == 0 && strcmp(c->variant->name, variant) == 0)
            return c;
    }
    return NULL;
}

/* ---- the API workload.c report hooks use (workload.h) ------------------------ */

double perflab_median(const struct perflab_results *r, const char *sweep, const char *variant, long x)
{
    const struct perflab_cell *c = results_find(r, sweep, variant, x);
    return c != NULL && c->state == CELL_MEASURED ? c->seconds : -1;
}

double perflab_counter_value(const struct perflab_results *r, const char *sweep, const char *variant,
                       long x, const char *counter)
{
    const struct perflab_cell *c = results_find(r, sweep, variant, x);
    if (c == NULL || c->state != CELL_MEASURED)
        return -1;
    for (size_t i = 0; i < c->n_counters; i++)
        if (strcmp(c->counters[i].name, counter) == 0)
            return c->counters[i].value;
    return -1;
}

const char *perflab_out_dir(const struct perflab_results *r)
{
    return r->out_dir;
}

int perflab_gnuplot(const char *script, const char *assignments)
{
    /* No shell in between: titles may hold any character but a single quote
       (gnuplot's own string syntax; plot_text() below doubles those). */
    char *argv[] = { "gnuplot", "-e", (char *)assignments, (char *)script, NULL };
    struct child_limits limits = { .timeout_s = 60 };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
    for (char *line = strtok(r.output, "\n"); line != NULL; line = strtok(NULL, "\n"))
        if (strstr(line, "no valid points") == NULL) /* an all-NaN column: nothing was extrapolated */
            fprintf(stderr, "gnuplot: %s\n", line);
    if (!ok)
        fprintf(stderr, "warning: gnuplot %s failed (is gnuplot installed? make deps)\n", script);
    child_result_free(&r);
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

/* ---- lab lookups -------------------------------------------------------------- */

size_t sweep_variants(const struct perflab_lab *lab, const struct perflab_sweep *s,
                      const struct perflab_variant **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < lab->n_variants && n < max; i++) {
        bool listed = s->variants == NULL;
        for (const char *const *name = s->variants; name != NULL && *name != NULL; name++)
            listed = listed || strcmp(*name, lab->variants[i].name) == 0;
        if (listed)
            out[n++] = &lab->variants[i];
    }
    return n;
}

const struct perflab_sweep *lab_sweep(const struct perflab_lab *lab, const char *name)
{
    for (size_t i = 0; i < lab->n_sweeps; i++)
        if (strcmp(lab->sweeps[i].name, name) == 0)
            return &lab->sweeps[i];
    return NULL;
}

const struct perflab_variant *lab_variant(const struct perflab_lab *lab, const char *name)
{
    for (size_t i = 0; i < lab->n_variants; i++)
        if (strcmp(lab->variants[i].name, name) == 0)
            return &lab->variants[i];
    return NULL;
}

double sweep_budget(const struct perflab_sweep *s)
{
    return s->budget_s > 0 ? s->budget_s : 1.0;
}

bool sweep_enabled(const struct perflab_sweep *s)
{
    return s->enabled == NULL || s->enabled();
}

static int sweep_fit_points(const struct perflab_sweep *s)
{
    return s->fit_points > 0 ? s->fit_points : DEFAULT_FIT_POINTS;
}

/* ---- fits and the time budget --------------------------------------------------- */

bool results_fit(const struct perflab_results *r, const struct perflab_sweep *s,
                 const char *variant, struct power_fit *fit)
{
    if (s->x_names != NULL || s->fit_points < 0)
        return false; /* categorical x, or a sweep that asks for no slope */
    double xs[PERFLAB_MAX_XS], ys[PERFLAB_MAX_XS];
    size_t n = 0;
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++) {
        const struct perflab_cell *c = results_find(r, s->name, variant, s->xs[i]);
        if (c != NULL && c->state == CELL_MEASURED) {
            xs[n] = (double)c->x;
            ys[n] = c->seconds;
            n++;
        }
    }
    size_t keep = (size_t)sweep_fit_points(s);
    size_t first = n > keep ? n - keep : 0; /* the largest x: the asymptotic regime */
    return fit_power_law(xs + first, ys + first, n - first, fit);
}

double results_skip_prediction(const struct perflab_results *r, const struct perflab_sweep *s,
                               const char *variant, long x)
{
    struct power_fit fit;
    if (!results_fit(r, s, variant, &fit))
        return 0;
    double predicted = power_fit_predict(&fit, (double)x);
    if (predicted > sweep_budget(s))
        return predicted;
    /* Once a size was skipped, skip every larger one too. */
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0 && s->xs[i] < x; i++) {
        const struct perflab_cell *c = results_find(r, s->name, variant, s->xs[i]);
        if (c != NULL && c->state == CELL_EXTRAPOLATED)
            return predicted;
    }
    return 0;
}

/* ---- the table ------------------------------------------------------------------- */

static const char *x_text(const struct perflab_sweep *s, size_t i, char *buf, size_t size)
{
    if (s->x_names != NULL)
        return s->x_names[i];
    return format_count((double)s->xs[i], buf, size);
}

/* Per item (PERFLAB_PLOT_PER_ITEM) or per call. */
static double shown_value(const struct perflab_sweep *s, const struct perflab_cell *c)
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
        snprintf(buf, size, "~%s*", format_seconds(shown_value(s, c), t, sizeof t));
    else
        snprintf(buf, size, "%s", format_seconds(shown_value(s, c), t, sizeof t));
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

void report_table(const struct perflab_results *r, const struct perflab_sweep *s, FILE *out)
{
    const struct perflab_variant *vs[MAX_VARIANTS];
    size_t nv = sweep_variants(r->lab, s, vs, MAX_VARIANTS);
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
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++) {
        fprintf(out, "%*s", xw, x_text(s, i, buf, sizeof buf));
        for (size_t v = 0; v < nv; v++) {
            const struct perflab_cell *c = results_find(r, s->name, vs[v]->name, s->xs[i]);
            fprintf(out, " %14s", cell_text(s, c, buf2, sizeof buf2));
            if (c != NULL && c->state == CELL_EXTRAPOLATED)
                any_extrapolated = true;
            if (c != NULL && c->state == CELL_MEASURED && c->cv > worst_cv)
                worst_cv = c->cv;
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
                xw, "", sweep_fit_points(s), s->x_name);
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

    print_counters(r, s, vs, nv, out);

    fputc('\n', out);
    for (size_t v = 0; v < nv; v++)
        fprintf(out, "  %-12s %s\n", vs[v]->name, vs[v]->label);
    if (worst_cv > 0)
        fprintf(out, "  spread: the repetitions of every measured cell agree within %.1f%% (coefficient of variation)\n",
                100 * worst_cv);
    if (any_extrapolated) {
        fprintf(out, "  * not run: predicted from the fitted slope, because one call would take over %s\n",
                format_seconds(sweep_budget(s), buf, sizeof buf));
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

/* ---- files ------------------------------------------------------------------------- */

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

int report_csv(const struct perflab_results *r, const struct perflab_sweep *s)
{
    char path[1024];
    FILE *f = open_out(r->out_dir, s->name, ".csv", path, sizeof path);
    if (f == NULL)
        return -1;
    fprintf(f, "sweep,x,x_name,variant,state,median_seconds,cv,repetitions,counters\n");
    for (size_t i = 0; i < r->n_cells; i++) {
        const struct perflab_cell *c = &r->cells[i];
        if (c->sweep != s)
            continue;
        const char *x_label = "";
        for (size_t xi = 0; s->x_names != NULL && xi < PERFLAB_MAX_XS && s->xs[xi] != 0; xi++)
            if (s->xs[xi] == c->x)
                x_label = s->x_names[xi];
        fprintf(f, "%s,%ld,%s,%s,%s,%.9g,%.4f,%d,", s->name, c->x, x_label, c->variant->name, state_name(c->state),
                c->state == CELL_FAILED ? NAN : c->seconds, c->cv, c->repetitions);
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
                value = shown_value(s, c);
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

int report_plots(const struct perflab_results *r, const struct perflab_sweep *s)
{
    if (s->plot == PERFLAB_PLOT_NONE || s->x_names != NULL)
        return 0;
    const struct perflab_variant *vs[MAX_VARIANTS];
    size_t nv = sweep_variants(r->lab, s, vs, MAX_VARIANTS);
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
    snprintf(vars, sizeof vars,
             "data='%s'; out='%s'; heading='Lab %d: %s'; xlabel='%s'; ylabel='%s'; "
             "yformat='%s'; n=%zu; logy=%d; extrapolated=%d; timeaxis=%d; colours='%s'",
             data, png, r->lab->number, plot_text(s->title, title, sizeof title),
             plot_text(s->x_label, x_label, sizeof x_label), ylabel, per_item ? "%g" : "%.0s %cs", nv, per_item ? 0 : 1, any_extrapolated(r, s), per_item ? 0 : 1,
             (colour_list(r, vs, nv, colours, sizeof colours), colours));
    status |= perflab_gnuplot("common/plot_lines.gp", vars);

    const struct perflab_variant *naive = lab_variant(r->lab, "naive");
    const struct perflab_variant *others[MAX_VARIANTS];
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
                 "data='%s'; out='%s'; heading='Lab %d: speedup over naive (sweep %s)'; xlabel='%s'; "
                 "ylabel='naive time / variant time (log scale)'; yformat='%%gx'; n=%zu; logy=1; "
                 "extrapolated=%d; colours='%s'",
                 data, png, r->lab->number, s->name, x_label, no, any_extrapolated(r, s),
                 (colour_list(r, others, no, colours, sizeof colours), colours));
        status |= perflab_gnuplot("common/plot_lines.gp", vars);
    }
    return status;
}

int report_json(const struct perflab_results *r, const char *path)
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
    json_array_begin(&j, "sweeps");
    for (size_t si = 0; si < r->lab->n_sweeps; si++) {
        const struct perflab_sweep *s = &r->lab->sweeps[si];
        if (!sweep_enabled(s))
            continue;
        json_object_begin(&j, NULL);
        json_string(&j, "name", s->name);
        json_string(&j, "title", s->title);
        json_string(&j, "x_name", s->x_name);
        json_number(&j, "budget_seconds", sweep_budget(s));
        json_object_begin(&j, "slopes");
        const struct perflab_variant *vs[MAX_VARIANTS];
        size_t nv = sweep_variants(r->lab, s, vs, MAX_VARIANTS);
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
                json_number(&j, "repetitions", c->repetitions);
                json_number(&j, "iterations", c->iterations);
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

/* ---- targets ------------------------------------------------------------------------ */

static const char *sweep_x_name(const struct perflab_lab *lab, const char *sweep)
{
    const struct perflab_sweep *s = lab_sweep(lab, sweep);
    return s != NULL ? s->x_name : "x";
}

static void list_xs(const long *xs, char *buf, size_t size)
{
    char num[32];
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < 8 && xs[i] != 0 && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", format_count((double)xs[i], num, sizeof num));
}

/* Does the lab grade on more than one sweep? Then each target names its own. */
static bool criteria_use_several_sweeps(const struct perflab_lab *lab)
{
    for (const struct perflab_criterion *c = lab->criteria; c->sweep != NULL; c++)
        if (strcmp(c->sweep, lab->criteria[0].sweep) != 0)
            return true;
    return false;
}

const char *criterion_text(const struct perflab_lab *lab, const struct perflab_criterion *c,
                           char *buf, size_t size)
{
    char xs[160], bound[32], where[96] = "";
    list_xs(c->xs, xs, sizeof xs);
    const char *x = sweep_x_name(lab, c->sweep);
    const char *how = strcmp(c->metric, "instructions") == 0 ? "instructions, counted by callgrind" : c->metric;
    if (criteria_use_several_sweeps(lab))
        snprintf(where, sizeof where, ", sweep '%s'", c->sweep);
    switch (c->kind) {
    case PERFLAB_WORK_RATIO:
        snprintf(buf, size, "work ratio naive/yours >= %s (%s, at %s = %s%s)",
                 format_ratio(c->bound, bound, sizeof bound), how, x, xs, where);
        break;
    case PERFLAB_EXPONENT:
        snprintf(buf, size, "scaling exponent of yours <= %.2f (log-log slope of %s over %s = %s%s)",
                 c->bound, how, x, xs, where);
        break;
    case PERFLAB_AT_MOST:
        snprintf(buf, size, "%s per call <= %s (at %s = %s%s)", c->metric,
                 c->bound_text ? c->bound_text : "the bound", x, xs, where);
        break;
    }
    return buf;
}

void report_targets(const struct perflab_lab *lab, FILE *out)
{
    char buf[512];
    for (const struct perflab_criterion *c = lab->criteria; c->sweep != NULL; c++)
        fprintf(out, "- %s\n", criterion_text(lab, c, buf, sizeof buf));
}
