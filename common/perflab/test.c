/*
 * test.c -- `make test`: everything that must hold, counted in one line.
 *
 * For each lab:
 *   1. its cmocka suite against every variant but yours (naive, reference,
 *      extras): the suite pins the contract, so all of them must pass;
 *   2. the README quotes the lab's targets exactly (targets.c);
 *   3. the grader scenarios: the grader itself, run on stand-ins for a
 *      student's optimized.c, must give the expected verdict:
 *        shipped    labs/NN-slug/optimized.c  correctness PASS, performance FAIL (not started)
 *        <files>    tests/scenarios/NN-slug/expect, one line each:
 *                   file.c correctness=PASS|FAIL performance=PASS|FAIL|- [reason="text"]
 *        reference  solutions/NN-slug/optimized.c  PASS, PASS (graded last, so a
 *                   crash or hang just before it shows that grading carries on)
 *      Scenarios are skipped under SANITIZE=1: callgrind cannot run sanitized code.
 * And once, the harness's own suites (tests/harness.c, tests/sandbox.c).
 *
 * The last line is "tests: N passed, M failed"; the exit status is
 * non-zero when anything failed.
 */
#include "commands.h"
#include "targets.h"

#include "../json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SCENARIOS = 24 };

struct tally {
    int passed, failed;
};

struct scenario {
    char file[600];  /* path of the stand-in optimized.c */
    char name[80];
    char correctness[8], performance[8]; /* expected: PASS, FAIL, or "-" */
    char reason[160];                    /* expected text in the correctness detail, or "" */
    bool not_started;
};

static void count(struct tally *t, bool ok)
{
    if (ok)
        t->passed++;
    else
        t->failed++;
}

/* ---- the expect file ------------------------------------------------------------- */

static bool parse_expect_line(char *line, const char *dir, struct scenario *s)
{
    memset(s, 0, sizeof *s);
    char file[200];
    if (sscanf(line, "%199s correctness=%7s performance=%7s", file, s->correctness, s->performance) != 3)
        return false;
    snprintf(s->file, sizeof s->file, "%s/%s", dir, file);
    snprintf(s->name, sizeof s->name, "%.*s", (int)strcspn(file, "."), file);
    char *reason = strstr(line, "reason=\"");
    if (reason != NULL) {
        reason += strlen("reason=\"");
        snprintf(s->reason, sizeof s->reason, "%.*s", (int)strcspn(reason, "\""), reason);
    }
    return true;
}

/* shipped and reference: every lab has them. Correctness must always pass. */
static void builtin_scenario(struct scenario *s, const char *name, const char *folder, const char *slug,
                             const char *performance)
{
    memset(s, 0, sizeof *s);
    snprintf(s->file, sizeof s->file, "%s/%s/optimized.c", folder, slug);
    snprintf(s->name, sizeof s->name, "%s", name);
    snprintf(s->correctness, sizeof s->correctness, "PASS");
    snprintf(s->performance, sizeof s->performance, "%s", performance);
}

static size_t load_scenarios(const char *slug, struct scenario *out, size_t max)
{
    size_t n = 0;
    char dir[300], path[400];
    snprintf(dir, sizeof dir, "tests/scenarios/%s", slug);
    snprintf(path, sizeof path, "%s/expect", dir);

    builtin_scenario(&out[n++], "shipped", "labs", slug, "FAIL");
    out[0].not_started = true;

    char *text = read_file(path, NULL);
    for (char *line = text ? strtok(text, "\n") : NULL; line != NULL && n + 1 < max; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
            continue;
        if (parse_expect_line(line, dir, &out[n]))
            n++;
        else
            fprintf(stderr, "perflab test: cannot read this line of %s: %s\n", path, line);
    }
    free(text);

    builtin_scenario(&out[n++], "reference", "solutions", slug, "PASS");
    return n;
}

static bool verdict_matches(const char *expected, enum verdict got)
{
    if (strcmp(expected, "-") == 0)
        return got == VERDICT_NOT_RUN;
    return strcmp(expected, verdict_name(got)) == 0;
}

/* ---- one lab ----------------------------------------------------------------------- */

