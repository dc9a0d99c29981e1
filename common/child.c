/*
 * child.c -- see child.h for what and why.
 */
#define _GNU_SOURCE
#include "child.h"
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A child may print without end (a debug printf in an infinite loop): we keep
   the first OUTPUT_HEAD bytes and the last OUTPUT_TAIL, and count the rest. */
enum { OUTPUT_HEAD = 256 * 1024, OUTPUT_TAIL = 64 * 1024 };
/* What echo copies to our stdout, at most: a benchmark's tables are tens of
   KiB, and a program that prints without end (make lab-N's bench runs
   student code for up to 600 s) must not write gigabytes to the terminal or
   to a log. The rest is still captured (head and tail) as above. */
enum { ECHO_BYTES = 4 << 20 };

struct tail {
    char bytes[OUTPUT_TAIL];
    size_t next;    /* where the next byte goes */
    size_t kept;    /* bytes in the ring, up to OUTPUT_TAIL */
    size_t dropped; /* bytes that fell out of the ring */
};

static void append(struct child_result *r, const char *data, size_t len)
{
    char *grown = realloc(r->output, r->output_len + len + 1);
    if (grown == NULL)
        return; /* keep what we have: the output is a diagnostic, not a result */
    memcpy(grown + r->output_len, data, len);
    r->output = grown;
    r->output_len += len;
    r->output[r->output_len] = '\0';
}

static void capture(struct child_result *r, struct tail *t, const char *data, size_t len)
{
    if (r->output_len < OUTPUT_HEAD) {
        size_t room = OUTPUT_HEAD - r->output_len;
        size_t now = len < room ? len : room;
        append(r, data, now);
        data += now;
        len -= now;
    }
    for (size_t i = 0; i < len; i++) {
        if (t->kept == OUTPUT_TAIL)
            t->dropped++;
        else
            t->kept++;
        t->bytes[t->next] = data[i];
        t->next = (t->next + 1) % OUTPUT_TAIL;
    }
}

static void finish_capture(struct child_result *r, const struct tail *t)
{
    if (t->kept == 0)
        return;
    if (t->dropped > 0) {
        char note[96];
        int n = snprintf(note, sizeof note, "\n[... %zu bytes of output left out ...]\n", t->dropped);
        append(r, note, (size_t)n);
    }
    size_t start = (t->next + OUTPUT_TAIL - t->kept) % OUTPUT_TAIL;
    size_t first = t->kept < OUTPUT_TAIL - start ? t->kept : OUTPUT_TAIL - start;
    append(r, t->bytes + start, first);
    append(r, t->bytes, t->kept - first);
}

/* Ctrl-C (or a kill) of perflab reaches the child's process group too, as
   SIGTERM, so that it can clean up (lab 5 stops its database server). */
static volatile sig_atomic_t running_group;

