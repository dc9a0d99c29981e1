/*
 * build.h -- building a lab with make, into a folder of its own.
 */
#ifndef PERFLAB_BUILD_H
#define PERFLAB_BUILD_H

#include "../child.h"

#include <stdbool.h>

/* Build what `targets` names (make target names) into out_dir, with `yours`
   (a path to an optimized.c) as lab N's student file. Fills *result. */
bool build_lab(int number, const char *out_dir, const char *yours, const char *targets,
               struct child_result *result);

#endif
