/*
 * measure.h -- the two deterministic measures the grader and profiles use.
 *
 *   instructions  callgrind counts the instructions of one run() of a
 *                 variant at one size (the driver switches instrumentation on
 *                 just around the measured call): exact and repeatable.
 *   syscalls      the system calls of that same run (callgrind's sysCount
 *                 event, --collect-systime=yes): exact, counted by valgrind,
 *                 not by the measured process (Lab 7's writes).
 *   counters      a number the lab's run() reports (statements sent to a
 *                 database), read from the driver's output.
 */
#ifndef PERFLAB_MEASURE_H
#define PERFLAB_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

struct sandbox;

/* Instructions callgrind counts in one run() of variant at x (setup excluded).
   Returns false with `why` filled when the run failed (crash, timeout).
   `driver` is the path of a lab's driver; callgrind's file goes beside it.
   With a sandbox (sandbox.h), the run happens inside it and callgrind's
   file goes to its scratch folder; the count must match valgrind's own
   closing summary. */
bool measure_instructions(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                          long x, double timeout_s, double *instructions, char *why, size_t why_size);

/* System calls callgrind counts in one run() of variant at x, every thread,
   setup excluded; checked against valgrind's closing summary the same way. */
bool measure_syscalls(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                      long x, double timeout_s, double *syscalls, char *why, size_t why_size);

/* Run the driver natively (in the sandbox, if given) and read a counter it
   prints. The counter comes from the measured process itself: see the
   README on what that means for lab 5. */
bool measure_counter(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                     long x, const char *counter, double timeout_s, double *value, char *why, size_t why_size);

#endif
