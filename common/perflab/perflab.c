/*
 * perflab.c -- the course's command-line front end. The Makefile calls it:
 *
 *   perflab lab N          make lab-N: correctness of every variant, then bench
 *   perflab grade N...     make grade / grade-N
 *   perflab test [harness] [sandbox] N...   make test / test-N
 *   perflab profile N      make profile-N
 *   perflab targets N...   make targets: copy each lab's targets into its README
 *
 * It must run from the repository root (the Makefile's folder). Everything
 * that runs lab code -- tests, benchmarks, callgrind -- runs in a child process
 * (child.h), so a student's crash or infinite loop is reported, not inherited.
 */
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: perflab lab N | grade N... | test [harness] [sandbox] N... | profile N | targets N...\n"
                    "(normally run through make: see 'make help')\n");
    return 2;
}

/* Parse a lab number and check the lab exists; explains itself on failure. */
bool parse_lab_number(const char *text, int *number)
{
    char *end, slug[128], labs[128];
    errno = 0;
    long n = strtol(text, &end, 10);
    if (*end != '\0' || errno != 0 || n < 0 || n > 99 || !lab_slug((int)n, slug, sizeof slug)) {
        fprintf(stderr, "perflab: there is no lab '%s'. Labs: %s  (see 'make help')\n", text,
                lab_list_text(labs, sizeof labs));
        return false;
    }
    *number = (int)n;
    return true;
}

/* perflab grade N... [--yours N=path]... */
static int cmd_grade(int argc, char **argv)
{
    if (sanitized_build()) {
        fprintf(stderr, "perflab: make grade counts instructions with callgrind, which cannot run\n"
                        "sanitized code: run it without SANITIZE=1.\n");
        return 2;
    }
    int numbers[MAX_LABS], n = 0;
    const char *yours[100] = { NULL };
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--yours") == 0 && i + 1 < argc) {
            int lab;
            char *eq = strchr(argv[++i], '=');
            if (eq == NULL || eq[1] == '\0') {
                fprintf(stderr, "perflab: --yours takes N=path/to/optimized.c\n");
                return 2;
            }
            *eq = '\0';
            if (!parse_lab_number(argv[i], &lab))
                return 2;
            if (!file_exists(eq + 1)) {
                fprintf(stderr, "perflab: YOURS_%d=%s: no such file\n", lab, eq + 1);
                return 2;
            }
            yours[lab] = eq + 1;
        } else if (n < MAX_LABS) {
            if (!parse_lab_number(argv[i], &numbers[n]))
                return 2;
            n++;
        }
    }
    if (n == 0)
        return usage();
    struct grade_request requests[MAX_LABS];
    static struct lab_grade grades[MAX_LABS];
    for (int i = 0; i < n; i++)
        requests[i] = (struct grade_request){ .lab = numbers[i], .yours = yours[numbers[i]] };
    printf("perflab grade: correctness by the pinned tests, performance by counted work (deterministic);\n"
           "wall-clock speedups are shown beside and decide nothing.\n");
    char report_dir[600];
    snprintf(report_dir, sizeof report_dir, "%s/grade", build_root());
    int failed = grade_labs(requests, (size_t)n, grades, report_dir, true);
    return failed > 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    /* cmocka's output must stay the plain summary we read (not TAP or XML). */
    unsetenv("CMOCKA_MESSAGE_OUTPUT");
    unsetenv("CMOCKA_XML_FILE");
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *command = argv[1];
    if (strcmp(command, "grade") == 0)
        return cmd_grade(argc - 2, argv + 2);
    if (strcmp(command, "lab") == 0 && argc == 3)
        return cmd_lab(argv[2]);
    if (strcmp(command, "test") == 0)
        return cmd_test(argc - 2, argv + 2);
    if (strcmp(command, "profile") == 0 && argc == 3)
        return cmd_profile(argv[2]);
    if (strcmp(command, "targets") == 0)
        return cmd_targets(argc - 2, argv + 2);
    return usage();
}
