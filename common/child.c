/*
 * child.c -- see child.h for what and why.
 */
#define _GNU_SOURCE
#include "child.h"

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

/* In the child, after fork: set limits, wire the pipe, exec. Never returns. */
static void become(char *const argv[], const struct child_limits *limits, int out_fd, pid_t parent)
{
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
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
    execvp(argv[0], argv);
    fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

bool child_run(char *const argv[], const struct child_limits *limits, struct child_result *r)
{
    memset(r, 0, sizeof *r);
    append(r, "", 0);
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

    bool timed_out = false;
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
        append(r, chunk, (size_t)got);
        if (limits->echo) {
            fwrite(chunk, 1, (size_t)got, stdout);
            fflush(stdout);
        }
    }
    close(fds[0]);

    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    kill(-pid, SIGKILL); /* anything the child left behind in its group */
    r->seconds = now_seconds() - start;
    if (timed_out) {
        r->outcome = CHILD_TIMED_OUT;
    } else if (WIFSIGNALED(status)) {
        r->outcome = CHILD_SIGNALED;
        r->signal = WTERMSIG(status);
    } else {
        r->outcome = CHILD_EXITED;
        r->exit_code = WEXITSTATUS(status);
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
