/*
 * suite.c -- running a cmocka suite and reading its summary (suite.h).
 */
#include "suite.h"

#include "../child.h"
#include "env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool suite_run(const char *out_dir, const char *variant, double timeout_s, int *passed, int *failed,
               bool show_output, const char *worker_scratch)
{
    char test[700], names[400], how[200];
    snprintf(test, sizeof test, "%s/test-%s", out_dir, variant);
    char *argv[] = { test, NULL };
    struct child_limits limits = { .timeout_s = timeout_s, .memory_bytes = env_memory_limit() };
    struct child_result r;
    char limit[32];
    snprintf(limit, sizeof limit, "%g", timeout_s);
    setenv("PERFLAB_TEST_TIMEOUT_S", limit, 1); /* a suite's calls to its worker (rpc.h) */
    if (worker_scratch != NULL) { /* rpc.c starts the worker in the sandbox, in this folder */
        setenv("PERFLAB_WORKER_SANDBOX", worker_scratch, 1);
        if (env_sanitized())
            setenv("PERFLAB_WORKER_SANITIZER", "1", 1);
    }
    bool ok = child_run(argv, &limits, &r);
    unsetenv("PERFLAB_TEST_TIMEOUT_S");
    unsetenv("PERFLAB_WORKER_SANDBOX");
    unsetenv("PERFLAB_WORKER_SANITIZER");
    int p, f;
    suite_counts(r.output, &p, &f, names, sizeof names);
    if (!ok && f == 0)
        f = 1; /* crashed, hung or failed before its summary: one failure */
    ok = ok && f == 0 && p > 0;
    *passed += p;
    *failed += f;
    if (ok)
        printf("  %-14s PASS  %d/%d tests\n", variant, p, p);
    else if (r.outcome == CHILD_EXITED && names[0])
        printf("  %-14s FAIL  %d of %d tests fail: %s\n", variant, f, p + f, names);
    else
        printf("  %-14s FAIL  the test program %s\n", variant, child_describe(&r, how, sizeof how));
    if (!ok && show_output)
        printf("---- last lines of its output ----\n%s\n----\n", child_output_tail(&r, 15));
    child_result_free(&r);
    return ok;
}

void suite_counts(const char *output, int *passed, int *failed, char *failed_names, size_t size)
{
    *passed = *failed = 0;
    size_t len = 0;
    bool listing = false; /* cmocka names the failed tests again after "listed below" */
    if (size > 0)
        failed_names[0] = '\0';
    for (const char *p = output; p != NULL && *p; p = strchr(p + 1, '\n')) {
        const char *line = *p == '\n' ? p + 1 : p;
        int count;
        char name[128];
        if (sscanf(line, "[  PASSED  ] %d test", &count) == 1)
            *passed += count;
        else if (sscanf(line, "[  FAILED  ] %d test", &count) == 1) {
            *failed += count;
            listing = true;
        } else if (listing && sscanf(line, "[  FAILED  ] %127s", name) == 1 && len < size)
            len += (size_t)snprintf(failed_names + len, size - len, "%s%s", len ? ", " : "", name);
    }
}
