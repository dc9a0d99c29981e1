/*
 * labs.h -- which labs exist, and what each says of itself.
 *
 * The front end is generic: it links no lab code. It finds labs by their
 * folders (labs/NN-slug) and learns a lab's variants, time limits and targets
 * by asking the lab's own driver (`driver --describe`, describe.h). That keeps
 * each lab's targets in exactly one place, its measure/workload.c.
 */
#ifndef PERFLAB_LABS_H
#define PERFLAB_LABS_H

#include "../describe.h"

#include <stdbool.h>
#include <stddef.h>

enum { LABS_MAX = 32 };

/* The lab numbers that exist (from labs/NN-slug folders), ascending. */
size_t labs_find(int numbers[LABS_MAX]);
/* The folder name (NN-slug) of lab `number` into slug; false if there is no such lab. */
bool labs_slug(int number, char *slug, size_t size);
/* "1 2 3" -- for error messages. */
const char *labs_list_text(char *buf, size_t size);
/* Parse a lab number and check the lab exists; explains itself on stderr. */
bool labs_parse_number(const char *text, int *number);
/* Run `driver-trusted --describe` from out_dir (a lab's build folder) and
   read it: the facts come from a binary with no student code in it. */
bool labs_describe(const char *out_dir, struct lab_info *info, char *error, size_t error_size);

#endif
