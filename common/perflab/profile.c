/*
 * profile.c -- `make profile-N`: where do naive's and your instructions and time go?
 *
 *   perflab profile N [--reference] [--seconds S] [--x SIZE]
 *
 * For naive and yours (and the reference with --reference), at the lab's
 * first size graded on instructions (or SIZE), into one folder,
 * build/lab-N/profile/:
 *
 *   VARIANT.flamegraph.html  perf's call stacks over S seconds (default 2) of
 *                            repeated calls, as a flame graph (flamegraph.c):
 *                            time, statistical, memory stalls included
 *   VARIANT.annotate.txt     callgrind_annotate's whole text: instructions per
 *                            function and per line of the variant's file
 *   VARIANT.perf.data, callgrind's file in scratch/   the raw data, for
 *                            perf report / callgrind_annotate by hand
 *   profile.json             everything the summary prints, and more rows
 *
 * and prints a short summary: the flame graphs to open, the costliest
 * functions and the costliest lines of each variant's own file, the simulated caches and branches side by
 * side with the ratios naive/yours (cachesim.c), and per function where
 * yours gains or loses instructions against naive (annotate.c). The counts
 * (callgrind) are exact and the same on every run; the flame graph is a
 * sample. When both point at the same place, that is the bottleneck.
 *
 * Every process that runs the lab's code (it holds yours) runs in the
 * sandbox (sandbox.h), with this folder's scratch/ as its only writable
 * place. Missing perf or flame-graph template costs only the flame graphs:
 * the summary says what to install.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "commands.h"

#include "../format.h"
#include "../json.h"
#include "../sandbox.h"
#include "env.h"
#include "labs.h"
#include "profile.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_PROFILED = 3, TOP_FUNCTIONS = 4, TOP_LINES = 5, TOP_CHANGES = 4 };

struct profiled {
    const char *variant;
    bool counted;     /* the callgrind run and its annotation worked */
    bool flamegraph;  /* the page was written */
    char why[500];    /* what failed, when something did */
    struct cachesim cache;
    struct annotation annotation;
    char html[PATH_MAX];
};

static int usage(void)
{
    fprintf(stderr, "usage: perflab profile N [--reference] [--seconds S] [--x SIZE]   (make profile-N [REFERENCE=1] [X=SIZE])\n");
    return 2;
}

static void print_lines(const struct profiled *p)
{
    const struct annotation *a = &p->annotation;
    if (a->n_lines == 0) {
        printf("  %-9s (no annotated lines: its source file was not found)\n", p->variant);
        return;
    }
    printf("  %s: %s\n", p->variant, a->source);
    for (size_t i = 0; i < a->n_lines && i < TOP_LINES; i++)
        printf("    %5.1f%%  %-16s %.90s\n", 100 * a->lines[i].instructions / a->total, a->lines[i].name,
               a->lines[i].code + strspn(a->lines[i].code, " \t"));
}

static void print_functions(const struct profiled *p)
{
    const struct annotation *a = &p->annotation;
    char buf[48];
    printf("  %s: %s instructions\n", p->variant, format_count(a->total, buf, sizeof buf));
    for (size_t i = 0; i < a->n_functions && i < TOP_FUNCTIONS; i++)
        printf("    %5.1f%%  %16s  %s\n", 100 * a->functions[i].instructions / a->total,
               format_count(a->functions[i].instructions, buf, sizeof buf), a->functions[i].name);
}

static void print_cache_row(const char *what, const struct profiled *p, size_t n, size_t offset)
{
    char buf[48];
    printf("  %-22s", what);
    for (size_t v = 0; v < n; v++)
        printf(" %16s", p[v].counted ? format_count(*(const double *)((const char *)&p[v].cache + offset), buf, sizeof buf)
                                     : "-");
    for (size_t v = 1; v < n; v++) {
        double a = *(const double *)((const char *)&p[0].cache + offset);
        double b = *(const double *)((const char *)&p[v].cache + offset);
        printf(" %12s", p[0].counted && p[v].counted && b > 0 ? format_ratio(a / b, buf, sizeof buf)
                                                             : a > 0 ? "(none left)" : "-");
    }
    printf("\n");
}

