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
 *   stdout              the summary (class_summary.c)
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

static void student_total(const struct class_run *c, size_t s, double *score, double *max)
{
    *score = *max = 0;
    for (size_t k = 0; k < c->n_labs; k++) {
        *score += class_entry(c, s, k)->score;
        *max += class_entry(c, s, k)->max_score;
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
            const struct entry *e = class_entry(c, s, k);
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
            const struct entry *e = class_entry(c, s, k);
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
            const struct entry *e = class_entry(c, s, k);
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
        json_entry(j, class_entry(c, s, k));
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
        const struct entry *e = class_entry(c, s, k);
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
    class_print_summary(c, &j);
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
