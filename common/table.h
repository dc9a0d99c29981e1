/*
 * table.h -- what make lab-N prints for one sweep.
 *
 * One row per size, one column per variant (median time per call or per
 * item; "~...*" where a cell was extrapolated), then the fitted slopes, the
 * speedups over naive, any counters, the legend and the worst spread. Kept
 * apart from the files (export.h): a table is for a person at a terminal.
 */
#ifndef PERFLAB_TABLE_H
#define PERFLAB_TABLE_H

#include "results.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

void table_print(const struct perflab_results *r, const struct perflab_sweep *s, FILE *out);

/* Per item (PERFLAB_PLOT_PER_ITEM) or per call: the value a table or plot shows for a cell. */
double table_shown_value(const struct perflab_sweep *s, const struct perflab_cell *c);

#ifdef __cplusplus
}
#endif
#endif