static const struct {
    const char *label, *key;
    size_t offset;
} cache_rows[] = {
    { "instructions", "instructions", offsetof(struct cachesim, instructions) },
    { "D1 misses", "d1_misses", offsetof(struct cachesim, d1_misses) },
    { "LL misses", "ll_misses", offsetof(struct cachesim, ll_misses) },
    { "branches", "branches", offsetof(struct cachesim, branches) },
    { "branches mispredicted", "mispredicts", offsetof(struct cachesim, mispredicts) },
};

static void print_caches(const struct profiled *p, size_t n)
{
    printf("\nSimulated caches and branches, one call (callgrind's cache simulator, counts: the same\n"
           "on every machine; %s)\n  %-22s",
           cachesim_geometry, "");
    for (size_t v = 0; v < n; v++)
        printf(" %16s", p[v].variant);
    for (size_t v = 1; v < n; v++) {
        char head[40];
        snprintf(head, sizeof head, "naive/%s", p[v].variant);
        printf(" %12s", head);
    }
    printf("\n");
    for (size_t i = 0; i < sizeof cache_rows / sizeof *cache_rows; i++)
        print_cache_row(cache_rows[i].label, p, n, cache_rows[i].offset);
}

/* Yours against naive per function: the biggest gains, then any losses. */
static void print_changes(const struct profiled *naive, const struct profiled *other)
{
    struct cost *changes;
    size_t n = annotate_diff(&naive->annotation, &other->annotation, &changes);
    char buf[48];
    printf("\n%s against naive: self instructions per function (callgrind), biggest gains, then losses\n",
           other->variant);
    if (n == 0)
        printf("  no function changed: the same code does the same work\n");
    size_t gains = 0;
    while (gains < n && changes[gains].instructions < 0)
        gains++;
    for (size_t i = 0; i < gains && i < TOP_CHANGES; i++)
        printf("  gain %16s  %s\n", format_count(-changes[i].instructions, buf, sizeof buf), changes[i].name);
    for (size_t i = n; i > gains && i + TOP_CHANGES > n; i--)
        printf("  loss %16s  %s\n", format_count(changes[i - 1].instructions, buf, sizeof buf), changes[i - 1].name);
    free(changes);
}

static void json_changes(struct json *j, const struct profiled *naive, const struct profiled *other)
{
    struct cost *changes;
    size_t n = annotate_diff(&naive->annotation, &other->annotation, &changes);
    json_array_begin(j, "against_naive");
    for (size_t i = 0; i < n; i++) {
        json_object_begin(j, NULL);
        json_string(j, "function", changes[i].name);
        json_number(j, "instructions_change", changes[i].instructions);
        json_object_end(j);
    }
    json_array_end(j);
    free(changes);
}

static void json_costs(struct json *j, const char *key, const struct cost *c, size_t n, size_t max, double total)
{
    json_array_begin(j, key);
    for (size_t i = 0; i < n && i < max; i++) {
        json_object_begin(j, NULL);
        json_string(j, c[i].code[0] ? "line" : "function", c[i].name);
        if (c[i].code[0])
            json_string(j, "code", c[i].code + strspn(c[i].code, " \t"));
        json_number(j, "instructions", c[i].instructions);
        json_number(j, "percent", total > 0 ? 100 * c[i].instructions / total : 0);
        json_object_end(j);
    }
    json_array_end(j);
}

