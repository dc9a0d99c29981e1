/*
 * accuracy.h -- Lab 3's yardstick: the exact answer, the error measure, the
 * signals that make a rolling variance go wrong, and the update that does.
 *
 * The tests (tests/03-rolling-window.c) and the accuracy table of make lab-3
 * (workload.c) must judge an implementation the same way, so both use this
 * one module instead of two copies of the oracle.
 *
 * Design decisions
 * - The "exact" answer is a two-pass mean and variance in long double for
 *   every window, with the usual correction term for the rounding of the
 *   mean. Long double has 11 more bits than double, so its own error is
 *   about 2000 times below the doubles it judges: exact enough to measure
 *   errors of 1e-9, and simple enough to trust at a glance. It costs O(n*w):
 *   use it on inputs of up to a few million window values.
 * - The error of one output is measured in the units of lab.h's bound, so
 *   "error <= 1e-9" is the whole contract and a table of errors reads
 *   directly against it: see lab.h for the floors and why they exist.
 */
#ifndef LAB03_ACCURACY_H
#define LAB03_ACCURACY_H

#include "rng.h"

#include <stddef.h>

/* Every output must be within this relative error (lab.h says relative to what). */
#define ACCURACY_BOUND 1e-9

/* Input families on which rolling variances are known to break. */
enum signal {
    SIGNAL_OFFSET,        /* 1e9 + N(0, 1): a big level, a small spread */
    SIGNAL_RANDOM_WALK,   /* x[i] = x[i-1] + N(0, 1): drifts, crosses zero */
    SIGNAL_CONSTANT_RUNS, /* noisy readings around 20 with long stuck runs */
    SIGNAL_COUNT
};

/* Short name for tables: "offset 1e9", "random walk", "constant runs". */
const char *signal_name(enum signal s);

/* Fill x[0..n) with signal s, drawing from rng (deterministic for a seed). */
void signal_fill(enum signal s, double *x, size_t n, struct rng *rng);

/* The worst outputs of one run of rolling_mean_var, judged against lab.h. */
struct accuracy {
    double mean_error;     /* largest relative error of mean[] (lab.h's units) */
    double var_error;      /* largest relative error of var[] */
    size_t mean_worst;     /* index where mean_error occurs */
    size_t var_worst;      /* index where var_error occurs */
    size_t negative_vars;  /* how many var[i] < 0 (each one also fails) */
};

/* Judge mean[0..n) and var[0..n), computed with window w from x, against the
   exact answer. O(n * min(n, w)) long-double operations; allocates nothing. */
struct accuracy accuracy_measure(const double *x, size_t n, size_t w,
                                 const double *mean, const double *var);

/* True when every output is within ACCURACY_BOUND and no variance is negative. */
int accuracy_ok(const struct accuracy *a);

/* The counter-example (sum_of_squares.c): lab.h's contract computed with the
   fast textbook update -- running sum(x) and sum(x^2) -- which misses the
   accuracy bound by orders of magnitude. */
int sum_of_squares_rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var);

#endif
