/*
 * results.c -- the store of bench's cells, and the slopes fitted to them.
 * See results.h for the design.
 */
#include "results.h"

#include "labdef.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

const char *perflab_work_dir(const struct perflab_results *r)
{
    return r->work_dir;
}

double perflab_per_process(const char *metric, const char *variant, long x)
{
    /* Lines "METRIC VARIANT X VALUE", written by the front end (lab.c). */
    FILE *f = fopen("per-process.txt", "r");
    if (f == NULL)
        return -1;
    char line[256], m[64], v[64];
    long at;
    double value, found = -1;
    while (found < 0 && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "%63s %63s %ld %lf", m, v, &at, &value) == 4 && strcmp(m, metric) == 0 &&
            strcmp(v, variant) == 0 && at == x)
            found = value;
    fclose(f);
    return found;
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
    size_t keep = (size_t)lab_sweep_fit_points(s);
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
    if (predicted > lab_sweep_budget(s))
        return predicted;
    /* Once a size was skipped, skip every larger one too. */
    for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0 && s->xs[i] < x; i++) {
        const struct perflab_cell *c = results_find(r, s->name, variant, s->xs[i]);
        if (c != NULL && c->state == CELL_EXTRAPOLATED)
            return predicted;
    }
    return 0;
}


static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

struct noise_floor results_noise_floor(const struct perflab_results *r, const struct perflab_sweep *s)
{
    /* Every measured cell of a size carries that size's probe spread; take
       each (sweep, x) once, at its first measured cell. */
    struct noise_floor floor = { 0, 0, 0 };
    double *cvs = malloc((r->n_cells + 1) * sizeof *cvs);
    if (cvs == NULL)
        return floor;
    for (size_t i = 0; i < r->n_cells; i++) {
        const struct perflab_cell *c = &r->cells[i];
        if (c->state != CELL_MEASURED || c->machine_cv <= 0 || (s != NULL && c->sweep != s))
            continue;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = r->cells[k].sweep == c->sweep && r->cells[k].x == c->x && r->cells[k].state == CELL_MEASURED &&
                   r->cells[k].machine_cv > 0;
        if (!seen)
            cvs[floor.sizes++] = c->machine_cv;
    }
    if (floor.sizes > 0) {
        qsort(cvs, floor.sizes, sizeof *cvs, compare_doubles);
        floor.max_cv = cvs[floor.sizes - 1];
        floor.median_cv = floor.sizes % 2 ? cvs[floor.sizes / 2]
                                          : (cvs[floor.sizes / 2 - 1] + cvs[floor.sizes / 2]) / 2;
    }
    free(cvs);
    return floor;
}
