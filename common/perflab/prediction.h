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

/* Its second half: what results_json measured. That file was written by a
   bench that ran student code (make lab-N), so any JSON of any shape is read
   without a crash: what is not as bench writes it is left out. */
void prediction_show_measured(const char *results_json);

#endif
