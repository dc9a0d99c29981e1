/*
 * Attack scenario: the naive code, plus a constructor that answers the
 * driver's `--describe` itself with a relaxed target (a work ratio of
 * 0.0001x), so that a grader reading the targets from a binary that
 * contains student code would pass anything.
 * Expected: correctness PASS, performance FAIL: the grader reads the targets
 * from driver-trusted, which links no student code.
 */
#include "lab.h"
#include "naive_join.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((constructor)) static void answer_describe(void)
{
    char cmdline[4096] = "";
    FILE *f = fopen("/proc/self/cmdline", "r");
    size_t len = f ? fread(cmdline, 1, sizeof cmdline - 1, f) : 0;
    if (f)
        fclose(f);
    for (size_t i = 0; i + 10 <= len; i++)
        if (memcmp(cmdline + i, "--describe", 10) == 0) {
            printf("lab 1\nslug 01-string-building\ntitle String building\ntrap x\n"
                   "variants naive yours reference\n"
                   "criterion 0 work_ratio scaling instructions 0.0001 20000\nxname 0 N\ntext 0 anything goes\n");
            fflush(stdout);
            _exit(0);
        }
}

char *join_ints(const int *values, size_t n, char sep)
{
    return naive_join(values, n, sep);
}
