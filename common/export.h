/*
 * export.h -- the files behind every table: CSV, JSON and plots.
 *
 * make lab-N writes, into $(PLOTS)/lab-N/ (build/plots/ for a reader's run,
 * plots/ for the course's data: make course-data): <sweep>.csv (long format, one row per
 * cell), <sweep>.png and <sweep>-speedup.png (gnuplot, common/plot_lines.gp),
 * and results.json (every cell and every fit): the JSON twin of the tables.
 * gnuplot runs as a child process (gnuplot.h), so only bench links this file:
 * the callgrind driver must not carry plotting or process code. In make
 * lab-N's sandbox the bench cannot start gnuplot: it queues its plots
 * (export_queue_plots) for the front end to draw once it has exited.
 */
#ifndef PERFLAB_EXPORT_H
#define PERFLAB_EXPORT_H

#include "results.h"

#ifdef __cplusplus
extern "C" {
#endif

/* plots/lab-N/<sweep>.csv. Returns 0 on success. */
int export_csv(const struct perflab_results *r, const struct perflab_sweep *s);
/* plots/lab-N/<sweep>.png (and <sweep>-speedup.png), per the sweep's plot kind. */
int export_plots(const struct perflab_results *r, const struct perflab_sweep *s);
/* plots/lab-N/results.json: every cell and every fit. */
int export_json(const struct perflab_results *r, const char *path);
/* From now on perflab_gnuplot (export_plots' and the labs' report.c's) queues
   each plot in the file `queue` (gnuplot.h) instead of running gnuplot. */
void export_queue_plots(const char *queue);

#ifdef __cplusplus
}
#endif
#endif
