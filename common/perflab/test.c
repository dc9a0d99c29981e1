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
 *   4. lab 1 only: make lab-N's bench on an attack, in the sandbox (the tree
 *      stays unchanged, the files still come out).
 * And once, the harness's own suites (tests/harness.c, tests/sandbox.c), and
 * `profile`: make profile-1's outputs, rendered (testprofile.c).
 * `class`: grading a whole class and the platform files (tests/class.sh).
 *
 * The last line is "tests: N passed, M failed"; the exit status is
 * non-zero when anything failed.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "commands.h"
#include "../child.h"
#include "build.h"
#include "env.h"
#include "figures.h"
#include "files.h"
#include "grader.h"
#include "build.h"
#include "lab.h"
#include "labs.h"
#include "prediction.h"
#include "profile.h"
#include "readme.h"
#include "suite.h"

#include "../json.h"
#include "../jsonread.h"
#include "../provenance.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <time.h>

enum { MAX_SCENARIOS = 24 };

/* How much longer a suite may take under AddressSanitizer + UBSan. The
   slowest: lab 1's naive suite (a realloc and a strcat rescan per append,
   each checked by ASan) took 65 s on an AMD EPYC VM of this course's kind,
   against 10 s of limit: 100 s leaves room. */
enum { SANITIZED_SLOWDOWN = 10 };

/* The lab whose reference is graded twice at once (its grade is the cheapest). */
enum { CONCURRENCY_LAB = 1 };
/* The lab whose make lab-N bench runs on an attack (lab_bench_sandboxed). */
enum { BENCH_ATTACK_LAB = 1 };

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

    char *text = file_read(path, NULL);
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
    return strcmp(expected, grader_verdict_name(got)) == 0;
}

/* ---- a scenario as one file ------------------------------------------------------- */

/* A student hands in one file, and the grader compiles a copy of it alone.
   Scenarios share code through local includes (student_tree.h, the
   reference with one line changed): write the scenario out as one file,
   each `#include "x"` that names a file beside the includer replaced by that
   file's text, recursively. */
static bool inline_includes(const char *path, FILE *out, int depth)
{
    char *text = file_read(path, NULL);
    if (text == NULL || depth > 8) {
        free(text);
        return false;
    }
    char dir[600];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash != NULL)
        slash[1] = '\0';
    else
        dir[0] = '\0';
    bool ok = true;
    for (char *line = text; ok && *line;) {
        size_t len = strcspn(line, "\n");
        char one[400], name[300], included[1000];
        snprintf(one, sizeof one, "%.*s", (int)(len < sizeof one - 1 ? len : sizeof one - 1), line);
        /* lab.h is the contract the build provides, as for a real submission */
        if (sscanf(one, " #include \"%299[^\"]\"", name) == 1 && strcmp(name, "lab.h") != 0 &&
            (snprintf(included, sizeof included, "%s%s", dir, name), file_exists(included))) {
            fprintf(out, "/* ---- %s, inlined by make test ---- */\n", name);
            ok = inline_includes(included, out, depth + 1);
        } else {
            fwrite(line, 1, len, out);
            fputc('\n', out);
        }
        line += len + (line[len] == '\n');
    }
    free(text);
    return ok;
}

static bool write_single_file(const char *source, const char *out_dir, char *path, size_t size)
{
    char *argv[] = { "mkdir", "-p", (char *)out_dir, NULL };
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    child_run(argv, &limits, &r);
    child_result_free(&r);
    snprintf(path, size, "%.480s/scenario.c", out_dir);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return false;
    bool ok = inline_includes(source, f, 0);
    return fclose(f) == 0 && ok;
}

/* ---- one lab ----------------------------------------------------------------------- */

/* Is any process left whose command line names this text? */
static bool process_left(const char *text)
{
    char *argv[] = { "pgrep", "-f", (char *)text, NULL };
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    bool found = child_run(argv, &limits, &r); /* pgrep exits 0 when it found one */
    child_result_free(&r);
    return found;
}

static double seconds_since(const struct timespec *start);

/* The files no graded or measured code may change: the lab's pinned suite
   and its reference, as read before the code ran. */
struct pinned {
    char suite_path[300], reference_path[300];
    char *suite, *reference;
};

static void pinned_read(struct pinned *p, const char *slug)
{
    snprintf(p->suite_path, sizeof p->suite_path, "tests/%s.c", slug);
    snprintf(p->reference_path, sizeof p->reference_path, "solutions/%s/optimized.c", slug);
    p->suite = file_read(p->suite_path, NULL);
    p->reference = file_read(p->reference_path, NULL);
}

