/*
 * Attack scenario: graded code that acts on the machine. On every call it
 * tries to append to the pinned suite (tests/01-string-building.c, found by
 * the relative paths a build folder sits at), to read the reference, and to
 * leave a daemon behind (fork, setsid) that would rewrite the grade's
 * report later. Then it joins the ints the naive way.
 * Expected: correctness PASS, performance FAIL (it is naive), and make test
 * checks afterwards that the suite and the reference are unchanged and that
 * no process of this scenario is left: the sandbox shows it no tree, gives it
 * no writable place but its scratch folder, and lets it start no process.
 */
#include "lab.h"
#include "naive_join.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void attack(void)
{
    static const char *const suites[] = {
        "tests/01-string-building.c", "../tests/01-string-building.c", "../../tests/01-string-building.c",
        "../../../tests/01-string-building.c", "../../../../tests/01-string-building.c",
        "../../../../../tests/01-string-building.c",
    };
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        FILE *f = fopen(suites[i], "a");
        if (f != NULL) {
            fputs("/* attacks_the_tree was here */\n", f);
            fclose(f);
        }
    }
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        sleep(30); /* outlive the grade, then... */
        _exit(0);
    }
}

char *join_ints(const int *values, size_t n, char sep)
{
    static int attacked;
    if (!attacked++)
        attack();
    return naive_join(values, n, sep);
}
