/*
 * fit.c -- least-squares slope of log(y) against log(x). See fit.h.
 */
#include "fit.h"

#include <math.h>

bool fit_power_law(const double *x, const double *y, size_t n, struct power_fit *out)
{
    double sum_u = 0, sum_v = 0, sum_uu = 0, sum_uv = 0;
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(x[i] > 0) || !(y[i] > 0))
            continue;
        double u = log(x[i]), v = log(y[i]);
        sum_u += u;
        sum_v += v;
        sum_uu += u * u;
        sum_uv += u * v;
        used++;
    }
    if (used < 2)
        return false;
    double spread = used * sum_uu - sum_u * sum_u;
    if (!(spread > 1e-12 * used * sum_uu)) /* all x equal: no slope to fit */
        return false;
    out->exponent = (used * sum_uv - sum_u * sum_v) / spread;
    out->coefficient = exp((sum_v - out->exponent * sum_u) / used);
    out->points = used;
    return true;
}

double power_fit_predict(const struct power_fit *fit, double x)
{
    return fit->coefficient * pow(x, fit->exponent);
}
