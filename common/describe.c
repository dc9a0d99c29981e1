/*
 * describe.c -- write and read a lab's facts (describe.h).
 */
#include "describe.h"

#include "labdef.h"

#include <stdlib.h>
#include <string.h>

static const char *const KIND_NAMES[] = {
    [PERFLAB_WORK_RATIO] = "work_ratio",
    [PERFLAB_EXPONENT] = "exponent",
    [PERFLAB_AT_MOST] = "at_most",
};

const char *describe_kind_name(enum perflab_criterion_kind kind)
{
    return (size_t)kind < sizeof KIND_NAMES / sizeof KIND_NAMES[0] ? KIND_NAMES[kind] : "?";
}

static bool kind_from_name(const char *name, enum perflab_criterion_kind *kind)
{
    for (size_t k = 0; k < sizeof KIND_NAMES / sizeof KIND_NAMES[0]; k++)
        if (strcmp(name, KIND_NAMES[k]) == 0) {
            *kind = (enum perflab_criterion_kind)k;
            return true;
        }
    return false;
}

static double or_default(double value, double fallback)
{
    return value > 0 ? value : fallback;
}

/* ---- writing ------------------------------------------------------------------ */

void describe_write(const struct perflab_lab *lab, FILE *out)
{
    fprintf(out, "lab %d\nslug %s\ntitle %s\ntrap %s\n", lab->number, lab->slug, lab->title, lab->trap);
    fprintf(out, "test_timeout %.17g\nperf_timeout %.17g\n",
            or_default(lab->test_timeout_s, PERFLAB_DEFAULT_TEST_TIMEOUT_S),
            or_default(lab->perf_timeout_s, PERFLAB_DEFAULT_PERF_TIMEOUT_S));
    fprintf(out, "variants");
    for (size_t i = 0; i < lab->n_variants; i++)
        fprintf(out, " %s", lab->variants[i].name);
    fprintf(out, "\n");
    int index = 0;
    for (const struct perflab_criterion *c = lab->criteria; c->sweep != NULL && index < PERFLAB_MAX_CRITERIA;
         c++, index++) {
        char text[512];
        const struct perflab_sweep *s = lab_sweep(lab, c->sweep);
        fprintf(out, "criterion %d %s %s %s %.17g", index, describe_kind_name(c->kind), c->sweep, c->metric,
                c->bound);
        for (size_t i = 0; i < PERFLAB_MAX_CRITERION_XS && c->xs[i] != 0; i++)
            fprintf(out, " %ld", c->xs[i]);
        fprintf(out, "\n");
        if (c->kind == PERFLAB_AT_MOST && c->bound_at != NULL)
            for (size_t i = 0; i < PERFLAB_MAX_CRITERION_XS && c->xs[i] != 0; i++)
                fprintf(out, "bound %d %ld %.17g\n", index, c->xs[i], c->bound_at(c->xs[i]));
        fprintf(out, "xname %d %s\n", index, s != NULL ? s->x_name : "x");
        fprintf(out, "text %d %s\n", index, lab_criterion_text(lab, c, text, sizeof text));
        const struct perflab_sweep *parts = c->breakdown != NULL ? lab_sweep(lab, c->breakdown) : NULL;
        if (parts != NULL && parts->x_names != NULL) {
            fprintf(out, "breakdown %d %s\n", index, parts->name);
            for (size_t i = 0; i < PERFLAB_MAX_XS && parts->xs[i] != 0; i++)
                fprintf(out, "part %d %ld %s\n", index, parts->xs[i], parts->x_names[i]);
        }
    }
    if (lab->bench_service != NULL)
        fprintf(out, "bench_service yes\n");
    const struct perflab_sweep *per = lab->per_process.sweep ? lab_sweep(lab, lab->per_process.sweep) : NULL;
    if (per != NULL) {
        fprintf(out, "per_process %s", per->name);
        for (size_t i = 0; i < PERFLAB_MAX_PER_PROCESS_METRICS && lab->per_process.metrics[i] != NULL; i++)
            fprintf(out, " %s", lab->per_process.metrics[i]);
        fprintf(out, "\nper_process_xs");
        for (size_t i = 0; i < PERFLAB_MAX_XS && per->xs[i] != 0; i++)
            fprintf(out, " %ld", per->xs[i]);
        fprintf(out, "\n");
    }
}

/* ---- reading ------------------------------------------------------------------ */

/* "criterion 0 work_ratio scaling instructions 10 20000 ..." */
static bool read_criterion(struct lab_info *info, const char *rest)
{
    int index;
    char kind[32];
    int used = 0;
    struct criterion_info c;
    memset(&c, 0, sizeof c);
    if (sscanf(rest, "%d %31s %63s %63s %lf%n", &index, kind, c.sweep, c.metric, &c.bound, &used) != 5 ||
        index < 0 || index >= PERFLAB_MAX_CRITERIA || !kind_from_name(kind, &c.kind))
        return false;
    const char *p = rest + used;
    while (c.n_xs < PERFLAB_MAX_CRITERION_XS) {
        char *end;
        long x = strtol(p, &end, 10);
        if (end == p)
            break;
        c.xs[c.n_xs++] = x;
        p = end;
    }
    if (c.n_xs == 0)
        return false;
    info->criteria[index] = c;
    if ((size_t)index + 1 > info->n_criteria)
        info->n_criteria = (size_t)index + 1;
    return true;
}

