/*
 * labdef.h -- looking things up in a lab's definition, and its targets as text.
 *
 * A lab is the `struct perflab_lab` of its measure/workload.c (workload.h).
 * Everything that reads one -- bench, the callgrind driver, the results and
 * report code, a lab's own report.c -- asks through these functions, so the
 * defaults (a sweep's time budget, how many points a slope is fitted on) are
 * written once. The targets' text is here too, because the driver prints it
 * (make targets, the README) and bench prints it (make lab-N): one writer.
 *
 * Nothing here plots, writes files or starts processes: the driver links it.
 */
#ifndef PERFLAB_LABDEF_H
#define PERFLAB_LABDEF_H

#include "workload.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

const struct perflab_sweep *lab_sweep(const struct perflab_lab *lab, const char *name);
const struct perflab_variant *lab_variant(const struct perflab_lab *lab, const char *name);
/* Variants a sweep runs (its list, or all of the lab's), in the lab's order. */
size_t lab_sweep_variants(const struct perflab_lab *lab, const struct perflab_sweep *s,
                          const struct perflab_variant **out, size_t max);
/* A sweep's time budget per call in seconds (its own, or 1 s). */
double lab_sweep_budget(const struct perflab_sweep *s);
/* Does make lab-N run this sweep? (its `enabled` hook, or always) */
bool lab_sweep_enabled(const struct perflab_sweep *s);
/* How many of the largest sizes a slope is fitted on (its own, or 4). */
int lab_sweep_fit_points(const struct perflab_sweep *s);

/* One criterion as text: "work ratio naive/yours >= 50x (instructions at N = 20,000)". */
const char *lab_criterion_text(const struct perflab_lab *lab, const struct perflab_criterion *c,
                               char *buf, size_t size);
/* The lab's targets, one "- text" line each, as make lab-N, the README and the grader show them. */
void lab_targets(const struct perflab_lab *lab, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
