/*
 * class_book.c -- what a class grade writes (class.h):
 *
 *   OUT/gradebook.csv   one row per student: score per lab, total, status per
 *                       lab, notes (the spreadsheet to upload)
 *   OUT/details.csv     one row per (student, lab) and one per odd file or
 *                       folder, each with its status and reason
 *   OUT/class.json      all of it, and the summary, as JSON
 *   OUT/students/NAME/report.json    the student's grade, lab by lab
 *   OUT/students/NAME/results.json   the same in Gradescope's format
 *   stdout              the summary: per lab, the score distribution and the
 *                       most common failure reasons
 *
 * Every file is written to NAME.tmp and renamed into place, so an
 * interrupted run never leaves half a gradebook.
 */
#include "class.h"

#include "../json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *open_tmp(const char *path, char *tmp, size_t size)
{
    snprintf(tmp, size, "%s.tmp", path);
    return fopen(tmp, "w");
}

static bool close_tmp(FILE *f, const char *tmp, const char *path)
{
    if (fclose(f) == 0 && rename(tmp, path) == 0)
        return true;
    remove(tmp);
    fprintf(stderr, "perflab class: cannot write %s\n", path);
    return false;
}

/* A CSV field: quoted when it holds a comma, quote or line break; a leading
   = + - @ gets a ' so that a spreadsheet never runs a name as a formula. */
static void csv(FILE *f, const char *s, bool last)
{
    bool quote = strpbrk(s, ",\"\n\r") != NULL;
    if (quote)
        fputc('"', f);
    if (strchr("=+-@", s[0]) != NULL && s[0] != '\0')
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    if (quote)
        fputc('"', f);
    fputc(last ? '\n' : ',', f);
}

static void csv_number(FILE *f, double v, bool last)
{
    fprintf(f, "%g%c", v, last ? '\n' : ',');
}

static const struct entry *entry_of(const struct class_run *c, size_t s, size_t k)
{
    return &c->entries[s * c->n_labs + k];
}

static void student_total(const struct class_run *c, size_t s, double *score, double *max)
{
    *score = *max = 0;
    for (size_t k = 0; k < c->n_labs; k++) {
        *score += entry_of(c, s, k)->score;
        *max += entry_of(c, s, k)->max_score;
    }
}

/* ---- the reason, boiled down for the summary --------------------------------------------- */

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
        const struct entry *e = entry_of(c, s, k);
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

/* ---- the files -------------------------------------------------------------------------------- */

static void write_gradebook(const struct class_run *c, const char *path)
{
    char tmp[PATH_MAX + 128];
    FILE *f = open_tmp(path, tmp, sizeof tmp);
    if (f == NULL)
        return;
    fputs("student,", f);
    for (size_t k = 0; k < c->n_labs; k++)
        fprintf(f, "lab_%d,", c->labs[k]);
    fputs("total,max_total,", f);
    for (size_t k = 0; k < c->n_labs; k++)
        fprintf(f, "status_lab_%d,", c->labs[k]);
    fputs("notes\n", f);
    for (size_t s = 0; s < c->n_students; s++) {
        csv(f, c->students[s].name, false);
        for (size_t k = 0; k < c->n_labs; k++) {
            const struct entry *e = entry_of(c, s, k);
            if (e->status == ST_GRADER_ERROR)
                csv(f, "", false); /* no grade: never a 0 */
            else
                csv_number(f, e->score, false);
        }
        double score, max;
        student_total(c, s, &score, &max);
        csv_number(f, score, false);
        csv_number(f, max, false);
        char notes[2048];
        snprintf(notes, sizeof notes, "%s", c->students[s].notes);
        for (size_t k = 0; k < c->n_labs; k++) {
            const struct entry *e = entry_of(c, s, k);
            csv(f, class_status_name(e->status), false);
            if (e->warning[0]) {
                size_t len = strlen(notes);
                snprintf(notes + len, sizeof notes - len, "%s%s", len ? "; " : "", e->warning);
            }
        }
        csv(f, notes, true);
    }
    close_tmp(f, tmp, path);
}

