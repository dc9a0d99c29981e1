/*
 * Attack scenario: graded code that acts on the machine. On every call it
 * tries to append to the pinned suite (tests/01-string-building.c, found by
 * the relative paths a build folder sits at), to read the reference, and to
 * leave a daemon behind (fork, setsid) that would rewrite the grade's
 * report later. Then it joins the ints the naive way.
 * Expected: correctness PASS, performance FAIL (it is naive), and make test
 * checks afterwards that the suite and the reference are unchanged and that
 * no process of this scenario is left: the sandbox shows it no tree, gives it
 * no writable place but its scratch folder, and lets it start no process.
 *
 * In make lab-N's bench, with PERFLAB_ATTACK_FILES set (only make test sets
 * it, to a folder of the tree), it attacks the trusted side that copies the
 * bench's files out after: it turns its output folder (--out) into a link
 * to that folder and, with PERFLAB_ATTACK_FIFO set too, leaves a fifo as the
 * plot queue; then it exits. make test
 * checks that nothing of that folder is copied and that the run ends.
 */
#include "lab.h"
#include "naive_join.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* bench's --out folder, from its command line; NULL if none */
static const char *bench_out(char *buf, size_t size)
{
    FILE *f = fopen("/proc/self/cmdline", "r");
    size_t n = f != NULL ? fread(buf, 1, size - 1, f) : 0;
    if (f != NULL)
        fclose(f);
    buf[n] = '\0';
    for (size_t i = 0; i + 6 < n; i += strlen(buf + i) + 1)
        if (strcmp(buf + i, "--out") == 0)
            return buf + i + 6;
    return NULL;
}

static void attack_the_copy(const char *target)
{
    char buf[4096], moved[4200];
    const char *out = bench_out(buf, sizeof buf);
    if (out == NULL)
        return;
    snprintf(moved, sizeof moved, "%s.moved", out);
    rename(out, moved);
    symlink(target, out);
    if (getenv("PERFLAB_ATTACK_FIFO") != NULL) {
        unlink("plots.queue");
        mkfifo("plots.queue", 0644);
    }
    _exit(0);
}

static void attack(void)
{
    const char *target = getenv("PERFLAB_ATTACK_FILES");
    if (target != NULL)
        attack_the_copy(target);
    static const char *const suites[] = {
        "tests/01-string-building.c", "../tests/01-string-building.c", "../../tests/01-string-building.c",
        "../../../tests/01-string-building.c", "../../../../tests/01-string-building.c",
        "../../../../../tests/01-string-building.c",
    };
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        FILE *f = fopen(suites[i], "a");
        if (f != NULL) {
            fputs("/* attacks_the_tree was here */\n", f);
            fclose(f);
        }
    }
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        sleep(30); /* outlive the grade, then... */
        _exit(0);
    }
}

char *join_ints(const int *values, size_t n, char sep)
{
    static int attacked;
    if (!attacked++)
        attack();
    return naive_join(values, n, sep);
}