/* Reads them again: true when both are still what pinned_read read. */
static bool pinned_unchanged(struct pinned *p)
{
    char *suite = file_read(p->suite_path, NULL), *reference = file_read(p->reference_path, NULL);
    bool same = p->suite != NULL && suite != NULL && strcmp(p->suite, suite) == 0 && p->reference != NULL &&
                reference != NULL && strcmp(p->reference, reference) == 0;
    free(suite);
    free(reference);
    free(p->suite);
    free(p->reference);
    p->suite = p->reference = NULL;
    return same;
}

static void test_scenarios(int lab, const char *slug, struct tally *t)
{
    static struct scenario scenarios[MAX_SCENARIOS];
    static struct grade_request requests[MAX_SCENARIOS + 1];
    static struct lab_grade grades[MAX_SCENARIOS + 1];
    static char out_dirs[MAX_SCENARIOS][400], single[MAX_SCENARIOS][700];
    size_t n = load_scenarios(slug, scenarios, MAX_SCENARIOS);
    for (size_t i = 0; i < n; i++) {
        snprintf(out_dirs[i], sizeof out_dirs[i], "%s/scenarios/lab-%d/%s", env_build_root(), lab, scenarios[i].name);
        if (!write_single_file(scenarios[i].file, out_dirs[i], single[i], sizeof single[i]))
            snprintf(single[i], sizeof single[i], "%.600s", scenarios[i].file); /* the grader says it cannot read it */
        requests[i] = (struct grade_request){ lab, single[i], out_dirs[i], scenarios[i].name };
    }
    /* The reference once more, to check that the same code gets the same numbers. */
    requests[n] = requests[n - 1];
    requests[n].label = "reference, again";
    printf("\n-- lab %d: grader scenarios (each graded as a student's optimized.c)\n", lab);
    struct pinned pinned;
    pinned_read(&pinned, slug);
    grader_grade_labs(requests, n + 1, grades, NULL, false);
    bool unchanged = pinned_unchanged(&pinned);
    /* Our build's own scenario folders, by absolute path: another checkout's
       make test may be running on the same machine. */
    char build_abs[PATH_MAX], marker[PATH_MAX + 64];
    if (realpath(env_build_root(), build_abs) == NULL)
        snprintf(build_abs, sizeof build_abs, "%s", env_build_root());
    snprintf(marker, sizeof marker, "%s/scenarios/lab-%d/", build_abs, lab);
    bool nothing_left = !process_left(marker);

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
               s->reason[0] ? "\")" : "", grader_verdict_name(g->correctness), grader_verdict_name(g->performance));
        count(t, ok);
    }
    bool same = grades[n].score == grades[n - 1].score;
    for (size_t k = 0; k < grades[n].info.n_criteria; k++)
        same = same && grades[n].criteria[k].value == grades[n - 1].criteria[k].value &&
               grades[n].criteria[k].yours == grades[n - 1].criteria[k].yours;
    printf("  %-4s the reference graded twice gets identical counts and score (%.0f/%.0f)\n", same ? "ok" : "FAIL",
           grades[n].score, grades[n].max_score);
    count(t, same);
    printf("  %-4s %s and %s are unchanged after grading every scenario\n", unchanged ? "ok" : "FAIL",
           pinned.suite_path, pinned.reference_path);
    count(t, unchanged);
    printf("  %-4s no process of a graded scenario is left running\n", nothing_left ? "ok" : "FAIL");
    count(t, nothing_left);
}

/* Two grades of the same file at once, each in its own fresh folder (as two
   instructors' terminals, or a class graded in parallel): their reports must
   be identical, byte for byte. */
static void test_concurrent_grades(int lab, const char *slug, struct tally *t)
{
    char source[300], dirs[2][600];
    snprintf(source, sizeof source, "solutions/%s/optimized.c", slug);
    printf("\n-- lab %d: two grades of the reference at once\n", lab);
    fflush(stdout);
    pid_t pids[2];
    for (int k = 0; k < 2; k++) {
        snprintf(dirs[k], sizeof dirs[k], "%s/scenarios/lab-%d/concurrent-%d", env_build_root(), lab, k);
        pids[k] = fork();
        if (pids[k] == 0) {
            /* the child's own output would interleave with the other's: quiet */
            if (freopen("/dev/null", "w", stdout) == NULL)
                _exit(2);
            struct grade_request req = { .lab = lab, .yours = source, .label = "concurrent" };
            static struct lab_grade grade;
            _exit(grader_grade_labs(&req, 1, &grade, dirs[k], false) == 0 ? 0 : 1);
        }
    }
    bool ok = pids[0] > 0 && pids[1] > 0;
    for (int k = 0; k < 2; k++) {
        int status = 0;
        ok = pids[k] > 0 && waitpid(pids[k], &status, 0) == pids[k] && WIFEXITED(status) &&
             WEXITSTATUS(status) == 0 && ok;
    }
    char a[700], b[700];
    snprintf(a, sizeof a, "%s/report.json", dirs[0]);
    snprintf(b, sizeof b, "%s/report.json", dirs[1]);
    char *ra = file_read(a, NULL), *rb = file_read(b, NULL);
    ok = ok && ra != NULL && rb != NULL && strcmp(ra, rb) == 0;
    printf("  %-4s both passed, with byte-identical reports (%s, %s)\n", ok ? "ok" : "FAIL", a, b);
    free(ra);
    free(rb);
    count(t, ok);
}

