/*
 * optimized.c -- Lab 3 reference: O(n) rolling mean and variance that never
 * subtracts a value that left the window.
 * label: prefix/suffix blocks, never subtracts
 *
 * Why it is fast. The naive version re-adds all w values of every window:
 * about 2*w additions per output. Neighbouring windows share w-1 of their
 * values, so almost all of that work is repeated. Here every value goes
 * through two passes and every output through one merge, whatever w is: the
 * cost per output no longer grows with the window. At w = 100 it executes
 * 15 times fewer instructions than naive (callgrind, make grade-3). At
 * n = 1e6 it is limited by memory traffic -- reading x and writing two
 * outputs per value -- not by arithmetic.
 *
 * Why it is not the textbook sliding update. The obvious O(1) step keeps
 * sum(x) and sum(x^2), adds the value that enters and subtracts the one that
 * leaves, and returns sum(x^2)/w - mean^2. That formula subtracts two huge,
 * nearly equal numbers whenever the readings sit far from zero: at
 * x = 1e9 + noise both terms are about 1e18, a double carries 16 digits, and
 * the variance (about 1) is lost in the rounding of the two: catastrophic
 * cancellation (labs/03-rolling-window/measure/sum_of_squares.c; make lab-3 shows
 * errors of 1e4).
 * Shifting the data by an anchor near the mean cures that, but subtraction
 * has a second, quieter flaw: every value that leaves a running sum takes
 * away its own value, not the rounding error its arrival added. When a
 * window goes from noisy to nearly constant (a sensor that gets stuck), the
 * sum of squares falls by orders of magnitude and those leftovers of the
 * departed values become the answer. The tests catch that: a shifted-sums
 * update re-summed every w steps misses lab.h's 1e-9 on one of the 10,000
 * random cases (1.4e-9, a stuck-sensor window of true variance 1e-15).
 *
 * The idea: cut x into blocks of w values. A window x[i-w+1 .. i] that does
 * not fit in one block is a suffix of one block plus a prefix of the next:
 *
 *        block b-1                   block b
 *     [ .......|xxxxxxxxxxxxx ][ xxxxxxxxxxxx|........ ]
 *              i-w+1 ... end of b-1  start of b ... i
 *              \__ suffix ________/  \___ prefix __/
 *
 * Statistics of every prefix of a block come from one pass forward over it,
 * statistics of every suffix from one pass backward, and two (count, mean,
 * sum of squared deviations) triples combine exactly (Chan, Golub and
 * LeVeque's pairwise formula, merge() below). Each value is added in two
 * passes and never subtracted, and every sum of squared deviations is a sum
 * of non-negative terms, so its relative error stays near count * 1e-16 and
 * cannot turn negative. This is the sliding-window trick known as "two
 * stacks" or van Herk / Gil-Werman, which also gives O(1) rolling min/max.
 *
 * Accuracy details, in the order they matter:
 * - Each pass works on d = x - anchor, where the anchor is the mean of the
 *   window just before the block. For x = 1e9 + noise the subtraction is
 *   exact (two doubles within a factor 2 of each other), so the passes see
 *   numbers near 0, with all 16 digits spent on the noise.
 * - The pass keeps the running sum of d and the running sum of squared
 *   deviations m2, updated as m2 += (d - old mean)(d - new mean) (Welford's
 *   identity). Unlike sum(d^2) - sum(d)^2/k, every term is a product of two
 *   deviations, so a nearly constant stretch gives a nearly zero m2 instead
 *   of the difference of two large numbers.
 * - A window of equal values returns its value and variance 0 exactly (as
 *   pandas does): a stuck sensor should read "no variation", not 1e-30 --
 *   code downstream divides by that standard deviation.
 * Measured against the long-double oracle over all the tests' inputs, the
 * largest relative error of a variance is 1.2e-13 (naive: 8e-12) and of a
 * mean 2e-10 (naive: 1.1e-10) -- a mean close to zero in a short random walk,
 * where adding numbers of both signs is ill-conditioned for any method.
 * lab.h allows 1e-9.
 *
 * Memory: none beyond the outputs. The suffix statistics of block b-1 are
 * needed exactly once, by output i of block b, so they are parked in
 * mean[i] and var[i] and replaced by the answer when i is computed.
 */
