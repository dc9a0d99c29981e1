/*
 * profile.c -- `make profile-N`: where do naive's and your instructions go?
 *
 * Two profilers, because they answer differently:
 *   callgrind  counts every instruction of exactly one call (the driver runs
 *              one run(); setup is not collected). Exact and repeatable, but it
 *              counts work, not time: a cache miss costs it nothing.
 *   perf       samples the CPU clock while the driver repeats the call for two
 *              seconds (`perf record -e cpu-clock`): statistical, noisy, but it
 *              sees time, memory stalls included.
 * When both put the same function on top, you have found your bottleneck.
 * The profiled size is the lab's first graded size.
 */
#include "commands.h"

#include "../child.h"
#include "env.h"
#include "labs.h"
#include "measure.h"

#include "../format.h"
#include "../json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TOP = 6 };

struct hotspot {
    double share; /* percent */
    double count; /* instructions (callgrind) or 0 (perf) */
    char name[160];
};

/* "   135,000,000 (49.9%)  file.c:func [/lib/libc.so.6]" -> count, share, "func (libc.so.6)" */
static bool parse_callgrind_line(const char *line, struct hotspot *h)
{
    char digits[64];
    size_t n = 0;
    const char *p = line + strspn(line, " ");
    while ((*p >= '0' && *p <= '9') || *p == ',') {
        if (*p != ',' && n + 1 < sizeof digits)
            digits[n++] = *p;
        p++;
    }
    digits[n] = '\0';
    if (n == 0 || sscanf(p, " (%lf%%)", &h->share) != 1)
        return false;
    h->count = strtod(digits, NULL);
    const char *where = strchr(p, ')');
    if (where == NULL)
        return false;
    where += 1 + strspn(where + 1, " ");
    const char *colon = strchr(where, ':');
    const char *func = colon ? colon + 1 : where;
    size_t func_len = strcspn(func, " \n");
    const char *object = strchr(func, '[');
    const char *base = object;
    for (const char *q = object; q != NULL && *q && *q != ']'; q++)
        if (*q == '/')
            base = q;
    if (object != NULL && base != NULL)
        snprintf(h->name, sizeof h->name, "%.*s (%.*s)", (int)func_len, func, (int)strcspn(base + 1, "]"), base + 1);
    else
        snprintf(h->name, sizeof h->name, "%.*s", (int)func_len, func);
    return true;
}

static size_t callgrind_hotspots(const char *out_dir, const char *variant, const char *sweep, long x,
                                 double timeout_s, double *total, struct hotspot *top)
{
    char why[400];
    char driver[700];
    snprintf(driver, sizeof driver, "%s/driver", out_dir);
    if (!measure_instructions(driver, NULL, variant, sweep, x, timeout_s, total, why, sizeof why)) {
        printf("  callgrind failed: %s\n", why);
        return 0;
    }
    char file[900];
    snprintf(file, sizeof file, "%s.callgrind.%s.%s.%ld.out", driver, variant, sweep, x);
    char *argv[] = { "callgrind_annotate", "--inclusive=no", file, NULL };
    struct child_limits limits = { .timeout_s = 60 };
    struct child_result r;
    size_t n = 0;
    if (child_run(argv, &limits, &r)) {
        /* The per-function table starts after the header naming
           "file:function" and ends where annotated source begins ("--
           Auto-annotated source", "-- User-annotated source"), which must
           not be read as functions. Newer valgrinds group the table by file
           with blank lines between the groups: lines that are not rows are
           skipped, not taken as the end. */
        const char *line = strstr(r.output, "file:function");
        for (line = line ? strchr(line, '\n') : NULL; line != NULL && n < TOP; line = strchr(line + 1, '\n')) {
            if (strncmp(line + 1, "-- ", 3) == 0 && strstr(line, "annotated source") != NULL)
                break;
            if (parse_callgrind_line(line + 1, &top[n]))
                n++;
        }
    }
    child_result_free(&r);
    return n;
}

static size_t perf_hotspots(const char *out_dir, const char *variant, const char *sweep, long x,
                            struct hotspot *top, char *why, size_t why_size)
{
    char driver[700], data[700], x_text[32];
    snprintf(driver, sizeof driver, "%s/driver", out_dir);
    snprintf(data, sizeof data, "%s/perf.%s.data", out_dir, variant);
    snprintf(x_text, sizeof x_text, "%ld", x);
    char *record[] = { "perf", "record", "-q", "-e", "cpu-clock", "-F", "2000", "-o", data, "--", driver,
                       (char *)variant, (char *)sweep, x_text, "--seconds", "2", NULL };
    struct child_limits limits = { .timeout_s = 120 };
    struct child_result r;
    if (!child_run(record, &limits, &r)) {
        char how[200];
        snprintf(why, why_size, "perf record %s: %.200s", child_describe(&r, how, sizeof how), child_output_tail(&r, 2));
        child_result_free(&r);
        return 0;
    }
    child_result_free(&r);
    char *report[] = { "perf", "report", "-i", data, "--stdio", "--no-children", "--sort", "symbol",
                       "--percent-limit", "1", "-q", NULL };
    size_t n = 0;
    if (child_run(report, &limits, &r)) {
        for (char *line = strtok(r.output, "\n"); line != NULL && n < TOP; line = strtok(NULL, "\n")) {
            struct hotspot *h = &top[n];
            char kind = '?', symbol[128];
            if (sscanf(line, " %lf%% [%c] %127[^\n]", &h->share, &kind, symbol) == 3) {
                symbol[strcspn(symbol, " ")] = '\0'; /* perf pads with empty columns */
                h->count = 0;
                snprintf(h->name, sizeof h->name, "%s%s", symbol, kind == 'k' ? " (kernel)" : "");
                n++;
            }
        }
    } else {
        snprintf(why, why_size, "perf report failed");
    }
    child_result_free(&r);
    return n;
}

