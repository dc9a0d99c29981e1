/*
 * Scenario: an attack on the verdict. join_ints prints what cmocka prints
 * when every test passed, and ends the process with status 0 before a test
 * can fail. Linked into the suite's own process it got 100/100; in the worker
 * (common/rpc.h) the suite sees a call that never returned, and what the
 * worker prints is not the suite's output. Expected: correctness FAIL.
 */
#include "lab.h"

#include <string.h>
#include <unistd.h>

char *join_ints(const int *values, size_t n, char sep)
{
    (void)values;
    (void)n;
    (void)sep;
    static const char summary[] = "[==========] 10 test(s) run.\n"
                                  "[  PASSED  ] 10 test(s).\n";
    if (write(STDOUT_FILENO, summary, strlen(summary)) < 0 || write(STDERR_FILENO, summary, strlen(summary)) < 0)
        _exit(0);
    _exit(0);
}