static void write_details(const struct class_run *c, const char *path)
{
    char tmp[PATH_MAX + 128];
    FILE *f = open_tmp(path, tmp, sizeof tmp);
    if (f == NULL)
        return;
    fputs("student,lab,file,status,score,max_score,reason\n", f);
    for (size_t s = 0; s < c->n_students; s++) {
        for (size_t k = 0; k < c->n_labs; k++) {
            const struct entry *e = entry_of(c, s, k);
            char lab[16], reason[800];
            snprintf(lab, sizeof lab, "%d", e->lab);
            snprintf(reason, sizeof reason, "%s%s%s", e->reason, e->reason[0] && e->warning[0] ? "; " : "",
                     e->warning);
            csv(f, c->students[s].name, false);
            csv(f, lab, false);
            csv(f, e->shown, false);
            csv(f, class_status_name(e->status), false);
            if (e->status == ST_GRADER_ERROR)
                csv(f, "", false);
            else
                csv_number(f, e->score, false);
            csv_number(f, e->max_score, false);
            csv(f, reason, true);
        }
        for (size_t i = 0; i < c->n_problems; i++)
            if (c->problems[i].student == s) {
                csv(f, c->students[s].name, false);
                fputs(",", f);
                csv(f, c->problems[i].file, false);
                csv(f, c->problems[i].kind, false);
                fputs(",,", f);
                csv(f, c->problems[i].reason, true);
            }
    }
    for (size_t i = 0; i < c->n_problems; i++)
        if (c->problems[i].student == (size_t)-1) {
            fputs(",,", f);
            csv(f, c->problems[i].file, false);
            csv(f, c->problems[i].kind, false);
            fputs(",,", f);
            csv(f, c->problems[i].reason, true);
        }
    close_tmp(f, tmp, path);
}

static void json_entry(struct json *j, const struct entry *e)
{
    json_object_begin(j, NULL);
    json_number(j, "lab", e->lab);
    json_string(j, "file", e->shown[0] ? e->shown : NULL);
    json_string(j, "status", class_status_name(e->status));
    if (e->status == ST_GRADER_ERROR)
        json_null(j, "score");
    else
        json_number(j, "score", e->score);
    json_number(j, "max_score", e->max_score);
    json_string(j, "reason", e->reason);
    if (e->warning[0])
        json_string(j, "warning", e->warning);
    json_bool(j, "reused", e->reused);
    if (e->have_report) {
        const struct lab_report *r = &e->report;
        json_string(j, "name", r->name);
        json_object_begin(j, "correctness");
        json_string(j, "verdict", r->correctness);
        json_string(j, "detail", r->correctness_detail);
        json_object_end(j);
        json_object_begin(j, "performance");
        json_string(j, "verdict", r->performance);
        json_array_begin(j, "criteria");
        for (size_t k = 0; k < r->n_criteria; k++) {
            json_object_begin(j, NULL);
            json_string(j, "target", r->criteria[k].target);
            json_string(j, "verdict", r->criteria[k].verdict);
            json_string(j, "detail", r->criteria[k].detail);
            json_number(j, "points", r->criteria[k].points);
            json_number(j, "max_points", r->criteria[k].max_points);
            json_object_end(j);
        }
        json_array_end(j);
        json_object_end(j);
    }
    if (e->dir[0] && e->source[0]) {
        char report[PATH_MAX + 16];
        snprintf(report, sizeof report, "%s/report.json", e->dir);
        json_string(j, "grade_report", report);
    }
    json_object_end(j);
}

static void json_problems(struct json *j, const struct class_run *c, size_t s)
{
    json_array_begin(j, "problems");
    for (size_t i = 0; i < c->n_problems; i++)
        if (c->problems[i].student == s) {
            json_object_begin(j, NULL);
            json_string(j, "file", c->problems[i].file);
            json_string(j, "kind", c->problems[i].kind);
            json_string(j, "reason", c->problems[i].reason);
            json_object_end(j);
        }
    json_array_end(j);
}

static void json_student(struct json *j, const struct class_run *c, size_t s)
{
    double score, max;
    student_total(c, s, &score, &max);
    json_string(j, "student", c->students[s].name);
    json_number(j, "score", score);
    json_number(j, "max_score", max);
    json_array_begin(j, "labs");
    for (size_t k = 0; k < c->n_labs; k++)
        json_entry(j, entry_of(c, s, k));
    json_array_end(j);
    json_problems(j, c, s);
}

static void write_student_report(const struct class_run *c, size_t s, const char *path)
{
    char tmp[PATH_MAX + 128];
    FILE *f = open_tmp(path, tmp, sizeof tmp);
    if (f == NULL)
        return;
    struct json j;
    json_start(&j, f);
    json_object_begin(&j, NULL);
    json_student(&j, c, s);
    json_object_end(&j);
    json_finish(&j);
    close_tmp(f, tmp, path);
}

/* Gradescope's autograder results (gradescope-autograders.readthedocs.io,
   "Autograder Specifications"): score, execution_time, output, visibility,
   stdout_visibility, and tests with name, score, max_score, status, output
   and visibility. A REVIEW criterion is "after_published": the student sees
   it once the instructor has read the code and published. */
