/*
 * class_scan.c -- what a folder of submissions holds (class.h).
 *
 * Every name is looked at with lstat and nothing is followed: a symbolic link
 * in a submission (to another student's file, to /etc/shadow) is a row with
 * its reason, never graded. Anything that is not a lab file is a row too, so
 * the instructor sees every file that earned nothing and why.
 */
#define _DEFAULT_SOURCE /* scandir, alphasort, DT_* */
#include "class.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *class_status_name(enum entry_status s)
{
    switch (s) {
    case ST_PASS: return "PASS";
    case ST_FAIL: return "FAIL";
    case ST_REVIEW: return "REVIEW";
    case ST_NOT_STARTED: return "NOT_STARTED";
    case ST_MISSING: return "MISSING";
    case ST_GRADER_ERROR: break;
    }
    return "GRADER_ERROR";
}

void class_add_problem(struct class_run *c, size_t student, const char *file, const char *kind, const char *fmt, ...)
{
    if (c->n_problems == c->cap_problems) {
        size_t cap = c->cap_problems ? c->cap_problems * 2 : 64;
        struct problem *grown = realloc(c->problems, cap * sizeof *grown);
        if (grown == NULL)
            return;
        c->problems = grown;
        c->cap_problems = cap;
    }
    struct problem *p = &c->problems[c->n_problems++];
    p->student = student;
    snprintf(p->file, sizeof p->file, "%s", file);
    snprintf(p->kind, sizeof p->kind, "%s", kind);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->reason, sizeof p->reason, fmt, ap);
    va_end(ap);
    if (student != (size_t)-1) {
        struct student *s = &c->students[student];
        size_t len = strlen(s->notes);
        snprintf(s->notes + len, sizeof s->notes - len, "%s%s: %s", len ? "; " : "", file, p->reason);
    }
}

/* The index in c->labs of lab `number`, or -1 if this run does not grade it. */
static int lab_index(const struct class_run *c, int number)
{
    for (size_t i = 0; i < c->n_labs; i++)
        if (c->labs[i] == number)
            return (int)i;
    return -1;
}

/* "07-..." -> 7; -1 if the name does not start with two digits and a dash
   (or, for "07.c", a dot). */
