/*
 * class_run.c -- grade every (student, lab) that has a file, in parallel,
 * resumably (class.h).
 *
 * Each grade is `perflab grade N --yours N=FILE --report-dir DIR` in a child
 * process of its own: the grader's isolation (a fresh folder per grade, the
 * sandbox, the limits) is the one `make grade-N` has, and a grade that the
 * grader itself cannot finish is that row's GRADER_ERROR, not the class's.
 * Each child runs in its own process group, so that a stuck grade (past
 * JOB_TIMEOUT_S: the grader's own limits should stop it long before) or a
 * Ctrl-C of the class takes down everything that grade started.
 *
 * Resuming: when a grade finishes with a verdict (exit 0 or 1) its folder
 * gets a stamp, a hash of the graded file. A re-run reuses the report of any
 * file whose stamp still matches and grades again the files that changed,
 * the new ones and those with no verdict yet (a grader error, an interrupted
 * run). Grading is deterministic, so a FAIL of an unchanged file would only
 * come out the same: it is reused too. REGRADE=1 ignores every stamp.
 */
#define _GNU_SOURCE /* prctl */
#include "class.h"

#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { JOB_TIMEOUT_S = 1800, MAX_JOBS = 64 };

double class_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void class_mkdirs(const char *path)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0755);
            *p = '/';
        }
    mkdir(buf, 0755);
}

/* "fnv1a64 <hash> <bytes>": what the grade was of. A file that cannot be
   read has no stamp (the grade says why). */
static bool file_stamp(const char *path, char *buf, size_t size)
{
    size_t len = 0;
    char *data = file_read(path, &len);
    if (data == NULL)
        return false;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)data[i];
        h *= 1099511628211ULL;
    }
    free(data);
    snprintf(buf, size, "fnv1a64 %016llx %zu\n", (unsigned long long)h, len);
    return true;
}

static bool reusable(const struct entry *e, const char *stamp)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/stamp", e->dir);
    char *old = file_read(path, NULL);
    snprintf(path, sizeof path, "%s/report.json", e->dir);
    bool same = old != NULL && strcmp(old, stamp) == 0 && file_exists(path);
    free(old);
    return same;
}

/* ---- the children ----------------------------------------------------------------------- */

static volatile sig_atomic_t stop_signal;
static pid_t running_pids[MAX_JOBS];

static void on_stop(int sig)
{
    stop_signal = sig;
    for (int i = 0; i < MAX_JOBS; i++)
        if (running_pids[i] > 0)
            kill(-running_pids[i], SIGTERM);
}

static pid_t start_grade(const struct entry *e, const char *perflab)
{
    char log[PATH_MAX + 16], lab[16], yours[PATH_MAX + 32];
    snprintf(log, sizeof log, "%s/grade.log", e->dir);
    snprintf(lab, sizeof lab, "%d", e->lab);
    snprintf(yours, sizeof yours, "%d=%s", e->lab, e->source);
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGTERM); /* the class is gone: so is this grade */
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        _exit(3);
    dup2(fd, 1);
    dup2(fd, 2);
    close(fd);
    execl(perflab, perflab, "grade", lab, "--yours", yours, "--report-dir", e->dir, (char *)NULL);
    fprintf(stderr, "perflab class: cannot run %s: %s\n", perflab, strerror(errno));
    _exit(3);
}

static void format_duration(double s, char *buf, size_t size)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
}

/* ---- reading a finished grade ------------------------------------------------------------ */

/* text on one line (line breaks become " | "), at most max characters: a
   compiler's error spans lines, a gradebook cell does not. */
static void first_line(const char *text, char *buf, size_t size, size_t max)
{
    size_t len = 0;
    for (const char *p = text; *p && len + 4 < size && len < max; p++) {
        if (*p == '\n') {
            if (p[1] == '\0')
                break;
            len += (size_t)snprintf(buf + len, size - len, "%s", p > text && p[-1] == ':' ? " " : " | ");
        } else {
            buf[len++] = *p;
        }
    }
    buf[len] = '\0';
}