static void write_json(const char *path, int lab, const char *sweep, long x, const struct profiled *p, size_t n)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return;
    struct json j;
    json_start(&j, f);
    json_object_begin(&j, NULL);
    json_number(&j, "lab", lab);
    json_string(&j, "sweep", sweep);
    json_number(&j, "x", (double)x);
    json_string(&j, "cache_geometry", cachesim_geometry);
    json_array_begin(&j, "variants");
    for (size_t v = 0; v < n; v++) {
        json_object_begin(&j, NULL);
        json_string(&j, "variant", p[v].variant);
        json_string(&j, "error", p[v].why[0] ? p[v].why : NULL);
        json_string(&j, "flamegraph", p[v].flamegraph ? p[v].html : NULL);
        json_string(&j, "source", p[v].annotation.source);
        json_object_begin(&j, "simulated");
        for (size_t i = 0; i < sizeof cache_rows / sizeof *cache_rows; i++)
            json_number(&j, cache_rows[i].key, *(const double *)((const char *)&p[v].cache + cache_rows[i].offset));
        json_object_end(&j);
        json_costs(&j, "lines", p[v].annotation.lines, p[v].annotation.n_lines, 20, p[v].annotation.total);
        json_costs(&j, "functions", p[v].annotation.functions, p[v].annotation.n_functions, 20, p[v].annotation.total);
        if (v > 0 && p[0].counted && p[v].counted)
            json_changes(&j, &p[0], &p[v]);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_end(&j);
    json_finish(&j);
    fclose(f);
}

