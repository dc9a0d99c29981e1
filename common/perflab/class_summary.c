/*
 * class_summary.c -- the summary of a class grade, per lab (class.h): how many
 * students got each status, the score distribution, and the most common
 * failure reasons, each reason boiled down to its kind ("does not compile",
 * "timed out", the missed target) so that twenty compiler messages count as
 * one reason.
 */
#include "class.h"

#include "../json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void category(const struct entry *e, char *buf, size_t size)
{
    static const char *const known[][2] = {
        { "does not compile", "does not compile" },
        { "not a C source file", "not a C source file" },
        { "timed out", "timed out (a hang?)" },
        { "crashed", "crashed" },
        { "tests fail", "tests fail" },
        { "refused", "refused (Valgrind client requests)" },
        { "cannot read", "unreadable file" },
        { "limit 1 MiB", "file too large" },
        { "could not be started", "the tests could not start" },
    };
    if (e->status == ST_MISSING || e->status == ST_NOT_STARTED) {
        snprintf(buf, size, "%s", e->status == ST_MISSING ? "no file" : "not started");
        return;
    }
    if (e->status == ST_GRADER_ERROR || e->status == ST_REVIEW) {
        snprintf(buf, size, "%s", e->status == ST_REVIEW ? "REVIEW" : "grader error");
        return;
    }
    if (strncmp(e->reason, "correctness: ", 13) == 0) {
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (strstr(e->reason, known[i][0]) != NULL) {
                snprintf(buf, size, "%s", known[i][1]);
                return;
            }
        snprintf(buf, size, "%.60s", e->reason);
        return;
    }
    size_t len = strcspn(e->reason, ":");
    len += strcspn(e->reason + len + 1, ":(") + 1; /* "performance: <target>" */
    while (len > 0 && e->reason[len - 1] == ' ')
        len--;
    snprintf(buf, size, "%.*s", (int)len, e->reason);
}

struct lab_summary {
    size_t count[ST_GRADER_ERROR + 1];
    double min, max, mean, median;
    size_t buckets[4]; /* 0, 1-49, 50-99, 100 (of 100) */
    char reasons[8][160];
    size_t reason_count[8], n_reasons;
};

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void summarize(const struct class_run *c, size_t k, struct lab_summary *out)
{
    memset(out, 0, sizeof *out);
    double *scores = calloc(c->n_students + 1, sizeof *scores);
    size_t n = 0;
    char all[64][160];
    size_t all_count[64], n_all = 0;
    for (size_t s = 0; s < c->n_students; s++) {
        const struct entry *e = class_entry(c, s, k);
        out->count[e->status]++;
        if (e->status != ST_GRADER_ERROR && scores != NULL) {
            scores[n++] = e->score;
            double pct = e->max_score > 0 ? 100 * e->score / e->max_score : 0;
            out->buckets[pct <= 0 ? 0 : pct < 50 ? 1 : pct < 100 ? 2 : 3]++;
        }
        if (e->status == ST_PASS)
            continue;
        char cat[160];
        category(e, cat, sizeof cat);
        size_t i = 0;
        while (i < n_all && strcmp(all[i], cat) != 0)
            i++;
        if (i == n_all && n_all < 64) {
            snprintf(all[n_all], sizeof all[n_all], "%s", cat);
            all_count[n_all++] = 0;
        }
        if (i < n_all)
            all_count[i]++;
    }
    if (n > 0) {
        qsort(scores, n, sizeof *scores, compare_doubles);
        out->min = scores[0];
        out->max = scores[n - 1];
        out->median = n % 2 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2;
        for (size_t i = 0; i < n; i++)
            out->mean += scores[i] / (double)n;
    }
    free(scores);
    /* the most common first (stable: first seen first among equals) */
    for (size_t taken = 0; taken < 8 && taken < n_all; taken++) {
        size_t best = n_all;
        for (size_t i = 0; i < n_all; i++)
            if (all_count[i] > 0 && (best == n_all || all_count[i] > all_count[best]))
                best = i;
        if (best == n_all)
            break;
        snprintf(out->reasons[out->n_reasons], sizeof out->reasons[0], "%s", all[best]);
        out->reason_count[out->n_reasons++] = all_count[best];
        all_count[best] = 0;
    }
}

void class_print_summary(const struct class_run *c, struct json *j)
{
    printf("\n== summary: %zu student%s\n", c->n_students, c->n_students == 1 ? "" : "s");
    json_array_begin(j, "summary");
    for (size_t k = 0; k < c->n_labs; k++) {
        struct lab_summary sum;
        summarize(c, k, &sum);
        char slug[128] = "";
        labs_slug(c->labs[k], slug, sizeof slug);
        printf("lab %d (%s):", c->labs[k], slug);
        json_object_begin(j, NULL);
        json_number(j, "lab", c->labs[k]);
        json_object_begin(j, "status");
        for (int st = 0; st <= ST_GRADER_ERROR; st++) {
            json_number(j, class_status_name((enum entry_status)st), (double)sum.count[st]);
            if (sum.count[st])
                printf(" %s %zu", class_status_name((enum entry_status)st), sum.count[st]);
        }
        json_object_end(j);
        printf("\n  scores: min %g, median %g, mean %.1f, max %g;  0: %zu  1-49: %zu  50-99: %zu  100: %zu\n",
               sum.min, sum.median, sum.mean, sum.max, sum.buckets[0], sum.buckets[1], sum.buckets[2],
               sum.buckets[3]);
        json_number(j, "min", sum.min);
        json_number(j, "median", sum.median);
        json_number(j, "mean", sum.mean);
        json_number(j, "max", sum.max);
        json_array_begin(j, "reasons");
        printf("  most common reasons:");
        for (size_t i = 0; i < sum.n_reasons; i++) {
            printf("%s %s (%zu)", i ? "," : "", sum.reasons[i], sum.reason_count[i]);
            json_object_begin(j, NULL);
            json_string(j, "reason", sum.reasons[i]);
            json_number(j, "count", (double)sum.reason_count[i]);
            json_object_end(j);
        }
        printf("%s\n", sum.n_reasons ? "" : " none");
        json_array_end(j);
        json_object_end(j);
    }
    json_array_end(j);
}