/* "bound 0 1000 11": criterion 0's bound at x = 1000. */
static bool read_bound(struct lab_info *info, const char *rest)
{
    int index;
    long x;
    double bound;
    if (sscanf(rest, "%d %ld %lf", &index, &x, &bound) != 3 || index < 0 || index >= PERFLAB_MAX_CRITERIA)
        return false;
    struct criterion_info *c = &info->criteria[index];
    for (size_t i = 0; i < c->n_xs; i++)
        if (c->xs[i] == x)
            c->bound_at[i] = bound;
    return true;
}

/* "breakdown 0 schemes" and "part 0 1 random": the sweep that splits the work. */
static bool read_breakdown(struct lab_info *info, const char *key, const char *rest)
{
    int index, used = 0;
    if (sscanf(rest, "%d %n", &index, &used) != 1 || index < 0 || index >= PERFLAB_MAX_CRITERIA)
        return false;
    struct criterion_info *c = &info->criteria[index];
    if (strcmp(key, "breakdown") == 0) {
        snprintf(c->breakdown, sizeof c->breakdown, "%s", rest + used);
        return true;
    }
    long x;
    int more = 0;
    if (sscanf(rest + used, "%ld %n", &x, &more) != 1 || c->n_parts >= PERFLAB_MAX_XS)
        return false;
    c->part_xs[c->n_parts] = x;
    snprintf(c->part_names[c->n_parts], sizeof c->part_names[0], "%s", rest + used + more);
    c->n_parts++;
    return true;
}

/* "text 2 ..." or "xname 2 ...": the rest of the line belongs to criterion 2. */
static bool read_criterion_words(struct lab_info *info, const char *key, const char *rest)
{
    int index, used = 0;
    if (sscanf(rest, "%d %n", &index, &used) != 1 || index < 0 || index >= PERFLAB_MAX_CRITERIA)
        return false;
    struct criterion_info *c = &info->criteria[index];
    if (strcmp(key, "text") == 0)
        snprintf(c->text, sizeof c->text, "%s", rest + used);
    else
        snprintf(c->x_name, sizeof c->x_name, "%s", rest + used);
    return true;
}

/* "per_process SWEEP METRIC..." and "per_process_xs X...". */
static bool read_per_process(struct lab_info *info, const char *key, char *rest)
{
    char *save = NULL;
    bool xs = strcmp(key, "per_process_xs") == 0;
    for (char *w = strtok_r(rest, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
        if (xs) {
            char *end;
            long x = strtol(w, &end, 10);
            if (*end != '\0' || x <= 0 || info->n_per_process_xs >= PERFLAB_MAX_XS)
                return false;
            info->per_process_xs[info->n_per_process_xs++] = x;
        } else if (info->per_process_sweep[0] == '\0') {
            snprintf(info->per_process_sweep, sizeof info->per_process_sweep, "%s", w);
        } else if (info->n_per_process_metrics < PERFLAB_MAX_PER_PROCESS_METRICS) {
            snprintf(info->per_process_metrics[info->n_per_process_metrics++], sizeof info->per_process_metrics[0],
                     "%s", w);
        } else {
            return false;
        }
    }
    return true;
}

static void read_variants(struct lab_info *info, char *rest)
{
    char *save = NULL;
    for (char *v = strtok_r(rest, " ", &save); v != NULL && info->n_variants < PERFLAB_MAX_VARIANTS;
         v = strtok_r(NULL, " ", &save))
        snprintf(info->variants[info->n_variants++], sizeof info->variants[0], "%s", v);
}

bool describe_read(char *text, struct lab_info *info, char *error, size_t error_size)
{
    memset(info, 0, sizeof *info);
    bool ok = true;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line != NULL && ok; line = strtok_r(NULL, "\n", &save)) {
        char *rest = strchr(line, ' ');
        if (rest == NULL)
            continue;
        *rest++ = '\0';
        if (strcmp(line, "lab") == 0)
            info->number = atoi(rest);
        else if (strcmp(line, "slug") == 0)
            snprintf(info->slug, sizeof info->slug, "%s", rest);
        else if (strcmp(line, "title") == 0)
            snprintf(info->title, sizeof info->title, "%s", rest);
        else if (strcmp(line, "trap") == 0)
            snprintf(info->trap, sizeof info->trap, "%s", rest);
        else if (strcmp(line, "test_timeout") == 0)
            info->test_timeout_s = atof(rest);
        else if (strcmp(line, "perf_timeout") == 0)
            info->perf_timeout_s = atof(rest);
        else if (strcmp(line, "variants") == 0)
            read_variants(info, rest);
        else if (strcmp(line, "criterion") == 0)
            ok = read_criterion(info, rest);
        else if (strcmp(line, "bound") == 0)
            ok = read_bound(info, rest);
        else if (strcmp(line, "text") == 0 || strcmp(line, "xname") == 0)
            ok = read_criterion_words(info, line, rest);
        else if (strcmp(line, "breakdown") == 0 || strcmp(line, "part") == 0)
            ok = read_breakdown(info, line, rest);
        else if (strcmp(line, "per_process") == 0 || strcmp(line, "per_process_xs") == 0)
            ok = read_per_process(info, line, rest);
        else if (strcmp(line, "bench_service") == 0)
            info->bench_service = strcmp(rest, "yes") == 0;
    }
    info->test_timeout_s = or_default(info->test_timeout_s, PERFLAB_DEFAULT_TEST_TIMEOUT_S);
    info->perf_timeout_s = or_default(info->perf_timeout_s, PERFLAB_DEFAULT_PERF_TIMEOUT_S);
    if (!ok)
        snprintf(error, error_size, "a line of the lab's description could not be read");
    else if (info->number <= 0 || info->slug[0] == '\0' || info->n_variants == 0)
        snprintf(error, error_size, "the description names no lab, slug or variants");
    else
        return true;
    return false;
}
