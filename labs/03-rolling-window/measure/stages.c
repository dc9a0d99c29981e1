/*
 * stages.c -- the three stages of Lab 3's sensor pipeline (pipeline.h).
 *
 * They live in a file of their own, apart from the plumbing in pipeline.c
 * that calls them, so that the compiler cannot inline them into their
 * caller: make profile-3 then names every stage -- filter_readings,
 * normalize_readings, and the variant's rolling_mean_var -- the way a
 * profile of a real pipeline would.
 *
 * Stages 1 and 2 are written the plain, efficient way on purpose: they are
 * the part of the pipeline the student does not change, and they are what
 * is left of the run time once stage 3 is fast -- the (1 - p) of Amdahl's
 * law.
 */
#include "pipeline.h"

#include <math.h>

size_t filter_readings(const struct sensor_record *records, size_t n, double *clean)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        double c = records[i].celsius;
        if (isnan(c) || c < SENSOR_MIN_CELSIUS || c > SENSOR_MAX_CELSIUS)
            continue;
        clean[kept++] = c;
    }
    return kept;
}

/* Two passes (mean, then squared deviations): the accurate way, whatever
   level the readings sit at. The one-pass sum-of-squares formula would lose
   digits to cancellation -- the very trap of stage 3. */
void normalize_readings(const double *x, size_t n, double *z)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    double mean = n > 0 ? sum / (double)n : 0.0;

    double squares = 0.0;
    for (size_t i = 0; i < n; i++)
        squares += (x[i] - mean) * (x[i] - mean);
    double spread = n > 0 ? sqrt(squares / (double)n) : 0.0;

    double scale = spread > 0.0 ? 1.0 / spread : 0.0; /* all equal: every z is 0 */
    for (size_t i = 0; i < n; i++)
        z[i] = (x[i] - mean) * scale;
}

int compute_features(rolling_fn *rolling, const double *z, size_t n, size_t w,
                     double *mean, double *var)
{
    return rolling(z, n, w, mean, var);
}
