/*
 * figures.h -- every measured figure the course quotes, from its own data.
 *
 * course.md, the READMEs and the references' comments (solutions/NN-slug/
 * optimized.c) never type a measured number: they quote it between two
 * markers (in a reference, inside its C comment),
 *
 *   <!-- figure 2.lookup_ns -->16.3<!-- /figure -->
 *
 * and the number is computed from the course's committed data in
 * plots/lab-N/ (results.json and the CSVs: what `make course-data` measured,
 * on the machine its provenance names) by the definition of that name in
 * labs/NN-slug/measure/figures:
 *
 *   # name      format  expression
 *   lookup_ns   %.1f    1e9 * csv(lookup.csv, ns_per_lookup, keys=524288, variant=reference)
 *
 * Expressions are numbers, + - * / and parentheses over these sources:
 *   cell(SWEEP, VARIANT, X, FIELD)  a results.json cell: seconds, cv, or a counter
 *   slope(SWEEP, VARIANT)           a fitted slope in results.json
 *   argmin(SWEEP, VARIANT, FIELD)   the x of the measured cell with the smallest FIELD
 *   json(a.b.c)                     any number in results.json, by its keys
 *   csv(FILE, COLUMN, k=v, ...)     the first row of plots/lab-N/FILE matching every k=v
 *   text(a.b.c)                     a string in results.json (format %s)
 * Formats are printf's, for one double, plus "%," for thousands separators,
 * "time" for seconds as the harness prints them ("812 ns", "1.05 ms") and
 * "ratio" for a speedup ("0.98x", "52.3x", "612x"). A figure computed from
 * a cell (or CSV row) that was extrapolated rather than measured is printed
 * with a leading "~", as the harness's tables print it.
 *
 * `make course` rewrites every block; `make test` fails, naming the file,
 * line and figure, when a block's text differs from what the data gives.
 * A reader's own `make lab-N` writes to build/plots/ and never touches them.
 */
#ifndef PERFLAB_FIGURES_H
#define PERFLAB_FIGURES_H

#include <stdbool.h>

/* Checks (write = false) or rewrites (write = true) the figure blocks of
   README.md, course.md, every labs/NN-slug/README.md and every
   solutions/NN-slug/optimized.c. Prints one line per
   problem; returns the number of blocks that disagree or cannot be computed. */
int figures_run(bool write, int *blocks_seen);

#endif
