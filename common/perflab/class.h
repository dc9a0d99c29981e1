/*
 * class.h -- grading a whole class (`perflab class`, make grade-class) and one
 * Gradescope submission (`perflab class --gradescope`, the autograder zip).
 *
 * A class is a folder with one folder per student; a student's folder holds
 * that student's lab files, named after the lab's folder:
 *
 *     DIR/alice/01-string-building.c         the convention
 *     DIR/alice/01-string-building/optimized.c   accepted, with a warning
 *
 * Each (student, lab) is graded by its own `perflab grade` process, so every
 * grade has the grader's own isolation (a fresh build folder, the sandbox, its
 * limits) and one grade that crashes the grader cannot take another with it.
 * class.c finds the work (class_scan.c) and runs it (class_run.c);
 * class_book.c writes the gradebook and the per-student reports,
 * class_summary.c the summary.
 */
#ifndef PERFLAB_CLASS_H
#define PERFLAB_CLASS_H

#include "labs.h"
#include "report_read.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* What one (student, lab) ended as. */
enum entry_status {
    ST_PASS,
    ST_FAIL,
    ST_REVIEW,      /* points held back until a person reads the code */
    ST_NOT_STARTED, /* still the naive code */
    ST_MISSING,     /* no file for this lab */
    ST_GRADER_ERROR /* no verdict: the grader or toolchain failed; regraded on the next run */
};

const char *class_status_name(enum entry_status s);

struct student {
    char name[256];
    char path[PATH_MAX];
    char notes[1024]; /* odd things found in the folder, "; "-separated */
};

/* One (student, lab) cell of the gradebook; a job when there is a file. */
struct entry {
    size_t student;
    int lab;
    char source[PATH_MAX]; /* "" when missing */
    char shown[300];       /* the file as the instructor knows it: "alice/01-string-building.c" */
    char dir[PATH_MAX];    /* OUT/students/<name>/lab-N: the grade's reports and log */
    char warning[300];     /* accepted but unconventional */
    /* after grading */
    bool reused;           /* the file was graded before, unchanged */
    int exit_code;         /* of perflab grade; -1: did not finish */
    double seconds;
    enum entry_status status;
    double score, max_score;
    char reason[400];
    struct lab_report report;
    bool have_report;
};

/* A file or folder that is not a gradable lab file: a row of its own. */
struct problem {
    size_t student; /* (size_t)-1: at the top of DIR */
    char file[300];
    char kind[24];  /* IGNORED, NO_SUCH_LAB, WRONG_NAME, EMPTY, DUPLICATE, NOT_GRADED */
    char reason[400];
};

struct class_run {
    /* the request */
    char dir[PATH_MAX];      /* the submissions */
    char out[PATH_MAX];      /* where everything is written */
    int labs[LABS_MAX];
    size_t n_labs;
    int jobs;
    bool regrade;            /* ignore earlier grades */
    bool single;             /* Gradescope: dir is one student's submission */
    /* what was found */
    struct student *students;
    size_t n_students;
    struct entry *entries;   /* n_students * n_labs, student-major */
    size_t n_entries;
    struct problem *problems;
    size_t n_problems, cap_problems;
    double seconds;          /* the whole run */
};

/* The gradebook cell of student s and the run's k-th lab. */
static inline struct entry *class_entry(const struct class_run *c, size_t s, size_t k)
{
    return &c->entries[s * c->n_labs + k];
}

/* class_scan.c: fill students, entries and problems from dir. False (with a
   message on stderr) only when dir itself cannot be read. */
bool class_scan(struct class_run *c);
void class_add_problem(struct class_run *c, size_t student, const char *file, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* class_run.c: grade every entry with a file, `jobs` at a time, reusing the
   grades of unchanged files; then read each report and set status, score
   and reason. Returns the number of grader errors left. */
int class_grade(struct class_run *c, const char *perflab);
/* mkdir -p */
void class_mkdirs(const char *path);
/* seconds on the monotonic clock */
double class_now(void);

/* class_book.c: OUT/gradebook.csv, OUT/details.csv, OUT/class.json, each
   student's report.json and results.json, and the summary on stdout. */
void class_write_books(struct class_run *c);
/* class_summary.c: the summary per lab, on stdout and into j (class.json). */
struct json;
void class_print_summary(const struct class_run *c, struct json *j);
/* The Gradescope results.json of student s (execution_time: seconds). */
bool class_write_gradescope(const struct class_run *c, size_t s, const char *path, double seconds);

#endif
