/*
 * figures.c -- compute the course's quoted figures from plots/lab-N/. See figures.h.
 *
 * Design: one small recursive-descent evaluator over the lab's committed
 * data; a block that cannot be computed (an unknown name, a missing cell) is
 * an error, never left as it was, so a figure cannot outlive its data.
 */
#include "figures.h"

#include "../format.h"
#include "../jsonread.h"
#include "files.h"
#include "labs.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char BEGIN[] = "<!-- figure ";
static const char END[] = "<!-- /figure -->";

/* ---- one lab's data ------------------------------------------------------------------ */

struct lab_data {
    int lab;
    char slug[128];
    struct jv results; /* plots/lab-N/results.json (JV_NULL when absent) */
    char *definitions; /* labs/NN-slug/measure/figures */
};

static bool load_lab(int lab, struct lab_data *d, char *why, size_t why_size)
{
    memset(d, 0, sizeof *d);
    d->lab = lab;
    if (!labs_slug(lab, d->slug, sizeof d->slug)) {
        snprintf(why, why_size, "there is no lab %d", lab);
        return false;
    }
    char path[400];
    snprintf(path, sizeof path, "labs/%s/measure/figures", d->slug);
    d->definitions = file_read(path, NULL);
    if (d->definitions == NULL) {
        snprintf(why, why_size, "%.250s does not exist", path);
        return false;
    }
    snprintf(path, sizeof path, "plots/lab-%d/results.json", lab);
    char *text = file_read(path, NULL);
    char error[200];
    if (text != NULL && !jv_parse(text, &d->results, error, sizeof error)) {
        snprintf(why, why_size, "%.200s: %.90s", path, error);
        free(text);
        return false;
    }
    free(text);
    return true;
}

static void free_lab(struct lab_data *d)
{
    jv_free(&d->results);
    free(d->definitions);
}

/* ---- the sources --------------------------------------------------------------------- */

struct eval {
    const struct lab_data *d;
    const char *p;
    char *why;
    size_t why_size;
    bool failed;
    const char *text; /* set by text(): the figure is a string */
    bool predicted;   /* a cell or row used was extrapolated, not measured: printed "~" */
};

static double fail(struct eval *e, const char *fmt, const char *arg)
{
    if (!e->failed)
        snprintf(e->why, e->why_size, fmt, arg);
    e->failed = true;
    return NAN;
}

static const struct jv *json_path(const struct jv *root, const char *path)
{
    char copy[300];
    snprintf(copy, sizeof copy, "%s", path);
    const struct jv *v = root;
    for (char *key = strtok(copy, "."); key != NULL && v != NULL; key = strtok(NULL, ".")) {
        if (v->kind == JV_ARRAY) {
            char *end;
            unsigned long i = strtoul(key, &end, 10);
            v = *end == '\0' && i < v->n ? &v->items[i] : NULL;
        } else
            v = jv_get(v, key);
    }
    return v;
}

static const struct jv *find_sweep(const struct lab_data *d, const char *name)
{
    const struct jv *sweeps = jv_get(&d->results, "sweeps");
    for (size_t i = 0; sweeps != NULL && sweeps->kind == JV_ARRAY && i < sweeps->n; i++) {
        const struct jv *n = jv_get(&sweeps->items[i], "name");
        if (n != NULL && n->kind == JV_STRING && strcmp(n->string, name) == 0)
            return &sweeps->items[i];
    }
    return NULL;
}

static double number_or_fail(struct eval *e, const struct jv *v, const char *what)
{
    if (v == NULL || v->kind != JV_NUMBER)
        return fail(e, "no number for %s in the committed results.json", what);
    return v->number;
}

static double source_cell(struct eval *e, char **args, int n, const char *call)
{
    if (n != 4)
        return fail(e, "%s: cell() takes SWEEP, VARIANT, X, FIELD", call);
    const struct jv *s = find_sweep(e->d, args[0]);
    const struct jv *cells = s ? jv_get(s, "cells") : NULL;
    double x = atof(args[2]);
    for (size_t i = 0; cells != NULL && cells->kind == JV_ARRAY && i < cells->n; i++) {
        const struct jv *c = &cells->items[i], *v = jv_get(c, "variant"), *cx = jv_get(c, "x");
        if (v == NULL || v->kind != JV_STRING || strcmp(v->string, args[1]) != 0 || cx == NULL || cx->number != x)
            continue;
        const struct jv *field = jv_get(c, args[3]), *state = jv_get(c, "state");
        if (field == NULL)
            field = jv_get(jv_get(c, "counters"), args[3]);
        if (state != NULL && state->kind == JV_STRING && strcmp(state->string, "measured") != 0)
            e->predicted = true;
        return number_or_fail(e, field, call);
    }
    return fail(e, "no cell %s in the committed results.json", call);
}

