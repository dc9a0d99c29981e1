/*
 * rpc.c -- see rpc.h for what and why.
 */
#define _GNU_SOURCE
#include "rpc.h"

#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { HEADER_BYTES = 16, STATUS_OK = 0, STATUS_REFUSED = 1, STATUS_CALL_BACK = 2 };

/* The op of the caller's answer to a call back (never a request's op). */
#define OP_CALL_BACK_REPLY 0xFFFFFFFFu

/* Sanitized code (SANITIZE=1) runs several times slower: deadlines stretch
   as the front end stretches a suite's time limit. */
#if defined(__SANITIZE_ADDRESS__)
#define SLOWDOWN 4
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLOWDOWN 4
#endif
#endif
#ifndef SLOWDOWN
#define SLOWDOWN 1
#endif

/* ---- messages ------------------------------------------------------------------- */

void rpc_put(struct rpc_buffer *b, const void *data, size_t len)
{
    if (b->failed)
        return;
    if (len > RPC_MAX_MESSAGE - b->len) {
        b->failed = true;
        return;
    }
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + len)
            cap *= 2;
        unsigned char *grown = realloc(b->data, cap);
        if (grown == NULL) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    if (len > 0)
        memcpy(b->data + b->len, data, len);
    b->len += len;
}

void rpc_put_u8(struct rpc_buffer *b, uint8_t v)
{
    rpc_put(b, &v, sizeof v);
}

void rpc_put_u32(struct rpc_buffer *b, uint32_t v)
{
    rpc_put(b, &v, sizeof v);
}

void rpc_put_u64(struct rpc_buffer *b, uint64_t v)
{
    rpc_put(b, &v, sizeof v);
}

void rpc_buffer_free(struct rpc_buffer *b)
{
    free(b->data);
    *b = (struct rpc_buffer){ 0 };
}

const void *rpc_get_view(struct rpc_reader *r, size_t len)
{
    if (r->failed || len > r->left) {
        r->failed = true;
        return NULL;
    }
    const void *at = r->data;
    if (len > 0) {
        r->data += len;
        r->left -= len;
    }
    return at;
}

bool rpc_get(struct rpc_reader *r, void *out, size_t len)
{
    const void *at = rpc_get_view(r, len);
    if (at == NULL) {
        memset(out, 0, len);
        return false;
    }
    if (len > 0)
        memcpy(out, at, len);
    return true;
}

uint8_t rpc_get_u8(struct rpc_reader *r)
{
    uint8_t v;
    rpc_get(r, &v, sizeof v);
    return v;
}

uint32_t rpc_get_u32(struct rpc_reader *r)
{
    uint32_t v;
    rpc_get(r, &v, sizeof v);
    return v;
}

uint64_t rpc_get_u64(struct rpc_reader *r)
{
    uint64_t v;
    rpc_get(r, &v, sizeof v);
    return v;
}

bool rpc_reader_done(const struct rpc_reader *r)
{
    return !r->failed && r->left == 0;
}

static void header_pack(unsigned char out[HEADER_BYTES], uint32_t code, uint32_t seq, uint32_t len)
{
    uint32_t words[4] = { RPC_MAGIC, code, seq, len };
    memcpy(out, words, HEADER_BYTES);
}

static void header_unpack(const unsigned char in[HEADER_BYTES], uint32_t words[4])
{
    memcpy(words, in, HEADER_BYTES);
}

/* ---- the caller: worker output ------------------------------------------------------- */

/* The last RPC_TAIL_BYTES of one output stream, as a ring. */
struct tail {
    char ring[RPC_TAIL_BYTES];
    size_t next, kept;
    char text[RPC_TAIL_BYTES + 1]; /* the ring in order, made on demand */
};

static void tail_add(struct tail *t, const char *data, size_t len)
{
    if (len >= RPC_TAIL_BYTES) {
        data += len - RPC_TAIL_BYTES;
        len = RPC_TAIL_BYTES;
    }
    for (size_t i = 0; i < len; i++) {
        t->ring[t->next] = data[i];
        t->next = (t->next + 1) % RPC_TAIL_BYTES;
    }
    t->kept = t->kept + len > RPC_TAIL_BYTES ? RPC_TAIL_BYTES : t->kept + len;
}

