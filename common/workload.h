/*
 * workload.h -- how a lab tells the shared harness what to measure.
 *
 * Every lab folder has a workload.c that defines one `const struct perflab_lab
 * perflab_lab`. The harness reads it in three programs:
 *
 *   bench   (common/bench.cc)  make lab-N: times every variant side by side
 *                              with google-benchmark, prints the table, fits
 *                              the slopes, writes CSV/JSON, draws the plots.
 *   driver  (common/driver.c)  make grade-N / profile-N: runs exactly one call
 *                              of one variant at one size, so that callgrind
 *                              can count its instructions (fixed work, no
 *                              timing loop that adapts to the clock).
 *   perflab (common/perflab/)  the front end that runs the two above and the
 *                              cmocka tests in child processes with limits.
 *
 * A lab folder's machinery lives in labs/NN-slug/measure/: workload.c (this
 * contract: inputs, the timed call, the sizes, the targets), report.c (the
 * lab's own tables and plots, optional), remote.c and worker.c (optional,
 * together: the suite calls the contract through remote.c in a worker
 * process, see rpc.h), support code, gnuplot scripts, and
 * variants/ (one .c file each). The build supplies what no lab should spell out by hand:
 * PERFLAB_NUMBER and PERFLAB_SLUG, and the list of variants (variants.h).
 *
 * Design decisions
 * - Labs are pure C; only bench.cc is C++, because google-benchmark is.
 * - A "variant" is one implementation of the lab's contract (lab.h). Every
 *   variant is compiled from its own .c file and its global symbols are renamed
 *   by objcopy to <variant>_<symbol> (naive_join_ints, yours_join_ints, ...),
 *   so all of them link into one binary and are measured in one run. The lab's
 *   workload.c reaches them through a table of function pointers (`impl`).
 * - A "sweep" is one experiment: a list of sizes x, and how to build the input
 *   for x (setup, not timed), what one timed call is (run), and how to clean
 *   up (teardown). Most labs have one sweep over N; a lab can add more (over a
 *   window size, over input distributions, per pipeline stage).
 * - Targets (what make grade-N checks) live here, in `criteria`, and nowhere
 *   else: make lab-N prints them, the grader applies them, and a test checks
 *   that the lab README quotes them (`driver --targets`). The criterion kinds
 *   and limits below are the only definitions: the driver, the front end and
 *   the results code all include this header.
 * - The variants are the files: naive.c, the student's optimized.c, the
 *   reference, and the files in measure/variants/. The build lists them
 *   (common/variants.sh), and common/variants.h turns that list into the
 *   `variants` table, so adding a variant is adding one .c file.
 * - Performance is graded on deterministic measures only: callgrind
 *   instruction counts ("instructions"), callgrind's count of system calls
 *   ("syscalls") or a counter the lab reports itself
 *   (for example "statements" sent to a database). Wall-clock time is shown
 *   beside, never decides.
 */
#ifndef PERFLAB_WORKLOAD_H
#define PERFLAB_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How many elements a fixed array has: `.n_variants = PERFLAB_COUNT(variants)`. */
#define PERFLAB_COUNT(array) (sizeof(array) / sizeof((array)[0]))

enum {
    PERFLAB_MAX_XS = 24,          /* sizes in one sweep */
    PERFLAB_MAX_COUNTERS = 4,     /* counters one run() reports */
    PERFLAB_MAX_CRITERIA = 6,     /* performance targets of one lab */
    PERFLAB_MAX_CRITERION_XS = 8, /* sizes one target measures */
    PERFLAB_MAX_VARIANTS = 12,    /* variants of one lab */
};

/* What a lab's zero (unset) time limits mean. Never "no limit". */
#define PERFLAB_DEFAULT_TEST_TIMEOUT_S 30.0
#define PERFLAB_DEFAULT_PERF_TIMEOUT_S 120.0

/* A named number a variant's last run() produced, e.g. {"statements", 1001}. */
struct perflab_counter {
    const char *name;
    double value;
};

/* One implementation of the lab's contract. */
struct perflab_variant {
    const char *name;   /* C identifier, also the objcopy prefix: "naive", "yours", "reference", "sorted_array" */
    const char *label;  /* legend text for tables and plots: "naive (realloc + strcat)" */
    const void *impl;   /* the lab's own table of function pointers for this variant */
};