/* argmin(SWEEP, VARIANT, FIELD): the x of the measured cell with the smallest
   FIELD, so that prose can name "the best leaf size" without typing it. */
static double source_argmin(struct eval *e, char **args, int n, const char *call)
{
    if (n != 3)
        return fail(e, "%s: argmin() takes SWEEP, VARIANT, FIELD", call);
    const struct jv *s = find_sweep(e->d, args[0]);
    const struct jv *cells = s ? jv_get(s, "cells") : NULL;
    double best = INFINITY, best_x = NAN;
    for (size_t i = 0; cells != NULL && cells->kind == JV_ARRAY && i < cells->n; i++) {
        const struct jv *c = &cells->items[i], *v = jv_get(c, "variant"), *st = jv_get(c, "state");
        const struct jv *x = jv_get(c, "x"), *field = jv_get(c, args[2]);
        if (field == NULL)
            field = jv_get(jv_get(c, "counters"), args[2]);
        if (v == NULL || v->kind != JV_STRING || strcmp(v->string, args[1]) != 0 || st == NULL ||
            st->kind != JV_STRING || strcmp(st->string, "measured") != 0 || x == NULL || x->kind != JV_NUMBER ||
            field == NULL || field->kind != JV_NUMBER)
            continue;
        if (field->number < best) {
            best = field->number;
            best_x = x->number;
        }
    }
    return isnan(best_x) ? fail(e, "no measured cell for %s in the committed results.json", call) : best_x;
}

static double source_slope(struct eval *e, char **args, int n, const char *call)
{
    if (n != 2)
        return fail(e, "%s: slope() takes SWEEP, VARIANT", call);
    const struct jv *s = find_sweep(e->d, args[0]);
    return number_or_fail(e, s ? jv_get(jv_get(s, "slopes"), args[1]) : NULL, call);
}

/* The index of `name` among the comma-separated header fields, or -1. */
static int csv_column(char *header, const char *name)
{
    int i = 0;
    for (char *f = header; f != NULL; i++) {
        char *comma = strchr(f, ',');
        size_t len = comma ? (size_t)(comma - f) : strlen(f);
        if (len == strlen(name) && strncmp(f, name, len) == 0)
            return i;
        f = comma ? comma + 1 : NULL;
    }
    return -1;
}

static bool csv_field(const char *line, int index, char *out, size_t size)
{
    const char *f = line;
    for (int i = 0; i < index; i++) {
        f = strchr(f, ',');
        if (f == NULL)
            return false;
        f++;
    }
    size_t len = strcspn(f, ",");
    snprintf(out, size, "%.*s", (int)len, f);
    return true;
}

static double source_csv(struct eval *e, char **args, int n, const char *call)
{
    if (n < 2)
        return fail(e, "%s: csv() takes FILE, COLUMN, key=value...", call);
    char path[400];
    snprintf(path, sizeof path, "plots/lab-%d/%s", e->d->lab, args[0]);
    char *text = file_read(path, NULL);
    if (text == NULL)
        return fail(e, "%s is not in the repository", path);
    char *save = NULL, *header = strtok_r(text, "\n", &save);
    char header_copy[2000];
    snprintf(header_copy, sizeof header_copy, "%s", header ? header : "");
    int value_col = csv_column(header_copy, args[1]);
    double result = NAN;
    bool found = false;
    if (value_col < 0) {
        free(text);
        return fail(e, "%s: no such column", call);
    }
    for (char *line = strtok_r(NULL, "\n", &save); line != NULL && !found; line = strtok_r(NULL, "\n", &save)) {
        bool match = true;
        for (int k = 2; k < n && match; k++) {
            char key[100], field[200];
            const char *eq = strchr(args[k], '=');
            if (eq == NULL) {
                free(text);
                return fail(e, "%s: a filter is key=value", call);
            }
            snprintf(key, sizeof key, "%.*s", (int)(eq - args[k]), args[k]);
            snprintf(header_copy, sizeof header_copy, "%s", header);
            int col = csv_column(header_copy, key);
            match = col >= 0 && csv_field(line, col, field, sizeof field) &&
                    (strcmp(field, eq + 1) == 0 || (isdigit((unsigned char)eq[1]) && atof(field) == atof(eq + 1)));
        }
        char field[200];
        if (match && csv_field(line, value_col, field, sizeof field)) {
            char *end;
            result = strtod(field, &end);
            found = end != field;
            /* a sweep's CSV says which rows were extrapolated */
            snprintf(header_copy, sizeof header_copy, "%s", header);
            int state_col = csv_column(header_copy, "state");
            if (found && state_col >= 0 && csv_field(line, state_col, field, sizeof field) &&
                strcmp(field, "measured") != 0)
                e->predicted = true;
        }
    }
    free(text);
    return found ? result : fail(e, "no row for %s", call);
}

