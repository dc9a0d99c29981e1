/*
 * build.c -- building a lab with make (build.h).
 */
#include "build.h"

#include "env.h"

#include <stdio.h>
#include <string.h>

bool build_lab(int number, const char *out_dir, const char *yours, const char *targets,
               struct child_result *result)
{
    /* make runs with an argument list, no shell in between: a path with
       spaces, quotes or backticks is a name, never a command. -W treats the
       graded file as new, so that a file with an old time stamp (a copied
       submission, a restored backup) is never taken for an object that was
       built from another one. */
    char out_var[700], yours_var[700], targets_copy[2400];
    snprintf(out_var, sizeof out_var, "OUT_%d=%s", number, out_dir);
    snprintf(yours_var, sizeof yours_var, "YOURS_%d=%s", number, yours);
    snprintf(targets_copy, sizeof targets_copy, "%s", targets);
    char *argv[64] = { "make", "--no-print-directory", "-s", "-j2", "-W", (char *)yours, out_var, yours_var };
    size_t argc = 8;
    char *save = NULL;
    for (char *t = strtok_r(targets_copy, " ", &save); t != NULL && argc + 1 < 64; t = strtok_r(NULL, " ", &save))
        argv[argc++] = t;
    argv[argc] = NULL;
    struct child_limits limits = { .timeout_s = 300, .memory_bytes = env_memory_limit() };
    return child_run(argv, &limits, result);
}
