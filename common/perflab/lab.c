/*
 * lab.c -- `make lab-N`: is every variant correct, and how fast is it?
 *
 * Correctness first, because a fast wrong answer is not a result: each
 * variant's cmocka suite runs in a child process with the lab's time limit.
 * Then bench measures the variants that passed, side by side. A student whose
 * code crashes or fails still sees naive and the reference measured, and is
 * told what went wrong.
 */
#include "commands.h"

#include "../child.h"
#include "env.h"
#include "labs.h"
#include "prediction.h"
#include "suite.h"


#include <stdio.h>
#include <string.h>

int cmd_lab(const char *lab_text)
{
    int lab;
    if (!labs_parse_number(lab_text, &lab))
        return 2;
    char out_dir[600], error[400];
    snprintf(out_dir, sizeof out_dir, "%s/lab-%d", env_build_root(), lab);
    struct lab_info info;
    if (!labs_describe(out_dir, &info, error, sizeof error)) {
        fprintf(stderr, "perflab: %s\n", error);
        return 1;
    }
    printf("Lab %d: %s -- %s\n\n", lab, info.title, info.trap);
    printf("1. correctness: tests/%s.c against each variant (child process, %.0f s limit)\n", info.slug,
           info.test_timeout_s);
    char measured[1024] = "";
    size_t len = 0;
    bool yours_ok = true, all_ok = true;
    for (size_t i = 0; i < info.n_variants; i++) {
        int passed = 0, failed = 0;
        bool ok = suite_run(out_dir, info.variants[i], info.test_timeout_s, &passed, &failed,
                            strcmp(info.variants[i], "yours") == 0);
        if (strcmp(info.variants[i], "yours") == 0)
            yours_ok = ok;
        all_ok = all_ok && ok;
        if (ok && len < sizeof measured)
            len += (size_t)snprintf(measured + len, sizeof measured - len, "%s%s", len ? "," : "", info.variants[i]);
    }
    if (!yours_ok)
        printf("\n  yours is not correct yet, so it is left out of the measurements below.\n"
               "  Fix it first: the failing tests are named above (tests/%s.c).\n", info.slug);

    if (measured[0] == '\0') {
        printf("\nno variant passed its tests: nothing to measure.\n");
        return 1;
    }
    printf("\n2. measuring the correct variants side by side\n");
    fflush(stdout);
    char bench[700];
    snprintf(bench, sizeof bench, "%s/bench", out_dir);
    char plots[700];
    snprintf(plots, sizeof plots, "%s/lab-%d", env_plots_root(), lab);
    char *argv[] = { bench, "--out", plots, all_ok ? NULL : "--variants", measured, NULL };
    struct child_limits limits = { .timeout_s = 600, .echo = true };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
    if (!ok) {
        char how[200];
        printf("\nperflab: the benchmark %s\n", child_describe(&r, how, sizeof how));
    }
    child_result_free(&r);
    if (ok) {
        char results[800];
        snprintf(results, sizeof results, "%s/results.json", plots);
        prediction_show(lab, info.slug, results);
    }
    printf("\nnext: make profile-%d (where the work goes), make grade-%d (the verdict)\n", lab, lab);
    return ok && yours_ok ? 0 : 1;
}
