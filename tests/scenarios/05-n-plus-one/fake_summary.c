/*
 * Scenario: an attack on the verdict. user_order_totals prints what cmocka
 * prints when every test passed and ends the process with status 0. Linked
 * into the suite's process (as Lab 5's suite was), that got 100/100; in the
 * worker, the suite sees a call that never returned. Expected: correctness
 * FAIL.
 */
#include "lab.h"

#include <string.h>
#include <unistd.h>

int prepare_schema(struct db *db)
{
    (void)db;
    return 0;
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    (void)db, (void)out, (void)cap;
    static const char summary[] = "[==========] 20 test(s) run.\n[  PASSED  ] 20 test(s).\n";
    if (write(STDOUT_FILENO, summary, strlen(summary)) < 0 || write(STDERR_FILENO, summary, strlen(summary)) < 0)
        _exit(0);
    _exit(0);
}