static const char *tail_text(struct tail *t)
{
    size_t start = (t->next + RPC_TAIL_BYTES - t->kept) % RPC_TAIL_BYTES;
    for (size_t i = 0; i < t->kept; i++)
        t->text[i] = t->ring[(start + i) % RPC_TAIL_BYTES];
    t->text[t->kept] = '\0';
    return t->text;
}

/* ---- the caller: the client ------------------------------------------------------------- */

struct rpc_client {
    char **argv;      /* wrapper words, then the worker's argv; NULL-ended */
    bool wrapped;     /* argv starts with wrapper words, or the worker runs in a sandbox */
    struct sandbox sandbox; /* when has_sandbox: a copy, with pass_fds = 2 */
    bool has_sandbox;
    int pass_fds[RPC_MAX_PASSED_FDS]; /* the caller's, given to the worker as 5, 6, ... */
    int n_pass_fds;
    double timeout_s;
    pid_t pid;        /* the running worker, or 0 */
    int to_worker, from_worker, out[2]; /* out[0]: its stdout, out[1]: its stderr; -1 when closed */
    uint32_t seq;
    struct tail tails[2];
    unsigned char *reply;
    size_t reply_cap;
    struct rpc_buffer answer; /* our answer to the worker's current call back */
    char error[1200];
};

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

struct rpc_client *rpc_client_new(char *const argv[], const struct rpc_options *options)
{
    struct rpc_client *c = calloc(1, sizeof *c);
    size_t n_wrap = 0, n_argv = 0;
    while (options != NULL && options->wrapper != NULL && options->wrapper[n_wrap] != NULL)
        n_wrap++;
    while (argv[n_argv] != NULL)
        n_argv++;
    if (c == NULL || (c->argv = calloc(n_wrap + n_argv + 1, sizeof *c->argv)) == NULL) {
        free(c);
        return NULL;
    }
    for (size_t i = 0; i < n_wrap; i++)
        c->argv[i] = strdup(options->wrapper[i]);
    for (size_t i = 0; i < n_argv; i++)
        c->argv[n_wrap + i] = strdup(argv[i]);
    for (size_t i = 0; i < n_wrap + n_argv; i++)
        if (c->argv[i] == NULL) {
            rpc_client_free(c);
            return NULL;
        }
    c->timeout_s = SLOWDOWN * (options != NULL && options->timeout_s > 0 ? options->timeout_s : RPC_DEFAULT_TIMEOUT_S);
    c->to_worker = c->from_worker = c->out[0] = c->out[1] = -1;
    c->wrapped = n_wrap > 0;
    if (options != NULL && options->pass_fds != NULL)
        for (int i = 0; i < options->n_pass_fds && i < RPC_MAX_PASSED_FDS; i++)
            c->pass_fds[c->n_pass_fds++] = options->pass_fds[i];
    if (options != NULL && options->sandbox != NULL) {
        c->sandbox = *options->sandbox;
        c->sandbox.pass_fds = RPC_REPLY_FD - 2 + c->n_pass_fds; /* 3 and 4, then the passed ones */
        c->has_sandbox = c->wrapped = true;
    }
    return c;
}

const char *rpc_error(const struct rpc_client *c)
{
    return c->error;
}

const char *rpc_output_tail(struct rpc_client *c, int fd)
{
    return fd == 1 || fd == 2 ? tail_text(&c->tails[fd - 1]) : "";
}

/* Read what the worker printed, if anything is there: false at end of file. */
static bool drain_output(struct rpc_client *c, int which)
{
    char chunk[8192];
    ssize_t got = read(c->out[which], chunk, sizeof chunk);
    if (got > 0) {
        tail_add(&c->tails[which], chunk, (size_t)got);
        return true;
    }
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return true;
    close_fd(&c->out[which]);
    return false;
}

/* Read what the worker printed that is already there (before its reply,
   say), without waiting for more: at most 1 MiB a stream, in case something
   it started prints without end. */
static void drain_ready(struct rpc_client *c)
{
    for (int i = 0; i < 2; i++) {
        char chunk[8192];
        for (size_t total = 0; c->out[i] >= 0 && total < ((size_t)1 << 20);) {
            ssize_t got = read(c->out[i], chunk, sizeof chunk);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                break; /* EAGAIN: nothing more for now */
            if (got == 0)
                close_fd(&c->out[i]);
            tail_add(&c->tails[i], chunk, (size_t)got);
            total += (size_t)got;
        }
    }
}