enum perflab_plot {
    PERFLAB_PLOT_SCALING = 0, /* log-log time vs x with fitted slopes, plus speedup vs naive */
    PERFLAB_PLOT_PER_ITEM,    /* ns per item vs x (log x, linear y), e.g. ns per lookup */
    PERFLAB_PLOT_NONE,        /* table only (categorical sweeps, lab-drawn plots) */
};

/* One experiment: time each listed variant at each size x. */
struct perflab_sweep {
    const char *name;        /* file-name friendly: "scaling" -> plots/lab-1/scaling.png */
    const char *title;       /* heading of the table and plot */
    const char *x_name;      /* short column name: "N" (one word: no spaces) */
    const char *x_label;     /* axis label: "N (ints joined)" */
    long xs[PERFLAB_MAX_XS]; /* sizes, ascending, ended by 0 */
    const char *const *x_names; /* optional: labels for categorical x; xs are then 1, 2, 3... (0 ends
                                   the list) and x_names[i] labels xs[i] */
    const char *const *variants; /* optional: names of the variants to run, NULL-ended; NULL = all */

    /* Build the input for size x for one variant (not timed). Return NULL on
       failure (out of memory, database down): the harness reports it. */
    void *(*setup)(long x, const struct perflab_variant *v);
    /* The timed work: one call. Must be repeatable on the same state. */
    void (*run)(void *state);
    /* Free what setup built. */
    void (*teardown)(void *state);
    /* Optional: counters describing the last run (statements sent, ...). */
    size_t (*counters)(void *state, struct perflab_counter out[PERFLAB_MAX_COUNTERS]);
    /* Optional: items processed per call, for "ns per item" (lookups, points). */
    double (*items)(long x);
    const char *item_name;   /* "lookup" -> "ns per lookup" */

    /* Optional: false skips this sweep in make lab-N (e.g. a database the
       user did not ask for with DB=...). NULL = always run. */
    int (*enabled)(void);

    double budget_s;         /* do not run a call predicted to take longer (0 = 1 s); extrapolate it */
    int fit_points;          /* slope fitted on the largest this-many measured sizes (0 = 4; -1 = no
                                slope: x is a parameter such as a leaf size, not a problem size) */
    enum perflab_plot plot;

    /* Optional: the bytes a variant's data structure takes per unit of x (a
       hash table's bytes per key). The plot then marks the x at which it
       outgrows each cache level of the machine that ran it (sysconf's L1d,
       L2, L3), so a step in the curve can be matched to a cache size. */
    double footprint_bytes_per_x;
    const char *footprint_of; /* whose footprint: "the reference's table" */

    /* Optional: the tail of the time per call, not only its middle. bench
       then runs at least `repetitions` repetitions (0 = the default) and has
       google-benchmark compute P95 and P99 over them beside the median
       (P50); the table, CSV and results.json show all three. For a story
       about tail latency (Lab 5's P95), not for scaling curves. */
    int tail_percentiles;
    int repetitions;
};

enum perflab_criterion_kind {
    PERFLAB_WORK_RATIO, /* metric(naive) / metric(yours) at xs[0] must be >= bound */
    PERFLAB_EXPONENT,   /* fitted log-log slope of yours' metric over xs must be <= bound */
    PERFLAB_AT_MOST,    /* yours' metric at every x in xs must be <= bound_at(x) */
};

/* One performance target of make grade-N. */
struct perflab_criterion {
    enum perflab_criterion_kind kind;
    const char *sweep;        /* whose setup/run the driver performs; its xs need not list these
                                 sizes (bench --xs and the driver run any size) */
    const char *metric;       /* "instructions" (callgrind, exact), "syscalls" (system calls, counted
                                 by the same callgrind run) or a counter name */
    long xs[PERFLAB_MAX_CRITERION_XS]; /* sizes, ended by 0 */
    double bound;
    double (*bound_at)(long x); /* PERFLAB_AT_MOST only */
    const char *bound_text;   /* PERFLAB_AT_MOST only: "1 + ceil(N/100)" */
    const char *breakdown;    /* PERFLAB_WORK_RATIO, optional: a sweep with named x (x_names, such
                                 as id schemes) that splits the work. When the target fails, the
                                 grader counts naive and yours at each of its x and shows the
                                 ratio per x: where the extra work goes. */
};