/* lab_bench on attacks_the_tree.c's attack on the copy (PERFLAB_ATTACK_FILES
   = target, and a fifo as the plot queue when fifo), in a child under
   alarm(): a trusted side that waits forever fails here instead of hanging
   make test. True when it ended; *copied: the files then in plots. */
static bool bench_copy_attack(const char *out_dir, const char *slug, const char *plots, const char *target,
                              bool fifo, const char *const *quick, int *copied)
{
    file_remove_tree(plots);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(60); /* the bench exits at once: seconds are enough */
        setenv("PERFLAB_ATTACK_FILES", target, 1);
        if (fifo)
            setenv("PERFLAB_ATTACK_FIFO", "1", 1);
        if (freopen("/dev/null", "w", stdout) == NULL || freopen("/dev/null", "w", stderr) == NULL)
            _exit(2);
        lab_bench(out_dir, slug, plots, "naive,yours", quick, NULL);
        _exit(0);
    }
    int status = 0;
    bool ended = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    DIR *d = opendir(plots);
    *copied = 0;
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;)
        *copied += e->d_name[0] != '.';
    if (d != NULL)
        closedir(d);
    return ended;
}

/* The trusted side after a hostile bench: its output folder a link to a
   folder of the tree (nothing of it may reach $(PLOTS)), its plot queue a
   fifo (the run must end). And a results.json of another shape than bench
   writes (bench is student code) must not crash what reads it back
   (prediction_show_measured). */
static void test_lab_bench_copy_attack(const char *out_dir, const char *slug, const char *const *quick,
                                       struct tally *t)
{
    char plots[700], target[PATH_MAX], json[700], rel[400];
    snprintf(plots, sizeof plots, "%s/plots-copy-attack", out_dir);
    snprintf(rel, sizeof rel, "tests/scenarios/%s", slug);
    int copied = -1, ignored = 0;
    bool resolved = realpath(rel, target) != NULL;
    bool linked = resolved && bench_copy_attack(out_dir, slug, plots, target, false, quick, &copied);
    bool fifo = resolved && bench_copy_attack(out_dir, slug, plots, target, true, quick, &ignored);
    printf("  %-4s a bench whose output folder is a link to %s: nothing copied from there (%d files)\n",
           linked && copied == 0 ? "ok" : "FAIL", rel, copied);
    printf("  %-4s a bench that leaves a fifo as its plot queue does not hang the trusted side\n",
           fifo ? "ok" : "FAIL");
    count(t, linked && copied == 0);
    count(t, fifo);

    static const char *const hostile[] = {
        "{\"sweeps\":[{\"name\":\"n\",\"slopes\":[1,2],\"cells\":[]}]}", /* slopes an array */
        "{\"sweeps\":[{\"name\":7,\"slopes\":{\"yours\":1},\"cells\":[{\"x\":\"a\"}]}]}",
        "{\"sweeps\":\"\\u1", /* a \\u escape cut short at the end */
    };
    bool survived = true;
    snprintf(json, sizeof json, "%s/hostile-results.json", out_dir);
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        FILE *f = fopen(json, "w");
        survived = survived && f != NULL && fputs(hostile[i], f) >= 0;
        if (f != NULL)
            fclose(f);
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            if (freopen("/dev/null", "w", stdout) == NULL)
                _exit(2);
            prediction_show_measured(json);
            _exit(0);
        }
        int status = 0;
        survived = survived && pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
                   WEXITSTATUS(status) == 0;
    }
    printf("  %-4s a results.json of another shape than bench writes is read back without a crash\n",
           survived ? "ok" : "FAIL");
    count(t, survived);
}

