/*
 * accuracy.c -- the exact rolling mean and variance, and how far an
 * implementation strays from them (see accuracy.h for the design).
 */
#include "accuracy.h"

#include <float.h>
#include <math.h>

const char *signal_name(enum signal s)
{
    switch (s) {
    case SIGNAL_OFFSET: return "offset 1e9";
    case SIGNAL_RANDOM_WALK: return "random walk";
    case SIGNAL_CONSTANT_RUNS: return "constant runs";
    default: return "?";
    }
}

/* A sensor that is sometimes stuck: noisy stretches around 20 (1 to 300
   readings), then the last reading repeated (1 to 1000 times). The repeated
   value is an arbitrary double such as 19.73..., not a round number, so a
   constant window only gives exactly 0 if the code makes sure it does. */
static void fill_constant_runs(double *x, size_t n, struct rng *rng)
{
    size_t i = 0;
    double last = 20.0;
    while (i < n) {
        size_t noisy = (size_t)rng_between(rng, 1, 300);
        for (; noisy > 0 && i < n; noisy--, i++)
            x[i] = last = 20.0 + rng_normal(rng);
        size_t stuck = (size_t)rng_between(rng, 1, 1000);
        for (; stuck > 0 && i < n; stuck--, i++)
            x[i] = last;
    }
}

void signal_fill(enum signal s, double *x, size_t n, struct rng *rng)
{
    double walk = 0.0;
    switch (s) {
    case SIGNAL_OFFSET:
        for (size_t i = 0; i < n; i++)
            x[i] = 1e9 + rng_normal(rng);
        break;
    case SIGNAL_RANDOM_WALK:
        for (size_t i = 0; i < n; i++)
            x[i] = walk += rng_normal(rng);
        break;
    case SIGNAL_CONSTANT_RUNS:
        fill_constant_runs(x, n, rng);
        break;
    default:
        for (size_t i = 0; i < n; i++)
            x[i] = 0.0;
        break;
    }
}

/* Mean and population variance of x[0..count), two-pass in long double. The
   variance subtracts (sum of deviations)^2 / count, which is zero in exact
   arithmetic and here cancels the rounding of the mean (the "corrected
   two-pass" algorithm of Chan, Golub and LeVeque). */
static void exact_mean_var(const double *x, size_t count, long double *mean, long double *var)
{
    long double sum = 0.0L;
    for (size_t j = 0; j < count; j++)
        sum += x[j];
    long double m = sum / (long double)count;

    long double deviations = 0.0L, squares = 0.0L;
    for (size_t j = 0; j < count; j++) {
        long double d = (long double)x[j] - m;
        deviations += d;
        squares += d * d;
    }
    long double v = (squares - deviations * deviations / (long double)count) / (long double)count;
    *mean = m;
    *var = v > 0.0L ? v : 0.0L;
}

/* |got - exact| / floor, where a zero floor only accepts the exact value and
   a NaN or infinite output is infinitely wrong. */
static double relative_error(double got, long double exact, long double floor)
{
    long double error = fabsl((long double)got - exact);
    if (!(error <= LDBL_MAX))
        return INFINITY;
    if (error == 0.0L)
        return 0.0;
    return floor > 0.0L ? (double)(error / floor) : INFINITY;
}

static long double larger(long double a, long double b)
{
    return a > b ? a : b;
}

struct accuracy accuracy_measure(const double *x, size_t n, size_t w,
                                 const double *mean, const double *var)
{
    struct accuracy a = { 0.0, 0.0, 0, 0, 0 };
    if (n == 0 || w == 0)
        return a;

    long double whole_mean, whole_var;
    exact_mean_var(x, n, &whole_mean, &whole_var);
    long double mean_floor = 1e-6L * sqrtl(whole_var);
    long double var_floor = 1e-6L * whole_var;

    for (size_t i = 0; i < n; i++) {
        size_t first = i + 1 > w ? i + 1 - w : 0;
        long double m, v;
        exact_mean_var(x + first, i + 1 - first, &m, &v);

        double e = relative_error(mean[i], m, larger(fabsl(m), mean_floor));
        if (e > a.mean_error) {
            a.mean_error = e;
            a.mean_worst = i;
        }
        long double mean_noise = 1e-9L * m; /* see lab.h: (1e-9 * mean)^2 */
        e = relative_error(var[i], v, larger(v, larger(var_floor, mean_noise * mean_noise)));
        if (var[i] < 0.0)
            a.negative_vars++;
        if (e > a.var_error) {
            a.var_error = e;
            a.var_worst = i;
        }
    }
    return a;
}

int accuracy_ok(const struct accuracy *a)
{
    return a->mean_error <= ACCURACY_BOUND && a->var_error <= ACCURACY_BOUND && a->negative_vars == 0;
}