/* ---- the evaluator ------------------------------------------------------------------- */

static double expr(struct eval *e);

static void skip(struct eval *e)
{
    e->p += strspn(e->p, " \t");
}

static double call(struct eval *e)
{
    char name[16], whole[400];
    size_t len = strspn(e->p, "abcdefghijklmnopqrstuvwxyz");
    snprintf(name, sizeof name, "%.*s", (int)len, e->p);
    const char *open = e->p + len;
    /* The call ends at the ')' that closes its '(': a CSV value may hold
       brackets of its own (policy=optimum (Belady)). */
    const char *close = NULL;
    int depth = 0;
    for (const char *q = open; *q != '\0' && close == NULL; q++) {
        if (*q == '(')
            depth++;
        else if (*q == ')' && --depth == 0)
            close = q;
    }
    if (*open != '(' || close == NULL)
        return fail(e, "expected NAME(...) at '%s'", e->p);
    snprintf(whole, sizeof whole, "%.*s", (int)(close + 1 - e->p), e->p);
    char inside[400];
    snprintf(inside, sizeof inside, "%.*s", (int)(close - open - 1), open + 1);
    e->p = close + 1;
    char *args[12];
    int n = 0;
    for (char *a = strtok(inside, ","); a != NULL && n < 12; a = strtok(NULL, ",")) {
        a += strspn(a, " ");
        size_t l = strlen(a);
        while (l > 0 && a[l - 1] == ' ')
            a[--l] = '\0';
        args[n++] = a;
    }
    if (strcmp(name, "cell") == 0)
        return source_cell(e, args, n, whole);
    if (strcmp(name, "slope") == 0)
        return source_slope(e, args, n, whole);
    if (strcmp(name, "argmin") == 0)
        return source_argmin(e, args, n, whole);
    if (strcmp(name, "csv") == 0)
        return source_csv(e, args, n, whole);
    if (strcmp(name, "json") == 0 && n == 1)
        return number_or_fail(e, json_path(&e->d->results, args[0]), whole);
    if (strcmp(name, "text") == 0 && n == 1) {
        const struct jv *v = json_path(&e->d->results, args[0]);
        if (v == NULL || v->kind != JV_STRING)
            return fail(e, "no text for %s in the committed results.json", whole);
        e->text = v->string;
        return 0;
    }
    return fail(e, "unknown source %s", whole);
}

static double factor(struct eval *e)
{
    skip(e);
    if (*e->p == '-') {
        e->p++;
        return -factor(e);
    }
    if (*e->p == '(') {
        e->p++;
        double v = expr(e);
        skip(e);
        if (*e->p != ')')
            return fail(e, "expected ')' at '%s'", e->p);
        e->p++;
        return v;
    }
    if (isalpha((unsigned char)*e->p))
        return call(e);
    char *end;
    double v = strtod(e->p, &end);
    if (end == e->p)
        return fail(e, "expected a number at '%s'", e->p);
    e->p = end;
    return v;
}

static double term(struct eval *e)
{
    double v = factor(e);
    for (skip(e); *e->p == '*' || *e->p == '/'; skip(e)) {
        char op = *e->p++;
        double w = factor(e);
        v = op == '*' ? v * w : v / w;
    }
    return v;
}

