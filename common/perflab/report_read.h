/*
 * report_read.h -- read back one lab's grade from a report.json that
 * `perflab grade` wrote (grader.c: write_report).
 *
 * `perflab class` runs one `perflab grade` process per student and lab (so
 * each grade keeps the grader's own isolation) and builds the gradebook from
 * their reports. We read only reports our own JSON writer produced, for one
 * lab each, so this is a scanner for known keys in their known order, not a
 * general JSON parser. It is sound for that input: inside a JSON string every
 * '"' is written as \", so the text "key": (a quote, the key, a quote, a
 * colon) only ever occurs where the writer put a key -- whatever a student's
 * file name or a test's message contains.
 */
#ifndef PERFLAB_REPORT_READ_H
#define PERFLAB_REPORT_READ_H

#include "../describe.h"

#include <stdbool.h>
#include <stddef.h>

struct criterion_report {
    char target[256];
    char verdict[16];
    char detail[640];
    double points, max_points;
};

struct lab_report {
    int lab;
    char name[160];
    bool passed, built, grader_error, review, not_started;
    double score, max_score;
    char correctness[16];          /* PASS, FAIL, "not run" */
    char correctness_detail[1024];
    char performance[16];
    struct criterion_report criteria[PERFLAB_MAX_CRITERIA];
    size_t n_criteria;
};

/* Read the first (only) lab of the report at path. False if the file is
   missing or not a report of this shape. */
bool report_read(const char *path, struct lab_report *out);

#endif