#include "lab.h"

/* Count, mean and sum of squared deviations of some values, measured from
   an anchor: the values' true mean is anchor + mean. */
struct stats {
    double count;
    double mean;
    double m2;
};

/* The two parts of one window, combined (Chan, Golub and LeVeque). `a` is the
   older part, anchored at a_anchor; the result's mean is relative to
   b_anchor. inv_count is 1 / (a.count + b.count), passed in because a
   division costs as much as the whole rest of this function. */
static struct stats merge(struct stats a, double a_anchor, struct stats b, double b_anchor,
                          double inv_count)
{
    double gap = (b_anchor - a_anchor) + (b.mean - a.mean); /* mean of b minus mean of a */
    double a_share = a.count * inv_count;
    return (struct stats){
        a.count + b.count,
        b.mean - gap * a_share,
        a.m2 + b.m2 + gap * gap * a_share * b.count,
    };
}

/* A pass over consecutive values (forward over a prefix, or backward over
   a suffix): their statistics so far, and the running sum of the values. */
struct pass {
    struct stats stats;
    double sum;
};

/* The pass takes in one more value d (relative to the anchor). The mean is
   computed from the running sum rather than from the previous mean, so the
   only loop-carried work is two additions; the division is off that chain. */
static void pass_add(struct pass *p, double d)
{
    struct stats *s = &p->stats;
    double old_mean = s->mean;
    s->count += 1.0;
    p->sum += d;
    s->mean = p->sum / s->count;
    s->m2 += (d - old_mean) * (d - s->mean); /* Welford: a product of two deviations */
}

static void write_output(double *mean, double *var, size_t i, struct stats s, double anchor,
                         double inv_count)
{
    mean[i] = anchor + s.mean;
    var[i] = s.m2 > 0.0 ? s.m2 * inv_count : 0.0; /* rounding may leave m2 at -0 or -1e-300 */
}

/* Suffix statistics of block [start, end) for the next block's windows: the
   suffix that starts at j is used by output j + w - 1, so it waits there. */
static void park_suffixes(const double *x, size_t start, size_t end, size_t n, size_t w,
                          double anchor, double *mean, double *var)
{
    struct pass suffix = { { 0.0, 0.0, 0.0 }, 0.0 };
    for (size_t j = end - 1; j > start; j--) {
        pass_add(&suffix, x[j] - anchor);
        size_t user = j + w - 1;
        if (user < n) {
            mean[user] = suffix.stats.mean;
            var[user] = suffix.stats.m2;
        }
    }
}

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    if (w == 0 || (n > 0 && (x == NULL || mean == NULL || var == NULL)))
        return -1;

    double inv_w = 1.0 / (double)w;
    size_t run = 0;                /* equal values ending at x[i] */
    double previous_anchor = 0.0;  /* anchor of the block before */
    for (size_t start = 0, end; start < n; start = end) {
        end = n - start > w ? start + w : n; /* never computes start + w past n */
        double anchor = start > 0 ? mean[start - 1] : x[0];

        struct pass prefix = { { 0.0, 0.0, 0.0 }, 0.0 };
        for (size_t i = start; i < end; i++) {
            pass_add(&prefix, x[i] - anchor);
            run = i > 0 && x[i] == x[i - 1] ? run + 1 : 1;
            size_t in_block = i - start + 1;
            size_t count = start > 0 ? w : in_block; /* values in the window */

            if (run >= count) { /* the whole window is one repeated value */
                mean[i] = x[i];
                var[i] = 0.0;
            } else if (count == in_block) { /* the window is the prefix alone */
                write_output(mean, var, i, prefix.stats, anchor, 1.0 / prefix.stats.count);
            } else {
                struct stats suffix = { (double)(w - in_block), mean[i], var[i] };
                struct stats window = merge(suffix, previous_anchor, prefix.stats, anchor, inv_w);
                write_output(mean, var, i, window, anchor, inv_w);
            }
        }
        if (end < n)
            park_suffixes(x, start, end, n, w, anchor, mean, var);
        previous_anchor = anchor;
    }
    return 0;
}