static void print_hotspots(const struct hotspot *top, size_t n, bool counts)
{
    char buf[48];
    for (size_t i = 0; i < n; i++) {
        if (counts)
            printf("    %5.1f%%  %16s  %s\n", top[i].share, format_count(top[i].count, buf, sizeof buf), top[i].name);
        else
            printf("    %5.1f%%  %s\n", top[i].share, top[i].name);
    }
}

static void json_hotspots(struct json *j, const char *key, const struct hotspot *top, size_t n)
{
    json_array_begin(j, key);
    for (size_t i = 0; i < n; i++) {
        json_object_begin(j, NULL);
        json_string(j, "function", top[i].name);
        json_number(j, "percent", top[i].share);
        if (top[i].count > 0)
            json_number(j, "instructions", top[i].count);
        json_object_end(j);
    }
    json_array_end(j);
}

int cmd_profile(const char *lab_text)
{
    int lab;
    if (!labs_parse_number(lab_text, &lab))
        return 2;
    char out_dir[600], error[400], json_path[700];
    snprintf(out_dir, sizeof out_dir, "%s/lab-%d", env_build_root(), lab);
    struct lab_info info;
    if (!labs_describe(out_dir, &info, error, sizeof error)) {
        fprintf(stderr, "perflab: %s\n", error);
        return 1;
    }
    if (info.n_criteria == 0) {
        fprintf(stderr, "perflab: lab %d has no graded size to profile\n", lab);
        return 1;
    }
    const struct criterion_info *c = &info.criteria[0];
    long x = c->xs[0];
    char x_text[32];
    printf("Lab %d: %s -- where the work goes, one call at %s = %s\n", lab, info.title, c->x_name,
           format_count((double)x, x_text, sizeof x_text));

    snprintf(json_path, sizeof json_path, "%s/profile.json", out_dir);
    FILE *f = fopen(json_path, "w");
    struct json j;
    if (f != NULL) {
        json_start(&j, f);
        json_object_begin(&j, NULL);
        json_number(&j, "lab", lab);
        json_string(&j, "sweep", c->sweep);
        json_number(&j, "x", (double)x);
        json_array_begin(&j, "variants");
    }
    const char *variants[] = { "naive", "yours" };
    for (size_t v = 0; v < 2; v++) {
        struct hotspot cg[TOP], pf[TOP];
        double total = 0;
        char why[400] = "", buf[48];
        printf("\n%s -- callgrind (exact instruction counts; self cost per function)\n", variants[v]);
        fflush(stdout);
        size_t ncg = callgrind_hotspots(out_dir, variants[v], c->sweep, x, info.perf_timeout_s, &total, cg);
        if (ncg > 0) {
            printf("    total %s instructions in one call\n     share      instructions  function\n",
                   format_count(total, buf, sizeof buf));
            print_hotspots(cg, ncg, true);
        }
        printf("%s -- perf record -e cpu-clock (samples over 2 s of repeated calls; statistical)\n", variants[v]);
        fflush(stdout);
        size_t npf = perf_hotspots(out_dir, variants[v], c->sweep, x, pf, why, sizeof why);
        if (npf > 0) {
            printf("     share  function\n");
            print_hotspots(pf, npf, false);
        } else {
            printf("    perf gave no profile here (%s); the callgrind table above is exact.\n", why[0] ? why : "no samples");
        }
        if (f != NULL) {
            json_object_begin(&j, NULL);
            json_string(&j, "variant", variants[v]);
            json_number(&j, "instructions", total);
            json_hotspots(&j, "callgrind", cg, ncg);
            json_hotspots(&j, "perf", pf, npf);
            json_object_end(&j);
        }
    }
    if (f != NULL) {
        json_array_end(&j);
        json_object_end(&j);
        json_finish(&j);
        fclose(f);
        printf("\nwrote %s\n", json_path);
    }
    printf("next: change the algorithm or reduce the work where the top line points, then make lab-%d again\n", lab);
    return 0;
}