static int leading_number(const char *name)
{
    if (!isdigit((unsigned char)name[0]) || !isdigit((unsigned char)name[1]) || (name[2] != '-' && name[2] != '.'))
        return -1;
    return (name[0] - '0') * 10 + (name[1] - '0');
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Make entry (s, lab index k) gradable from path, unless it already is. */
static void take(struct class_run *c, size_t s, int k, const char *path, const char *shown, bool conventional)
{
    struct entry *e = &c->entries[s * c->n_labs + (size_t)k];
    char slug[128];
    labs_slug(e->lab, slug, sizeof slug);
    if (e->source[0] != '\0' && !(conventional && e->warning[0] != '\0')) {
        class_add_problem(c, s, shown, "DUPLICATE", "a second file for lab %d: %s is graded", e->lab, e->shown);
        return;
    }
    if (e->source[0] != '\0') { /* the folder form came first: the conventional name wins */
        class_add_problem(c, s, e->shown, "DUPLICATE", "a second file for lab %d: %s is graded", e->lab, shown);
        e->warning[0] = '\0';
    }
    snprintf(e->source, sizeof e->source, "%s", path);
    snprintf(e->shown, sizeof e->shown, "%s", shown);
    if (!conventional)
        snprintf(e->warning, sizeof e->warning, "accepted %.120s; the convention is %.80s/%.60s.c", shown,
                 c->students[s].name, slug);
}

/* Why a name that looks like lab `number`'s is not graded; false if it is one
   of this run's labs (the caller then decides). */
static bool not_this_run(struct class_run *c, size_t s, const char *shown, int number)
{
    char slug[128], labs[128];
    if (number < 0)
        return false;
    if (!labs_slug(number, slug, sizeof slug)) {
        class_add_problem(c, s, shown, "NO_SUCH_LAB", "there is no lab %d (labs: %s)", number,
                          labs_list_text(labs, sizeof labs));
        return true;
    }
    if (lab_index(c, number) < 0) {
        class_add_problem(c, s, shown, "NOT_GRADED", "lab %d is not graded in this run", number);
        return true;
    }
    return false;
}

/* A folder inside a student's folder: the lab's folder with optimized.c in it? */
static void scan_folder(struct class_run *c, size_t s, const char *path, const char *name, const char *shown)
{
    int number = leading_number(name);
    if (not_this_run(c, s, shown, number))
        return;
    char slug[128], file[PATH_MAX + 16], shown_file[300];
    int k = number >= 0 ? lab_index(c, number) : -1;
    if (k < 0 || !labs_slug(number, slug, sizeof slug) || strcmp(slug, name) != 0) {
        class_add_problem(c, s, shown, "WRONG_NAME", "a folder that is not a lab's (hand in NN-slug.c, e.g. %s.c)",
                          k >= 0 && labs_slug(number, slug, sizeof slug) ? slug : "01-string-building");
        return;
    }
    snprintf(file, sizeof file, "%.4000s/optimized.c", path);
    snprintf(shown_file, sizeof shown_file, "%.280s/optimized.c", shown);
    struct stat st;
    if (lstat(file, &st) != 0)
        class_add_problem(c, s, shown, "WRONG_NAME", "the folder %s/ has no optimized.c", name);
    else if (!S_ISREG(st.st_mode))
        class_add_problem(c, s, shown_file, "IGNORED", "not a regular file (a link or a folder is never followed)");
    else
        take(c, s, k, file, shown_file, false);
}

static void scan_file(struct class_run *c, size_t s, const char *path, const char *name, const char *shown)
{
    if (!ends_with(name, ".c")) {
        class_add_problem(c, s, shown, "IGNORED", "not a lab file (lab files are NN-slug.c, e.g. 01-string-building.c)");
        return;
    }
    int number = leading_number(name);
    if (not_this_run(c, s, shown, number))
        return;
    char slug[128], expected[160];
    if (number >= 0 && labs_slug(number, slug, sizeof slug)) {
        snprintf(expected, sizeof expected, "%s.c", slug);
        if (strcmp(name, expected) == 0)
            take(c, s, lab_index(c, number), path, shown, true);
        else
            class_add_problem(c, s, shown, "WRONG_NAME", "wrong file name: lab %d's file is %s", number, expected);
        return;
    }
    /* Gradescope, one lab: the student uploads the file they edited. */
    if (c->single && c->n_labs == 1 && strcmp(name, "optimized.c") == 0) {
        take(c, s, 0, path, shown, true);
        return;
    }
    labs_slug(c->labs[0], slug, sizeof slug);
    class_add_problem(c, s, shown, "WRONG_NAME", "not named after a lab (lab files are NN-slug.c, e.g. %s.c)", slug);
}

static int skip_dots(const struct dirent *e)
{
    return strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
}

static void scan_student(struct class_run *c, size_t s)
{
    struct student *st = &c->students[s];
    struct dirent **names = NULL;
    int n = scandir(st->path, &names, skip_dots, alphasort);
    if (n < 0) {
        class_add_problem(c, s, st->name, "IGNORED", "the folder cannot be read");
        return;
    }
    if (n == 0) {
        char shown[300];
        snprintf(shown, sizeof shown, "%.250s/", st->name);
        class_add_problem(c, s, shown, "EMPTY", "empty folder: nothing handed in");
    }
    for (int i = 0; i < n; i++) {
        char path[PATH_MAX + 300], shown[600];
        snprintf(path, sizeof path, "%s/%s", st->path, names[i]->d_name);
        snprintf(shown, sizeof shown, "%s/%s", st->name, names[i]->d_name);
        struct stat info;
        if (lstat(path, &info) != 0)
            class_add_problem(c, s, shown, "IGNORED", "cannot be read");
        else if (S_ISDIR(info.st_mode))
            scan_folder(c, s, path, names[i]->d_name, shown);
        else if (S_ISREG(info.st_mode))
            scan_file(c, s, path, names[i]->d_name, shown);
        else
            class_add_problem(c, s, shown, "IGNORED", "not a regular file (a link or a device is never followed)");
        free(names[i]);
    }
    free(names);
}

static bool add_student(struct class_run *c, const char *name, const char *path)
{
    struct student *grown = realloc(c->students, (c->n_students + 1) * sizeof *grown);
    if (grown == NULL)
        return false;
    c->students = grown;
    struct student *st = &c->students[c->n_students++];
    memset(st, 0, sizeof *st);
    snprintf(st->name, sizeof st->name, "%s", name);
    snprintf(st->path, sizeof st->path, "%s", path);
    return true;
}

bool class_scan(struct class_run *c)
{
    if (c->single) {
        add_student(c, "submission", c->dir);
    } else {
        struct dirent **names = NULL;
        int n = scandir(c->dir, &names, skip_dots, alphasort);
        if (n < 0) {
            fprintf(stderr, "perflab class: cannot read the submissions folder %s\n", c->dir);
            return false;
        }
        for (int i = 0; i < n; i++) {
            char path[PATH_MAX + 300];
            snprintf(path, sizeof path, "%s/%s", c->dir, names[i]->d_name);
            struct stat info;
            if (lstat(path, &info) == 0 && S_ISDIR(info.st_mode))
                add_student(c, names[i]->d_name, path);
            else
                class_add_problem(c, (size_t)-1, names[i]->d_name, "IGNORED",
                                  "not a student's folder (DIR holds one folder per student)");
            free(names[i]);
        }
        free(names);
    }
    c->n_entries = c->n_students * c->n_labs;
    c->entries = calloc(c->n_entries ? c->n_entries : 1, sizeof *c->entries);
    if (c->entries == NULL)
        return false;
    for (size_t s = 0; s < c->n_students; s++)
        for (size_t k = 0; k < c->n_labs; k++) {
            struct entry *e = &c->entries[s * c->n_labs + k];
            e->student = s;
            e->lab = c->labs[k];
            e->exit_code = -1;
            snprintf(e->dir, sizeof e->dir, "%.2000s/students/%.255s/lab-%d", c->out, c->students[s].name, e->lab);
        }
    for (size_t s = 0; s < c->n_students; s++)
        scan_student(c, s);
    return true;
}
