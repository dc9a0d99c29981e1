/*
 * flamegraph.c -- a flame graph of one variant, from perf, as one offline HTML page (profile.h).
 *
 * We render nothing ourselves. perf samples the call stacks; perf's own
 * flame-graph script (`perf script report flamegraph`, flamegraph.py in
 * perf's exec path) folds them into a tree and pours it into d3-flame-graph's
 * self-contained template (d3 and the renderer inlined: the page works
 * offline), which `make deps` installs from npm.
 *
 * Student code runs in the sandbox, and the sandbox denies perf_event_open
 * to everything inside it (and no process may be started there, which
 * `perf record -- cmd` needs). So the two run apart: the driver runs in the
 * sandbox, repeating the call for a few seconds, and perf, trusted and
 * outside, attaches to it by pid (`perf record -p`) and stops when it ends.
 * The driver's binary is bound at its own path inside, so perf finds its
 * symbols afterwards. The pid is found in /proc: the process whose binary
 * is the driver and whose ancestor is us (not another user's profile).
 *
 * Call stacks come from DWARF unwinding (--call-graph dwarf): the course
 * builds with -O2 and no frame pointers, and glibc's string functions keep
 * none, so frame-pointer stacks would lose the student's function right
 * under strcat. The driver's setup (input generation) is sampled too; it is
 * the frame beside perflab_measured, not under it.
 */
#define _DEFAULT_SOURCE /* readlink, DT_DIR */
#include "profile.h"

#include "../child.h"
#include "files.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Where perf's own default points (Fedora's js-d3-flame-graph), then npm's global folders. */
static const char *const template_places[] = {
    "/usr/share/d3-flame-graph/d3-flamegraph-base.html",
    "/usr/lib/node_modules/d3-flame-graph/dist/templates/d3-flamegraph-base.html",
    "/usr/local/lib/node_modules/d3-flame-graph/dist/templates/d3-flamegraph-base.html",
};

/* The first line a command prints, or false. */
static bool first_line_of(char *const argv[], char *out, size_t size)
{
    struct child_limits limits = { .timeout_s = 30 };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
    if (ok)
        snprintf(out, size, "%.*s", (int)strcspn(r.output, "\n"), r.output);
    child_result_free(&r);
    return ok && out[0] != '\0';
}

bool flamegraph_tools(char *script, size_t script_size, char *template, size_t template_size, char *why,
                      size_t why_size)
{
    char exec_path[PATH_MAX];
    char *perf[] = { "perf", "--exec-path", NULL };
    if (!first_line_of(perf, exec_path, sizeof exec_path)) {
        snprintf(why, why_size, "perf is not installed: make deps (or: sudo apt-get install linux-perf)");
        return false;
    }
    snprintf(script, script_size, "%s/scripts/python/flamegraph.py", exec_path);
    if (!file_exists(script)) {
        snprintf(why, why_size, "perf has no flame-graph script (%s): install Debian's linux-perf (make deps)", script);
        return false;
    }
    for (size_t i = 0; i < sizeof template_places / sizeof *template_places; i++)
        if (file_exists(template_places[i])) {
            snprintf(template, template_size, "%s", template_places[i]);
            return true;
        }
    char root[PATH_MAX];
    char *npm[] = { "npm", "root", "-g", NULL };
    if (first_line_of(npm, root, sizeof root)) {
        snprintf(template, template_size, "%s/d3-flame-graph/dist/templates/d3-flamegraph-base.html", root);
        if (file_exists(template))
            return true;
    }
    snprintf(why, why_size, "the flame-graph template is missing: make deps (or: sudo npm install -g "
                            "d3-flame-graph@4.1.3; Debian's npm package gives npm)");
    return false;
}

/* ---- the sandboxed driver, in a thread while we attach perf ---- */

struct driver_run {
    char *const *argv;
    struct child_limits limits;
    struct child_result result;
    bool ok;
};

static void *run_driver(void *arg)
{
    struct driver_run *d = arg;
    d->ok = child_run(d->argv, &d->limits, &d->result);
    return NULL;
}

