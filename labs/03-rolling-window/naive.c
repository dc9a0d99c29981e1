/*
 * naive.c -- Lab 3 baseline: recompute every window from scratch.
 * label: re-add every window
 *
 * This is the loop you write straight from the definition, and it is the
 * careful version of it: for every position i, add up the window to get its
 * mean, then make a second pass over the same window to add up the squared
 * deviations from that mean (the "two-pass" variance, which is accurate even
 * when the readings sit far from zero). Each output costs two passes over w
 * values, so n outputs cost about 2*n*w additions: with w = 100, two hundred
 * floating-point additions for every reading, where one would do. That is the
 * Python `sum(window) / len(window)` of the lecture, written in C.
 */
#include "lab.h"

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    if (w == 0 || (n > 0 && (x == NULL || mean == NULL || var == NULL)))
        return -1;

    for (size_t i = 0; i < n; i++) {
        size_t first = i + 1 > w ? i + 1 - w : 0; /* the window is x[first..i] */
        size_t count = i + 1 - first;

        double sum = 0.0;
        for (size_t j = first; j <= i; j++)
            sum += x[j];
        double m = sum / (double)count;

        double squares = 0.0;
        for (size_t j = first; j <= i; j++) {
            double deviation = x[j] - m;
            squares += deviation * deviation;
        }
        mean[i] = m;
        var[i] = squares / (double)count;
    }
    return 0;
}
