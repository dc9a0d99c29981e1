/*
 * suite.h -- a cmocka test suite: run it in a child process, read its summary.
 *
 * cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s), listed
 * below:" followed by the failed tests' names; its exit status is the number
 * of failures. A suite that crashes or hangs prints no summary: it counts as
 * one failure, and the child runner says what happened.
 */
#ifndef PERFLAB_SUITE_H
#define PERFLAB_SUITE_H

#include <stdbool.h>
#include <stddef.h>

/* Run one variant's test suite (out_dir/test-<variant>) in a child; prints a
   line; true if it passed. Adds to *passed / *failed the tests counted.
   The suite is trusted (rpc.h): it calls the variant's code in a worker,
   which runs in the sandbox with worker_scratch as its writable folder
   (absolute; NULL: the worker runs as is, for the course's own variants). */
bool suite_run(const char *out_dir, const char *variant, double timeout_s, int *passed, int *failed,
               bool show_output, const char *worker_scratch);

/* Read a cmocka summary: tests passed and failed, and the failed tests'
   names ("test_a, test_b"). A run that printed no summary counts 0 and 0. */
void suite_counts(const char *output, int *passed, int *failed, char *failed_names, size_t size);

#endif