/* make lab-N's bench path (lab.h) with tests/scenarios/<slug>/attacks_the_tree.c
   as yours, on a small sweep: bench runs it in the sandbox, where the
   attack's appends to the pinned suite (by relative paths from bench's
   working folder) and its daemon must fail, while the measurements, the
   plots and the files still come out. Outside the sandbox bench's working
   folder is the tree's root, and the first of those appends would land. */
static void test_lab_bench_sandboxed(int lab, const char *slug, struct tally *t)
{
    char out_dir[600], source[600], single[700], target[700], plots[700];
    snprintf(out_dir, sizeof out_dir, "%s/scenarios/lab-%d/make-lab-bench", env_build_root(), lab);
    snprintf(source, sizeof source, "tests/scenarios/%s/attacks_the_tree.c", slug);
    snprintf(target, sizeof target, "%s/bench", out_dir);
    snprintf(plots, sizeof plots, "%s/plots", out_dir);
    printf("\n-- lab %d: make lab-%d's bench in the sandbox, with attacks_the_tree.c as yours\n", lab, lab);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    struct child_result r;
    bool built = write_single_file(source, out_dir, single, sizeof single) &&
                 build_lab(lab, out_dir, single, target, true, &r);
    if (!built) {
        printf("  FAIL cannot build %s with %s as yours\n%s\n", target, source, child_output_tail(&r, 10));
        child_result_free(&r);
        count(t, false);
        return;
    }
    child_result_free(&r);
    file_remove_tree(plots);
    struct pinned pinned;
    pinned_read(&pinned, slug);
    static const char *const quick[] = { "--sweep", "scaling", "--xs", "1000,2000", "--reps", "1",
                                         "--min-time", "0.01", NULL };
    fflush(stdout);
    bool ran = lab_bench(out_dir, slug, plots, "naive,yours", quick, NULL);
    bool unchanged = pinned_unchanged(&pinned);
    char abs_out[PATH_MAX];
    bool nothing_left = realpath(out_dir, abs_out) != NULL && !process_left(abs_out);

    static const char *const files[] = { "results.json", "scaling.csv", "scaling.png", "scaling-speedup.png" };
    bool all_files = true;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[800];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", plots, files[i]);
        all_files = all_files && lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
    }
    char results[800], scratch[700];
    snprintf(results, sizeof results, "%s/results.json", plots);
    char *json = file_read(results, NULL);
    /* The front end's provenance, handed over: the sandbox shows no /etc and
       no /sys (where the cache sizes come from; glibc's guess can differ). */
    struct provenance here;
    provenance_collect(&here);
    char l3[64];
    snprintf(l3, sizeof l3, "\"l3_bytes\": %ld", here.l3);
    bool handed = json != NULL && strstr(json, "unknown OS") == NULL && strstr(json, "\"yours\"") != NULL &&
                  strstr(json, l3) != NULL;
    free(json);
    snprintf(scratch, sizeof scratch, "%s/scratch-bench", out_dir);
    bool cleaned = !file_exists(scratch);

    printf("  %-4s bench ran yours and naive in the sandbox (exit status 0)\n", ran ? "ok" : "FAIL");
    printf("  %-4s %s and %s are unchanged: the attack's writes failed\n", unchanged ? "ok" : "FAIL",
           pinned.suite_path, pinned.reference_path);
    printf("  %-4s no process of the attack is left (its fork failed)\n", nothing_left ? "ok" : "FAIL");
    printf("  %-4s %s holds results.json (yours measured, provenance from the front end), scaling.csv and "
           "both plots, drawn after bench\n", all_files && handed ? "ok" : "FAIL", plots);
    printf("  %-4s the scratch folder is removed after the run (build and run: %.0f s)\n", cleaned ? "ok" : "FAIL",
           seconds_since(&start));
    count(t, ran);
    count(t, unchanged);
    count(t, nothing_left);
    count(t, all_files && handed);
    count(t, cleaned);
    test_lab_bench_copy_attack(out_dir, slug, quick, t);
}

/* ---- a lab build never shows a half-written file ------------------------------------- */

/* The stand-in for a compiler, a linker or objcopy (test_whole_files_only):
   it finds the file it was asked to write (-o FILE; objcopy: the last
   argument), writes a marker into it when it lies in the watched folder --
   what that file holds while a real tool writes it -- then looks for the
   marker under every name a grade would copy (all but *.tmp, grader.c), and
   runs the real tool. */