static void test_scenarios(int lab, const char *slug, struct tally *t)
{
    static struct scenario scenarios[MAX_SCENARIOS];
    static struct grade_request requests[MAX_SCENARIOS + 1];
    static struct lab_grade grades[MAX_SCENARIOS + 1];
    static char out_dirs[MAX_SCENARIOS][400];
    size_t n = load_scenarios(slug, scenarios, MAX_SCENARIOS);
    for (size_t i = 0; i < n; i++) {
        snprintf(out_dirs[i], sizeof out_dirs[i], "%s/scenarios/lab-%d/%s", build_root(), lab, scenarios[i].name);
        requests[i] = (struct grade_request){ lab, scenarios[i].file, out_dirs[i], scenarios[i].name };
    }
    /* The reference once more, to check that the same code gets the same numbers. */
    requests[n] = requests[n - 1];
    requests[n].label = "reference, again";
    printf("\n-- lab %d: grader scenarios (each graded as a student's optimized.c)\n", lab);
    grade_labs(requests, n + 1, grades, NULL, false);

    printf("\n-- lab %d: scenario verdicts\n", lab);
    for (size_t i = 0; i < n; i++) {
        const struct scenario *s = &scenarios[i];
        const struct lab_grade *g = &grades[i];
        bool ok = verdict_matches(s->correctness, g->correctness) && verdict_matches(s->performance, g->performance);
        if (s->reason[0] != '\0')
            ok = ok && strstr(g->correctness_detail, s->reason) != NULL;
        if (s->not_started)
            ok = ok && g->not_started;
        printf("  %-4s %-24s expected correctness %s, performance %s%s%s%s -- got %s, %s\n", ok ? "ok" : "FAIL",
               s->name, s->correctness, s->performance, s->reason[0] ? " (\"" : "", s->reason,
               s->reason[0] ? "\")" : "", verdict_name(g->correctness), verdict_name(g->performance));
        count(t, ok);
    }
    bool same = grades[n].score == grades[n - 1].score;
    for (size_t k = 0; k < grades[n].info.n_criteria; k++)
        same = same && grades[n].criteria[k].value == grades[n - 1].criteria[k].value &&
               grades[n].criteria[k].yours == grades[n - 1].criteria[k].yours;
    printf("  %-4s the reference graded twice gets identical counts and score (%.0f/%.0f)\n", same ? "ok" : "FAIL",
           grades[n].score, grades[n].max_score);
    count(t, same);
}

static void test_lab(int lab, struct tally *t)
{
    char slug[128], out_dir[600], error[400];
    lab_slug(lab, slug, sizeof slug);
    snprintf(out_dir, sizeof out_dir, "%s/lab-%d", build_root(), lab);
    struct lab_info info;
    printf("\n== lab %d (%s)\n-- cmocka suite tests/%s.c against every variant but yours\n", lab, slug, slug);
    if (!describe_lab(out_dir, &info, error, sizeof error)) {
        printf("  FAIL  %s\n", error);
        count(t, false);
        return;
    }
    for (size_t i = 0; i < info.n_variants; i++)
        if (strcmp(info.variants[i], "yours") != 0)
            run_suite(out_dir, info.variants[i], info.test_timeout_s * (sanitized_build() ? 4 : 1), &t->passed,
                      &t->failed, true);

    char why[300];
    bool agree = readme_targets_agree(lab, why, sizeof why);
    printf("-- targets\n  %-4s labs/%s/README.md quotes the targets of workload.c%s%s\n", agree ? "ok" : "FAIL",
           slug, agree ? "" : ": ", agree ? "" : why);
    count(t, agree);

    if (sanitized_build())
        printf("-- grader scenarios skipped under SANITIZE=1 (callgrind cannot run sanitized code)\n");
    else
        test_scenarios(lab, slug, t);
}

int cmd_test(int argc, char **argv)
{
    struct tally t = { 0, 0 };
    /* The JSON twin of the summary: one entry per part (harness, lab N). */
    char json_path[600];
    snprintf(json_path, sizeof json_path, "%s/test-report.json", build_root());
    FILE *jf = fopen(json_path, "w");
    struct json j;
    if (jf != NULL) {
        json_start(&j, jf);
        json_object_begin(&j, NULL);
        json_bool(&j, "sanitized", sanitized_build());
        json_array_begin(&j, "parts");
    }
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "harness") == 0 || strcmp(argv[i], "sandbox") == 0) { /* tests/<that>.c */
            char harness[600];
            snprintf(harness, sizeof harness, "%s/%s-test", build_root(), argv[i]);
            char *run[] = { harness, NULL };
            struct child_limits limits = { .timeout_s = 120 };
            struct child_result r;
            printf("== %s (tests/%s.c)\n", argv[i], argv[i]);
            bool ok = child_run(run, &limits, &r);
            int passed, failed;
            char names[400], how[200];
            cmocka_counts(r.output, &passed, &failed, names, sizeof names);
            if (!ok && failed == 0)
                failed = 1;
            printf("  %-4s %d passed, %d failed%s%s\n", failed ? "FAIL" : "ok", passed, failed,
                   ok ? "" : " -- ", ok ? "" : child_describe(&r, how, sizeof how));
            if (failed)
                printf("%s\n", child_output_tail(&r, 30));
            t.passed += passed;
            t.failed += failed;
            child_result_free(&r);
            if (jf != NULL) {
                json_object_begin(&j, NULL);
                json_string(&j, "part", argv[i]);
                json_number(&j, "passed", passed);
                json_number(&j, "failed", failed);
                json_object_end(&j);
            }
            continue;
        }
        int lab;
        if (!parse_lab_number(argv[i], &lab))
            return 2;
        struct tally before = t;
        test_lab(lab, &t);
        if (jf != NULL) {
            char part[16];
            snprintf(part, sizeof part, "lab %d", lab);
            json_object_begin(&j, NULL);
            json_string(&j, "part", part);
            json_number(&j, "passed", t.passed - before.passed);
            json_number(&j, "failed", t.failed - before.failed);
            json_object_end(&j);
        }
    }
    if (jf != NULL) {
        json_array_end(&j);
        json_number(&j, "passed", t.passed);
        json_number(&j, "failed", t.failed);
        json_object_end(&j);
        json_finish(&j);
        fclose(jf);
        printf("\nwrote %s", json_path);
    }
    printf("\ntests: %d passed, %d failed\n", t.passed, t.failed);
    return t.failed > 0 ? 1 : 0;
}