static void forward_and_die(int sig)
{
    if (running_group > 0)
        kill(-running_group, SIGTERM);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void forward_signals(void)
{
    static bool installed;
    if (installed)
        return;
    installed = true;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = forward_and_die;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Wait for the child until the deadline (0: none); kill its group past it.
   Returns true if it had to be killed. */
static bool reap(pid_t pid, double deadline, int *status)
{
    for (;;) {
        pid_t got = waitpid(pid, status, deadline > 0 ? WNOHANG : 0);
        if (got == pid)
            return false;
        if (got < 0 && errno != EINTR)
            return false;
        if (deadline > 0 && now_seconds() >= deadline) {
            kill(-pid, SIGKILL);
            while (waitpid(pid, status, 0) < 0 && errno == EINTR)
                ;
            return true;
        }
        if (got == 0) {
            struct timespec pause = { 0, 10 * 1000 * 1000 };
            nanosleep(&pause, NULL);
        }
    }
}

/* In the child, after fork: set limits, wire the pipe, exec. Never returns. */
static void become(char *const argv[], const struct child_limits *limits, int out_fd, pid_t parent)
{
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) /* the parent died before prctl took effect */
        _exit(127);
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    if (limits->memory_bytes > 0) {
        struct rlimit cap = { limits->memory_bytes, limits->memory_bytes };
        setrlimit(RLIMIT_AS, &cap);
    }
    dup2(out_fd, STDOUT_FILENO);
    dup2(out_fd, STDERR_FILENO);
    close(out_fd);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        close(devnull);
    }
    if (limits->sandbox != NULL)
        sandbox_exec(limits->sandbox, argv); /* bwrap ... -- argv; never returns */
    execvp(argv[0], argv);
    fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

bool child_run(char *const argv[], const struct child_limits *limits, struct child_result *r)
{
    memset(r, 0, sizeof *r);
    append(r, "", 0);
    char why[1024];
    if (limits->sandbox != NULL && !sandbox_prepare(limits->sandbox, why, sizeof why)) {
        r->outcome = CHILD_NOT_RUN;
        append(r, why, strlen(why));
        return false;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        r->outcome = CHILD_NOT_RUN;
        append(r, "pipe() failed\n", 14);
        return false;
    }
    fflush(stdout);
    fflush(stderr);
    double start = now_seconds();
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        r->outcome = CHILD_NOT_RUN;
        append(r, "fork() failed\n", 14);
        return false;
    }
    if (pid == 0) {
        close(fds[0]);
        become(argv, limits, fds[1], parent);
    }
    setpgid(pid, pid); /* also here: no race with the kill below */
    close(fds[1]);
    forward_signals();
    running_group = pid;

    double deadline = limits->timeout_s > 0 ? start + limits->timeout_s : 0;
    bool timed_out = false;
    size_t echoed = 0;
    struct tail *tail = calloc(1, sizeof *tail);
    char chunk[4096];
    for (;;) {
        int wait_ms = -1;
        if (limits->timeout_s > 0) {
            double left = limits->timeout_s - (now_seconds() - start);
            if (left <= 0) {
                timed_out = true;
                kill(-pid, SIGKILL);
                break;
            }
            wait_ms = (int)(left * 1000) + 1;
        }
        struct pollfd p = { fds[0], POLLIN, 0 };
        int ready = poll(&p, 1, wait_ms);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue; /* timeout: checked at the top */
        ssize_t got = read(fds[0], chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break; /* every writer closed the pipe: the child is done */
        if (tail != NULL)
            capture(r, tail, chunk, (size_t)got);
        else
            append(r, chunk, (size_t)got);
        if (limits->echo && echoed < ECHO_BYTES) {
            size_t n = (size_t)got < ECHO_BYTES - echoed ? (size_t)got : ECHO_BYTES - echoed;
            fwrite(chunk, 1, n, stdout);
            echoed += n;
            if (echoed == ECHO_BYTES)
                printf("\nperflab: the program printed over %d MiB: the rest is not shown\n", ECHO_BYTES >> 20);
            fflush(stdout);
        }
    }
    close(fds[0]);
    if (tail != NULL)
        finish_capture(r, tail);
    free(tail);

    /* The pipe can close before the child exits (it may close stdout and
       go on): the deadline still holds while we wait for it. */
    int status = 0;
    if (timed_out) {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    } else {
        timed_out = reap(pid, deadline, &status);
    }
    kill(-pid, SIGKILL); /* anything the child left behind in its group */
    running_group = 0;
    r->seconds = now_seconds() - start;
    if (timed_out) {
        r->outcome = CHILD_TIMED_OUT;
    } else if (WIFSIGNALED(status)) {
        r->outcome = CHILD_SIGNALED;
        r->signal = WTERMSIG(status);
    } else {
        r->outcome = CHILD_EXITED;
        r->exit_code = WEXITSTATUS(status);
        if (limits->sandbox != NULL && sandbox_exit_signal(r->exit_code, &r->signal))
            r->outcome = CHILD_SIGNALED; /* bwrap says 128+N for "killed by signal N" */
    }
    return r->outcome == CHILD_EXITED && r->exit_code == 0;
}

void child_result_free(struct child_result *r)
{
    free(r->output);
    r->output = NULL;
    r->output_len = 0;
}

const char *child_describe(const struct child_result *r, char *buf, size_t size)
{
    switch (r->outcome) {
    case CHILD_EXITED:
        snprintf(buf, size, "exited with status %d", r->exit_code);
        break;
    case CHILD_SIGNALED:
        snprintf(buf, size, "crashed: SIG%s (%s)", sigabbrev_np(r->signal) ? sigabbrev_np(r->signal) : "?",
                 strsignal(r->signal));
        break;
    case CHILD_TIMED_OUT:
        snprintf(buf, size, "timed out after %.0f s (an infinite loop, or far too slow)", r->seconds);
        break;
    case CHILD_NOT_RUN:
        snprintf(buf, size, "could not be started");
        break;
    }
    return buf;
}

const char *child_output_tail(const struct child_result *r, int lines)
{
    if (r->output == NULL)
        return "";
    const char *p = r->output + r->output_len;
    if (p > r->output && p[-1] == '\n')
        p--;
    while (p > r->output) {
        if (p[-1] == '\n' && --lines == 0)
            break;
        p--;
    }
    return p;
}