static pid_t parent_of(pid_t pid)
{
    char path[64], *data;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    data = file_read(path, NULL);
    /* "pid (comm) state ppid ...": comm may hold spaces and parentheses. */
    const char *close = data ? strrchr(data, ')') : NULL;
    int ppid = 0;
    char state;
    if (close == NULL || sscanf(close + 1, " %c %d", &state, &ppid) != 2)
        ppid = 0;
    free(data);
    return (pid_t)ppid;
}

/* The pid of a process running `binary` that descends from us, or 0. */
static pid_t find_driver(const char *binary)
{
    DIR *proc = opendir("/proc");
    pid_t found = 0, self = getpid();
    for (struct dirent *e = proc ? readdir(proc) : NULL; e != NULL && found == 0; e = readdir(proc)) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end != '\0' || pid <= 0)
            continue;
        char link[64], target[PATH_MAX];
        snprintf(link, sizeof link, "/proc/%ld/exe", pid);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0)
            continue;
        target[n] = '\0';
        if (strcmp(target, binary) != 0)
            continue;
        for (pid_t p = (pid_t)pid; p > 1; p = parent_of(p))
            if (p == self) {
                found = (pid_t)pid;
                break;
            }
    }
    if (proc != NULL)
        closedir(proc);
    return found;
}

bool flamegraph_record(const char *driver, const struct sandbox *sandbox, const char *variant, const char *sweep,
                       long x, double seconds, const char *script, const char *template, const char *data_path,
                       const char *html_path, char *why, size_t why_size)
{
    char binary[PATH_MAX], x_text[32], seconds_text[32];
    if (realpath(driver, binary) == NULL) {
        snprintf(why, why_size, "no driver at %s", driver);
        return false;
    }
    snprintf(x_text, sizeof x_text, "%ld", x);
    snprintf(seconds_text, sizeof seconds_text, "%g", seconds);
    char *argv[] = { binary, (char *)variant, (char *)sweep, x_text, "--seconds", seconds_text, NULL };
    struct driver_run d = { .argv = argv, .limits = { .timeout_s = 60 + 2 * seconds, .sandbox = sandbox } };
    pthread_t thread;
    remove(data_path);
    remove(html_path);
    if (pthread_create(&thread, NULL, run_driver, &d) != 0) {
        snprintf(why, why_size, "cannot start a thread");
        return false;
    }
    /* Wait for it to appear (the sandbox takes a few milliseconds to build). */
    pid_t pid = 0;
    struct timespec pause = { 0, 5 * 1000 * 1000 };
    for (int i = 0; i < 2000 && pid == 0; i++) {
        pid = find_driver(binary);
        if (pid == 0)
            nanosleep(&pause, NULL);
    }
    bool recorded = false;
    char how[160];
    if (pid == 0) {
        snprintf(why, why_size, "the sandboxed driver never appeared in /proc");
    } else {
        char pid_text[32];
        snprintf(pid_text, sizeof pid_text, "%d", (int)pid);
        char *record[] = { "perf", "record", "-q", "-e", "cpu-clock", "-F", "499", "--call-graph", "dwarf,16384",
                           "-p", pid_text, "-o", (char *)data_path, NULL };
        struct child_limits limits = { .timeout_s = 60 + 2 * seconds };
        struct child_result r;
        recorded = child_run(record, &limits, &r);
        if (!recorded)
            snprintf(why, why_size, "perf record %s: %.300s", child_describe(&r, how, sizeof how),
                     child_output_tail(&r, 3));
        child_result_free(&r);
    }
    pthread_join(thread, NULL);
    if (!d.ok && recorded) {
        snprintf(why, why_size, "the driver %s: %.300s", child_describe(&d.result, how, sizeof how),
                 child_output_tail(&d.result, 3));
        recorded = false;
    }
    child_result_free(&d.result);
    if (!recorded)
        return false;
    /* "-i -": the script then skips reading a header of ./perf.data, which is not ours. */
    char *render[] = { "perf", "script", "-i", (char *)data_path, "-s", (char *)script, "--", "--template",
                       (char *)template, "-o", (char *)html_path, "-i", "-", NULL };
    struct child_limits limits = { .timeout_s = 120 };
    struct child_result r;
    bool ok = child_run(render, &limits, &r) && file_exists(html_path);
    if (!ok)
        snprintf(why, why_size, "perf script (flamegraph) %s: %.300s", child_describe(&r, how, sizeof how),
                 child_output_tail(&r, 3));
    child_result_free(&r);
    return ok;
}