/* Read the worker's output until it closes it (it exited) or until `until`. */
static void drain_until(struct rpc_client *c, double until)
{
    while (c->out[0] >= 0 || c->out[1] >= 0) {
        double left = until - now_seconds();
        if (left <= 0)
            break;
        struct pollfd p[2] = { { c->out[0], POLLIN, 0 }, { c->out[1], POLLIN, 0 } };
        int ready = poll(p, 2, (int)(left * 1000) + 1);
        if (ready < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; i++)
            if (p[i].revents != 0 && c->out[i] >= 0)
                drain_output(c, i);
    }
}

/* The worker's stderr, for a description: its last `lines` lines on one line,
   joined by " | ", control characters as '?', at most `max` bytes. */
static void stderr_summary(struct rpc_client *c, char *buf, size_t size, int lines)
{
    const char *text = tail_text(&c->tails[1]);
    const char *end = text + strlen(text);
    while (end > text && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\r'))
        end--;
    const char *start = end;
    for (int n = 0; start > text; start--)
        if (start[-1] == '\n' && ++n == lines)
            break;
    size_t len = 0;
    for (const char *p = start; p < end && len + 4 < size; p++) {
        if (*p == '\n') {
            len += (size_t)snprintf(buf + len, size - len, " | ");
        } else {
            unsigned char ch = (unsigned char)*p;
            buf[len++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
        }
    }
    buf[len < size ? len : size - 1] = '\0';
}

static void close_channels(struct rpc_client *c)
{
    close_fd(&c->to_worker);
    close_fd(&c->from_worker);
    close_fd(&c->out[0]);
    close_fd(&c->out[1]);
}

/* Describe how a worker ended, from its wait status. Behind a wrapper, the
   process we wait for is the wrapper: bubblewrap (and a shell) report their
   child's death by signal N as exit status 128 + N. */
static void describe_status(const struct rpc_client *c, int status, char *buf, size_t size)
{
    int sig = 0;
    if (WIFSIGNALED(status))
        sig = WTERMSIG(status);
    else if (c->wrapped && WEXITSTATUS(status) > 128 && WEXITSTATUS(status) < 128 + 65)
        sig = WEXITSTATUS(status) - 128;
    if (sig != 0)
        snprintf(buf, size, "crashed: SIG%s (%s)", sigabbrev_np(sig) ? sigabbrev_np(sig) : "?", strsignal(sig));
    else
        snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
}

/* The call failed: finish the worker (kill its group unless it is gone),
   collect the end of its output, and write the description. */
static bool fail(struct rpc_client *c, bool kill_it, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(struct rpc_client *c, bool kill_it, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (c->pid > 0) {
        if (kill_it)
            kill(-c->pid, SIGKILL);
        while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        kill(-c->pid, SIGKILL); /* anything it left behind in its group */
        c->pid = 0;
    }
    /* Once the group is dead the pipes reach end of file at once; a short
       limit in case something escaped the group and holds them open. */
    drain_until(c, now_seconds() + 0.5);
    close_channels(c);
    char err[700];
    stderr_summary(c, err, sizeof err, 3);
    snprintf(c->error, sizeof c->error, "%s%s%s%s", what, err[0] ? " -- its stderr ends: \"" : "", err,
             err[0] ? "\"" : "");
    return false;
}

/* The worker closed its end of a channel: it is probably exiting. Wait a
   little for it and describe how it ended; kill it if it does not. */
static bool worker_gone(struct rpc_client *c, double deadline, const char *when)
{
    double until = now_seconds() + 1.0;
    if (until > deadline)
        until = deadline;
    for (;;) {
        int status;
        pid_t got = waitpid(c->pid, &status, WNOHANG);
        if (got == c->pid) {
            char how[200];
            describe_status(c, status, how, sizeof how);
            kill(-c->pid, SIGKILL); /* anything it left behind in its group */
            c->pid = 0;             /* reaped: fail() has nothing to wait for */
            return fail(c, false, "%s %s", how, when);
        }
        if (got < 0 && errno != EINTR)
            return fail(c, false, "ended %s (its status is unknown: %s)", when, strerror(errno));
        if (now_seconds() >= until)
            return fail(c, true, "closed its reply channel %s and did not exit", when);
        drain_until(c, now_seconds() + 0.005);
        if (c->out[0] < 0 && c->out[1] < 0) {
            struct timespec pause = { 0, 2 * 1000 * 1000 };
            nanosleep(&pause, NULL);
        }
    }
}

/* Give fd the number `target` in the child: dup2 clears close-on-exec. */
static int move_fd(int fd, int target)
{
    return fd == target ? fcntl(fd, F_SETFD, 0) : dup2(fd, target);
}

/* In the child, after fork: become the worker. Never returns. */
static void become_worker(char **argv, const struct sandbox *sandbox, int fds[4], int exec_error, pid_t parent,
                          const int *passed, int n_passed)
{
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) /* the caller died before prctl took effect */
        _exit(127);
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    signal(SIGPIPE, SIG_DFL);
    /* fds[] = request (read end), reply (write end), stdout, stderr. Move
       them (and exec_error) out of the way first: one may be 0-4 already. */
    int high[4];
    for (int i = 0; i < 4; i++)
        high[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 10);
    int moved = fcntl(exec_error, F_DUPFD_CLOEXEC, 10);
    if (moved >= 0)
        exec_error = moved;
    int passed_high[RPC_MAX_PASSED_FDS];
    bool passed_ok = true;
    for (int i = 0; i < n_passed; i++)
        passed_ok = passed_ok && (passed_high[i] = fcntl(passed[i], F_DUPFD_CLOEXEC, 10)) >= 0;
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull < 0 || high[0] < 0 || high[1] < 0 || high[2] < 0 || high[3] < 0 ||
        move_fd(devnull, STDIN_FILENO) < 0 || move_fd(high[2], STDOUT_FILENO) < 0 ||
        move_fd(high[3], STDERR_FILENO) < 0 || move_fd(high[0], RPC_REQUEST_FD) < 0 ||
        move_fd(high[1], RPC_REPLY_FD) < 0 || !passed_ok) {
        int e = errno;
        if (write(exec_error, &e, sizeof e) < 0)
            _exit(127);
        _exit(127);
    }
    for (int i = 0; i < n_passed; i++)
        if (move_fd(passed_high[i], RPC_FIRST_PASSED_FD + i) < 0) {
            int e = errno;
            if (write(exec_error, &e, sizeof e) < 0)
                _exit(127);
            _exit(127);
        }
    /* Every other descriptor the caller had open closes at exec. */
    int first_closed = RPC_FIRST_PASSED_FD + n_passed;
    if (close_range((unsigned)first_closed, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
        long max = sysconf(_SC_OPEN_MAX);
        for (int fd = first_closed; fd < (max > 0 && max < 65536 ? max : 65536); fd++)
            fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    if (sandbox != NULL)
        sandbox_exec(sandbox, argv); /* closes all but 0-4 and the passed ones, never returns */
    execvp(argv[0], argv);
    int e = errno;
    if (write(exec_error, &e, sizeof e) < 0)
        _exit(127);
    _exit(127);
}

static bool start(struct rpc_client *c)
{
    static bool sigpipe_ignored;
    if (!sigpipe_ignored) {
        struct sigaction old;
        if (sigaction(SIGPIPE, NULL, &old) == 0 && old.sa_handler == SIG_DFL)
            signal(SIGPIPE, SIG_IGN);
        sigpipe_ignored = true;
    }
    memset(c->tails, 0, sizeof c->tails);
    int req[2] = { -1, -1 }, rep[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 }, ex[2] = { -1, -1 };
    if (pipe2(req, O_CLOEXEC) != 0 || pipe2(rep, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
        pipe2(err, O_CLOEXEC) != 0 || pipe2(ex, O_CLOEXEC) != 0) {
        int e = errno;
        int all[10] = { req[0], req[1], rep[0], rep[1], out[0], out[1], err[0], err[1], ex[0], ex[1] };
        for (int i = 0; i < 10; i++)
            close_fd(&all[i]);
        snprintf(c->error, sizeof c->error, "could not be called: pipe: %s", strerror(e));
        return false;
    }
    char why[600];
    if (c->has_sandbox && !sandbox_prepare(&c->sandbox, why, sizeof why)) {
        int all[10] = { req[0], req[1], rep[0], rep[1], out[0], out[1], err[0], err[1], ex[0], ex[1] };
        for (int i = 0; i < 10; i++)
            close_fd(&all[i]);
        snprintf(c->error, sizeof c->error, "could not be called: %s", why);
        return false;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        int child_fds[4] = { req[0], rep[1], out[1], err[1] };
        become_worker(c->argv, c->has_sandbox ? &c->sandbox : NULL, child_fds, ex[1], parent, c->pass_fds,
                      c->n_pass_fds);
    }
    int e = errno;
    close(req[0]);
    close(rep[1]);
    close(out[1]);
    close(err[1]);
    close(ex[1]);
    if (pid < 0) {
        close(req[1]);
        close(rep[0]);
        close(out[0]);
        close(err[0]);
        close(ex[0]);
        snprintf(c->error, sizeof c->error, "could not be called: fork: %s", strerror(e));
        return false;
    }
    setpgid(pid, pid); /* also here: a kill(-pid) right after start reaches it */
    c->pid = pid;
    c->to_worker = req[1];
    c->from_worker = rep[0];
    c->out[0] = out[0];
    c->out[1] = err[0];
    /* exec closes ex[1]: end of file means the worker runs; an int is errno. */
    int exec_errno = 0;
    ssize_t got;
    while ((got = read(ex[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
        ;
    close(ex[0]);
    if (got > 0) {
        fail(c, true, "could not be called: cannot run %s: %s", c->argv[0], strerror(exec_errno));
        return false;
    }
    fcntl(c->to_worker, F_SETFL, O_NONBLOCK);
    fcntl(c->from_worker, F_SETFL, O_NONBLOCK);
    fcntl(c->out[0], F_SETFL, O_NONBLOCK);
    fcntl(c->out[1], F_SETFL, O_NONBLOCK);
    return true;
}

bool rpc_call(struct rpc_client *c, uint32_t op, const struct rpc_buffer *request, struct rpc_reader *reply)
{
    return rpc_call_with_callbacks(c, op, request, reply, NULL, NULL);
}

bool rpc_call_with_callbacks(struct rpc_client *c, uint32_t op, const struct rpc_buffer *request,
                             struct rpc_reader *reply, rpc_callback *callback, void *context)
{
    *reply = (struct rpc_reader){ NULL, 0, true };
    if (request->failed || request->len > RPC_MAX_MESSAGE) {
        snprintf(c->error, sizeof c->error, "was not made: the request could not be built (over %zu MiB, or out of memory)",
                 RPC_MAX_MESSAGE >> 20);
        return false;
    }
    double start_time = now_seconds();
    double deadline = start_time + c->timeout_s;
    if (c->pid == 0 && !start(c))
        return false;

    unsigned char head[HEADER_BYTES], reply_head[HEADER_BYTES];
    uint32_t seq = ++c->seq;
    header_pack(head, op, seq, (uint32_t)request->len);
    /* What we send: the request, then the answer to each call back. */
    const unsigned char *out_data = request->data;
    size_t out_len = request->len;
    size_t total = HEADER_BYTES + request->len, sent = 0;
    size_t head_got = 0, body_len = 0, body_got = 0;
    bool have_head = false;

    for (;;) {
        double left = deadline - now_seconds();
        if (left <= 0)
            return fail(c, true, "timed out after %g s (an infinite loop, or far too slow)", c->timeout_s);
        struct pollfd p[4] = {
            { sent < total ? c->to_worker : -1, POLLOUT, 0 },
            { c->from_worker, POLLIN, 0 },
            { c->out[0], POLLIN, 0 },
            { c->out[1], POLLIN, 0 },
        };
        int ready = poll(p, 4, (int)(left * 1000) + 1);
        if (ready < 0 && errno != EINTR)
            return fail(c, true, "failed: poll: %s", strerror(errno));
        if (ready <= 0)
            continue;
        for (int i = 0; i < 2; i++)
            if (p[2 + i].revents != 0 && c->out[i] >= 0)
                drain_output(c, i);

        if (p[0].revents != 0) {
            ssize_t wrote;
            if (sent < HEADER_BYTES) {
                struct iovec iov[2] = { { head + sent, HEADER_BYTES - sent },
                                        { (void *)out_data, out_len } };
                wrote = writev(c->to_worker, iov, out_len > 0 ? 2 : 1);
            } else {
                wrote = write(c->to_worker, out_data + (sent - HEADER_BYTES), total - sent);
            }
            if (wrote > 0)
                sent += (size_t)wrote;
            else if (wrote < 0 && errno != EINTR && errno != EAGAIN)
                return worker_gone(c, deadline, "before it read the whole call");
        }

        if (p[1].revents != 0) {
            ssize_t got;
            if (!have_head)
                got = read(c->from_worker, reply_head + head_got, HEADER_BYTES - head_got);
            else
                got = read(c->from_worker, c->reply + body_got, body_len - body_got);
            if (got < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            if (got <= 0)
                return worker_gone(c, deadline, "before returning");
            if (!have_head) {
                head_got += (size_t)got;
                if (head_got < HEADER_BYTES)
                    continue;
                uint32_t h[4];
                header_unpack(reply_head, h);
                if (h[0] != RPC_MAGIC)
                    return fail(c, true, "sent a malformed reply (no reply header: it starts with 0x%08x)", h[0]);
                if (h[3] > RPC_MAX_MESSAGE)
                    return fail(c, true, "sent a malformed reply (%u bytes long, over the %zu MiB limit)", h[3],
                                RPC_MAX_MESSAGE >> 20);
                if (h[1] != STATUS_OK && h[1] != STATUS_REFUSED && h[1] != STATUS_CALL_BACK)
                    return fail(c, true, "sent a malformed reply (status %u)", h[1]);
                if (h[2] != seq)
                    return fail(c, true, "sent a malformed reply (to call %u, during call %u)", h[2], seq);
                have_head = true;
                body_len = h[3];
                if (body_len + 1 > c->reply_cap) {
                    unsigned char *grown = realloc(c->reply, body_len + 1);
                    if (grown == NULL)
                        return fail(c, true, "sent a reply of %zu bytes: out of memory", body_len);
                    c->reply = grown;
                    c->reply_cap = body_len + 1;
                }
            } else {
                body_got += (size_t)got;
            }
            if (have_head && body_got == body_len) {
                if (sent < total)
                    return fail(c, true, "sent a malformed reply (before it had read the whole call)");
                uint32_t h[4];
                header_unpack(reply_head, h);
                if (h[1] == STATUS_CALL_BACK) {
                    /* The worker asks us something in the middle of the call:
                       answer, then wait for the next message. */
                    struct rpc_reader asked = { c->reply, body_len, false };
                    uint32_t asked_op = rpc_get_u32(&asked);
                    c->answer.len = 0; /* its room is kept from one answer to the next */
                    c->answer.failed = false;
                    if (callback == NULL || asked.failed || !callback(context, asked_op, &asked, &c->answer) ||
                        c->answer.failed)
                        return fail(c, true, "sent a malformed call back (op %u%s)", asked_op,
                                    callback == NULL ? ", in a call that takes none" : "");
                    header_pack(head, OP_CALL_BACK_REPLY, seq, (uint32_t)c->answer.len);
                    out_data = c->answer.data;
                    out_len = c->answer.len;
                    total = HEADER_BYTES + c->answer.len;
                    sent = 0;
                    have_head = false;
                    head_got = body_got = body_len = 0;
                    continue;
                }
                if (h[1] == STATUS_REFUSED) {
                    /* The worker carries on: a refusal is an answer, not a crash. */
                    c->reply[body_len] = '\0';
                    snprintf(c->error, sizeof c->error, "was refused by the worker: %.200s", (const char *)c->reply);
                    for (char *q = c->error; *q; q++)
                        if ((unsigned char)*q < 0x20)
                            *q = '?';
                    return false;
                }
                drain_ready(c); /* so the tails hold all it printed before replying */
                *reply = (struct rpc_reader){ c->reply, body_len, false };
                return true;
            }
        }
    }
}

bool rpc_client_end(struct rpc_client *c)
{
    if (c->pid <= 0)
        return true;
    double deadline = now_seconds() + c->timeout_s;
    close_fd(&c->to_worker);
    close_fd(&c->from_worker);
    /* It may print on its way out (LeakSanitizer): read until it closes. */
    drain_until(c, deadline);
    for (;;) {
        int status;
        pid_t got = waitpid(c->pid, &status, WNOHANG);
        if (got == c->pid) {
            kill(-c->pid, SIGKILL);
            c->pid = 0;
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
                close_channels(c);
                return true;
            }
            char how[200];
            describe_status(c, status, how, sizeof how);
            return fail(c, false, "%s at its end", how);
        }
        if (got < 0 && errno != EINTR)
            return fail(c, false, "ended (its status is unknown: %s)", strerror(errno));
        if (now_seconds() >= deadline)
            return fail(c, true, "did not exit within %g s of its end", c->timeout_s);
        struct timespec pause = { 0, 2 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
}

void rpc_client_free(struct rpc_client *c)
{
    if (c == NULL)
        return;
    if (c->pid > 0) {
        kill(-c->pid, SIGKILL);
        while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    close_channels(c);
    for (size_t i = 0; c->argv != NULL && c->argv[i] != NULL; i++)
        free(c->argv[i]);
    free(c->argv);
    free(c->reply);
    rpc_buffer_free(&c->answer);
    free(c);
}

/* ---- the test program's client ------------------------------------------------------------ */

static struct rpc_client *suite_client;

static void end_suite_client(void)
{
    bool ok = rpc_client_end(suite_client);
    if (!ok)
        fprintf(stderr, "\nperflab: the worker %s %s\n", suite_client->argv[0], rpc_error(suite_client));
    rpc_client_free(suite_client);
    suite_client = NULL;
    if (!ok) {
        fflush(NULL);
        _exit(1);
    }
}

struct rpc_client *rpc_suite_client(const struct rpc_options *options)
{
    if (suite_client != NULL)
        return suite_client;
    /* test-<X> -> <its folder>/worker-<X>. */
    char self[PATH_MAX];
    static char worker[PATH_MAX + 16]; /* static: the sandbox below keeps pointing at it */
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    self[len > 0 ? len : 0] = '\0';
    char *slash = strrchr(self, '/');
    const char *name = slash ? slash + 1 : self;
    if (strncmp(name, "test-", 5) == 0 && slash != NULL)
        snprintf(worker, sizeof worker, "%.*s/worker-%s", (int)(slash - self), self, name + 5);
    else if (strcmp(name, "driver-remote") == 0 && slash != NULL) /* counts yours, which runs in worker-yours */
        snprintf(worker, sizeof worker, "%.*s/worker-yours", (int)(slash - self), self);
    else /* calls fail, saying which program has no worker */
        snprintf(worker, sizeof worker, "(no worker: %.1000s is not named test-<variant>)", self[0] ? self : "this program");
    char *argv[] = { worker, NULL };
    /* The grader sets PERFLAB_WORKER_SANDBOX to a scratch folder: the worker
       (the student's code) then runs in bubblewrap, seeing only itself. */
    struct rpc_options with_sandbox = options != NULL ? *options : (struct rpc_options){ 0 };
    /* The front end runs the suite with a time limit (stretched for a
       sanitized build) and says it in PERFLAB_TEST_TIMEOUT_S: no single call
       may take longer than the whole suite may, and none needs a shorter
       limit, so that is each call's deadline. */
    const char *limit = getenv("PERFLAB_TEST_TIMEOUT_S");
    double limit_s = limit != NULL ? strtod(limit, NULL) : 0;
    if (limit_s > 0)
        with_sandbox.timeout_s = limit_s / SLOWDOWN; /* rpc_client_new stretches it again */
    static struct sandbox sandbox;
    static const char *read_only[2];
    const char *scratch = getenv("PERFLAB_WORKER_SANDBOX");
    if (scratch != NULL && scratch[0] != '\0') {
        read_only[0] = worker;
        sandbox.scratch = scratch;
        sandbox.read_only = read_only;
        sandbox.sanitizer = getenv("PERFLAB_WORKER_SANITIZER") != NULL;
        with_sandbox.sandbox = &sandbox;
    }
    suite_client = rpc_client_new(argv, &with_sandbox);
    if (suite_client == NULL) {
        fprintf(stderr, "perflab: out of memory\n");
        exit(1);
    }
    atexit(end_suite_client);
    return suite_client;
}

/* ---- the worker ------------------------------------------------------------------------------ */

/* Read exactly len bytes: 1 done, 0 end of file before any byte, -1 error or cut short. */
static int read_exactly(int fd, void *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, (char *)buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n == 0 && got == 0 ? 0 : -1;
        got += (size_t)n;
    }
    return 1;
}

static bool write_all(int fd, const void *a, size_t a_len, const void *b, size_t b_len)
{
    while (a_len + b_len > 0) {
        struct iovec iov[2] = { { (void *)a, a_len }, { (void *)b, b_len } };
        ssize_t n = a_len > 0 ? writev(fd, iov, 2) : write(fd, b, b_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        size_t done = (size_t)n;
        size_t from_a = done < a_len ? done : a_len;
        a = (const char *)a + from_a;
        a_len -= from_a;
        done -= from_a;
        if (done > 0) /* b may be NULL (an empty payload): no arithmetic on it */
            b = (const char *)b + done;
        b_len -= done;
    }
    return true;
}

/* The call being served, for call backs: its sequence number, while serving. */
static bool serving;
static uint32_t serving_seq;

bool rpc_call_back(uint32_t op, const struct rpc_buffer *request, struct rpc_reader *reply)
{
    static unsigned char *answer;
    static size_t answer_cap;
    *reply = (struct rpc_reader){ NULL, 0, true };
    if (!serving || request->failed || request->len > RPC_MAX_MESSAGE - 4)
        return false;
    unsigned char head[HEADER_BYTES + 4];
    header_pack(head, STATUS_CALL_BACK, serving_seq, (uint32_t)(request->len + 4));
    memcpy(head + HEADER_BYTES, &op, 4);
    if (!write_all(RPC_REPLY_FD, head, sizeof head, request->data, request->len))
        return false;
    uint32_t h[4];
    if (read_exactly(RPC_REQUEST_FD, head, HEADER_BYTES) != 1)
        return false;
    header_unpack(head, h);
    if (h[0] != RPC_MAGIC || h[1] != OP_CALL_BACK_REPLY || h[2] != serving_seq || h[3] > RPC_MAX_MESSAGE)
        return false;
    if (h[3] + (size_t)1 > answer_cap) {
        unsigned char *grown = realloc(answer, h[3] + (size_t)1);
        if (grown == NULL)
            return false;
        answer = grown;
        answer_cap = h[3] + (size_t)1;
    }
    if (h[3] > 0 && read_exactly(RPC_REQUEST_FD, answer, h[3]) != 1)
        return false;
    *reply = (struct rpc_reader){ answer, h[3], false };
    return true;
}

int rpc_serve(rpc_handler *handler)
{
    if (fcntl(RPC_REQUEST_FD, F_GETFD) < 0 || fcntl(RPC_REPLY_FD, F_GETFD) < 0) {
        fprintf(stderr, "This program serves calls from its test program on fds %d and %d; run the test "
                        "program (test-<variant>) instead.\n", RPC_REQUEST_FD, RPC_REPLY_FD);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (;;) {
        unsigned char head[HEADER_BYTES];
        int got = read_exactly(RPC_REQUEST_FD, head, sizeof head);
        if (got == 0)
            return 0;
        uint32_t h[4];
        header_unpack(head, h);
        if (got < 0 || h[0] != RPC_MAGIC || h[3] > RPC_MAX_MESSAGE) {
            fprintf(stderr, "rpc worker: %s\n", got < 0 ? "a request was cut short" : "a request that is not one");
            return 1;
        }
        unsigned char *payload = malloc(h[3] ? h[3] : 1);
        if (payload == NULL) {
            fprintf(stderr, "rpc worker: out of memory for a request of %u bytes\n", h[3]);
            return 1;
        }
        if (read_exactly(RPC_REQUEST_FD, payload, h[3]) != 1) {
            fprintf(stderr, "rpc worker: a request was cut short\n");
            free(payload);
            return 1;
        }
        struct rpc_reader request = { payload, h[3], false };
        struct rpc_buffer reply = { 0 };
        serving = true;
        serving_seq = h[2];
        bool ok = handler(h[1], &request, &reply);
        serving = false;
        free(payload);
        uint32_t status = STATUS_OK;
        if (!ok || reply.failed) {
            char why[160];
            snprintf(why, sizeof why, ok ? "its reply to op %u could not be built (out of memory, or over %zu MiB)"
                                         : "it could not read a request for op %u (a bug in the lab's remote.c or worker.c?)",
                     h[1], RPC_MAX_MESSAGE >> 20);
            rpc_buffer_free(&reply);
            rpc_put(&reply, why, strlen(why));
            status = STATUS_REFUSED;
        }
        unsigned char out[HEADER_BYTES];
        header_pack(out, status, h[2], (uint32_t)reply.len);
        bool wrote = write_all(RPC_REPLY_FD, out, sizeof out, reply.data, reply.len);
        rpc_buffer_free(&reply);
        if (!wrote)
            return 1;
    }
}
