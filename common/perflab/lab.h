/*
 * lab.h -- make lab-N's measuring step (lab.c), which make test also runs
 * on a scenario (test.c): bench in the sandbox, its plots drawn and its
 * files copied out by the trusted side.
 */
#ifndef PERFLAB_LAB_H
#define PERFLAB_LAB_H

#include "../describe.h"

#include <stdbool.h>

/* Run out_dir/bench (a build of lab `slug`) in the sandbox, on `variants`
   ("naive,yours"; NULL: all) with more bench options `extra` (NULL-ended;
   NULL: none), its output echoed; draw its queued plots in a sandbox of
   their own and copy its files into `plots` (made if missing). With `info`
   (NULL: none), first the lab's per_process runs of `variants` (workload.h)
   for its report. Prints what went wrong; true when bench exited with
   status 0. */
bool lab_bench(const char *out_dir, const char *slug, const char *plots, const char *variants,
               const char *const *extra, const struct lab_info *info);

#endif
