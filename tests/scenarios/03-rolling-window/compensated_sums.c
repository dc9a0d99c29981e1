/*
 * compensated_sums.c -- grader scenario: a correct O(n) solution that is not
 * the reference's, so the targets are shown to accept other good answers.
 *
 * Sums of x - anchor (the anchor is re-chosen every w steps, where the sums
 * are recomputed from the window), updated by adding the value that enters
 * and subtracting the one that leaves. Every addition is compensated (Knuth's
 * TwoSum keeps the exact rounding error of each addition in a second double),
 * so a value that leaves the window takes its rounding error with it: no
 * residue is left when a noisy window turns constant. The shift keeps the
 * sum of squares free of catastrophic cancellation on offset data.
 * Expected: correctness PASS, performance PASS.
 */
#include "lab.h"

/* A sum and the rounding error it has accumulated. */
struct exact_sum {
    double sum;
    double error;
};

static void exact_add(struct exact_sum *s, double value)
{
    double total = s->sum + value;
    double value_part = total - s->sum;
    s->error += (s->sum - (total - value_part)) + (value - value_part);
    s->sum = total;
}

static double exact_value(const struct exact_sum *s)
{
    return s->sum + s->error;
}

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    if (w == 0 || (n > 0 && (x == NULL || mean == NULL || var == NULL)))
        return -1;

    double anchor = 0.0;
    struct exact_sum sum = { 0, 0 }, squares = { 0, 0 };
    for (size_t i = 0; i < n; i++) {
        size_t first = i + 1 > w ? i + 1 - w : 0;
        size_t count = i + 1 - first;
        if (i % w == 0) { /* re-anchor at the newest value and recompute */
            anchor = x[i];
            sum = squares = (struct exact_sum){ 0, 0 };
            for (size_t j = first; j <= i; j++) {
                double d = x[j] - anchor;
                exact_add(&sum, d);
                exact_add(&squares, d * d);
            }
        } else {
            double in = x[i] - anchor;
            exact_add(&sum, in);
            exact_add(&squares, in * in);
            if (i >= w) {
                double out = x[i - w] - anchor;
                exact_add(&sum, -out);
                exact_add(&squares, -(out * out));
            }
        }
        double offset = exact_value(&sum) / (double)count;
        double v = exact_value(&squares) / (double)count - offset * offset;
        mean[i] = anchor + offset;
        var[i] = v > 0.0 ? v : 0.0;
    }
    return 0;
}
