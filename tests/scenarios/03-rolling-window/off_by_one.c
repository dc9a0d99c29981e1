/*
 * off_by_one.c -- grader scenario: a fast sliding update whose window is one
 * value too long.
 *
 * Welford's add/remove update, the way many first attempts write it: add the
 * value that enters, remove the value that leaves. The value x[i-w] leaves
 * the window at step i (the window is x[i-w+1..i]); this code removes it one
 * step late, so once the window is full it holds w+1 values. Every output
 * after the first w is slightly wrong -- close enough to look plausible in a
 * plot, far outside lab.h's accuracy bound. Expected: correctness FAIL.
 */
#include "lab.h"

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    if (w == 0 || (n > 0 && (x == NULL || mean == NULL || var == NULL)))
        return -1;

    double m = 0.0, m2 = 0.0, count = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (i > w) { /* the bug: should be i >= w, removing x[i - w] */
            double leaving = x[i - w - 1];
            count -= 1.0;
            double delta = leaving - m;
            m -= delta / count;
            m2 -= delta * (leaving - m);
        }
        count += 1.0;
        double delta = x[i] - m;
        m += delta / count;
        m2 += delta * (x[i] - m);

        mean[i] = m;
        var[i] = m2 > 0.0 ? m2 / count : 0.0;
    }
    return 0;
}
