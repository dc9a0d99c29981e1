/*
 * cachesim.c -- simulated caches and branches for one call (profile.h).
 *
 * These VMs expose no hardware counters, and the labs explain slowness with
 * cache misses and mispredictions. Valgrind's simulator (cachegrind's, which
 * callgrind runs with --cache-sim=yes --branch-sim=yes) counts both.
 *
 * Why callgrind and not the cachegrind tool: cachegrind in valgrind 3.19
 * cannot be switched on around one call, so its counts would include the
 * driver's input generation and valgrind's start-up. callgrind honours the
 * driver's start/stop requests (--instr-atstart=no): the counts are those of
 * the measured call alone, and its instruction count is the grader's.
 *
 * The geometry is given, not detected: valgrind otherwise copies the host's
 * caches, and the counts would change from one CPU to the next. The values
 * are a common x86 desktop's (the 8 MiB LL is one slice of a typical L3).
 * The model is simple (inclusive LL, LRU, no prefetcher), so the counts show
 * the access pattern's cost, not a particular chip's.
 */
#include "profile.h"

#include "files.h"
#include "measure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cachesim_geometry[] = "I1 and D1 32 KiB 8-way, LL 8 MiB 16-way, 64-byte lines";

static const char *const simulate[] = { "--cache-sim=yes", "--branch-sim=yes", "--I1=32768,8,64",
                                        "--D1=32768,8,64",  "--LL=8388608,16,64", NULL };

/* The value of event `name`: its place on the "events:" line (names) is its
   place on the "totals:" line (numbers). 0 if absent. */
static double event(const char *events, const char *totals, const char *name)
{
    char names[256];
    snprintf(names, sizeof names, "%.*s", (int)strcspn(events, "\n"), events);
    const char *t = totals;
    char *save = NULL;
    for (char *e = strtok_r(names, " \t", &save); e != NULL; e = strtok_r(NULL, " \t", &save)) {
        char *end;
        double value = strtod(t, &end);
        if (end == t)
            return 0;
        if (strcmp(e, name) == 0)
            return value;
        t = end;
    }
    return 0;
}

bool cachesim_run(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep, long x,
                  double timeout_s, struct cachesim *out, char *callgrind_file, size_t file_size, char *why,
                  size_t why_size)
{
    memset(out, 0, sizeof *out);
    /* The simulators make callgrind about three times slower. */
    if (!measure_callgrind(driver, sandbox, variant, sweep, x, timeout_s * 3, simulate, callgrind_file, file_size,
                           &out->instructions, why, why_size))
        return false;
    char *data = file_read(callgrind_file, NULL);
    const char *events = data ? strstr(data, "\nevents:") : NULL;
    const char *totals = data ? strstr(data, "\ntotals:") : NULL;
    if (events == NULL || totals == NULL) {
        snprintf(why, why_size, "callgrind's file %s has no events or totals line", callgrind_file);
        free(data);
        return false;
    }
    events += strlen("\nevents:");
    totals += strlen("\ntotals:");
    out->d1_misses = event(events, totals, "D1mr") + event(events, totals, "D1mw");
    out->ll_misses = event(events, totals, "ILmr") + event(events, totals, "DLmr") + event(events, totals, "DLmw");
    out->branches = event(events, totals, "Bc") + event(events, totals, "Bi");
    out->mispredicts = event(events, totals, "Bcm") + event(events, totals, "Bim");
    free(data);
    return true;
}
