/*
 * readme.c -- each lab's targets, in one place, quoted in its README.
 *
 * The targets live in the lab's measure/workload.c. `driver --targets`
 * prints them; make lab-N and make grade-N print the same text. The lab
 * README quotes them between two markers:
 *
 *   <!-- targets:begin -->
 *   - work ratio naive/yours >= ...
 *   <!-- targets:end -->
 *
 * `make targets` rewrites that block from the driver (readme_write_targets),
 * and `make test` checks that every README still says exactly what the driver
 * says (readme_targets_agree).
 */
#include "readme.h"

#include "../child.h"
#include "env.h"
#include "files.h"
#include "labs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char BEGIN[] = "<!-- targets:begin -->\n";
static const char END[] = "<!-- targets:end -->";

/* The driver's --targets output (malloc'd), or NULL. */
static char *driver_targets(int lab)
{
    char driver[600];
    snprintf(driver, sizeof driver, "%s/lab-%d/driver-trusted", env_build_root(), lab);
    char *argv[] = { driver, "--targets", NULL };
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    if (!child_run(argv, &limits, &r)) {
        child_result_free(&r);
        return NULL;
    }
    return r.output;
}

static bool readme_path(int lab, char *path, size_t size)
{
    char slug[128];
    if (!labs_slug(lab, slug, sizeof slug))
        return false;
    snprintf(path, size, "labs/%s/README.md", slug);
    return true;
}

bool readme_targets_agree(int lab, char *why, size_t why_size)
{
    char path[300];
    readme_path(lab, path, sizeof path);
    char *want = driver_targets(lab);
    char *readme = file_read(path, NULL);
    bool ok = false;
    char *begin = readme ? strstr(readme, BEGIN) : NULL;
    char *end = begin ? strstr(begin, END) : NULL;
    if (want == NULL)
        snprintf(why, why_size, "lab %d's driver did not print its targets", lab);
    else if (readme == NULL)
        snprintf(why, why_size, "cannot read %s", path);
    else if (begin == NULL || end == NULL)
        snprintf(why, why_size, "%s has no %s...%s block (run 'make targets')", path, "<!-- targets:begin -->", END);
    else {
        begin += strlen(BEGIN);
        ok = (size_t)(end - begin) == strlen(want) && strncmp(begin, want, strlen(want)) == 0;
        if (!ok)
            snprintf(why, why_size, "%s quotes other targets than labs/.../workload.c (run 'make targets')", path);
    }
    free(want);
    free(readme);
    return ok;
}

bool readme_write_targets(int lab)
{
    char path[300];
    readme_path(lab, path, sizeof path);
    char *want = driver_targets(lab);
    char *readme = file_read(path, NULL);
    char *begin = readme ? strstr(readme, BEGIN) : NULL;
    char *end = begin ? strstr(begin, END) : NULL;
    bool ok = false;
    if (want != NULL && begin != NULL && end != NULL) {
        FILE *f = fopen(path, "w");
        if (f != NULL) {
            fwrite(readme, 1, (size_t)(begin - readme) + strlen(BEGIN), f);
            fputs(want, f);
            fputs(end, f);
            ok = fclose(f) == 0;
        }
    }
    printf("  %s: %s\n", path, ok ? "targets updated" : "no targets block, or the driver failed");
    free(want);
    free(readme);
    return ok;
}