static const char stand_in[] =
    "#!/bin/sh\n"
    "name=${0##*/} out= prev= last=\n"
    "for a in \"$@\"; do\n"
    "    [ \"$prev\" = -o ] && out=$a\n"
    "    prev=$a last=$a\n"
    "done\n"
    "[ \"$name\" = objcopy ] && out=$last\n"
    "case $out in\n"
    "\"$WATCH\"/*)\n"
    "    echo \"$out\" >>\"$RAN\"\n"
    "    printf %s \"$MARK\" >\"$out\"\n"
    "    find \"$WATCH\" -type f ! -name '*.tmp' -exec grep -l -F -e \"$MARK\" {} + >>\"$FOUND\"\n"
    "    ;;\n"
    "esac\n"
    "PATH=$REAL_PATH exec \"$name\" \"$@\"\n";

static bool write_text(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    bool ok = f != NULL && fputs(text, f) >= 0;
    if (f != NULL)
        ok = fclose(f) == 0 && ok;
    return ok && chmod(path, mode) == 0;
}

static size_t count_lines(const char *path)
{
    char *text = file_read(path, NULL);
    size_t n = 0;
    for (const char *p = text; p != NULL && *p; p++)
        n += *p == '\n';
    free(text);
    return n;
}

/*
 * A grade seeds its fresh folder with copies of $BUILD/lab-N, which a
 * `make lab-N` may be rebuilding at that moment (grader.c,
 * seed_from_lab_build). That is safe because no lab rule ever leaves a
 * half-written file under a file's own name: each writes <file>.tmp and
 * renames it (Makefile). Checked here on a whole build of the lab (what a
 * grade seeds, and the rest) into a fresh folder, with stand-ins for cc,
 * gcc, clang, their C++ twins and objcopy first in PATH: while any tool
 * writes, no file but *.tmp may hold its marker. A rule that writes its
 * target in place fails this, naming the file.
 */
