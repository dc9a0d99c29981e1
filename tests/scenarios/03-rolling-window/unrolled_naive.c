/*
 * unrolled_naive.c -- grader scenario: the naive algorithm, tuned.
 *
 * Still two passes over every window, but each pass keeps four independent
 * partial sums, so the CPU can overlap four additions instead of waiting for
 * each one: a real constant-factor gain on the same O(n*w) work. It is
 * correct, and it is not what the lab asks for: its work still grows
 * linearly with w. Expected: correctness PASS, performance FAIL (the scaling
 * exponent in w stays near 1, and the work ratio stays far below the target).
 */
#include "lab.h"

/* Sum of x[first..last], four additions in flight at a time. */
static double window_sum(const double *x, size_t first, size_t last)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t j = first;
    for (; j + 3 <= last; j += 4) {
        s0 += x[j];
        s1 += x[j + 1];
        s2 += x[j + 2];
        s3 += x[j + 3];
    }
    for (; j <= last; j++)
        s0 += x[j];
    return (s0 + s1) + (s2 + s3);
}

/* Sum of (x[j] - m)^2 over x[first..last], the same way. */
static double window_squares(const double *x, size_t first, size_t last, double m)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t j = first;
    for (; j + 3 <= last; j += 4) {
        s0 += (x[j] - m) * (x[j] - m);
        s1 += (x[j + 1] - m) * (x[j + 1] - m);
        s2 += (x[j + 2] - m) * (x[j + 2] - m);
        s3 += (x[j + 3] - m) * (x[j + 3] - m);
    }
    for (; j <= last; j++)
        s0 += (x[j] - m) * (x[j] - m);
    return (s0 + s1) + (s2 + s3);
}

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    if (w == 0 || (n > 0 && (x == NULL || mean == NULL || var == NULL)))
        return -1;

    for (size_t i = 0; i < n; i++) {
        size_t first = i + 1 > w ? i + 1 - w : 0;
        double count = (double)(i + 1 - first);
        double m = window_sum(x, first, i) / count;
        mean[i] = m;
        var[i] = window_squares(x, first, i, m) / count;
    }
    return 0;
}
