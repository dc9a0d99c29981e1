/*
 * grade.c -- `make grade` / `make grade-N`: grade labs, write the reports.
 *
 * The rules and the engine are in grader.h; this file reads the command line
 * (lab numbers, and --yours N=path for a submission) and says what it did.
 */
#include "commands.h"

#include "env.h"

#include <sys/stat.h>
#include "files.h"
#include "grader.h"
#include "labs.h"

#include <stdio.h>
#include <string.h>

/* perflab grade N... [--yours N=path]... [--report-dir DIR]
   (--report-dir: where report.json and results.json go instead of
   $BUILD/grade; `perflab class` gives each student and lab its own.) */
int cmd_grade(int argc, char **argv)
{
    if (env_sanitized()) {
        fprintf(stderr, "perflab: make grade counts instructions with callgrind, which cannot run\n"
                        "sanitized code: run it without SANITIZE=1.\n");
        return 2;
    }
    int numbers[LABS_MAX], n = 0;
    const char *yours[100] = { NULL };
    const char *report_to = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--report-dir") == 0 && i + 1 < argc) {
            report_to = argv[++i];
        } else if (strcmp(argv[i], "--yours") == 0 && i + 1 < argc) {
            int lab;
            char *eq = strchr(argv[++i], '=');
            if (eq == NULL || eq[1] == '\0') {
                fprintf(stderr, "perflab: --yours takes N=path/to/optimized.c\n");
                return 2;
            }
            *eq = '\0';
            if (!labs_parse_number(argv[i], &lab))
                return 2;
            if (!file_exists(eq + 1)) {
                fprintf(stderr, "perflab: YOURS_%d=%s: no such file\n", lab, eq + 1);
                return 2;
            }
            yours[lab] = eq + 1;
        } else if (n < LABS_MAX) {
            if (!labs_parse_number(argv[i], &numbers[n]))
                return 2;
            n++;
        }
    }
    if (n == 0) {
        fprintf(stderr, "usage: perflab grade N... [--yours N=path/to/optimized.c]... [--report-dir DIR]\n");
        return 2;
    }
    struct grade_request requests[LABS_MAX];
    static struct lab_grade grades[LABS_MAX];
    for (int i = 0; i < n; i++)
        requests[i] = (struct grade_request){ .lab = numbers[i], .yours = yours[numbers[i]] };
    printf("perflab grade: correctness by the pinned tests, performance by counted work (deterministic);\n"
           "wall-clock speedups are shown beside and decide nothing.\n");
    char report_dir[600];
    if (report_to != NULL)
        snprintf(report_dir, sizeof report_dir, "%s", report_to);
    else
        snprintf(report_dir, sizeof report_dir, "%s/grade", env_build_root());
    char check[700];
    snprintf(check, sizeof check, "%s/sandbox-check", env_build_root());
    mkdir(env_build_root(), 0777);
    if (!grader_sandbox_works(check))
        return 3; /* the grader's error, never the student's 0 */
    int failed = grader_grade_labs(requests, (size_t)n, grades, report_dir, true);
    for (int i = 0; i < n; i++)
        if (grades[i].grader_error) {
            fprintf(stderr, "perflab grade: the grader itself failed on lab %d (see above); "
                            "that is not the submission's grade.\n", grades[i].lab);
            return 3;
        }
    return failed > 0 ? 1 : 0;
}