static void classify(struct entry *e)
{
    char path[PATH_MAX + 16], line[300];
    e->max_score = 100;
    if (e->source[0] == '\0') {
        e->status = ST_MISSING;
        e->score = 0;
        snprintf(e->reason, sizeof e->reason, "no file for this lab");
        return;
    }
    snprintf(path, sizeof path, "%s/report.json", e->dir);
    e->have_report = (e->reused || e->exit_code == 0 || e->exit_code == 1 || e->exit_code == 3) &&
                     report_read(path, &e->report);
    const struct lab_report *r = &e->report;
    if (!e->have_report || r->grader_error || e->exit_code == 3) {
        e->status = ST_GRADER_ERROR;
        e->score = 0;
        if (e->have_report && r->correctness_detail[0])
            first_line(r->correctness_detail, line, sizeof line, 200);
        else
            snprintf(line, sizeof line, "the grade did not finish (exit %d); see %.200s/grade.log", e->exit_code,
                     e->dir);
        snprintf(e->reason, sizeof e->reason, "%s -- not the student's grade: fix, then run again", line);
        return;
    }
    e->score = r->score;
    e->max_score = r->max_score;
    if (r->review) {
        e->status = ST_REVIEW;
        snprintf(e->reason, sizeof e->reason, "counted work and the clock disagree: read the code");
    } else if (r->passed) {
        e->status = ST_PASS;
        e->reason[0] = '\0';
    } else if (r->not_started) {
        e->status = ST_NOT_STARTED;
        snprintf(e->reason, sizeof e->reason, "not started: still the naive code");
    } else {
        e->status = ST_FAIL;
        if (strcmp(r->correctness, "PASS") != 0) {
            first_line(r->correctness_detail, line, sizeof line, 200);
            snprintf(e->reason, sizeof e->reason, "correctness: %s", line);
        } else {
            for (size_t k = 0; k < r->n_criteria; k++)
                if (strcmp(r->criteria[k].verdict, "PASS") != 0) {
                    int len = (int)strcspn(r->criteria[k].target, "("); /* the target without its how */
                    while (len > 0 && r->criteria[k].target[len - 1] == ' ')
                        len--;
                    snprintf(e->reason, sizeof e->reason, "performance: %.*s: %.200s", len, r->criteria[k].target,
                             r->criteria[k].detail);
                    break;
                }
        }
    }
}

/* ---- the loop ------------------------------------------------------------------------------- */

struct slot {
    pid_t pid;
    size_t entry;
    double started;
};

static void report_done(const struct class_run *c, const struct entry *e, size_t done, size_t total, double start,
                        double estimate_left)
{
    char elapsed[32], left[32];
    format_duration(class_now() - start, elapsed, sizeof elapsed);
    format_duration(estimate_left, left, sizeof left);
    printf("[%*zu/%zu] student %zu of %zu, %s, lab %d: %s %.0f/%.0f in %.0f s | elapsed %s, about %s left%s%.150s\n",
           total >= 100 ? 3 : 2, done, total, e->student + 1, c->n_students, c->students[e->student].name, e->lab,
           class_status_name(e->status), e->score, e->max_score, e->seconds, elapsed, left,
           e->reason[0] ? "\n        " : "", e->reason);
    fflush(stdout);
}

