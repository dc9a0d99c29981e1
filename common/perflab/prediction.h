/*
 * prediction.h -- the student's written prediction, beside the measurement.
 *
 * Each lab asks the student to write down, before measuring, what they expect
 * (labs/NN-slug/prediction.md: which part dominates, the slopes, the speedup
 * Amdahl allows). After `make lab-N` measured, this prints that file next to
 * the measured answer read back from the run's results.json: every sweep's
 * fitted slopes and, at the largest size where naive and a variant both ran,
 * the speedup over naive. Guessing first and comparing after is how the
 * course's method ("measure, then believe") becomes a habit.
 */
#ifndef PERFLAB_PREDICTION_H
#define PERFLAB_PREDICTION_H

/* results_json: the run's results.json. Prints to stdout. */
void prediction_show(int lab, const char *slug, const char *results_json);

#endif