int cmd_profile(int argc, char **argv)
{
    int lab;
    bool reference = false;
    double seconds = 2;
    long x_option = 0;
    if (argc < 1 || !labs_parse_number(argv[0], &lab))
        return usage();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--reference") == 0)
            reference = true;
        else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc && (seconds = atof(argv[++i])) > 0 && seconds <= 60)
            continue;
        else if (strcmp(argv[i], "--x") == 0 && i + 1 < argc && (x_option = atol(argv[++i])) > 0)
            continue;
        else
            return usage();
    }
    if (env_sanitized()) {
        fprintf(stderr, "perflab: profiles need a build without SANITIZE=1 (callgrind cannot run sanitized code)\n");
        return 2;
    }
    char lab_dir[600], dir[700], scratch[800], driver[PATH_MAX], error[400];
    snprintf(lab_dir, sizeof lab_dir, "%s/lab-%d", env_build_root(), lab);
    snprintf(dir, sizeof dir, "%s/profile", lab_dir);
    snprintf(scratch, sizeof scratch, "%s/scratch", dir);
    struct lab_info info;
    if (!labs_describe(lab_dir, &info, error, sizeof error)) {
        fprintf(stderr, "perflab: %s\n", error);
        return 1;
    }
    if (info.n_criteria == 0) {
        fprintf(stderr, "perflab: lab %d has no graded size to profile\n", lab);
        return 1;
    }
    mkdir(dir, 0755);
    mkdir(scratch, 0700);
    char json_path[800];
    snprintf(json_path, sizeof json_path, "%s/profile.json", dir);
    remove(json_path);
    char driver_path[700];
    snprintf(driver_path, sizeof driver_path, "%s/driver", lab_dir);
    if (realpath(driver_path, driver) == NULL) {
        fprintf(stderr, "perflab: %s is not built (make profile-%d builds it)\n", driver_path, lab);
        return 1;
    }
    /* The driver links yours: it runs only in here. */
    char scratch_abs[PATH_MAX];
    if (realpath(scratch, scratch_abs) == NULL)
        return 1;
    const char *read_only[] = { driver, NULL };
    struct sandbox sandbox = { .scratch = scratch_abs, .read_only = read_only };

    /* The first size graded on instructions: callgrind's own workload, sized
       by the lab to run in seconds under it. A lab graded only on a counter
       (Lab 5's statements) sized its runs for the counter, natively: a tenth
       of that keeps the simulated run within the minute. */
    const struct criterion_info *c = &info.criteria[0];
    for (size_t i = info.n_criteria; i-- > 0;)
        if (strcmp(info.criteria[i].metric, "instructions") == 0)
            c = &info.criteria[i];
    long x = strcmp(c->metric, "instructions") == 0 || c->xs[0] < 10 ? c->xs[0] : c->xs[0] / 10;
    if (x_option > 0)
        x = x_option;
    char buf[48];
    printf("Lab %d: %s -- profiles of one call at %s = %s, in %s/\n", lab, info.title, c->x_name,
           format_count((double)x, buf, sizeof buf), dir);

    char script[PATH_MAX], template[PATH_MAX], tools_why[400] = "";
    bool tools = flamegraph_tools(script, sizeof script, template, sizeof template, tools_why, sizeof tools_why);

    struct profiled p[MAX_PROFILED];
    const char *names[MAX_PROFILED] = { "naive", "yours", "reference" };
    size_t n = reference ? 3 : 2;
    memset(p, 0, sizeof p);
    /* Nothing of an earlier profile (the reference's included) may pass for this one's. */
    const char *outputs[] = { "annotate.txt", "perf.data", "flamegraph.html" };
    for (size_t v = 0; v < MAX_PROFILED; v++)
        for (size_t o = 0; o < sizeof outputs / sizeof *outputs; o++) {
            char old_file[PATH_MAX];
            snprintf(old_file, sizeof old_file, "%s/%s.%s", dir, names[v], outputs[o]);
            remove(old_file);
        }
    for (size_t v = 0; v < n; v++) {
        p[v].variant = names[v];
        printf("  %s: callgrind with the cache simulator...", names[v]);
        fflush(stdout);
        char file[PATH_MAX], text[PATH_MAX], data[PATH_MAX];
        snprintf(text, sizeof text, "%s/%s.annotate.txt", dir, names[v]);
        snprintf(data, sizeof data, "%s/%s.perf.data", dir, names[v]);
        snprintf(p[v].html, sizeof p[v].html, "%s/%s.flamegraph.html", dir, names[v]);
        p[v].counted = cachesim_run(driver, &sandbox, names[v], c->sweep, x, info.perf_timeout_s, &p[v].cache, file,
                                    sizeof file, p[v].why, sizeof p[v].why) &&
                       annotate_read(file, names[v], text, &p[v].annotation, p[v].why, sizeof p[v].why);
        if (!p[v].counted)
            printf(" failed: %s\n", p[v].why);
        if (!tools) {
            printf(p[v].counted ? " done\n" : "");
            continue;
        }
        printf(p[v].counted ? " perf..." : "  perf...");
        fflush(stdout);
        char why[500] = "";
        p[v].flamegraph = flamegraph_record(driver, &sandbox, names[v], c->sweep, x, seconds, script, template, data,
                                            p[v].html, why, sizeof why);
        if (p[v].flamegraph)
            printf(" done\n");
        else {
            printf(" failed: %s\n", why);
            if (p[v].why[0] == '\0')
                snprintf(p[v].why, sizeof p[v].why, "%s", why);
        }
    }

    printf("\nFlame graphs (perf: cpu-clock samples with their call stacks, %g s of repeated calls).\n"
           "Open one in a browser. Each box is a function, on top of the one that called it; its width\n"
           "is its share of the samples. Look for the widest boxes near the top: that is where the time is.\n",
           seconds);
    if (!tools)
        printf("  none: %s\n", tools_why);
    for (size_t v = 0; v < n; v++)
        if (p[v].flamegraph)
            printf("  %-9s %s\n", p[v].variant, p[v].html);

    printf("\nCostliest functions, one call (callgrind: instructions in the function itself, exact)\n");
    for (size_t v = 0; v < n; v++)
        if (p[v].counted)
            print_functions(&p[v]);
    printf("\nCostliest lines of each variant's own file (callgrind: the line's instructions and\n"
           "those of the calls it makes, as a share of the call; all lines in VARIANT.annotate.txt)\n");
    for (size_t v = 0; v < n; v++)
        if (p[v].counted)
            print_lines(&p[v]);
    print_caches(p, n);
    for (size_t v = 1; v < n; v++)
        if (p[0].counted && p[v].counted)
            print_changes(&p[0], &p[v]);

    write_json(json_path, lab, c->sweep, x, p, n);
    printf("\nwrote %s\nnext: change the algorithm or reduce the work where the top lines point, then make lab-%d again\n",
           json_path, lab);
    bool all = true;
    for (size_t v = 0; v < n; v++) {
        all = all && p[v].counted && (p[v].flamegraph || !tools);
        annotate_free(&p[v].annotation);
    }
    return all ? 0 : 1;
}
