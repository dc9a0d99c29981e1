/*
 * shifted_sums.c -- Lab 3 variant: the classic fast incremental update, with
 * the two usual repairs, to measure what the reference's accuracy costs.
 * label: add/subtract, re-summed every w
 *
 * What it is. Keep the running sum and sum of squares of d = x - anchor; when
 * the window slides, add the value that enters and subtract the one that
 * leaves (O(1) per output), and output
 *
 *     mean = anchor + sum/w,   variance = squares/w - (sum/w)^2.
 *
 * Every w steps the anchor is moved to the newest value and both sums are
 * re-summed exactly from the window. The anchor keeps the subtraction above
 * away from catastrophic cancellation (the trap of ../sum_of_squares.c: with
 * x = 1e9 + noise the terms are about 1 instead of 1e18) and follows drifting
 * data; the re-sum throws away the rounding errors the running sums have
 * picked up. A window of w equal values is detected by counting equal values
 * in a row, and returns its value and variance 0 exactly (the reference gets
 * there without a test): without that, a stuck sensor gets variances like
 * 1e-17, and lab.h's tolerance for a variance of 0 is 1e-9 times the larger of
 * 1e-6 * (variance of the whole input) and (1e-9 * mean)^2 -- below 1e-24 on
 * inputs that are mostly stuck.
 *
 * Cost. Per output: two subtractions from the anchor, two updates, and one
 * value of the re-sum (w values every w steps). The re-sum is a chain of
 * additions, each waiting for the one before, so it costs about as much as
 * the update itself. make lab-3 sets it beside the reference (same stages
 * sweep, same window sweep, same accuracy table), and make shifted-3 times
 * the two side by side at n = 1e6 and w = 10, 100, 1000: the reference,
 * which never subtracts, takes 0.74x (w = 1000) to 0.94x (w = 10) of its time.
 *
 * Accuracy: it passes the lab's tests, barely, and with no guarantee.
 * Subtracting the value that leaves a running sum takes away that value, not
 * the rounding error its arrival added. When a noisy window turns almost
 * constant -- a stuck sensor with one earlier reading still inside the
 * window -- the sum of squares collapses by orders of magnitude and those
 * leftovers become the answer: an error of about 1e-16 times the largest sum
 * of squares since the last re-sum, against a variance that can be as small
 * as you like. On the tests' 10,000 random cases its worst error is 7.4e-10
 * of lab.h's 1e-9 (random case 8038: 44 equal values and one 1e-3 away, true
 * variance 2.5e-8, 27 steps after a re-sum of a window of variance 0.9). On
 * the same generator with longer inputs (n up to 3,000, w up to 1,200, seed 2)
 * 2 of 300 cases miss the bound (1.08e-9). The details decide: anchored at
 * the previous window's mean instead of the newest value, the same code fails
 * the test suite (3.4e-9 on case 8038), and so it would break `make test`,
 * which runs the suite on every variant. The reference never subtracts a
 * value that left (solutions/03-rolling-window/optimized.c), which is why its
 * error has a bound (3.4e-10 at w = 1000, whatever the data) and this one
 * does not.
 */
#include "../lab.h"

/* Output i from the window's sums (relative to anchor); a window of equal
   values gets its value and variance 0 exactly. */
static inline void write_output(double *mean, double *var, size_t i, double anchor, double sum,
                                double squares, double inv_count, int constant, double value)
{
    double m = sum * inv_count;
    double v = squares * inv_count - m * m;
    mean[i] = constant ? value : anchor + m;
    var[i] = constant ? 0.0 : (v > 0.0 ? v : 0.0);
}

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    if (w == 0 || (n > 0 && (x == NULL || mean == NULL || var == NULL)))
        return -1;
    if (n == 0)
        return 0;

    /* The first w outputs: the window grows, nothing leaves it. */
    size_t run = 1; /* equal values ending at x[i] */
    double anchor = x[0], sum = 0.0, squares = 0.0;
    size_t first = n < w ? n : w;
    for (size_t i = 0; i < first; i++) {
        double d = x[i] - anchor;
        sum += d;
        squares += d * d;
        run = i > 0 && x[i] == x[i - 1] ? run + 1 : 1;
        write_output(mean, var, i, anchor, sum, squares, 1.0 / (double)(i + 1), run > i, x[i]);
    }

    double inv_w = 1.0 / (double)w;
    for (size_t start = first; start < n; start += w) {
        /* Re-anchor at the newest value and re-sum the window x[start-w+1 .. start]
           exactly (x[start] itself adds 0). */
        anchor = x[start];
        sum = squares = 0.0;
        for (size_t j = start + 1 - w; j < start; j++) {
            double d = x[j] - anchor;
            sum += d;
            squares += d * d;
        }
        run = x[start] == x[start - 1] ? run + 1 : 1;
        write_output(mean, var, start, anchor, sum, squares, inv_w, run >= w, x[start]);

        /* The next w - 1 outputs: one value in, one value out. */
        size_t end = n - start > w ? start + w : n;
        for (size_t i = start + 1; i < end; i++) {
            double in = x[i] - anchor, out = x[i - w] - anchor;
            sum += in - out;
            squares += (in - out) * (in + out);
            run = x[i] == x[i - 1] ? run + 1 : 1;
            write_output(mean, var, i, anchor, sum, squares, inv_w, run >= w, x[i]);
        }
    }
    return 0;
}
