/*
 * gnuplot.h -- drawing a plot with gnuplot: at once, or queued and drawn
 * later by another process.
 *
 * A plot is `gnuplot -e ASSIGNMENTS FOOTER SCRIPT`: the script (a .gp file of
 * the course) reads its data file and output path from the assignments, and
 * common/footer.gp, run first, draws the provenance footer.
 *
 * Why a queue: make lab-N's bench links the student's code, so it runs in
 * the sandbox (sandbox.h), where no process can start -- not gnuplot either.
 * There the bench only queues each plot (script and assignments, in a file
 * in its scratch folder); once it has exited, the front end draws the queue
 * (gnuplot_queue_draw). The assignments were written by a process that ran
 * student code, and gnuplot can run commands (`system`), so gnuplot then
 * runs in a sandbox of its own too: the same scratch folder (its data files
 * and its output), read-only the course's scripts and the fonts, nothing
 * else. The queue is data, never code for a trusted process.
 */
#ifndef PERFLAB_GNUPLOT_H
#define PERFLAB_GNUPLOT_H

#include <stdbool.h>

struct sandbox;

/* Run gnuplot on footer_gp then script, with `-e assignments`, in sandbox
   sb (NULL: as is), 60 s at most. Its messages go to stderr as
   "gnuplot: ..." (but "no valid points": an all-NaN column is a series
   nothing was extrapolated for); a failure adds a warning. True when
   gnuplot exited with status 0. */
bool gnuplot_draw(const char *footer_gp, const char *script, const char *assignments, const struct sandbox *sb);

/* Append one plot to the queue file `queue`. False (with a warning) when it
   cannot be written or is over the limits gnuplot_queue_draw keeps. */
bool gnuplot_queue(const char *queue, const char *script, const char *assignments);

/* Draw every plot of the queue file with gnuplot `program` (its real path:
   Debian's /usr/bin/gnuplot is a link through /etc/alternatives, which a
   sandbox does not show), in sandbox sb (whose working folder the
   assignments' relative paths name). The scripts named there must be a
   course script, common/NAME.gp or labs/<slug>/measure/NAME.gp, and are
   run from `root` (the tree, absolute), as is root/common/footer.gp. A
   record that breaks the rules, or a queue over its limits (GNUPLOT_QUEUE_*
   in gnuplot.c: 64 plots, 120 s of gnuplot in all), is refused with a
   message, and so is the rest of the queue. Returns the number of plots
   that failed or were refused (0: all drawn; a missing queue: 0). */
int gnuplot_queue_draw(const char *queue, const char *program, const char *root, const char *slug,
                       const struct sandbox *sb);

#endif
