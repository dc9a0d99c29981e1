/*
 * build.h -- building a lab with make, into a folder of its own.
 */
#ifndef PERFLAB_BUILD_H
#define PERFLAB_BUILD_H

#include "../child.h"

#include <stdbool.h>

/* Build what `targets` names (make target names) into out_dir, with `yours`
   (a path to an optimized.c) as lab N's student file, taken as new (make -W)
   when yours_is_new. Fills *result. */
bool build_lab(int number, const char *out_dir, const char *yours, const char *targets, bool yours_is_new,
               struct child_result *result);

/*
 * build_compile_yours -- compile `yours` into out_dir/variants/yours.o with
 * the command make would run, in the sandbox, seeing only common/, lab
 * `slug`'s headers and the submission's own folder: a file's #include of
 * solutions/ or tests/ (by any path) finds nothing. Then build_lab without
 * yours_is_new keeps that object. False with *result filled when it does
 * not compile (the student's) or, with *grader_error, when the command could
 * not be found or run (the grader's).
 */
bool build_compile_yours(int number, const char *slug, const char *out_dir, const char *yours, bool *grader_error,
                         struct child_result *result);

#endif
