/*
 * measure.c -- counting instructions and reading counters (measure.h).
 */
#include "measure.h"

#include "../child.h"
#include "../massif.h"
#include "../sandbox.h"
#include "env.h"
#include "files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void describe_failure(const struct child_result *r, char *why, size_t why_size)
{
    char how[160];
    snprintf(why, why_size, "%s: %.300s", child_describe(r, how, sizeof how), child_output_tail(r, 3));
    for (char *p = why; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

/* The `column`-th number in text (0: the first), or -1. */
static double nth_number(const char *text, size_t column)
{
    char *end;
    double value = -1;
    for (size_t i = 0; i <= column; i++, text = end) {
        value = strtod(text, &end);
        if (end == text)
            return -1;
    }
    return value;
}

/* The number in `column` of the last "==PID== Collected : N ..." line of
   valgrind's output, or -1. valgrind prints it after the program and its exit handlers are
   done (and the sandbox lets the program start no other process), so
   nothing the measured code prints can come after it. */
static double last_collected(const char *output, size_t column)
{
    double value = -1;
    for (const char *p = strstr(output, "== Collected : "); p != NULL; p = strstr(p + 1, "== Collected : "))
        value = nth_number(p + strlen("== Collected : "), column);
    return value;
}

enum { MAX_OPTIONS = 8 };

/* One callgrind run of the driver, with extra options (NULL-ended, at most
   MAX_OPTIONS); *count is the event in `column` of its totals (0:
   instructions; 1: system calls, with --collect-systime=yes), and out_file
   the path of callgrind's file (for callgrind_annotate). */
static bool callgrind_count(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                            long x, double timeout_s, const char *const *options, size_t column, char *out_file,
                            size_t out_size, double *count, char *why, size_t why_size)
{
    char out_arg[1000], x_text[32];
    if (sandbox != NULL) {
        snprintf(out_file, out_size, "%s/callgrind.%s.%s.%ld.out", sandbox->scratch, variant, sweep, x);
    } else {
        snprintf(out_file, out_size, "%s.callgrind.%s.%s.%ld.out", driver, variant, sweep, x);
    }
    snprintf(out_arg, sizeof out_arg, "--callgrind-out-file=%s", out_file);
    snprintf(x_text, sizeof x_text, "%ld", x);
    char *argv[8 + MAX_OPTIONS] = { "valgrind", "--tool=callgrind", "--instr-atstart=no", out_arg };
    size_t n = 4;
    for (size_t i = 0; options != NULL && options[i] != NULL && i < MAX_OPTIONS; i++)
        argv[n++] = (char *)options[i];
    argv[n++] = (char *)driver;
    argv[n++] = (char *)variant;
    argv[n++] = (char *)sweep;
    argv[n++] = x_text;
    argv[n] = NULL;
    struct child_limits limits = { .timeout_s = timeout_s, .memory_bytes = env_memory_limit(), .sandbox = sandbox };
    struct child_result r;
    unlink(out_file);
    bool ok = child_run(argv, &limits, &r);
    if (!ok) {
        describe_failure(&r, why, why_size);
        child_result_free(&r);
        return false;
    }
    double collected = last_collected(r.output, column);
    child_result_free(&r);

    /* The "totals:" line holds the events counted while the driver had
       switched instrumentation on: the measured calls, in every thread. */
    char *data = file_read(out_file, NULL);
    const char *totals = data ? strstr(data, "\ntotals:") : NULL;
    if (totals == NULL) {
        snprintf(why, why_size, "callgrind wrote no totals to %s", out_file);
        free(data);
        return false;
    }
    double instructions = nth_number(totals + strlen("\ntotals:"), 0);
    *count = nth_number(totals + strlen("\ntotals:"), column);
    free(data);
    /* The file lies in the program's own scratch folder, where it could
       write one of its own: it must agree with valgrind's closing line. */
    if (collected != *count) {
        snprintf(why, why_size, "callgrind's file says %.0f %s and its own summary %.0f: "
                                "the file was written by someone else", *count,
                 column == 0 ? "instructions" : "system calls", collected);
        return false;
    }
    if (!(instructions > 0) || !(*count >= 0)) {
        snprintf(why, why_size, "callgrind counted no instructions in the measured call");
        return false;
    }
    return true;
}

bool measure_callgrind(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                       long x, double timeout_s, const char *const *options, char *out_file, size_t out_size,
                       double *instructions, char *why, size_t why_size)
{
    return callgrind_count(driver, sandbox, variant, sweep, x, timeout_s, options, 0, out_file, out_size,
                           instructions, why, why_size);
}

bool measure_instructions(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                          long x, double timeout_s, double *instructions, char *why, size_t why_size)
{
    char out_file[900];
    return callgrind_count(driver, sandbox, variant, sweep, x, timeout_s, NULL, 0, out_file, sizeof out_file,
                           instructions, why, why_size);
}

/* System calls are counted by the same kind of run (callgrind's sysCount
   event, in the instrumented stretch only, every thread). */
bool measure_syscalls(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                      long x, double timeout_s, double *syscalls, char *why, size_t why_size)
{
    static const char *const options[] = { "--collect-systime=yes", NULL };
    char out_file[900];
    return callgrind_count(driver, sandbox, variant, sweep, x, timeout_s, options, 1, out_file, sizeof out_file,
                           syscalls, why, why_size);
}

bool measure_counter(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                     long x, const char *counter, double timeout_s, double *value, struct measure_counts *all,
                     char *why, size_t why_size)
{
    if (all != NULL)
        all->n = 0;
    char x_text[32];
    snprintf(x_text, sizeof x_text, "%ld", x);
    char *argv[] = { (char *)driver, (char *)variant, (char *)sweep, x_text, NULL };
    struct child_limits limits = { .timeout_s = timeout_s, .memory_bytes = env_memory_limit(), .sandbox = sandbox };
    struct child_result r;
    if (!child_run(argv, &limits, &r)) {
        describe_failure(&r, why, why_size);
        child_result_free(&r);
        return false;
    }
    bool found = false;
    char key[128];
    snprintf(key, sizeof key, "counter %s ", counter);
    for (const char *p = r.output; p != NULL && *p; p = strchr(p, '\n')) {
        if (*p == '\n')
            p++;
        char name[64];
        double v;
        if (all != NULL && all->n < MEASURE_MAX_COUNTS && sscanf(p, "counter %63s %lf", name, &v) == 2) {
            snprintf(all->name[all->n], sizeof all->name[all->n], "%s", name);
            all->value[all->n++] = v;
        }
        if (!found && strncmp(p, key, strlen(key)) == 0) {
            *value = strtod(p + strlen(key), NULL);
            found = true;
        }
    }
    if (!found)
        snprintf(why, why_size, "the driver reported no counter '%s'", counter);
    child_result_free(&r);
    return found;
}

bool measure_is_memory_metric(const char *metric)
{
    return strcmp(metric, "heap_bytes") == 0 || strcmp(metric, "footprint_bytes") == 0;
}

bool measure_memory(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                    long x, const char *metric, double timeout_s, double *bytes, char *why, size_t why_size)
{
    char out_file[900], x_text[32];
    if (sandbox != NULL)
        snprintf(out_file, sizeof out_file, "%s/massif.%s.%s.%s.%ld.out", sandbox->scratch, metric, variant, sweep, x);
    else
        snprintf(out_file, sizeof out_file, "%s.massif.%s.%s.%s.%ld.out", driver, metric, variant, sweep, x);
    snprintf(x_text, sizeof x_text, "%ld", x);
    char *argv[] = { (char *)driver, (char *)variant, (char *)sweep, x_text, NULL };
    struct child_limits limits = { .timeout_s = timeout_s, .memory_bytes = env_memory_limit(), .sandbox = sandbox };
    return massif_peak(argv, strcmp(metric, "footprint_bytes") == 0, out_file, &limits, bytes, why, why_size);
}
