/*
 * targets.h -- does a lab README quote the lab's targets exactly? (targets.c)
 */
#ifndef PERFLAB_TARGETS_H
#define PERFLAB_TARGETS_H

#include <stdbool.h>
#include <stddef.h>

bool readme_targets_agree(int lab, char *why, size_t why_size);

#endif
