/*
 * server.c -- Lab 8's slow HTTP service and referee (see server.h).
 *
 * Design decisions
 * - One thread, one poll() loop, non-blocking sockets: the server must hold
 *   hundreds of requests at once without a thread each (the lab's own point).
 *   Its state is under one mutex, taken by the loop while it handles events
 *   and by the caller's server_* functions; never held across poll().
 * - A connection handles one request at a time (HTTP/1.1 without
 *   pipelining): the next request on it is read only once the answer to
 *   the previous one is written. Pipelined requests therefore wait in the
 *   socket, uncounted, as they would behind a real server.
 * - Each loop turn reads every readable socket before it answers the
 *   requests that are due, so a request already sent when an answer leaves
 *   is never counted as coming after it (rounds are not inflated by the
 *   server's own order).
 * - "In flight" is decremented before an answer is written: a client that
 *   sends its next request on reading an answer can never see a 503 for
 *   it. Before a 503, held connections the client has already closed are
 *   dropped first (a request that timed out and was given up is no longer
 *   in flight), so the verdict does not depend on which of two sockets poll
 *   listed first.
 * - The server never closes an idle keep-alive connection itself: libcurl
 *   retries a request on a reused connection that died before any answer,
 *   which would fetch an item twice.
 * - Limits: at most MAX_CONNECTIONS connections (more are accepted and
 *   closed), requests of at most 4 KiB: a flood costs the client, not the
 *   grader.
 */
#define _GNU_SOURCE /* POLLRDHUP, accept4 */
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

enum { MAX_CONNECTIONS = 512, REQUEST_BYTES = 4096, ID_SLOTS = 1 << 16 };

const char server_error_body[] = "internal error\n";
static const char busy_body[] = "busy: too many requests at once\n";
static const char bad_body[] = "bad request: GET /items/<id> only\n";

enum conn_state { READING, HELD, WRITING, GONE /* given up by its client; dropped at the end of the turn */ };

struct conn {
    int fd;
    enum conn_state state;
    char in[REQUEST_BYTES];
    size_t in_len;
    /* HELD: the request being held */
    uint32_t id;
    enum server_fault fault;
    double due;      /* monotonic seconds; HUGE for FAULT_HANG */
    uint64_t chain;  /* its place in the longest chain (rounds) */
    bool close_after;
    /* WRITING */
    char *out;
    size_t out_len, out_off;
    bool reset_after;
};

struct server {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int wake[2];
    bool stopping;

    struct server_config config;
    int listener;          /* TCP, or -1 */
    int port;
    int handover;          /* Unix listener, or -1 */
    char handover_path[108];

    struct conn *conns[MAX_CONNECTIONS];
    size_t n_conns;

    struct server_counts counts;
    uint64_t in_flight, best_done;
    double cpu_at_reset;
    struct {
        uint32_t id;
        unsigned count;
    } ids[ID_SLOTS];
    bool id_used[ID_SLOTS];

    uint64_t sync_asked, sync_done;
};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double thread_cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

size_t item_body(uint64_t secret, uint32_t id, unsigned char *out)
{
    uint64_t state = secret ^ ((uint64_t)id * 0xd1342543de82ef95u);
    size_t len = 64 + (size_t)(splitmix(&state) % (ITEM_MAX_BYTES - 63));
    for (size_t i = 0; i < len; i += 8) {
        uint64_t word = splitmix(&state);
        for (size_t k = 0; k < 8 && i + k < len; k++)
            out[i + k] = (unsigned char)(word >> (8 * k));
    }
    return len;
}

static void set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

/* ---- per-id tallies (open addressing; full table: no more tallies) ------------ */

static void tally(struct server *s, uint32_t id)
{
    size_t slot = (id * 2654435761u) & (ID_SLOTS - 1);
    for (size_t probe = 0; probe < ID_SLOTS; probe++, slot = (slot + 1) & (ID_SLOTS - 1)) {
        if (!s->id_used[slot]) {
            s->id_used[slot] = true;
            s->ids[slot].id = id;
            s->ids[slot].count = 1;
            return;
        }
        if (s->ids[slot].id == id) {
            s->ids[slot].count++;
            return;
        }
    }
}

