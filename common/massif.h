/*
 * massif.h -- the peak memory of one program run, by valgrind's massif.
 *
 * Memory is a second currency beside time (Lab 9), and it can be measured as
 * exactly as callgrind counts instructions: massif sees every allocation
 * (and with --pages-as-heap, every page mapped) of the program it runs, and
 * the same program on the same input gives the same peak, whatever else the
 * machine is doing. The grader uses it (common/perflab/measure.c) and so does
 * Lab 9's report (make lab-9).
 *
 *   heap       --pages-as-heap=no: the peak of malloc'd bytes plus the
 *              allocator's overhead per block (headers, rounding), over
 *              the whole run.
 *   footprint  --pages-as-heap=yes: the peak of every page mapped (heap,
 *              stacks, the binary and its libraries, mmap'd files).
 *
 * Design decisions
 * - massif writes its file after the program has exited, so nothing the
 *   program does can change it; it can only stop it being written (a
 *   read-only file or a folder of that name, made in advance). valgrind
 *   then says so on its own output, which the program cannot reach, and
 *   the run fails. A link in place of the file is not followed.
 * - --depth=1 and no detailed snapshots but the peak's: the file stays
 *   small; the sizes in it are the same.
 */
#ifndef PERFLAB_MASSIF_H
#define PERFLAB_MASSIF_H

#include <stdbool.h>
#include <stddef.h>

struct child_limits;

/* Run argv (the program and its arguments) under massif, its file at
   out_file, with limits (child.h: time, memory, sandbox); the peak in bytes
   to *bytes. False with why filled when the run or the file failed. */
bool massif_peak(char *const argv[], bool pages_as_heap, const char *out_file, const struct child_limits *limits,
                 double *bytes, char *why, size_t why_size);

#endif
