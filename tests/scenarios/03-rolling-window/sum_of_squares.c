/*
 * sum_of_squares.c -- grader scenario: the fast textbook sliding update
 * (running sum(x) and sum(x^2)) handed in as a student's optimized.c.
 *
 * It is fast -- O(1) per output -- and wrong where it matters: on readings
 * far from zero its variance is rounding noise (catastrophic cancellation).
 * Expected: correctness FAIL (accuracy), so performance is not graded. The
 * update itself is the lab's own labs/03-rolling-window/measure/sum_of_squares.c
 * (support code, linked into every test binary), called rather than copied,
 * so the one make lab-3 measures and the one the grader rejects are the same.
 */
#include "lab.h"
#include "accuracy.h"

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    return sum_of_squares_rolling_mean_var(x, n, w, mean, var);
}
