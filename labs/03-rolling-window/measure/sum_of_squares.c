/*
 * sum_of_squares.c -- the fast textbook sliding update, kept to show why it
 * is wrong.
 *
 * Keep two running sums, sum(x) and sum(x^2). When the window slides, add the
 * value that enters and subtract the one that leaves: O(1) per output, the
 * fastest variant in the lab. Then use the identity
 *
 *     variance = sum(x^2)/count - mean^2
 *
 * which is exact in real arithmetic and ruinous in floating point. When the
 * readings sit far from zero relative to their spread, both terms are huge
 * and nearly equal. At x = 1e9 + N(0, 1), sum(x^2)/count and mean^2 are both
 * about 1e18; a double holds them to about 16 significant digits, i.e. to
 * within ~100, and the variance we want is about 1. Their difference is
 * rounding noise: errors of 1e3 to 1e4 times the true variance, often
 * negative ("catastrophic cancellation"). Clamping at 0 would hide the sign,
 * not the error. The running sums also drift, because a value that leaves
 * takes away itself but not the rounding error it brought in.
 *
 * It is support code, not a variant, because it fails the correctness suite
 * by design and make lab-3 only measures variants that pass. It fills the
 * sum_of_squares row of the accuracy table of make lab-3, and the grader
 * scenario tests/scenarios/03-rolling-window/sum_of_squares.c hands it in as
 * a student's optimized.c (expected: correctness FAIL).
 */
#include "accuracy.h"

int sum_of_squares_rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    if (w == 0 || (n > 0 && (x == NULL || mean == NULL || var == NULL)))
        return -1;

    double sum = 0.0, squares = 0.0;
    for (size_t i = 0; i < n; i++) {
        sum += x[i];
        squares += x[i] * x[i];
        if (i >= w) { /* x[i - w] just left the window */
            sum -= x[i - w];
            squares -= x[i - w] * x[i - w];
        }
        double count = (double)(i + 1 < w ? i + 1 : w);
        double m = sum / count;
        mean[i] = m;
        var[i] = squares / count - m * m;
    }
    return 0;
}