/* What bench hands a lab's report hook after all sweeps ran. */
struct perflab_results;
/* Median seconds per call, or -1 if not measured (the variant/x did not run). */
double perflab_median(const struct perflab_results *r, const char *sweep,
                      const char *variant, long x);
/* Median of a counter for one cell, or -1. */
double perflab_counter_value(const struct perflab_results *r, const char *sweep,
                       const char *variant, long x, const char *counter);
/* Folder where this lab's plots and data go ($(PLOTS)/lab-N), with no trailing '/'. */
const char *perflab_out_dir(const struct perflab_results *r);
/* A number of the lab's per_process runs (above): metric of variant at x,
   as the front end measured it before bench started; -1 when it was not
   measured (the run failed, the variant failed its tests, bench was not
   started by make lab-N). Read from per-process.txt in bench's working
   folder, which the front end wrote there. */
double perflab_per_process(const char *metric, const char *variant, long x);
/* Folder for files only the plots read (their data): bench's own folder, or
   make lab-N's scratch folder; never $(PLOTS)/lab-N. */
const char *perflab_work_dir(const struct perflab_results *r);
/* Run gnuplot on `script` with `-e assignments`; prints a warning on failure.
   Returns 0 on success. Under make lab-N the plot is only queued and drawn
   after bench has exited (export.h): the data file it reads must still be
   there then (write it in perflab_work_dir or perflab_out_dir), and paths
   are relative to bench's working folder, as perflab_*_dir's are. */
int perflab_gnuplot(const char *script, const char *assignments);

/* Numbers a lab's report.c needs from one call per process (peak memory):
   the driver run once per variant and x of `sweep`, for each metric --
   "heap_bytes" or "footprint_bytes" by valgrind's massif (measure.h), any
   other name a counter the driver prints. make lab-N's bench can start no
   process (it runs in the sandbox), so the front end makes these runs, each
   in the sandbox too, before bench starts, and report.c reads the numbers
   with perflab_per_process(). */
enum { PERFLAB_MAX_PER_PROCESS_METRICS = 4 };
struct perflab_per_process {
    const char *sweep; /* NULL: none */
    const char *metrics[PERFLAB_MAX_PER_PROCESS_METRICS]; /* ended by NULL or the end */
};

struct perflab_lab {
    int number;               /* PERFLAB_NUMBER (from the build): 1 */
    const char *slug;         /* PERFLAB_SLUG (from the build): "01-string-building" */
    const char *title;        /* "String building" */
    const char *trap;         /* one line: "quadratic appends vs an amortized buffer" */
    const struct perflab_variant *variants; /* naive first, then the others; yours and reference required */
    size_t n_variants;
    const struct perflab_sweep *sweeps;
    size_t n_sweeps;
    struct perflab_criterion criteria[PERFLAB_MAX_CRITERIA]; /* ended by one with sweep == NULL */
    double test_timeout_s;    /* correctness suite time limit per variant (0: the default, 30 s) */
    double perf_timeout_s;    /* one callgrind run's time limit (0: the default, 120 s) */
    /* Optional: a service bench needs that only a trusted process can start
       (Lab 5's PostgreSQL server under DB=postgres): make lab-N runs bench in
       the sandbox, where no process starts. So it runs `driver-trusted
       --serve` (no student code) first, which calls this: start the service
       if it is wanted now, write to `out` what bench needs, as lines
       "env NAME=VALUE" (set in bench's environment) and "bind PATH" (a
       folder bench may write: a socket's), and return true; false: no
       service now (a message on stderr says why, if it matters). The driver
       then waits until its standard input closes, and exits: the service
       must stop when the process exits. */
    bool (*bench_service)(FILE *out);
    struct perflab_per_process per_process; /* optional, for report.c (above) */
};

/* Defined by each lab's workload.c. */
extern const struct perflab_lab perflab_lab;

/* Optional, defined by a lab's measure/report.c: extra tables and plots
   after the sweeps (stage shares, Amdahl, EXPLAIN...). Only bench links it,
   so the callgrind driver carries no plotting code. */
void perflab_report(const struct perflab_results *r, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
