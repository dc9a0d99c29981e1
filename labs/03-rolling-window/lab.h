/*
 * lab.h -- Lab 3 contract: rolling mean and variance over a sliding window.
 *
 * This is the interface every implementation of the lab provides: the naive
 * baseline (naive.c), your version (optimized.c) and the reference
 * (solutions/03-rolling-window/optimized.c). The tests in
 * tests/03-rolling-window.c hold every one of them to exactly this text. The pipeline (pipeline.h) calls it
 * as its third stage, "features", on the z-scored sensor readings.
 */
#ifndef LAB03_ROLLING_WINDOW_H
#define LAB03_ROLLING_WINDOW_H

#include <stddef.h>

/*
 * rolling_mean_var -- mean and variance of every window of x.
 *
 * For each i in [0, n), the window is x[max(0, i-w+1) .. i]: the last w
 * values up to and including x[i]. It grows from 1 value to w values over
 * the first w positions, then slides. mean[i] is the arithmetic mean of the
 * window and var[i] its population variance (divided by the number of values
 * in the window, not by one less). w may be 1 (every variance is 0), larger
 * than n (every window starts at x[0]), or anything between.
 *
 * Returns 0 on success. Returns -1, and writes nothing, when w == 0, or when
 * n > 0 and x, mean or var is NULL. n == 0 is a success that writes nothing.
 *
 * x must hold finite numbers (the pipeline's filter stage drops NaN and
 * out-of-range readings for exactly this reason); NaN or infinity give
 * unspecified values, never a crash. mean and var are arrays of n doubles
 * that overlap neither x nor each other.
 *
 * Accuracy. Let m and v be the exact mean and variance of the window, and
 * s2 the exact variance of the whole input x[0..n). Every output satisfies
 *
 *     |mean[i] - m| <= 1e-9 * max(|m|, 1e-6 * sqrt(s2))
 *     |var[i]  - v| <= 1e-9 * max(v, 1e-6 * s2, (1e-9 * m)^2)
 *     var[i] >= 0
 *
 * on windows of up to 1000 values ("exact" = a long-double two-pass, see
 * accuracy.h; longer windows add rounding error in proportion to their
 * length). In words: nine correct digits, relative to the value itself,
 * except where the value is tiny. The floors say what "tiny" means:
 *   - a mean within a millionth of the input's spread of zero is judged
 *     against that spread (a relative error of a mean that is almost 0
 *     means nothing);
 *   - a variance below a millionth of the whole input's variance is judged
 *     against that; and a variance below (1e-9 * m)^2 is below what a mean
 *     with nine correct digits can resolve, so it is judged against that.
 * A window of equal values (a stuck sensor) has v = 0 exactly; the bound
 * then allows only rounding-sized errors, never a negative variance.
 *
 * The bound holds on the inputs where rolling variances break: a large
 * level with a small spread (x = 1e9 + noise), drifting data (random walks)
 * and long constant runs. The fast textbook update -- keep sum(x) and
 * sum(x^2), variance = sum(x^2)/w - mean^2 -- misses it by 13 orders of
 * magnitude on the first (make lab-3 prints the table).
 */
int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var);

#endif
