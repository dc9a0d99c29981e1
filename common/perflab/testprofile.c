/*
 * testprofile.c -- `perflab test profile` (make test): does make profile-N
 * give the student something to see? (profile.h)
 *
 * It runs the profile of Lab 1 as the student would (the perflab tool
 * itself, `perflab profile 1`, in a child process: one command never calls
 * another in-process) with a 1-second perf run, then checks every output
 * names the lab's function, join_ints:
 *
 *   - the run ends with status 0 (every part worked);
 *   - naive's and yours' flame-graph pages, callgrind_annotate texts and
 *     profile.json exist and name it; profile.json names naive's strcat line;
 *   - the page renders: headless Chromium loads naive's page (offline: the
 *     template inlines its scripts), runs it, and the DOM it dumps has an SVG
 *     frame named join_ints with its label drawn. The page's embedded data
 *     also holds the name, so the check looks for the rendered frame's
 *     markup (class="frame", its <title>), which only the script writes.
 *
 * Chromium runs as root only with --no-sandbox (its own sandbox refuses
 * root); it gets a profile folder of its own in the build.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "profile.h"

#include "../child.h"
#include "env.h"
#include "files.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { LAB = 1 };
static const char function[] = "join_ints";

static void check(bool ok, const char *what, int *passed, int *failed)
{
    printf("  %-4s %s\n", ok ? "ok" : "FAIL", what);
    if (ok)
        (*passed)++;
    else
        (*failed)++;
}

static bool file_names(const char *path, const char *text)
{
    char *data = file_read(path, NULL);
    bool found = data != NULL && strstr(data, text) != NULL;
    free(data);
    return found;
}

/* Chromium's DOM after the page's scripts ran: does it hold a drawn frame of `name`? */
static bool renders_frame(const char *html, const char *dir, const char *name, char *why, size_t why_size)
{
    char page[PATH_MAX + 8], data_dir[PATH_MAX + 32], absolute[PATH_MAX];
    if (realpath(html, absolute) == NULL) {
        snprintf(why, why_size, "no page");
        return false;
    }
    snprintf(page, sizeof page, "file://%s", absolute);
    snprintf(data_dir, sizeof data_dir, "--user-data-dir=%s/chromium", dir);
    char *argv[] = { "chromium", "--headless", "--disable-gpu", "--virtual-time-budget=3000", data_dir,
                     "--dump-dom", page, geteuid() == 0 ? "--no-sandbox" : NULL, NULL };
    struct child_limits limits = { .timeout_s = 60 };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
    char frame[160], title[160];
    snprintf(frame, sizeof frame, "name=\"%s\" class=\"frame\"", name);
    snprintf(title, sizeof title, "<title>%s (", name);
    bool drawn = ok && strstr(r.output, frame) != NULL && strstr(r.output, title) != NULL;
    if (!ok) {
        char how[160];
        snprintf(why, why_size, "chromium %s: %.200s%s", child_describe(&r, how, sizeof how), child_output_tail(&r, 2),
                 r.outcome == CHILD_NOT_RUN ? " (install chromium: make deps)" : "");
    } else if (!drawn) {
        snprintf(why, why_size, "the rendered page has no frame named %s", name);
    }
    child_result_free(&r);
    return drawn;
}

void profile_test(int *passed, int *failed)
{
    printf("== profile (make profile-%d: flame graphs, lines, caches)\n", LAB);
    if (env_sanitized()) {
        printf("  skipped under SANITIZE=1 (callgrind cannot run sanitized code)\n");
        return;
    }
    char perflab[600], dir[700], path[800], what[900];
    snprintf(perflab, sizeof perflab, "%s/perflab", env_build_root());
    snprintf(dir, sizeof dir, "%s/lab-%d/profile", env_build_root(), LAB);
    char lab_text[8];
    snprintf(lab_text, sizeof lab_text, "%d", LAB);
    char *argv[] = { perflab, "profile", lab_text, "--seconds", "1", NULL };
    struct child_limits limits = { .timeout_s = 180 };
    struct child_result r;
    bool ran = child_run(argv, &limits, &r);
    snprintf(what, sizeof what, "perflab profile %d ran every part%s%.300s", LAB, ran ? "" : ": ",
             ran ? "" : child_output_tail(&r, 8));
    check(ran, what, passed, failed);
    child_result_free(&r);

    const char *variants[] = { "naive", "yours" };
    const char *outputs[] = { "flamegraph.html", "annotate.txt" };
    for (size_t v = 0; v < 2; v++)
        for (size_t o = 0; o < 2; o++) {
            snprintf(path, sizeof path, "%s/%s.%s", dir, variants[v], outputs[o]);
            snprintf(what, sizeof what, "%s names %s", path, function);
            check(file_names(path, function), what, passed, failed);
        }
    snprintf(path, sizeof path, "%s/profile.json", dir);
    snprintf(what, sizeof what, "%s names %s and naive's strcat line", path, function);
    check(file_names(path, function) && file_names(path, "strcat(result, piece);"), what, passed, failed);

    char why[400] = "";
    snprintf(path, sizeof path, "%s/naive.flamegraph.html", dir);
    bool drawn = renders_frame(path, dir, function, why, sizeof why);
    snprintf(what, sizeof what, "headless chromium draws a %s frame in naive's flame graph%s%s", function,
             drawn ? "" : ": ", why);
    check(drawn, what, passed, failed);
}
