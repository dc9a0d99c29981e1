/*
 * Scenario: an attack on the verdict. The first intset_new prints what
 * cmocka prints when every test passed and ends the process with status 0
 * before a test can fail. Linked into the suite's process, that got
 * 100/100; in the worker (measure/remote.c) the suite sees a call that never
 * returned, and what the worker prints is not the suite's output.
 * Expected: correctness FAIL.
 */
#include "lab.h"

#include <string.h>
#include <unistd.h>

struct intset *intset_new(void)
{
    static const char summary[] = "[==========] 7 test(s) run.\n[  PASSED  ] 7 test(s).\n";
    if (write(STDOUT_FILENO, summary, strlen(summary)) < 0 || write(STDERR_FILENO, summary, strlen(summary)) < 0)
        _exit(0);
    _exit(0);
}

bool intset_add(struct intset *s, uint64_t key)
{
    (void)s, (void)key;
    return true;
}

bool intset_contains(const struct intset *s, uint64_t key)
{
    (void)s, (void)key;
    return false;
}

size_t intset_size(const struct intset *s)
{
    (void)s;
    return 0;
}

void intset_free(struct intset *s)
{
    (void)s;
}