static void test_whole_files_only(int lab, struct tally *t)
{
    printf("\n-- lab %d: a lab build shows no half-written file under its own name (the grade's seeding)\n", lab);
    fflush(stdout);
    char dir[600], bin[700], out[700], script[800], found[700], ran[700];
    snprintf(dir, sizeof dir, "%s/whole-files.XXXXXX", env_build_root());
    mkdir(env_build_root(), 0777);
    if (mkdtemp(dir) == NULL) {
        printf("  FAIL cannot make a folder under %s\n", env_build_root());
        count(t, false);
        return;
    }
    snprintf(bin, sizeof bin, "%s/bin", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(script, sizeof script, "%s/stand-in", bin);
    snprintf(found, sizeof found, "%s/found", dir);
    snprintf(ran, sizeof ran, "%s/ran", dir);
    bool ok = mkdir(bin, 0755) == 0 && write_text(script, stand_in, 0755) && write_text(found, "", 0644) &&
              write_text(ran, "", 0644);
    static const char *const tools[] = { "cc", "gcc", "clang", "c++", "g++", "clang++", "objcopy" };
    for (size_t i = 0; ok && i < sizeof tools / sizeof *tools; i++) {
        char link[800];
        snprintf(link, sizeof link, "%s/%s", bin, tools[i]);
        ok = symlink("stand-in", link) == 0;
    }
    char real_bin[PATH_MAX], path[8192], marker[64];
    const char *old_path = getenv("PATH");
    snprintf(path, sizeof path, "%s:%s", realpath(bin, real_bin) ? real_bin : bin, old_path ? old_path : "/usr/bin:/bin");
    snprintf(marker, sizeof marker, "perflab: half-written %ld", (long)getpid());
    char slug[128], yours[300], targets[2400];
    labs_slug(lab, slug, sizeof slug);
    snprintf(yours, sizeof yours, "labs/%s/optimized.c", slug);
    snprintf(targets, sizeof targets, "%.500s/driver-trusted %.500s/test-naive %.500s/driver %.500s/bench graded-%d", out, out, out,
             out, lab);
    struct child_result r = { 0 };
    bool built = false;
    if (ok) {
        setenv("WATCH", out, 1);
        setenv("MARK", marker, 1);
        setenv("FOUND", found, 1);
        setenv("RAN", ran, 1);
        setenv("REAL_PATH", old_path ? old_path : "/usr/bin:/bin", 1);
        setenv("PATH", path, 1);
        built = build_lab(lab, out, yours, targets, false, &r);
        if (old_path != NULL)
            setenv("PATH", old_path, 1);
        unsetenv("REAL_PATH");
        unsetenv("RAN");
        unsetenv("FOUND");
        unsetenv("MARK");
        unsetenv("WATCH");
    }
    size_t writes = count_lines(ran);
    char *half = file_read(found, NULL);
    bool whole = half != NULL && half[0] == '\0';
    if (!ok)
        printf("  FAIL cannot set up the stand-in tools in %s\n", bin);
    else if (!built)
        printf("  FAIL the lab does not build through the stand-ins:\n%s\n", child_output_tail(&r, 12));
    else if (writes == 0)
        printf("  FAIL no tool of the build went through the stand-ins in %s (is CC a full path?)\n", bin);
    else if (whole)
        printf("  ok   %zu compiles, links and objcopys, and no file but *.tmp was ever half-written\n", writes);
    else
        printf("  FAIL %zu compiles, links and objcopys; these files were half-written under their own names "
               "(a rule that writes its target in place: write $@.tmp, then mv):\n%s", writes, half);
    count(t, ok && built && writes > 0 && whole);
    free(half);
    child_result_free(&r);
    char *rm[] = { "rm", "-rf", "--", dir, NULL };
    struct child_limits limits = { .timeout_s = 60 };
    child_run(rm, &limits, &r);
    child_result_free(&r);
}

static void test_lab(int lab, struct tally *t)
{
    char slug[128], out_dir[600], error[400];
    labs_slug(lab, slug, sizeof slug);
    snprintf(out_dir, sizeof out_dir, "%s/lab-%d", env_build_root(), lab);
    struct lab_info info;
    printf("\n== lab %d (%s)\n-- cmocka suite tests/%s.c against every variant but yours\n", lab, slug, slug);
    if (!labs_describe(out_dir, &info, error, sizeof error)) {
        printf("  FAIL  %s\n", error);
        count(t, false);
        return;
    }
    for (size_t i = 0; i < info.n_variants; i++)
        if (strcmp(info.variants[i], "yours") != 0)
            suite_run(out_dir, info.variants[i], info.test_timeout_s * (env_sanitized() ? SANITIZED_SLOWDOWN : 1), &t->passed,
                      &t->failed, true, NULL);

    char why[300];
    bool agree = readme_targets_agree(lab, why, sizeof why);
    printf("-- targets\n  %-4s labs/%s/README.md quotes the targets of workload.c%s%s\n", agree ? "ok" : "FAIL",
           slug, agree ? "" : ": ", agree ? "" : why);
    count(t, agree);

    if (env_sanitized())
        printf("-- grader scenarios skipped under SANITIZE=1 (callgrind cannot run sanitized code)\n");
    else {
        test_scenarios(lab, slug, t);
        if (lab == CONCURRENCY_LAB) {
            test_concurrent_grades(lab, slug, t);
            test_whole_files_only(lab, t);
        }
        if (lab == BENCH_ATTACK_LAB)
            test_lab_bench_sandboxed(lab, slug, t);
    }
}

/* One part of make test: "harness" or "sandbox" (tests/<that>.c), "figures"
   (the course's quoted figures), or a lab number. */
static bool run_part(const char *part, struct tally *t)
{
    if (strcmp(part, "harness") == 0 || strcmp(part, "sandbox") == 0) {
        char harness[600];
        snprintf(harness, sizeof harness, "%s/%s-test", env_build_root(), part);
        char *run[] = { harness, NULL };
        struct child_limits limits = { .timeout_s = 120 };
        struct child_result r;
        printf("== %s (tests/%s.c)\n", part, part);
        bool ok = child_run(run, &limits, &r);
        int passed, failed;
        char names[400], how[200];
        suite_counts(r.output, &passed, &failed, names, sizeof names);
        if (!ok && failed == 0)
            failed = 1;
        printf("  %-4s %d passed, %d failed%s%s\n", failed ? "FAIL" : "ok", passed, failed, ok ? "" : " -- ",
               ok ? "" : child_describe(&r, how, sizeof how));
        if (failed)
            printf("%s\n", child_output_tail(&r, 30));
        t->passed += passed;
        t->failed += failed;
        child_result_free(&r);
        return true;
    }
    if (strcmp(part, "class") == 0) { /* tests/class.sh: it says what it checks */
        int passed = 0, failed = 0;
        printf("\n== class: make grade-class, the Gradescope autograder, GitHub Classroom (tests/class.sh)\n");
        fflush(stdout);
        if (env_sanitized()) {
            printf("-- skipped under SANITIZE=1 (grading runs callgrind, which cannot run sanitized code)\n");
        } else {
            char *run[] = { "bash", "tests/class.sh", NULL };
            struct child_limits limits = { .timeout_s = 600, .echo = true };
            struct child_result r;
            child_run(run, &limits, &r);
            const char *last = NULL; /* its last line: "class: N passed, M failed" */
            for (const char *p = strstr(r.output, "\nclass: "); p != NULL; p = strstr(p + 1, "\nclass: "))
                last = p + 1;
            if (last == NULL || sscanf(last, "class: %d passed, %d failed", &passed, &failed) != 2)
                failed++;
            child_result_free(&r);
        }
        t->passed += passed;
        t->failed += failed;
        return true;
    }
    if (strcmp(part, "profile") == 0) { /* make profile-N's outputs (testprofile.c) */
        profile_test(&t->passed, &t->failed);
        return true;
    }
    if (strcmp(part, "figures") == 0) {
        printf("== figures: every quoted figure against the committed data in plots/ (figures.h)\n");
        int seen = 0, bad = figures_run(false, &seen);
        bool ok = bad == 0 && seen > 0;
        printf("  %-4s %d of %d figure blocks in README.md, course.md, the lab READMEs and the references agree with plots/%s\n",
               ok ? "ok" : "FAIL", seen - bad, seen, seen == 0 ? " (there are none: the markers are gone?)" : "");
        count(t, ok);
        return true;
    }
    int lab;
    if (!labs_parse_number(part, &lab))
        return false;
    test_lab(lab, t);
    return true;
}

/* ---- parts in parallel -------------------------------------------------------------- */

/* The parts share no state (each grade has its own folder, each suite its own
   processes), so they run JOBS at a time (default: one per core), each in a
   child whose output goes to its own log, printed whole when the part ends,
   so each part reads as if it had run alone. The longest parts of the last
   run start first. A line on stderr says when each part ends. */
struct part {
    const char *name;
    pid_t pid;
    char log[600], tally[620];
    struct tally t;
    bool done;
    double seconds;
    struct timespec started;
};

static int jobs_wanted(void)
{
    const char *env = getenv("JOBS");
    long n = env != NULL && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static bool start_part(struct part *p)
{
    fflush(stdout);
    fflush(stderr);
    clock_gettime(CLOCK_MONOTONIC, &p->started);
    p->pid = fork();
    if (p->pid != 0)
        return p->pid > 0;
    int fd = open(p->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0)
        _exit(3);
    close(fd);
    struct tally t = { 0, 0 };
    bool known = run_part(p->name, &t);
    fflush(stdout);
    FILE *f = fopen(p->tally, "w");
    if (f == NULL || fprintf(f, "%d %d\n", t.passed, t.failed) < 0 || fclose(f) != 0)
        _exit(3);
    _exit(known ? 0 : 2);
}

/* The child's tally, or one failure when it died without writing it. */
static int finish_part(struct part *p, int status)
{
    p->done = true;
    p->seconds = seconds_since(&p->started);
    FILE *f = fopen(p->tally, "r");
    bool read = f != NULL && fscanf(f, "%d %d", &p->t.passed, &p->t.failed) == 2;
    if (f != NULL)
        fclose(f);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
        return 2; /* not a part: labs_parse_number said why */
    if (!read || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        p->t.failed++;
        printf("  FAIL the test process of part '%s' ended before it reported (status %d)\n", p->name, status);
    }
    return 0;
}

/* A part's name in test-report.json: "lab 3", "harness", ... */
static void part_label(const struct part *p, char *buf, size_t size)
{
    int lab;
    if (sscanf(p->name, "%d", &lab) == 1)
        snprintf(buf, size, "lab %d", lab);
    else
        snprintf(buf, size, "%.40s", p->name);
}

/* Each part's duration in the last run's build/test-report.json (0: unknown,
   which sorts first: a new part is not assumed short). */
static void previous_seconds(const struct part *parts, int n, double *out)
{
    char path[600];
    snprintf(path, sizeof path, "%s/test-report.json", env_build_root());
    char *text = file_read(path, NULL);
    struct jv report;
    char error[100];
    bool ok = text != NULL && jv_parse(text, &report, error, sizeof error);
    free(text);
    const struct jv *list = ok ? jv_get(&report, "parts") : NULL;
    for (int i = 0; i < n; i++) {
        out[i] = 1e9;
        char name[64];
        part_label(&parts[i], name, sizeof name);
        for (size_t k = 0; list != NULL && list->kind == JV_ARRAY && k < list->n; k++) {
            const struct jv *pn = jv_get(&list->items[k], "part"), *sec = jv_get(&list->items[k], "seconds");
            if (pn != NULL && pn->kind == JV_STRING && strcmp(pn->string, name) == 0 && sec != NULL &&
                sec->kind == JV_NUMBER)
                out[i] = sec->number;
        }
    }
    if (ok)
        jv_free(&report);
}

static void print_log(const struct part *p)
{
    char *text = file_read(p->log, NULL);
    if (text != NULL)
        fputs(text, stdout);
    free(text);
    fflush(stdout);
}

int cmd_test(int argc, char **argv)
{
    enum { MAX_PARTS = 32 };
    if (argc > MAX_PARTS) {
        fprintf(stderr, "perflab test: at most %d parts\n", MAX_PARTS);
        return 2;
    }
    static struct part parts[MAX_PARTS];
    char logs[600];
    snprintf(logs, sizeof logs, "%s/test-logs", env_build_root());
    char *mk[] = { "mkdir", "-p", logs, NULL };
    struct child_limits mk_limits = { .timeout_s = 10 };
    struct child_result mk_r;
    child_run(mk, &mk_limits, &mk_r);
    child_result_free(&mk_r);
    for (int i = 0; i < argc; i++) {
        parts[i] = (struct part){ .name = argv[i] };
        snprintf(parts[i].log, sizeof parts[i].log, "%.500s/%.40s.log", logs, argv[i]);
        snprintf(parts[i].tally, sizeof parts[i].tally, "%s.tally", parts[i].log);
    }
    /* Longest first (as the last run measured them, build/test-report.json):
       two cores stay busy to the end instead of waiting on one late long part. */
    int order[MAX_PARTS];
    double last[MAX_PARTS];
    previous_seconds(parts, argc, last);
    for (int i = 0; i < argc; i++)
        order[i] = i;
    for (int i = 1; i < argc; i++)
        for (int k = i; k > 0 && last[order[k]] > last[order[k - 1]]; k--) {
            int tmp = order[k];
            order[k] = order[k - 1];
            order[k - 1] = tmp;
        }
    int jobs = jobs_wanted();
    struct timespec begun;
    clock_gettime(CLOCK_MONOTONIC, &begun);
    fprintf(stderr, "perflab test: %d parts, %d at a time (JOBS=%d); each part's output follows when it is done\n",
            argc, jobs, jobs);

    int next = 0, running = 0, finished = 0, bad = 0;
    while (finished < argc) {
        while (running < jobs && next < argc) {
            struct part *p = &parts[order[next++]];
            if (!start_part(p)) {
                p->done = true;
                p->t.failed = 1;
                finished++;
                printf("  FAIL cannot start part '%s'\n", p->name);
            } else
                running++;
        }
        if (running == 0)
            break;
        int status;
        pid_t pid = wait(&status);
        if (pid < 0)
            break;
        for (int i = 0; i < argc; i++)
            if (parts[i].pid == pid && !parts[i].done) {
                running--;
                bad |= finish_part(&parts[i], status);
                print_log(&parts[i]);
                fprintf(stderr, "perflab test: %-8s done in %3.0f s (%d of %d parts, %.0f s so far)\n",
                        parts[i].name, parts[i].seconds, ++finished, argc, seconds_since(&begun));
            }
    }
    if (bad)
        return 2;

    struct tally t = { 0, 0 };
    for (int i = 0; i < argc; i++) {
        t.passed += parts[i].t.passed;
        t.failed += parts[i].t.failed;
    }
    /* The JSON twin of the summary: one entry per part (harness, lab N). */
    char json_path[600];
    snprintf(json_path, sizeof json_path, "%s/test-report.json", env_build_root());
    FILE *jf = fopen(json_path, "w");
    if (jf != NULL) {
        struct json j;
        json_start(&j, jf);
        json_object_begin(&j, NULL);
        json_bool(&j, "sanitized", env_sanitized());
        json_number(&j, "jobs", jobs);
        json_array_begin(&j, "parts");
        for (int i = 0; i < argc; i++) {
            char part[64];
            part_label(&parts[i], part, sizeof part);
            json_object_begin(&j, NULL);
            json_string(&j, "part", part);
            json_number(&j, "passed", parts[i].t.passed);
            json_number(&j, "failed", parts[i].t.failed);
            json_number(&j, "seconds", parts[i].seconds);
            json_object_end(&j);
        }
        json_array_end(&j);
        json_number(&j, "passed", t.passed);
        json_number(&j, "failed", t.failed);
        json_object_end(&j);
        json_finish(&j);
        fclose(jf);
        printf("\nwrote %s", json_path);
    }
    printf("\ntests: %d passed, %d failed (%.0f s, %d parts, %d at a time)\n", t.passed, t.failed,
           seconds_since(&begun), argc, jobs);
    return t.failed > 0 ? 1 : 0;
}
