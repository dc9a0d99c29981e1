/*
 * profile.h -- the parts of `make profile-N`, one file each; profile.c runs
 * them for each variant and prints the summary.
 *
 *   cachesim.c    one sandboxed callgrind run of one call, with cachegrind's
 *                 cache and branch simulator on: instructions, D1 and LL
 *                 misses, mispredicted branches (deterministic counts)
 *   annotate.c    callgrind_annotate on that run's file: self instructions
 *                 per function, and the cost of each line of the variant's
 *                 own source file
 *   flamegraph.c  perf, outside the sandbox, sampling the call stacks of the
 *                 driver running inside it; perf's flamegraph script renders
 *                 them with d3-flame-graph's self-contained page
 *   testprofile.c make test's check of all of it, on Lab 1
 *
 * Student code runs only in the sandbox (profile.c builds it). Every tool
 * that reads the results (callgrind_annotate, perf script) runs outside, on
 * files, and is trusted.
 */
#ifndef PERFLAB_PROFILE_H
#define PERFLAB_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

struct sandbox;

/* ---- cachesim.c ---- */

struct cachesim {
    double instructions;  /* Ir */
    double d1_misses;     /* D1mr + D1mw: first-level data cache */
    double ll_misses;     /* ILmr + DLmr + DLmw: last level, instructions and data */
    double branches;      /* Bc + Bi */
    double mispredicts;   /* Bcm + Bim */
};

/* The cache geometry simulated, fixed (not the host's) so the counts are the
   same on any machine: "D1 32 KiB 8-way, LL 8 MiB 16-way, 64 B lines". */
extern const char cachesim_geometry[];

/* Run one call of variant at x under callgrind with the simulators, inside
   sandbox. Fills *out and the path of callgrind's file (for annotate.c). */
bool cachesim_run(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep, long x,
                  double timeout_s, struct cachesim *out, char *callgrind_file, size_t file_size, char *why,
                  size_t why_size);

/* ---- annotate.c ---- */

struct cost {
    double instructions;
    char name[200]; /* a function ("join_ints", "__strlen_avx2"), or a line ("naive.c:33") */
    char code[200]; /* the source line, for a line cost; "" for a function */
};

struct annotation {
    double total;          /* instructions of the call */
    struct cost *functions; /* self cost, every function, largest first */
    size_t n_functions;
    struct cost *lines;     /* lines of the variant's own file (with the calls made on them), largest first */
    size_t n_lines;
    char source[600];       /* that file, as the debug info names it; "" if not found */
};

/* callgrind_annotate on callgrind_file; writes its whole text to text_path
   (the annotated source, for reading). Function names lose the variant's
   prefix (the build renames naive's join_ints to naive_join_ints), so that
   naive's and yours' can be compared. */
bool annotate_read(const char *callgrind_file, const char *variant, const char *text_path, struct annotation *out,
                   char *why, size_t why_size);
void annotate_free(struct annotation *a);

/* Per function, yours minus naive (self instructions), every function that
   changed, gains (negative) first; *out is malloc'd. Returns how many. */
size_t annotate_diff(const struct annotation *naive, const struct annotation *yours, struct cost **out);

/* ---- flamegraph.c ---- */

/* Where the tools are; false with the exact thing to install in why. */
bool flamegraph_tools(char *script, size_t script_size, char *template, size_t template_size, char *why,
                      size_t why_size);

/* Run the driver (variant at x, repeated for `seconds`) in sandbox, sample
   it with perf from outside (cpu-clock, DWARF call stacks) into data_path,
   and render html_path. */
bool flamegraph_record(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                       long x, double seconds, const char *script, const char *template, const char *data_path,
                       const char *html_path, char *why, size_t why_size);

/* ---- testprofile.c ---- */

/* `perflab test profile`: profile Lab 1 and check each output names its
   function, the flame graph as Chromium renders it included. */
void profile_test(int *passed, int *failed);

#endif
