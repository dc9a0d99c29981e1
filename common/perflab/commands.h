/*
 * commands.h -- the perflab tool's subcommands, one file each.
 */
#ifndef PERFLAB_COMMANDS_H
#define PERFLAB_COMMANDS_H

#include "grade.h"
#include "labinfo.h"

#include <stdbool.h>

bool parse_lab_number(const char *text, int *number); /* perflab.c */
int cmd_lab(const char *lab);                         /* lab.c */
int cmd_test(int argc, char **argv);                  /* test.c */
int cmd_profile(const char *lab);                     /* profile.c */
int cmd_targets(int argc, char **argv);               /* targets.c */

/* Run one variant's test suite in a child; prints a line; true if it passed.
   Adds to *passed / *failed the tests counted (a crash counts one failure). */
bool run_suite(const char *out_dir, const char *variant, double timeout_s, int *passed, int *failed,
               bool show_output);

#endif
