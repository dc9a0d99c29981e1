/*
 * fit.h -- the scaling exponent: fit y = c * x^k by least squares on logs.
 *
 * On a log-log plot a power law is a straight line whose slope is k, the
 * exponent: 1 for linear work, 2 for quadratic. We fit that slope to measured
 * times (make lab-N) and to callgrind instruction counts (make grade-N).
 *
 * Why hand-written: google-benchmark's Complexity() fits the coefficient of a
 * complexity class you name (or picks the best of a fixed menu: 1, N, N^2,
 * N^3, log N, N log N). It cannot say "1.93", and we need that number both to
 * extrapolate runs we skip and to grade. The fit itself is ten lines.
 */
#ifndef PERFLAB_FIT_H
#define PERFLAB_FIT_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct power_fit {
    double exponent;    /* k: the slope on a log-log plot */
    double coefficient; /* c */
    size_t points;      /* how many (x, y) pairs were used */
};

/* Fit over n >= 2 points with positive x and y (others are skipped); at least
   two distinct x must remain. Returns false if the fit is impossible. */
bool fit_power_law(const double *x, const double *y, size_t n, struct power_fit *out);

/* c * x^k */
double power_fit_predict(const struct power_fit *fit, double x);

#ifdef __cplusplus
}
#endif
#endif
