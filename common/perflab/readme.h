/*
 * readme.h -- does a lab README quote the lab's targets exactly? (readme.c)
 */
#ifndef PERFLAB_README_H
#define PERFLAB_README_H

#include <stdbool.h>
#include <stddef.h>

/* Does labs/NN-slug/README.md quote exactly what `driver --targets` prints? */
bool readme_targets_agree(int lab, char *why, size_t why_size);
/* Rewrite the README's targets block from the driver; prints what it did. */
bool readme_write_targets(int lab);

#endif
