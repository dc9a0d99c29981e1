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
 *   memory        valgrind's massif follows every allocation of the driver
 *                 (setup and run: the whole process) and reports its peak:
 *                 heap_bytes (malloc'd bytes plus the allocator's overhead)
 *                 or footprint_bytes (--pages-as-heap: every page mapped,
 *                 heap, stacks, the binary, mmap'd files). Exact and
 *                 repeatable, like callgrind's counts.
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

/* The same, with more callgrind options (at most 8: a cache simulation, say),
   and the path of callgrind's file in out_file, for callgrind_annotate. The
   count returned is the first event's, instructions (Ir), whatever else the
   options add. */
bool measure_callgrind(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                       long x, double timeout_s, const char *const *options, char *out_file, size_t out_size,
                       double *instructions, char *why, size_t why_size);
/* System calls callgrind counts in one run() of variant at x, every thread,
   setup excluded; checked against valgrind's closing summary the same way. */
bool measure_syscalls(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                      long x, double timeout_s, double *syscalls, char *why, size_t why_size);

/* Every counter one run printed ("counter NAME VALUE" lines), in order. */
enum { MEASURE_MAX_COUNTS = 16 };
struct measure_counts {
    size_t n;
    char name[MEASURE_MAX_COUNTS][64];
    double value[MEASURE_MAX_COUNTS];
};

/* Run the driver natively (in the sandbox, if given) and read a counter it
   prints. The counter comes from the measured process itself: see the
   README on what that means for lab 5. When `all` is not NULL it receives
   every counter of that run, so that a caller grading several counters of
   one call (Lab 8's rounds, connections and 503s) runs it once. */
bool measure_counter(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                     long x, const char *counter, double timeout_s, double *value, struct measure_counts *all,
                     char *why, size_t why_size);

/* The metrics measure_memory knows: "heap_bytes", "footprint_bytes". */
bool measure_is_memory_metric(const char *metric);

/* Peak memory (metric as above) of one driver run of variant at x, by
   valgrind's massif, in the sandbox if given (its file then goes to the
   scratch folder; a file massif could not write is refused). */
bool measure_memory(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                    long x, const char *metric, double timeout_s, double *bytes, char *why, size_t why_size);

#endif