int class_grade(struct class_run *c, const char *perflab)
{
    size_t *todo = calloc(c->n_entries + 1, sizeof *todo);
    size_t n_todo = 0, reused = 0;
    if (todo == NULL)
        return 1;
    for (size_t i = 0; i < c->n_entries; i++) {
        struct entry *e = &c->entries[i];
        if (e->source[0] == '\0')
            continue;
        class_mkdirs(e->dir);
        char stamp[128];
        if (!c->regrade && file_stamp(e->source, stamp, sizeof stamp) && reusable(e, stamp)) {
            e->reused = true;
            reused++;
        } else {
            todo[n_todo++] = i;
        }
    }
    int jobs = c->jobs < 1 ? 1 : c->jobs > MAX_JOBS ? MAX_JOBS : c->jobs;
    printf("perflab class: %zu student%s, %zu lab%s: %zu file%s to grade, %zu unchanged since the last run "
           "(reused), %d at a time\n",
           c->n_students, c->n_students == 1 ? "" : "s", c->n_labs, c->n_labs == 1 ? "" : "s", n_todo,
           n_todo == 1 ? "" : "s", reused, jobs);
    fflush(stdout);

    struct sigaction sa = { .sa_handler = on_stop }, old_int, old_term;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    struct slot slots[MAX_JOBS];
    memset(slots, 0, sizeof slots);
    size_t next = 0, done = 0, running = 0;
    double start = class_now(), graded_seconds = 0;
    while ((next < n_todo || running > 0) && !stop_signal) {
        for (int k = 0; k < jobs && next < n_todo && !stop_signal; k++) {
            if (slots[k].pid > 0)
                continue;
            struct entry *e = &c->entries[todo[next]];
            char stamp_path[PATH_MAX + 16];
            snprintf(stamp_path, sizeof stamp_path, "%s/stamp", e->dir);
            remove(stamp_path); /* graded again: the old verdict no longer stands */
            slots[k] = (struct slot){ .pid = start_grade(e, perflab), .entry = todo[next], .started = class_now() };
            running_pids[k] = slots[k].pid;
            if (slots[k].pid < 0) {
                slots[k].pid = 0;
                running_pids[k] = 0;
                e->exit_code = -1;
                classify(e);
                done++;
            } else {
                running++;
            }
            next++;
        }
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid <= 0) {
            for (int k = 0; k < jobs; k++)
                if (slots[k].pid > 0 && class_now() - slots[k].started > JOB_TIMEOUT_S)
                    kill(-slots[k].pid, SIGKILL);
            struct timespec pause = { 0, 100 * 1000 * 1000 };
            nanosleep(&pause, NULL);
            continue;
        }
        for (int k = 0; k < jobs; k++) {
            if (slots[k].pid != pid)
                continue;
            struct entry *e = &c->entries[slots[k].entry];
            kill(-pid, SIGKILL); /* anything the grade left behind in its group */
            slots[k].pid = 0;
            running_pids[k] = 0;
            running--;
            done++;
            e->seconds = class_now() - slots[k].started;
            graded_seconds += e->seconds;
            e->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            classify(e);
            char stamp[128], stamp_path[PATH_MAX + 16];
            snprintf(stamp_path, sizeof stamp_path, "%s/stamp", e->dir);
            if ((e->exit_code == 0 || e->exit_code == 1) && e->status != ST_GRADER_ERROR &&
                file_stamp(e->source, stamp, sizeof stamp)) {
                FILE *f = fopen(stamp_path, "w");
                if (f != NULL) {
                    fputs(stamp, f);
                    fclose(f);
                }
            }
            double per_job = graded_seconds / (double)done;
            double left = per_job * (double)(n_todo - done) / (double)jobs;
            report_done(c, e, done, n_todo, start, left);
        }
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    free(todo);
    if (stop_signal) {
        for (int k = 0; k < jobs; k++)
            if (slots[k].pid > 0) {
                kill(-slots[k].pid, SIGKILL);
                waitpid(slots[k].pid, NULL, 0);
            }
        fprintf(stderr, "perflab class: stopped; finished grades are kept, run the same command to go on\n");
        signal(stop_signal, SIG_DFL);
        raise(stop_signal);
        return 1;
    }
    int errors = 0;
    for (size_t i = 0; i < c->n_entries; i++) {
        struct entry *e = &c->entries[i];
        if (e->source[0] == '\0' || e->reused)
            classify(e);
        errors += e->status == ST_GRADER_ERROR;
    }
    return errors;
}