unsigned server_times_requested(struct server *s, uint32_t id)
{
    unsigned count = 0;
    pthread_mutex_lock(&s->lock);
    size_t slot = (id * 2654435761u) & (ID_SLOTS - 1);
    for (size_t probe = 0; probe < ID_SLOTS && s->id_used[slot]; probe++, slot = (slot + 1) & (ID_SLOTS - 1))
        if (s->ids[slot].id == id) {
            count = s->ids[slot].count;
            break;
        }
    pthread_mutex_unlock(&s->lock);
    return count;
}

/* ---- connections -------------------------------------------------------------------- */

static void drop(struct server *s, size_t i, bool reset)
{
    struct conn *c = s->conns[i];
    if (c->state == HELD)
        s->in_flight--;
    if (reset) {
        struct linger l = { 1, 0 }; /* close with RST, not FIN */
        setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    close(c->fd);
    free(c->out);
    free(c);
    s->conns[i] = s->conns[--s->n_conns];
}

/* Queue an answer on c; the loop writes it. */
static void answer(struct conn *c, int status, const char *reason, const void *body, size_t len, size_t send_len,
                   bool reset_after)
{
    size_t cap = 256 + len;
    c->out = malloc(cap);
    if (c->out == NULL) {
        c->close_after = true;
        c->out_len = 0;
    } else {
        int head = snprintf(c->out, cap,
                            "HTTP/1.1 %d %s\r\nContent-Type: application/octet-stream\r\nContent-Length: %zu\r\n%s\r\n",
                            status, reason, len, c->close_after ? "Connection: close\r\n" : "");
        memcpy(c->out + head, body, send_len);
        c->out_len = (size_t)head + send_len;
    }
    c->out_off = 0;
    c->reset_after = reset_after;
    c->state = WRITING;
}

static enum server_fault fault_of(const struct server *s, uint32_t id)
{
    for (size_t i = 0; i < s->config.n_faults; i++)
        if (s->config.faults[i].id == id)
            return s->config.faults[i].fault;
    return FAULT_NONE;
}

/* Held connections whose client has gone (closed or reset) are no longer in
   flight. They are marked, not dropped: the loop is walking the array. */
static void mark_abandoned(struct server *s)
{
    for (size_t i = 0; i < s->n_conns; i++) {
        struct conn *c = s->conns[i];
        char byte;
        if (c->state == HELD) {
            ssize_t r = recv(c->fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
                s->in_flight--;
                c->state = GONE;
            }
        }
    }
}

/* A complete request is in c->in (ending at `end`): judge it. */
static void take_request(struct server *s, struct conn *c, size_t end)
{
    s->counts.requests++;
    char line[128];
    size_t line_len = strcspn(c->in, "\r\n");
    snprintf(line, sizeof line, "%.*s", (int)(line_len < sizeof line - 1 ? line_len : sizeof line - 1), c->in);
    /* Connection: close (or HTTP/1.0 without keep-alive) */
    bool http10 = strstr(line, " HTTP/1.0") != NULL;
    c->close_after = http10;
    for (const char *h = c->in; h != NULL && h < c->in + end; h = strstr(h, "\r\n")) {
        h += 2;
        if (strncasecmp(h, "connection:", 11) == 0) {
            size_t vlen = strcspn(h + 11, "\r\n");
            char value[64];
            snprintf(value, sizeof value, "%.*s", (int)(vlen < 63 ? vlen : 63), h + 11);
            if (strcasestr(value, "close"))
                c->close_after = true;
            else if (strcasestr(value, "keep-alive"))
                c->close_after = false;
        }
    }
    char tail[16];
    unsigned long id;
    int used = 0;
    bool good = sscanf(line, "GET /items/%lu HTTP/1.%1[01]%n", &id, tail, &used) == 2 &&
                (size_t)used == strlen(line) && id <= UINT32_MAX && line[11] >= '0' && line[11] <= '9';
    /* the request's bytes are consumed; what follows (pipelined) stays */
    memmove(c->in, c->in + end, c->in_len - end);
    c->in_len -= end;
    if (!good) {
        s->counts.bad++;
        c->close_after = true;
        answer(c, 400, "Bad Request", bad_body, sizeof bad_body - 1, sizeof bad_body - 1, false);
        return;
    }
    tally(s, (uint32_t)id);
    unsigned limit = s->config.max_in_flight;
    if (limit > 0 && s->in_flight >= limit)
        mark_abandoned(s);
    if (limit > 0 && s->in_flight >= limit) {
        s->counts.rejected++;
        answer(c, 503, "Service Unavailable", busy_body, sizeof busy_body - 1, sizeof busy_body - 1, false);
        return;
    }
    s->in_flight++;
    if (s->in_flight > s->counts.peak_in_flight)
        s->counts.peak_in_flight = s->in_flight;
    c->chain = s->best_done + 1;
    if (c->chain > s->counts.rounds)
        s->counts.rounds = c->chain;
    c->id = (uint32_t)id;
    c->fault = fault_of(s, c->id);
    c->due = c->fault == FAULT_HANG ? 1e300 : now_s() + s->config.delay_ms / 1000.0;
    c->state = HELD;
}

/* Its time has come: the answer to the request held on c. */
static void release(struct server *s, struct conn *c)
{
    s->in_flight--; /* before the answer leaves: see the notes at the top */
    if (c->chain > s->best_done)
        s->best_done = c->chain;
    unsigned char body[ITEM_MAX_BYTES];
    if (c->fault == FAULT_ERROR_500) {
        answer(c, 500, "Internal Server Error", server_error_body, sizeof server_error_body - 1,
               sizeof server_error_body - 1, false);
        return;
    }
    size_t len = item_body(s->config.secret, c->id, body);
    if (c->fault == FAULT_RESET) {
        answer(c, 200, "OK", body, len, len / 2, true);
        return;
    }
    s->counts.ok++;
    answer(c, 200, "OK", body, len, len, false);
}

/* Read what is there; take a request when one is complete. False: drop c. */
static bool read_some(struct server *s, struct conn *c)
{
    for (;;) {
        if (c->state != READING)
            return true;
        char *end = c->in_len >= 4 ? memmem(c->in, c->in_len, "\r\n\r\n", 4) : NULL;
        if (end != NULL) {
            take_request(s, c, (size_t)(end - c->in) + 4);
            continue;
        }
        if (c->in_len == sizeof c->in - 1) {
            s->counts.bad++;
            c->close_after = true;
            c->in_len = 0;
            answer(c, 400, "Bad Request", bad_body, sizeof bad_body - 1, sizeof bad_body - 1, false);
            return true;
        }
        ssize_t r = recv(c->fd, c->in + c->in_len, sizeof c->in - 1 - c->in_len, MSG_DONTWAIT);
        if (r == 0)
            return false;
        if (r < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        c->in_len += (size_t)r;
        c->in[c->in_len] = '\0';
    }
}

/* Write what is queued. False: drop c (and reset it when asked). */
static bool write_some(struct server *s, struct conn *c, bool *reset)
{
    while (c->out_off < c->out_len) {
        ssize_t w = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (w < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        c->out_off += (size_t)w;
    }
    free(c->out);
    c->out = NULL;
    if (c->reset_after || c->close_after) {
        *reset = c->reset_after;
        return false;
    }
    c->state = READING;
    return read_some(s, c); /* a pipelined request may be waiting */
}

/* ---- listeners -------------------------------------------------------------------- */

static void accept_all(struct server *s)
{
    for (;;) {
        int fd = accept4(s->listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        struct conn *c = s->n_conns < MAX_CONNECTIONS ? calloc(1, sizeof *c) : NULL;
        if (c == NULL) {
            close(fd);
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c->fd = fd;
        c->state = READING;
        s->conns[s->n_conns++] = c;
        s->counts.connections++;
    }
}

/* A listener handed over on the Unix socket: a listening TCP socket, or refused. */
static void take_handover(struct server *s)
{
    int conn = accept4(s->handover, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0)
        return;
    /* The worker sends at once; a peer that sends nothing within 1 s is dropped. */
    struct timeval tv = { 1, 0 };
    setsockopt(conn, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char data[8];
    union {
        struct cmsghdr h;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    struct iovec iov = { data, sizeof data };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space,
                          .msg_controllen = sizeof control.space };
    ssize_t r = recvmsg(conn, &msg, MSG_CMSG_CLOEXEC);
    close(conn);
    struct cmsghdr *h = r > 0 ? CMSG_FIRSTHDR(&msg) : NULL;
    if (h == NULL || h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS || h->cmsg_len != CMSG_LEN(sizeof(int)))
        return;
    int fd;
    memcpy(&fd, CMSG_DATA(h), sizeof fd);
    int listening = 0, domain = 0, type = 0;
    socklen_t len = sizeof listening;
    struct sockaddr_in addr;
    socklen_t addr_len = sizeof addr;
    bool ok = getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening &&
              (len = sizeof domain, getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0) &&
              domain == AF_INET && (len = sizeof type, getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0) &&
              type == SOCK_STREAM && getsockname(fd, (struct sockaddr *)&addr, &addr_len) == 0;
    if (!ok) {
        close(fd);
        return;
    }
    set_nonblocking(fd);
    if (s->listener >= 0)
        close(s->listener);
    s->listener = fd;
    s->port = ntohs(addr.sin_port);
    pthread_cond_broadcast(&s->changed);
}

/* ---- the loop ------------------------------------------------------------------------- */

static void *loop(void *arg)
{
    struct server *s = arg;
    struct pollfd fds[MAX_CONNECTIONS + 3];
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        uint64_t sync_asked = s->sync_asked;
        size_t n = 0;
        fds[n++] = (struct pollfd){ s->wake[0], POLLIN, 0 };
        fds[n++] = (struct pollfd){ s->listener, POLLIN, 0 };  /* -1 is ignored by poll */
        fds[n++] = (struct pollfd){ s->handover, POLLIN, 0 };
        double next = 1e300;
        for (size_t i = 0; i < s->n_conns; i++) {
            struct conn *c = s->conns[i];
            short events = c->state == READING ? POLLIN : c->state == WRITING ? POLLOUT : POLLRDHUP;
            fds[n++] = (struct pollfd){ c->fd, events, 0 };
            if (c->state == HELD && c->due < next)
                next = c->due;
        }
        int timeout = -1;
        if (next < 1e299) {
            double wait_ms = (next - now_s()) * 1000.0;
            timeout = wait_ms <= 0 ? 0 : (int)wait_ms + 1;
        }
        if (sync_asked > s->sync_done)
            timeout = 0; /* a turn that polls after the ask, at once (server_counts) */
        size_t n_conns = s->n_conns;
        pthread_mutex_unlock(&s->lock);
        int ready = poll(fds, n, timeout);
        pthread_mutex_lock(&s->lock);
        if (ready < 0 && errno != EINTR)
            break;
        if (fds[0].revents & POLLIN) {
            char buf[64];
            while (read(s->wake[0], buf, sizeof buf) > 0) {
            }
        }
        if (s->stopping)
            break;
        /* Connections first (polled ones are s->conns[0 .. n_conns) in
           order; drop() moves the last one into a freed slot, so walk
           backwards), then new connections and listeners. */
        for (size_t k = n_conns; k-- > 0;) {
            struct conn *c = s->conns[k];
            short rev = fds[3 + k].revents;
            if (rev == 0)
                continue;
            bool keep = true, reset = false;
            if (c->state == GONE)
                continue;
            if (c->state == READING)
                keep = read_some(s, c);
            else if (c->state == WRITING)
                keep = write_some(s, c, &reset);
            else if (rev & (POLLRDHUP | POLLHUP | POLLERR))
                keep = false; /* the client gave up on its held request */
            if (!keep)
                drop(s, k, reset);
        }
        for (size_t k = s->n_conns; k-- > 0;)
            if (s->conns[k]->state == GONE)
                drop(s, k, false);
        if (fds[1].revents & POLLIN)
            accept_all(s);
        if (fds[2].revents & POLLIN)
            take_handover(s);
        /* Then the answers that are due. */
        double t = now_s();
        for (size_t k = s->n_conns; k-- > 0;) {
            struct conn *c = s->conns[k];
            if (c->state != HELD || c->due > t)
                continue;
            release(s, c);
            bool reset = false;
            if (!write_some(s, c, &reset))
                drop(s, k, reset);
        }
        s->counts.cpu_s = thread_cpu_s() - s->cpu_at_reset;
        if (s->sync_done < sync_asked) {
            s->sync_done = sync_asked;
            pthread_cond_broadcast(&s->changed);
        }
    }
    s->stopping = true;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

static void wake(struct server *s)
{
    char byte = 1;
    ssize_t ignored = write(s->wake[1], &byte, 1);
    (void)ignored;
}

/* ---- the caller's side ---------------------------------------------------------------- */

static int tcp_listener(char *why, size_t size)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 1024) != 0) {
        snprintf(why, size, "cannot listen on 127.0.0.1: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* A Unix socket's address holds at most 107 bytes of path, and a checkout
   can be deeper than that. A longer path is reached through its folder,
   opened here: /proc/self/fd/<folder>/<name> (*dir_fd is then that folder,
   to close after bind or connect; -1 otherwise). */
static bool unix_address(const char *path, struct sockaddr_un *addr, int *dir_fd, char *why, size_t size)
{
    memset(addr, 0, sizeof *addr);
    addr->sun_family = AF_UNIX;
    *dir_fd = -1;
    if (strlen(path) < sizeof addr->sun_path) {
        memcpy(addr->sun_path, path, strlen(path) + 1);
        return true;
    }
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (slash == NULL || (size_t)(slash - path) >= sizeof dir || strlen(slash) > 64) {
        snprintf(why, size, "cannot make a Unix socket address of %s", path);
        return false;
    }
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    *dir_fd = open(dir[0] ? dir : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (*dir_fd < 0) {
        snprintf(why, size, "cannot open %s: %s", dir, strerror(errno));
        return false;
    }
    snprintf(addr->sun_path, sizeof addr->sun_path, "/proc/self/fd/%d%s", *dir_fd, slash);
    return true;
}

static void close_dir(int dir_fd)
{
    if (dir_fd >= 0)
        close(dir_fd);
}

struct server *server_start(const struct server_config *config, const char *handover_path, char *why, size_t size)
{
    struct server *s = calloc(1, sizeof *s);
    if (s == NULL) {
        snprintf(why, size, "out of memory");
        return NULL;
    }
    s->config = *config;
    s->listener = s->handover = -1;
    s->wake[0] = s->wake[1] = -1;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    if (pipe2(s->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        snprintf(why, size, "pipe: %s", strerror(errno));
        goto fail;
    }
    if (handover_path == NULL) {
        if ((s->listener = tcp_listener(why, size)) < 0)
            goto fail;
        struct sockaddr_in addr;
        socklen_t len = sizeof addr;
        getsockname(s->listener, (struct sockaddr *)&addr, &len);
        s->port = ntohs(addr.sin_port);
        set_nonblocking(s->listener);
    } else {
        struct sockaddr_un addr;
        int dir_fd;
        if (!unix_address(handover_path, &addr, &dir_fd, why, size))
            goto fail;
        unlink(handover_path);
        s->handover = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        /* Made connectable by the sandbox's user (nobody, under root) as it
           is created, not by a chmod of the path afterwards: the folder may
           be the sandbox's scratch, where the path could be swapped. */
        mode_t mask = umask(0);
        bool bound = s->handover >= 0 && bind(s->handover, (struct sockaddr *)&addr, sizeof addr) == 0;
        umask(mask);
        close_dir(dir_fd);
        if (!bound || listen(s->handover, 16) != 0) {
            snprintf(why, size, "cannot listen on %s: %s", handover_path, strerror(errno));
            goto fail;
        }
        snprintf(s->handover_path, sizeof s->handover_path, "%s", handover_path);
    }
    s->cpu_at_reset = 0;
    if (pthread_create(&s->thread, NULL, loop, s) != 0) {
        snprintf(why, size, "cannot start the server's thread");
        goto fail;
    }
    return s;
fail:
    if (s->listener >= 0)
        close(s->listener);
    if (s->handover >= 0)
        close(s->handover);
    if (s->wake[0] >= 0)
        close(s->wake[0]), close(s->wake[1]);
    free(s);
    return NULL;
}

int server_port(struct server *s)
{
    pthread_mutex_lock(&s->lock);
    int port = s->port;
    pthread_mutex_unlock(&s->lock);
    return port;
}

bool server_wait_listener(struct server *s, double timeout_s)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += (time_t)timeout_s;
    pthread_mutex_lock(&s->lock);
    while (s->listener < 0 && !s->stopping)
        if (pthread_cond_timedwait(&s->changed, &s->lock, &deadline) != 0)
            break;
    bool ok = s->listener >= 0;
    pthread_mutex_unlock(&s->lock);
    return ok;
}

void server_configure(struct server *s, const struct server_config *config)
{
    pthread_mutex_lock(&s->lock);
    s->config = *config;
    pthread_mutex_unlock(&s->lock);
    wake(s);
}

void server_reset(struct server *s)
{
    pthread_mutex_lock(&s->lock);
    memset(&s->counts, 0, sizeof s->counts);
    memset(s->id_used, 0, sizeof s->id_used);
    s->best_done = 0;
    s->counts.peak_in_flight = s->in_flight;
    pthread_mutex_unlock(&s->lock);
    /* The CPU clock of the loop's thread: read it there. */
    clockid_t clock;
    struct timespec t = { 0, 0 };
    if (pthread_getcpuclockid(s->thread, &clock) == 0)
        clock_gettime(clock, &t);
    pthread_mutex_lock(&s->lock);
    s->cpu_at_reset = (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
    pthread_mutex_unlock(&s->lock);
}

void server_counts(struct server *s, struct server_counts *out)
{
    pthread_mutex_lock(&s->lock);
    uint64_t ticket = ++s->sync_asked;
    pthread_mutex_unlock(&s->lock);
    wake(s);
    pthread_mutex_lock(&s->lock);
    while (s->sync_done < ticket && !s->stopping)
        pthread_cond_wait(&s->changed, &s->lock);
    *out = s->counts;
    pthread_mutex_unlock(&s->lock);
}

void server_stop(struct server *s)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_mutex_unlock(&s->lock);
    wake(s);
    pthread_join(s->thread, NULL);
    while (s->n_conns > 0)
        drop(s, s->n_conns - 1, false);
    if (s->listener >= 0)
        close(s->listener);
    if (s->handover >= 0) {
        close(s->handover);
        unlink(s->handover_path);
    }
    close(s->wake[0]);
    close(s->wake[1]);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->changed);
    free(s);
}

/* ---- the worker's side ---------------------------------------------------------------- */

int server_hand_over(const char *path, char *why, size_t size)
{
    struct sockaddr_un addr;
    int dir_fd;
    if (!unix_address(path, &addr, &dir_fd, why, size))
        return -1;
    int listener = tcp_listener(why, size);
    if (listener < 0) {
        close_dir(dir_fd);
        return -1;
    }
    struct sockaddr_in in;
    socklen_t len = sizeof in;
    getsockname(listener, (struct sockaddr *)&in, &len);
    int port = ntohs(in.sin_port);
    int conn = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool connected = conn >= 0 && connect(conn, (struct sockaddr *)&addr, sizeof addr) == 0;
    close_dir(dir_fd);
    if (!connected) {
        snprintf(why, size, "cannot reach the lab's server at %s: %s", path, strerror(errno));
        goto fail;
    }
    union {
        struct cmsghdr h;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    memset(&control, 0, sizeof control);
    char data[1] = { 'L' };
    struct iovec iov = { data, sizeof data };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space,
                          .msg_controllen = sizeof control.space };
    struct cmsghdr *h = CMSG_FIRSTHDR(&msg);
    h->cmsg_level = SOL_SOCKET;
    h->cmsg_type = SCM_RIGHTS;
    h->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(h), &listener, sizeof listener);
    if (sendmsg(conn, &msg, MSG_NOSIGNAL) != 1) {
        snprintf(why, size, "cannot hand the listener over: %s", strerror(errno));
        goto fail;
    }
    close(conn);
    close(listener); /* the server's copy is the one that stays */
    return port;
fail:
    if (conn >= 0)
        close(conn);
    close(listener);
    return -1;
}
