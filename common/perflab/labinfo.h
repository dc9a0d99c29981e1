/*
 * labinfo.h -- what the perflab tool knows about a lab, and how it gets it.
 *
 * The tool is generic: it links no lab code. It finds labs by their folders
 * (labs/NN-slug), builds them with make, and learns their variants, time
 * limits and targets by asking the lab's own driver (`driver --describe`).
 * That keeps each lab's targets in exactly one place, its workload.c.
 */
#ifndef PERFLAB_LABINFO_H
#define PERFLAB_LABINFO_H

#include "../child.h"

#include <stdbool.h>
#include <stddef.h>

enum { MAX_LABS = 32, MAX_LAB_VARIANTS = 12, MAX_CRITERIA = 6, MAX_CRITERION_XS = 8 };

enum criterion_kind { WORK_RATIO, EXPONENT, AT_MOST };

struct criterion {
    enum criterion_kind kind;
    char sweep[64];
    char metric[64]; /* "instructions" or a counter name */
    char x_name[32];
    double bound;
    long xs[MAX_CRITERION_XS];
    double bound_at[MAX_CRITERION_XS]; /* AT_MOST: the bound at each x */
    size_t n_xs;
    char text[512];  /* as the README and make lab-N print it */
};

struct lab_info {
    int number;
    char slug[128];
    char title[128];
    char trap[256];
    double test_timeout_s;
    double perf_timeout_s;
    char variants[MAX_LAB_VARIANTS][64];
    size_t n_variants;
    struct criterion criteria[MAX_CRITERIA];
    size_t n_criteria;
};

/* The lab numbers that exist (from labs/NN-slug folders), ascending. */
size_t find_labs(int numbers[MAX_LABS]);
/* labs/NN-slug for lab `number` into slug; false if there is no such lab. */
bool lab_slug(int number, char *slug, size_t size);
/* "1 2 3" -- for error messages. */
const char *lab_list_text(char *buf, size_t size);

/* Built with SANITIZE=1? ASan reserves terabytes of address space, so no
   memory cap can be set on its processes, and callgrind cannot run them. */
bool sanitized_build(void);

/* The address-space cap for test processes: 4 GiB, or none when sanitized. */
size_t test_memory_limit(void);

/* The build folder (env BUILD, set by the Makefile; default "build"). */
const char *build_root(void);

/* Build what `targets` names (make target names) into out_dir, with `yours`
   (a path to an optimized.c) as lab N's student file. Fills *result. */
bool build_lab(int number, const char *out_dir, const char *yours, const char *targets,
               struct child_result *result);

/* Run `driver --describe` from out_dir and parse it. */
bool describe_lab(const char *out_dir, struct lab_info *info, char *error, size_t error_size);

/* Instructions callgrind counts in one run() of variant at x (setup excluded).
   Returns false with `why` filled when the run failed (crash, timeout). */
bool count_instructions(const char *out_dir, const char *variant, const char *sweep, long x,
                        double timeout_s, double *instructions, char *why, size_t why_size);

/* Run the driver natively and read a counter it prints. */
bool read_counter(const char *out_dir, const char *variant, const char *sweep, long x,
                  const char *counter, double timeout_s, double *value, char *why, size_t why_size);

/* Read a cmocka summary: tests passed and failed, and the failed tests'
   names ("test_a, test_b"). A run that printed no summary counts 0 and 0. */
void cmocka_counts(const char *output, int *passed, int *failed, char *failed_names, size_t size);

/* A file's contents, malloc'd and NUL-terminated; NULL if unreadable. */
char *read_file(const char *path, size_t *length);
bool file_exists(const char *path);

#endif
