/*
 * perflab.c -- the course's command-line front end. The Makefile calls it:
 *
 *   perflab lab N          make lab-N: correctness of every variant, then bench
 *   perflab grade N...     make grade / grade-N
 *   perflab test [harness] [sandbox] [profile] N...   make test / test-N
 *   perflab profile N [--reference] [--seconds S] [--x SIZE]   make profile-N
 *   perflab targets N...   make targets: copy each lab's targets into its README
 *   perflab course         make course: rewrite every quoted figure from plots/ (figures.h)
 *   perflab class DIR ...  make grade-class: grade a folder of submissions (class.c)
 *
 * It must run from the repository root (the Makefile's folder). Everything
 * that runs lab code -- tests, benchmarks, callgrind -- runs in a child process
 * (child.h), so a student's crash or infinite loop is reported, not inherited.
 */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: perflab lab N | grade N... | test [harness] [sandbox] [profile] [figures] [class] N... |\n"
                    "       profile N [--reference] [--seconds S] [--x SIZE] | targets N... | course | class DIR\n"
                    "(normally run through make: see 'make help')\n");
    return 2;
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
    if (strcmp(command, "profile") == 0 && argc >= 3)
        return cmd_profile(argc - 2, argv + 2);
    if (strcmp(command, "targets") == 0)
        return cmd_targets(argc - 2, argv + 2);
    if (strcmp(command, "course") == 0 && argc == 2)
        return cmd_course();
    if (strcmp(command, "class") == 0)
        return cmd_class(argc - 2, argv + 2);
    return usage();
}
