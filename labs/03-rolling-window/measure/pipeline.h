/*
 * pipeline.h -- the sensor pipeline that Lab 3 profiles.
 *
 * A log of temperature readings goes through three stages:
 *
 *   1. filter     drop readings that are NaN (the sensor did not answer) or
 *                 outside the sensor's range (error codes, glitches);
 *   2. normalize  z-score the clean readings: (x - mean) / standard deviation;
 *   3. features   rolling mean and variance of the z-scores over the last w
 *                 readings -- the lab's rolling_mean_var.
 *
 * This is the pipeline of the lecture the lab retells: a team spent a week
 * making stage 2 faster, and a profile later showed where the time went.
 * make lab-3 times each stage on its own (google-benchmark, one sweep cell
 * per stage) and the whole pipeline end to end, then checks Amdahl's law.
 *
 * Design decisions
 * - Each stage is a plain function from arrays to arrays (stages.c), so a
 *   benchmark can time one stage on inputs prepared by the stages before
 *   it, and a test can check one stage on a hand-made input. The plumbing
 *   that chains them (struct pipeline) is in pipeline.c, a separate file,
 *   so the stages are never inlined into it and a profile names each one.
 * - Stage 3 takes rolling_mean_var as a function pointer: this file is
 *   compiled once and linked with every variant (naive, yours, reference,
 *   ...), so it cannot call one of them by name.
 * - The records are generated, deterministically, from the course seed
 *   (common/rng.h): every run and every student sees the same log.
 * - Stages write into buffers the caller owns; nothing is allocated per call,
 *   so a timed stage measures the stage, not malloc.
 */
#ifndef LAB03_PIPELINE_H
#define LAB03_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

/* The range of the (simulated) sensor, in degrees Celsius; anything outside
   is an error code or a glitch. */
#define SENSOR_MIN_CELSIUS (-40.0)
#define SENSOR_MAX_CELSIUS 85.0

/* One line of the log. */
struct sensor_record {
    uint64_t time_ms;  /* when it was read, in ms since the log started */
    uint32_t sensor;   /* which sensor */
    double celsius;    /* the reading; NaN when the sensor did not answer */
};

/* The contract of lab.h as a type, so stage 3 can take any variant. */
typedef int rolling_fn(const double *x, size_t n, size_t w, double *mean, double *var);

/* Fill records[0..n) with a simulated log: a room temperature that drifts
   slowly and wobbles, read every 100 ms, with about 0.5% NaN (no answer),
   0.3% out-of-range glitches (-127 "disconnected", 4095 "saturated"), and
   stuck stretches where the sensor repeats its last value. */
void sensor_log_generate(struct sensor_record *records, size_t n, uint64_t seed);

/* Stage 1. Copy the valid readings of records[0..n), in order, into clean
   (room for n values); return how many were kept. */
size_t filter_readings(const struct sensor_record *records, size_t n, double *clean);

/* Stage 2. z[i] = (x[i] - mean) / standard deviation, over x[0..n). If all
   values are equal the spread is 0 and every z[i] is 0. x and z may be the
   same array. */
void normalize_readings(const double *x, size_t n, double *z);

/* Stage 3. Rolling mean and variance of z[0..n) over windows of w, computed
   by `rolling`; returns what it returns (0, or -1 for bad arguments). */
int compute_features(rolling_fn *rolling, const double *z, size_t n, size_t w,
                     double *mean, double *var);

/* A log and the buffers of every stage, for benchmarks and tests. */
struct pipeline {
    struct sensor_record *records;
    size_t n_records;
    size_t window;       /* w of stage 3 */
    rolling_fn *rolling; /* stage 3's implementation */
    double *clean;       /* stage 1 output: n_clean valid readings */
    size_t n_clean;
    double *z;           /* stage 2 output: n_clean z-scores */
    double *mean, *var;  /* stage 3 output: n_clean features each */
};

/* A pipeline over a freshly generated log of n_records (course seed), with
   no stage run yet. NULL when memory runs out, n_records is absurdly large,
   or rolling is NULL. */
struct pipeline *pipeline_new(size_t n_records, size_t window, rolling_fn *rolling);
void pipeline_free(struct pipeline *p);

/* Run one stage on the output of the stage before (run those first). */
void pipeline_filter(struct pipeline *p);
void pipeline_normalize(struct pipeline *p);
int pipeline_features(struct pipeline *p);

/* All three stages in order, end to end: what a user waits for. */
int pipeline_run(struct pipeline *p);

#endif
