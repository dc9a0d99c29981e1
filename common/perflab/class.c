/*
 * class.c -- `perflab class`: grade a folder of submissions (make grade-class),
 * or one Gradescope submission (the autograder's run_autograder). See class.h
 * for the folder layout and why each grade is its own `perflab grade` process.
 *
 *   perflab class DIR [--out OUT] [--jobs N] [--labs 1,2] [--regrade]
 *   perflab class --gradescope SUBMISSION --results RESULTS [--labs N]
 *
 * Exit status: 0 every file got a verdict (whatever the verdicts), 2 a bad
 * command line, 3 some grade has no verdict (a GRADER_ERROR row; a re-run
 * grades those again).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "commands.h"

#include "class.h"
#include "env.h"
#include "grader.h"

#include "../child.h"
#include "../sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int usage(void)
{
    fprintf(stderr, "usage: perflab class DIR [--out OUT] [--jobs N] [--labs 1,2,...] [--regrade]\n"
                    "       perflab class --gradescope SUBMISSION --results RESULTS [--labs N]\n"
                    "(normally: make grade-class SUBMISSIONS=DIR [JOBS=n], see README \"For instructors\")\n");
    return 2;
}

static bool parse_labs(const char *text, struct class_run *c)
{
    char copy[256], *save = NULL;
    snprintf(copy, sizeof copy, "%s", text);
    c->n_labs = 0;
    for (char *t = strtok_r(copy, ", ", &save); t != NULL; t = strtok_r(NULL, ", ", &save)) {
        int lab;
        if (!labs_parse_number(t, &lab) || c->n_labs >= LABS_MAX)
            return false;
        c->labs[c->n_labs++] = lab;
    }
    return c->n_labs > 0;
}

static bool is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* OUT must not be inside DIR: it would be graded as a student next time. */
static bool out_inside_dir(const char *out, const char *dir)
{
    char a[PATH_MAX], b[PATH_MAX];
    class_mkdirs(out);
    if (realpath(out, a) == NULL || realpath(dir, b) == NULL)
        return false;
    size_t n = strlen(b);
    return strncmp(a, b, n) == 0 && (a[n] == '/' || a[n] == '\0');
}

int cmd_class(int argc, char **argv)
{
    static struct class_run c;
    const char *results = NULL;
    memset(&c, 0, sizeof c);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    c.jobs = cores > 0 ? (int)cores : 1;
    int numbers[LABS_MAX];
    c.n_labs = labs_find(numbers);
    memcpy(c.labs, numbers, sizeof numbers);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--out") == 0 && has_value)
            snprintf(c.out, sizeof c.out, "%s", argv[++i]);
        else if (strcmp(a, "--jobs") == 0 && has_value) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end != '\0' || n < 1 || n > 64) {
                fprintf(stderr, "perflab class: JOBS must be a number from 1 to 64, not '%s'\n", argv[i]);
                return 2;
            }
            c.jobs = (int)n;
        } else if (strcmp(a, "--labs") == 0 && has_value) {
            if (!parse_labs(argv[++i], &c))
                return usage();
        } else if (strcmp(a, "--regrade") == 0)
            c.regrade = true;
        else if (strcmp(a, "--gradescope") == 0 && has_value) {
            c.single = true;
            snprintf(c.dir, sizeof c.dir, "%s", argv[++i]);
        } else if (strcmp(a, "--results") == 0 && has_value)
            results = argv[++i];
        else if (a[0] != '-' && c.dir[0] == '\0')
            snprintf(c.dir, sizeof c.dir, "%s", a);
        else
            return usage();
    }
    if (c.dir[0] == '\0' || (c.single && results == NULL))
        return usage();
    if (env_sanitized()) {
        fprintf(stderr, "perflab class: grading counts instructions with callgrind, which cannot run\n"
                        "sanitized code: run it without SANITIZE=1.\n");
        return 2;
    }
    if (!is_folder(c.dir)) {
        fprintf(stderr, "perflab class: %s is not a folder%s\n", c.dir,
                c.single ? "" : " (SUBMISSIONS=DIR: one folder per student, each with files like 01-string-building.c)");
        return 2;
    }
    if (c.out[0] == '\0')
        snprintf(c.out, sizeof c.out, "%.300s/%s", env_build_root(), c.single ? "gradescope" : "class");
    if (out_inside_dir(c.out, c.dir)) {
        fprintf(stderr, "perflab class: the output folder %s is inside %s: put it elsewhere (OUT=...)\n", c.out, c.dir);
        return 2;
    }
    char perflab[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", perflab, sizeof perflab - 1);
    if (len <= 0) {
        fprintf(stderr, "perflab class: cannot find the perflab program itself (/proc/self/exe)\n");
        return 3;
    }
    perflab[len] = '\0';

    char check[PATH_MAX + 32];
    snprintf(check, sizeof check, "%.3000s/sandbox-check", c.out);
    class_mkdirs(check);
    if (!grader_sandbox_works(check))
        return 3;
    double start = class_now();
    if (!class_scan(&c))
        return 2;
    int errors = class_grade(&c, perflab);
    c.seconds = class_now() - start;
    class_write_books(&c);

    if (c.single) {
        char path[PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/results.json", results);
        if (errors > 0) {
            /* No results.json: Gradescope then shows the autograder as failed
               (to be run again), instead of a 0 that is not the student's. */
            printf("perflab class: the grader failed (see above): no results.json written\n");
            return 3;
        }
        class_mkdirs(results);
        if (!class_write_gradescope(&c, 0, path, c.seconds))
            return 3;
        printf("wrote %s\n", path);
        return 0;
    }
    printf("\ngradebook: %s/gradebook.csv (one row per student)\n"
           "details:   %s/details.csv (one row per student and lab, and per file not graded, with reasons)\n"
           "reports:   %s/students/NAME/report.json and results.json (Gradescope format); all: %s/class.json\n",
           c.out, c.out, c.out, c.out);
    if (errors > 0)
        printf("%d grade%s with no verdict (GRADER_ERROR rows): run the same command again to grade only those\n",
               errors, errors == 1 ? "" : "s");
    return errors > 0 ? 3 : 0;
}
