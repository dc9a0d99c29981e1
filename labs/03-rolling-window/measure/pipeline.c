/*
 * pipeline.c -- the simulated sensor log, and the plumbing that runs the
 * stages of stages.c over it (see pipeline.h for the design).
 */
#include "pipeline.h"

#include "rng.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

enum {
    READINGS_PER_DAY = 864000, /* one reading every 100 ms */
    SENSOR_ID = 7,
};

/* One reading of the simulated room: 21 degrees, a daily swing of +-3, a slow
   drift, and sensor noise. */
static double room_temperature(size_t i, double drift, struct rng *rng)
{
    double day = 3.0 * sin(6.283185307179586 * (double)(i % READINGS_PER_DAY) / READINGS_PER_DAY);
    return 21.0 + day + drift + 0.2 * rng_normal(rng);
}

/* What the sensor reports instead of `reading` now and then. */
static double with_glitches(double reading, struct rng *rng)
{
    uint64_t dice = rng_below(rng, 1000);
    if (dice < 5)
        return NAN;     /* no answer */
    if (dice < 7)
        return -127.0;  /* the driver's "disconnected" code */
    if (dice < 8)
        return 4095.0;  /* a saturated converter */
    return reading;
}

void sensor_log_generate(struct sensor_record *records, size_t n, uint64_t seed)
{
    struct rng rng;
    rng_seed(&rng, seed);
    double drift = 0.0, reading = 21.0;
    size_t stuck = 0; /* readings left in a stretch where the sensor repeats itself */

    for (size_t i = 0; i < n; i++) {
        drift += 0.002 * rng_normal(&rng);
        if (stuck > 0) {
            stuck--;
        } else {
            reading = room_temperature(i, drift, &rng);
            if (rng_below(&rng, 1000) == 0)
                stuck = (size_t)rng_between(&rng, 50, 500);
        }
        records[i] = (struct sensor_record){
            .time_ms = (uint64_t)i * 100,
            .sensor = SENSOR_ID,
            .celsius = with_glitches(reading, &rng),
        };
    }
}

struct pipeline *pipeline_new(size_t n_records, size_t window, rolling_fn *rolling)
{
    if (rolling == NULL || n_records >= SIZE_MAX / sizeof(struct sensor_record))
        return NULL;
    struct pipeline *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    size_t slots = n_records + 1; /* never malloc(0) */
    p->records = malloc(slots * sizeof *p->records);
    p->clean = malloc(slots * sizeof *p->clean);
    p->z = malloc(slots * sizeof *p->z);
    p->mean = malloc(slots * sizeof *p->mean);
    p->var = malloc(slots * sizeof *p->var);
    if (!p->records || !p->clean || !p->z || !p->mean || !p->var) {
        pipeline_free(p);
        return NULL;
    }
    p->n_records = n_records;
    p->window = window;
    p->rolling = rolling;
    sensor_log_generate(p->records, n_records, PERFLAB_SEED);
    return p;
}

void pipeline_free(struct pipeline *p)
{
    if (p == NULL)
        return;
    free(p->records);
    free(p->clean);
    free(p->z);
    free(p->mean);
    free(p->var);
    free(p);
}

void pipeline_filter(struct pipeline *p)
{
    p->n_clean = filter_readings(p->records, p->n_records, p->clean);
}

void pipeline_normalize(struct pipeline *p)
{
    normalize_readings(p->clean, p->n_clean, p->z);
}

int pipeline_features(struct pipeline *p)
{
    return compute_features(p->rolling, p->z, p->n_clean, p->window, p->mean, p->var);
}

int pipeline_run(struct pipeline *p)
{
    pipeline_filter(p);
    pipeline_normalize(p);
    return pipeline_features(p);
}