bool class_write_gradescope(const struct class_run *c, size_t s, const char *path, double seconds)
{
    char tmp[PATH_MAX + 128];
    FILE *f = open_tmp(path, tmp, sizeof tmp);
    if (f == NULL)
        return false;
    double score, max;
    student_total(c, s, &score, &max);
    char output[2048];
    snprintf(output, sizeof output,
             "Correctness is the course's pinned test suite; performance is graded on counted work "
             "(callgrind instructions, counted events), never on time.%s%s",
             c->students[s].notes[0] ? "\nFiles not graded: " : "", c->students[s].notes);
    struct json j;
    json_start(&j, f);
    json_object_begin(&j, NULL);
    json_number(&j, "score", score);
    json_number(&j, "execution_time", (double)(long)(seconds + 0.5));
    json_string(&j, "output", output);
    json_string(&j, "visibility", "visible");
    json_string(&j, "stdout_visibility", "hidden");
    json_array_begin(&j, "tests");
    for (size_t k = 0; k < c->n_labs; k++) {
        const struct entry *e = entry_of(c, s, k);
        char name[400], text[1400];
        if (!e->have_report) {
            char slug[128] = "NN-slug";
            labs_slug(e->lab, slug, sizeof slug);
            json_object_begin(&j, NULL);
            snprintf(name, sizeof name, "lab %d: %s", e->lab, e->status == ST_MISSING ? "no file" : "not graded");
            json_string(&j, "name", name);
            json_number(&j, "score", 0);
            json_number(&j, "max_score", e->max_score);
            json_string(&j, "status", "failed");
            snprintf(text, sizeof text, "%s (hand in %s.c%s)", e->reason, slug,
                     c->single && c->n_labs == 1 ? ", or optimized.c" : "");
            json_string(&j, "output", text);
            json_string(&j, "visibility", "visible");
            json_object_end(&j);
            continue;
        }
        const struct lab_report *r = &e->report;
        double crit_points = 0, crit_max = 0;
        for (size_t i = 0; i < r->n_criteria; i++) {
            crit_points += r->criteria[i].points;
            crit_max += r->criteria[i].max_points;
        }
        json_object_begin(&j, NULL);
        snprintf(name, sizeof name, "%s: correctness", r->name);
        json_string(&j, "name", name);
        json_number(&j, "score", r->score - crit_points);
        json_number(&j, "max_score", r->max_score - crit_max);
        json_string(&j, "status", strcmp(r->correctness, "PASS") == 0 ? "passed" : "failed");
        snprintf(text, sizeof text, "%s%s%s", r->correctness_detail, e->warning[0] ? "\n" : "", e->warning);
        json_string(&j, "output", text);
        json_string(&j, "visibility", "visible");
        json_object_end(&j);
        for (size_t i = 0; i < r->n_criteria; i++) {
            const struct criterion_report *cr = &r->criteria[i];
            json_object_begin(&j, NULL);
            snprintf(name, sizeof name, "%s: %s", r->name, cr->target);
            json_string(&j, "name", name);
            json_number(&j, "score", cr->points);
            json_number(&j, "max_score", cr->max_points);
            json_string(&j, "status", strcmp(cr->verdict, "PASS") == 0 ? "passed" : "failed");
            json_string(&j, "output", cr->detail);
            json_string(&j, "visibility", strcmp(cr->verdict, "REVIEW") == 0 ? "after_published" : "visible");
            json_object_end(&j);
        }
    }
    json_array_end(&j);
    json_object_end(&j);
    json_finish(&j);
    return close_tmp(f, tmp, path);
}

static void print_summary(const struct class_run *c, struct json *j)
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

void class_write_books(struct class_run *c)
{
    char path[PATH_MAX + 64], tmp[PATH_MAX + 128];
    for (size_t s = 0; s < c->n_students; s++) {
        snprintf(path, sizeof path, "%.3000s/students/%s", c->out, c->students[s].name);
        class_mkdirs(path);
        snprintf(path, sizeof path, "%.3000s/students/%s/report.json", c->out, c->students[s].name);
        write_student_report(c, s, path);
        snprintf(path, sizeof path, "%.3000s/students/%s/results.json", c->out, c->students[s].name);
        class_write_gradescope(c, s, path, 0);
    }
    snprintf(path, sizeof path, "%s/class.json", c->out);
    FILE *f = open_tmp(path, tmp, sizeof tmp);
    struct json j;
    FILE *sink = f != NULL ? f : fopen("/dev/null", "w");
    json_start(&j, sink);
    json_object_begin(&j, NULL);
    json_string(&j, "submissions", c->dir);
    json_number(&j, "seconds", c->seconds);
    json_array_begin(&j, "labs");
    for (size_t k = 0; k < c->n_labs; k++)
        json_number(&j, NULL, c->labs[k]);
    json_array_end(&j);
    json_array_begin(&j, "students");
    for (size_t s = 0; s < c->n_students; s++) {
        json_object_begin(&j, NULL);
        json_student(&j, c, s);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_problems(&j, c, (size_t)-1);
    print_summary(c, &j);
    json_object_end(&j);
    json_finish(&j);
    if (f != NULL)
        close_tmp(f, tmp, path);
    else if (sink != NULL)
        fclose(sink);
    snprintf(path, sizeof path, "%s/gradebook.csv", c->out);
    write_gradebook(c, path);
    snprintf(path, sizeof path, "%s/details.csv", c->out);
    write_details(c, path);
}