static double expr(struct eval *e)
{
    double v = term(e);
    for (skip(e); *e->p == '+' || *e->p == '-'; skip(e)) {
        char op = *e->p++;
        double w = term(e);
        v = op == '+' ? v + w : v - w;
    }
    return v;
}

/* printf of one double, where "%," asks for thousands separators. */
static void format_value(const char *format, double v, char *out, size_t size)
{
    char fmt[64];
    bool grouped = strstr(format, "%,") != NULL;
    size_t j = 0;
    for (size_t i = 0; format[i] && j + 1 < sizeof fmt; i++)
        if (!(grouped && format[i] == ',' && i > 0 && format[i - 1] == '%'))
            fmt[j++] = format[i];
    fmt[j] = '\0';
    char plain[128];
    snprintf(plain, sizeof plain, fmt, v);
    if (!grouped) {
        snprintf(out, size, "%s", plain);
        return;
    }
    /* commas into the first run of digits */
    size_t start = strcspn(plain, "0123456789"), digits = strspn(plain + start, "0123456789");
    size_t o = 0;
    for (size_t i = 0; plain[i] && o + 2 < size; i++) {
        out[o++] = plain[i];
        if (i >= start && i + 1 < start + digits && (start + digits - i - 1) % 3 == 0)
            out[o++] = ',';
    }
    out[o] = '\0';
}

/* The text of figure `name` (without "N."), or false with why. */
static bool figure_text(const struct lab_data *d, const char *name, char *out, size_t size, char *why,
                        size_t why_size)
{
    char *defs = strdup(d->definitions);
    bool found = false, ok = false;
    for (char *line = strtok(defs, "\n"); line != NULL && !found; line = strtok(NULL, "\n")) {
        char def_name[100], format[40];
        int used = 0;
        if (line[0] == '#' || sscanf(line, "%99s %39s %n", def_name, format, &used) != 2 ||
            strcmp(def_name, name) != 0)
            continue;
        found = true;
        struct eval e = { .d = d, .p = line + used, .why = why, .why_size = why_size };
        double v = expr(&e);
        skip(&e);
        if (!e.failed && *e.p != '\0')
            fail(&e, "text after the expression: '%s'", e.p);
        if (!e.failed && e.text != NULL)
            snprintf(out, size, "%s", e.text);
        else if (!e.failed && !isfinite(v))
            fail(&e, "%s is not a finite number", name);
        else if (!e.failed) {
            /* a figure resting on an extrapolated cell says so, as the harness's tables do */
            size_t mark = e.predicted && size > 1 ? 1 : 0;
            if (mark)
                out[0] = '~';
            if (strcmp(format, "time") == 0)
                format_seconds(v, out + mark, size - mark); /* "812 ns", "1.05 ms": as the harness prints */
            else if (strcmp(format, "ratio") == 0)
                format_ratio(v, out + mark, size - mark); /* "1.00x", "52.3x", "612x" */
            else
                format_value(format, v, out + mark, size - mark);
        }
        ok = !e.failed;
    }
    if (!found)
        snprintf(why, why_size, "labs/%s/measure/figures defines no '%s'", d->slug, name);
    free(defs);
    return ok;
}

/* ---- the documents ------------------------------------------------------------------- */

static struct lab_data lab_table[LABS_MAX];
static bool loaded[LABS_MAX], load_failed[LABS_MAX];

static const struct lab_data *lab_data(int lab, char *why, size_t why_size)
{
    if (lab < 0 || lab >= LABS_MAX) {
        snprintf(why, why_size, "there is no lab %d", lab);
        return NULL;
    }
    if (!loaded[lab]) {
        loaded[lab] = true;
        load_failed[lab] = !load_lab(lab, &lab_table[lab], why, why_size);
    } else if (load_failed[lab])
        snprintf(why, why_size, "lab %d's figures or data cannot be read", lab);
    return load_failed[lab] ? NULL : &lab_table[lab];
}

