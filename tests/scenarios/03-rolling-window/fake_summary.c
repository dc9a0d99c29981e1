/*
 * Attack scenario: rolling_mean_var prints what cmocka prints when every test
 * passed and ends the process with status 0. Linked into the suite's process
 * it would pass; the suite runs apart and calls it in a worker (common/rpc.h,
 * measure/remote.c), so the call never returns and what the worker prints is
 * not the suite's output. Expected: correctness FAIL.
 */
#include "lab.h"

#include <string.h>
#include <unistd.h>

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    (void)x, (void)n, (void)w, (void)mean, (void)var;
    static const char summary[] = "[==========] 16 test(s) run.\n"
                                  "[  PASSED  ] 16 test(s).\n";
    if (write(STDOUT_FILENO, summary, strlen(summary)) < 0 || write(STDERR_FILENO, summary, strlen(summary)) < 0)
        _exit(0);
    _exit(0);
}
