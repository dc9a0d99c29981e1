/*
 * Scenario: an attack on the verdict. all_nearest prints what cmocka prints
 * when every test passed and ends the process with status 0 before a test
 * can fail. Linked into the suite's process, that got 100/100; in the worker
 * (measure/remote.c) the suite sees a call that never returned, and what
 * the worker prints is not the suite's output. Expected: correctness FAIL.
 */
#include "lab.h"

#include <string.h>
#include <unistd.h>

int all_nearest(const struct point3 *pts, size_t n, size_t *nearest)
{
    (void)pts, (void)n, (void)nearest;
    static const char summary[] = "[==========] 20 test(s) run.\n[  PASSED  ] 20 test(s).\n";
    if (write(STDOUT_FILENO, summary, strlen(summary)) < 0 || write(STDERR_FILENO, summary, strlen(summary)) < 0)
        _exit(0);
    _exit(0);
}
