/*
 * measure.h -- the two deterministic measures the grader and profiles use.
 *
 *   instructions  callgrind counts the instructions of one run() of a
 *                 variant at one size (the driver switches instrumentation on
 *                 just around the measured call): exact and repeatable.
 *   counters      a number the lab's run() reports (statements sent to a
 *                 database), read from the driver's output.
 */
#ifndef PERFLAB_MEASURE_H
#define PERFLAB_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

/* Instructions callgrind counts in one run() of variant at x (setup excluded).
   Returns false with `why` filled when the run failed (crash, timeout).
   `driver` is the path of a lab's driver (or driver-trusted); callgrind's
   file goes beside it. */
bool measure_instructions(const char *driver, const char *variant, const char *sweep, long x,
                          double timeout_s, double *instructions, char *why, size_t why_size);

/* Run the driver natively and read a counter it prints. */
bool measure_counter(const char *driver, const char *variant, const char *sweep, long x,
                     const char *counter, double timeout_s, double *value, char *why, size_t why_size);

#endif
