/*
 * remote.c -- Lab 7's contract for the cmocka suite, called in a worker.
 *
 * tests/07-batching.c links this sender_* instead of an implementation: each
 * call runs in worker-<variant> (worker.c, linked with that implementation),
 * so the suite, which reads the other end of the descriptor and decides
 * whether every reading arrived whole, in order and on time, never shares
 * an address space with the code it judges. A call that fails (a crash, a
 * hang, a malformed reply) fails the running test with cmocka's fail_msg.
 *
 * The descriptor crosses over a Unix socket given to every worker as fd
 * RPC_FIRST_PASSED_FD (rpc_options.pass_fds), as SCM_RIGHTS: the worker gets
 * its own copy of the suite's socket end, exactly as a process that
 * inherits one. See remote.h for the wire format.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "remote.h"
#include "rpc.h"

/* The suite as a whole is limited (workload.c); a hung call is reported by
   name well before. The slowest honest call, a bulk push of 20,000
   readings by naive, takes a few tens of milliseconds. */
enum { CALL_TIMEOUT_S = 5 };

struct sender {
    uint32_t handle;
};

static int channel[2] = { -1, -1 }; /* [0]: ours; [1]: the workers' fd 5 */
static bool fd_left_open;

static struct rpc_client *worker(void)
{
    static int passed[1];
    static struct rpc_options options = { .timeout_s = CALL_TIMEOUT_S, .pass_fds = passed, .n_pass_fds = 1 };
    if (channel[0] < 0) {
        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, channel) != 0)
            fail_msg("socketpair for passing descriptors: %s", strerror(errno));
        passed[0] = channel[1];
    }
    return rpc_suite_client(&options);
}

/* Hand fd to whichever worker reads the channel next, tagged with token. */
static void send_fd(int fd, uint64_t token)
{
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct iovec iov = { &token, sizeof token };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    if (sendmsg(channel[0], &m, 0) != (ssize_t)sizeof token)
        fail_msg("passing fd %d to the worker: %s", fd, strerror(errno));
}

/* One call; the reply's i32 rc and i32 errno are read here, the rest by the caller. */
static int call(const char *what, uint32_t op, struct rpc_buffer *request, struct rpc_reader *reply)
{
    struct rpc_client *w = worker();
    bool called = rpc_call(w, op, request, reply);
    rpc_buffer_free(request);
    if (!called)
        fail_msg("%s %s", what, rpc_error(w));
    int rc = (int)rpc_get_u32(reply);
    int err = (int)rpc_get_u32(reply);
    errno = err;
    return rc;
}

static void done(const char *what, struct rpc_reader *reply, int err)
{
    if (!rpc_reader_done(reply))
        fail_msg("%s: the worker's reply is not a reply to this call", what);
    errno = err;
}

struct sender *sender_open(int fd, size_t max_batch, uint64_t max_delay_ns)
{
    static uint64_t next_token;
    uint64_t token = ++next_token;
    worker();
    send_fd(fd, token);
    struct rpc_buffer request = { 0 };
    rpc_put_u64(&request, token);
    rpc_put_u64(&request, max_batch);
    rpc_put_u64(&request, max_delay_ns);
    struct rpc_client *w = worker();
    struct rpc_reader reply;
    bool called = rpc_call(w, LAB7_OPEN, &request, &reply);
    rpc_buffer_free(&request);
    if (!called)
        fail_msg("sender_open(max_batch = %zu) %s", max_batch, rpc_error(w));
    bool returned_null = rpc_get_u8(&reply) != 0;
    int err = (int)rpc_get_u32(&reply);
    uint32_t handle = rpc_get_u32(&reply);
    done("sender_open", &reply, err);
    if (returned_null)
        return NULL;
    struct sender *s = malloc(sizeof *s);
    if (s == NULL)
        fail_msg("out of memory");
    s->handle = handle;
    errno = err;
    return s;
}

int remote_push_many(struct sender *s, const struct reading *readings, const uint64_t *now_ns, size_t n,
                     size_t *made)
{
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, s->handle);
    rpc_put_u64(&request, n);
    for (size_t i = 0; i < n; i++) {
        rpc_put_u64(&request, now_ns[i]);
        rpc_put(&request, &readings[i], sizeof readings[i]);
    }
    struct rpc_reader reply;
    int rc = call("sender_push", LAB7_PUSH, &request, &reply);
    int err = errno;
    *made = (size_t)rpc_get_u64(&reply);
    done("sender_push", &reply, err);
    return rc;
}

int sender_push(struct sender *s, const struct reading *r, uint64_t now_ns)
{
    size_t made;
    return remote_push_many(s, r, &now_ns, 1, &made);
}

int sender_tick(struct sender *s, uint64_t now_ns)
{
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, s->handle);
    rpc_put_u64(&request, now_ns);
    struct rpc_reader reply;
    int rc = call("sender_tick", LAB7_TICK, &request, &reply);
    done("sender_tick", &reply, errno);
    return rc;
}

int sender_close(struct sender *s)
{
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, s->handle);
    free(s);
    struct rpc_reader reply;
    int rc = call("sender_close", LAB7_CLOSE, &request, &reply);
    int err = errno;
    fd_left_open = rpc_get_u8(&reply) != 0;
    done("sender_close", &reply, err);
    return rc;
}

bool remote_fd_left_open(void)
{
    return fd_left_open;
}
