/*
 * prediction.c -- print labs/NN-slug/prediction.md beside the measured
 * answer. See prediction.h.
 */
#include "prediction.h"

#include "../format.h"
#include "../jsonread.h"
#include "files.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SHOWN_LINES = 25 };

static void show_file(const char *path, const char *text)
{
    printf("  you wrote (%s):\n", path);
    int lines = 0;
    for (const char *p = text; *p && lines < SHOWN_LINES; lines++) {
        size_t len = strcspn(p, "\n");
        printf("    | %.*s\n", (int)len, p);
        p += len + (p[len] == '\n');
        if (lines + 1 == SHOWN_LINES && *p)
            printf("    | ...\n");
    }
}

static const struct jv *cell_at(const struct jv *cells, const char *variant, double x)
{
    for (size_t i = 0; cells != NULL && i < cells->n; i++) {
        const struct jv *v = jv_get(&cells->items[i], "variant"), *cx = jv_get(&cells->items[i], "x"),
                        *st = jv_get(&cells->items[i], "state");
        if (v && v->kind == JV_STRING && strcmp(v->string, variant) == 0 && cx && cx->number == x && st &&
            st->kind == JV_STRING && strcmp(st->string, "measured") == 0)
            return &cells->items[i];
    }
    return NULL;
}

/* "speedup over naive at the largest x where both were measured" */
static void show_speedups(const struct jv *sweep, const char *x_name)
{
    const struct jv *cells = jv_get(sweep, "cells"), *slopes = jv_get(sweep, "slopes");
    if (cells == NULL || cells->kind != JV_ARRAY || slopes == NULL || slopes->kind != JV_OBJECT)
        return;
    for (size_t k = 0; k < slopes->n; k++) {
        const char *variant = slopes->keys[k];
        if (strcmp(variant, "naive") == 0)
            continue;
        double best_x = -1, ratio = NAN;
        for (size_t i = 0; i < cells->n; i++) {
            const struct jv *x = jv_get(&cells->items[i], "x");
            if (x == NULL || x->number <= best_x)
                continue;
            const struct jv *a = cell_at(cells, "naive", x->number), *b = cell_at(cells, variant, x->number);
            if (a && b && jv_get(a, "seconds") && jv_get(b, "seconds") && jv_get(b, "seconds")->number > 0) {
                best_x = x->number;
                ratio = jv_get(a, "seconds")->number / jv_get(b, "seconds")->number;
            }
        }
        if (best_x > 0) {
            char xs[32], rs[32];
            format_count(best_x, xs, sizeof xs);
            printf("    %-12s %s naive's speed at %s = %s\n", variant, format_ratio(ratio, rs, sizeof rs), x_name, xs);
        }
    }
}

void prediction_show(int lab, const char *slug, const char *results_json)
{
    char path[400];
    snprintf(path, sizeof path, "labs/%s/prediction.md", slug);
    char *text = file_read(path, NULL);
    printf("\n3. your prediction beside the measurement\n");
    if (text == NULL) {
        printf("  (no %s yet: before your next run, write there what you expect -- see the lab's README --\n"
               "   and make lab-%d prints it here beside what it measured)\n",
               path, lab);
        return;
    }
    show_file(path, text);
    free(text);
    prediction_show_measured(results_json);
}

void prediction_show_measured(const char *results_json)
{
    char *json = file_read(results_json, NULL);
    struct jv results;
    char error[200];
    if (json == NULL || !jv_parse(json, &results, error, sizeof error)) {
        printf("  (cannot read %s to compare)\n", results_json);
        free(json);
        return;
    }
    free(json);
    printf("  measured (%s):\n", results_json);
    const struct jv *sweeps = jv_get(&results, "sweeps");
    for (size_t i = 0; sweeps != NULL && sweeps->kind == JV_ARRAY && i < sweeps->n; i++) {
        const struct jv *s = &sweeps->items[i], *name = jv_get(s, "name"), *x_name = jv_get(s, "x_name"),
                        *slopes = jv_get(s, "slopes");
        /* slopes an object (keys), not an array: its keys are read below */
        if (name == NULL || name->kind != JV_STRING || slopes == NULL || slopes->kind != JV_OBJECT ||
            slopes->n == 0)
            continue;
        printf("    sweep %s: slope", name->string);
        for (size_t k = 0; k < slopes->n; k++)
            printf("%s %s %.2f", k ? "," : "", slopes->keys[k], slopes->items[k].number);
        printf("\n");
        show_speedups(s, x_name && x_name->kind == JV_STRING ? x_name->string : "x");
    }
    jv_free(&results);
}