/* Checks or rewrites one document; returns the number of bad blocks. */
static int run_document(const char *path, bool write, int *seen)
{
    char *text = file_read(path, NULL);
    if (text == NULL)
        return 0;
    size_t cap = strlen(text) * 2 + 4096, len = 0;
    char *out = malloc(cap);
    int bad = 0;
    const char *p = text;
    for (const char *b; (b = strstr(p, BEGIN)) != NULL;) {
        int line = 1;
        for (const char *q = text; q < b; q++)
            line += *q == '\n';
        const char *name_start = b + strlen(BEGIN);
        const char *close = strstr(name_start, "-->");
        const char *end = close ? strstr(close, END) : NULL;
        if (close == NULL || end == NULL) {
            printf("  FAIL %s:%d: a figure block without its end marker %s\n", path, line, END);
            bad++;
            break;
        }
        char id[120], name[100], why[300] = "", value[200];
        snprintf(id, sizeof id, "%.*s", (int)(close - name_start), name_start);
        id[strcspn(id, " ")] = '\0';
        int lab = -1;
        bool computed = sscanf(id, "%d.%99s", &lab, name) == 2;
        const struct lab_data *d = computed ? lab_data(lab, why, sizeof why) : NULL;
        computed = d != NULL && figure_text(d, name, value, sizeof value, why, sizeof why);
        if (!computed && why[0] == '\0')
            snprintf(why, sizeof why, "'%s' is not N.name", id);
        const char *old = close + 3;
        size_t old_len = (size_t)(end - old);
        (*seen)++;
        if (!computed) {
            printf("  FAIL %s:%d: figure %s cannot be computed: %s\n", path, line, id, why);
            bad++;
        } else if (strlen(value) != old_len || strncmp(value, old, old_len) != 0) {
            if (!write) {
                printf("  FAIL %s:%d: figure %s says \"%.*s\", the committed data plots/lab-%d/ gives \"%s\" "
                       "(make course rewrites it)\n",
                       path, line, id, (int)old_len, old, lab, value);
                bad++;
            } else
                printf("  %s:%d: figure %s: \"%.*s\" -> \"%s\"\n", path, line, id, (int)old_len, old, value);
        }
        /* copy up to and including "-->", then the value (new or old), then END */
        size_t head = (size_t)(old - p);
        const char *v = computed ? value : old;
        size_t vlen = computed ? strlen(value) : old_len;
        if (len + head + vlen + strlen(END) + 1 > cap) {
            cap = (len + head + vlen + strlen(END)) * 2;
            char *bigger = realloc(out, cap);
            if (bigger == NULL)
                break;
            out = bigger;
        }
        memcpy(out + len, p, head);
        len += head;
        memcpy(out + len, v, vlen);
        len += vlen;
        memcpy(out + len, END, strlen(END));
        len += strlen(END);
        p = end + strlen(END);
    }
    size_t rest = strlen(p);
    if (len + rest + 1 > cap) {
        char *bigger = realloc(out, len + rest + 1);
        if (bigger != NULL) {
            out = bigger;
            cap = len + rest + 1;
        }
    }
    if (len + rest + 1 <= cap) {
        memcpy(out + len, p, rest + 1);
        if (write && strcmp(out, text) != 0) {
            FILE *f = fopen(path, "w");
            if (f == NULL || fputs(out, f) < 0 || fclose(f) != 0)
                printf("  FAIL cannot write %s\n", path);
        }
    }
    free(out);
    free(text);
    return bad;
}

int figures_run(bool write, int *blocks_seen)
{
    int bad = 0, seen = 0;
    bad += run_document("README.md", write, &seen);
    bad += run_document("course.md", write, &seen);
    int numbers[LABS_MAX];
    size_t n = labs_find(numbers);
    for (size_t i = 0; i < n; i++) {
        char slug[128], path[300];
        labs_slug(numbers[i], slug, sizeof slug);
        snprintf(path, sizeof path, "labs/%s/README.md", slug);
        bad += run_document(path, write, &seen);
        /* The reference's comments say what its choices buy: the same
           markers, inside a C comment, checked the same way. */
        snprintf(path, sizeof path, "solutions/%s/optimized.c", slug);
        bad += run_document(path, write, &seen);
    }
    for (int i = 0; i < LABS_MAX; i++)
        if (loaded[i] && !load_failed[i])
            free_lab(&lab_table[i]);
    memset(loaded, 0, sizeof loaded);
    memset(load_failed, 0, sizeof load_failed);
    if (blocks_seen != NULL)
        *blocks_seen = seen;
    return bad;
}
