/*
 * describe.h -- a lab's facts, as the callgrind driver tells them to the
 * front end.
 *
 * The perflab front end links no lab code: it learns a lab's title, time
 * limits, variants and targets by running `driver --describe`, which prints
 * one fact per line. The writer (describe_write, in the driver) and the
 * reader (describe_read, in the front end) live here, side by side, so the
 * format has one definition; tests/harness.c checks that what one writes the
 * other reads back unchanged.
 *
 *   lab 1
 *   slug 01-string-building
 *   title String building
 *   trap quadratic appends ...
 *   test_timeout 10
 *   perf_timeout 120
 *   variants naive yours reference
 *   criterion 0 work_ratio scaling instructions 10 20000
 *   bound 0 1000 11                      (at_most criteria: the bound at each size)
 *   xname 0 N
 *   text 0 work ratio naive/yours >= 10.0x (...)
 *   breakdown 0 schemes                  (optional: the sweep that splits the work)
 *   part 0 1 random                      (its x and what x names)
 *   bench_service                        (optional: driver-trusted --serve starts one)
 *   per_process memory heap_bytes peak_rss_bytes   (optional: report.c's runs, workload.h)
 *   per_process_xs 256 1024 4096         (that sweep's sizes)
 *
 * A missing or zero time limit reads as the default (workload.h), never as
 * "no limit": a driver that says nothing cannot switch a limit off.
 */
#ifndef PERFLAB_DESCRIBE_H
#define PERFLAB_DESCRIBE_H

#include "workload.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One performance target, as the front end knows it. */
struct criterion_info {
    enum perflab_criterion_kind kind;
    char sweep[64];
    char metric[64];  /* "instructions" or a counter name */
    char x_name[32];
    double bound;
    long xs[PERFLAB_MAX_CRITERION_XS];
    double bound_at[PERFLAB_MAX_CRITERION_XS]; /* PERFLAB_AT_MOST: the bound at each x */
    size_t n_xs;
    char text[512];   /* as the README and make lab-N print it */
    char breakdown[64]; /* "" or a sweep whose named x split the work (workload.h) */
    long part_xs[PERFLAB_MAX_XS];
    char part_names[PERFLAB_MAX_XS][48];
    size_t n_parts;
};

struct lab_info {
    int number;
    char slug[128];
    char title[128];
    char trap[256];
    double test_timeout_s;
    double perf_timeout_s;
    char variants[PERFLAB_MAX_VARIANTS][64];
    size_t n_variants;
    struct criterion_info criteria[PERFLAB_MAX_CRITERIA];
    size_t n_criteria;
    bool bench_service; /* driver-trusted --serve starts what bench needs (workload.h) */
    char per_process_sweep[64]; /* "" or the sweep of the per_process runs (workload.h) */
    char per_process_metrics[PERFLAB_MAX_PER_PROCESS_METRICS][64];
    size_t n_per_process_metrics;
    long per_process_xs[PERFLAB_MAX_XS];
    size_t n_per_process_xs;
};

/* The lab, one fact per line (the driver's --describe). */
void describe_write(const struct perflab_lab *lab, FILE *out);

/* Parse describe_write's text (modified in place) into *info. Returns false,
   with `error` filled, when the text does not describe a lab. */
bool describe_read(char *text, struct lab_info *info, char *error, size_t error_size);

/* "work_ratio", "exponent", "at_most". */
const char *describe_kind_name(enum perflab_criterion_kind kind);

#endif
