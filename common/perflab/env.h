/*
 * env.h -- how this run was asked for: the build folder and its kind.
 *
 * The Makefile exports BUILD and SANITIZE; the front end reads them here and
 * nowhere else.
 */
#ifndef PERFLAB_ENV_H
#define PERFLAB_ENV_H

#include <stdbool.h>
#include <stddef.h>

/* Built with SANITIZE=1? ASan reserves terabytes of address space, so no
   memory cap can be set on its processes, and callgrind cannot run them. */
bool env_sanitized(void);
/* The address-space cap for processes that run lab code: 4 GiB, or none when sanitized. */
size_t env_memory_limit(void);
/* The build folder (env BUILD, set by the Makefile; default "build"). */
const char *env_build_root(void);

/* Where make lab-N writes its files (env PLOTS, default <build>/plots): the
   course's own data lives in plots/, and only `make course-data` writes there. */
const char *env_plots_root(void);

#endif
