/*
 * driver.c -- the fixed-work driver: one call of one variant at one size.
 *
 * Grading must not flake, so it does not time anything: it counts. callgrind
 * counts the instructions a program executes, exactly and repeatably, but it
 * must see a fixed amount of work. A google-benchmark binary adapts its
 * iteration count to the clock, so its instruction count would change from run
 * to run. This driver does exactly `repeat` calls of run(), nothing adaptive.
 *
 * callgrind runs it with --instr-atstart=no, and the driver switches the
 * instrumentation on just before the measured calls and off right after
 * (callgrind's client requests; outside valgrind they do nothing). So input
 * generation in setup() and clean-up in teardown() are left out of the
 * count, and every thread the measured code starts is counted too (a
 * per-function --toggle-collect would see only the calling thread).
 *
 * Usage:
 *   driver VARIANT SWEEP X [--repeat K | --seconds S]   run, print counters
 *   driver --targets                                    the lab's targets (markdown list)
 *   driver --describe                                   the lab for the grader (describe.h)
 *   driver --serve                                      start what make lab-N's sandboxed bench
 *                                                       needs (workload.h, bench_service), until
 *                                                       stdin closes (driver-trusted only)
 *
 * It links the lab's workload and variants, lab.c and describe.c, and
 * nothing that plots, writes report files or starts processes (those live in
 * export.c and child.c, which only bench and the front end link).
 */
#include "describe.h"
#include "labdef.h"
#include "workload.h"

#include <valgrind/callgrind.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Not inlined and not static, so profiles show the measured call by name. */
__attribute__((noinline)) void perflab_measured(const struct perflab_sweep *s, void *state)
{
    s->run(state);
    __asm__ volatile("" ::: "memory"); /* keep the call where it is */
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int usage(const char *why)
{
    fprintf(stderr,
            "driver: %s\n"
            "usage: driver VARIANT SWEEP X [--repeat K | --seconds S]\n"
            "       driver --targets | --describe | --serve\n",
            why);
    return 2;
}

int main(int argc, char **argv)
{
    const struct perflab_lab *lab = &perflab_lab;
    if (argc == 2 && strcmp(argv[1], "--targets") == 0) {
        lab_targets(lab, stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--describe") == 0) {
        describe_write(lab, stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--serve") == 0) {
        /* make lab-N: start what the sandboxed bench needs (workload.h,
           bench_service), say "ready", keep it until stdin closes. */
        if (lab->bench_service != NULL && lab->bench_service(stdout))
            printf("ready\n");
        else
            printf("none\n");
        fflush(stdout);
        char buf[256];
        while (fread(buf, 1, sizeof buf, stdin) > 0)
            ;
        return 0;
    }
    if (argc != 4 && argc != 6)
        return usage("wrong number of arguments");

    const struct perflab_variant *v = lab_variant(lab, argv[1]);
    if (v == NULL)
        return usage("no such variant");
    const struct perflab_sweep *s = lab_sweep(lab, argv[2]);
    if (s == NULL)
        return usage("no such sweep");
    char *end;
    errno = 0;
    long x = strtol(argv[3], &end, 10);
    if (*end != '\0' || errno != 0 || x < 0)
        return usage("X must be a non-negative whole number");

    long repeat = 1;
    double seconds = 0;
    if (argc == 6) {
        double value = strtod(argv[5], &end);
        if (*end != '\0' || !(value > 0) || isinf(value))
            return usage("--repeat and --seconds take a positive number");
        if (strcmp(argv[4], "--repeat") == 0)
            repeat = (long)value;
        else if (strcmp(argv[4], "--seconds") == 0)
            seconds = value;
        else
            return usage("unknown option");
    }

    void *state = s->setup(x, v);
    if (state == NULL) {
        fprintf(stderr, "driver: setup failed for %s at %s = %ld\n", v->name, s->x_name, x);
        return 3;
    }
    long calls = 0;
    double start = now_seconds();
    CALLGRIND_START_INSTRUMENTATION;
    do {
        for (long i = 0; i < repeat; i++)
            perflab_measured(s, state);
        calls += repeat;
    } while (seconds > 0 && now_seconds() - start < seconds);
    CALLGRIND_STOP_INSTRUMENTATION;

    printf("calls %ld\n", calls);
    if (s->counters != NULL) {
        struct perflab_counter counters[PERFLAB_MAX_COUNTERS];
        size_t n = s->counters(state, counters);
        for (size_t i = 0; i < n; i++)
            printf("counter %s %.17g\n", counters[i].name, counters[i].value);
    }
    s->teardown(state);
    return 0;
}
