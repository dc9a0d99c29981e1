/*
 * labdef.c -- looking things up in a lab's definition (workload.h), and its
 * targets as text. See labdef.h.
 */
#include "labdef.h"

#include "format.h"

#include <stdio.h>
#include <string.h>

enum { DEFAULT_FIT_POINTS = 4 };

/* ---- lookups ----------------------------------------------------------------- */

size_t lab_sweep_variants(const struct perflab_lab *lab, const struct perflab_sweep *s,
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

double lab_sweep_budget(const struct perflab_sweep *s)
{
    return s->budget_s > 0 ? s->budget_s : 1.0;
}

bool lab_sweep_enabled(const struct perflab_sweep *s)
{
    return s->enabled == NULL || s->enabled();
}

int lab_sweep_fit_points(const struct perflab_sweep *s)
{
    return s->fit_points > 0 ? s->fit_points : DEFAULT_FIT_POINTS;
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
    for (size_t i = 0; i < PERFLAB_MAX_CRITERION_XS && xs[i] != 0 && len < size; i++)
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

const char *lab_criterion_text(const struct perflab_lab *lab, const struct perflab_criterion *c,
                           char *buf, size_t size)
{
    char xs[160], bound[32], where[96] = "";
    list_xs(c->xs, xs, sizeof xs);
    const char *x = sweep_x_name(lab, c->sweep);
    const char *how = strcmp(c->metric, "instructions") == 0      ? "instructions, counted by callgrind"
                      : strcmp(c->metric, "syscalls") == 0        ? "system calls, counted by callgrind"
                      : strcmp(c->metric, "heap_bytes") == 0      ? "peak heap bytes, measured by valgrind's massif"
                      : strcmp(c->metric, "footprint_bytes") == 0 ? "peak mapped bytes, measured by valgrind's massif"
                                                                  : c->metric;
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

void lab_targets(const struct perflab_lab *lab, FILE *out)
{
    char buf[512];
    for (const struct perflab_criterion *c = lab->criteria; c->sweep != NULL; c++)
        fprintf(out, "- %s\n", lab_criterion_text(lab, c, buf, sizeof buf));
}
