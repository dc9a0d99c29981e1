/*
 * worker.c -- worker-<variant>: serves Lab 7's calls for the suite
 * (remote.c) with the sender of the variant linked in. See common/rpc.h
 * and remote.h.
 *
 * It ignores SIGPIPE before anything else, as the contract says the caller
 * does (lab.h): a sender that writes to a closed reader must get EPIPE.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

static struct sender *senders[LAB7_MAX_SENDERS];
static int fds[LAB7_MAX_SENDERS]; /* our copy of each sender's descriptor */

/* The descriptor the suite sent with this token; older ones (left by a
   worker that died before taking them) are closed. -1 if none came. */
static int receive_fd(uint64_t token)
{
    for (;;) {
        uint64_t got = 0;
        char control[CMSG_SPACE(sizeof(int))];
        struct iovec iov = { &got, sizeof got };
        struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control };
        ssize_t n = recvmsg(RPC_FIRST_PASSED_FD, &m, MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof got)
            return -1;
        int fd = -1;
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        if (c != NULL && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            memcpy(&fd, CMSG_DATA(c), sizeof fd);
        if (got == token)
            return fd;
        if (fd >= 0)
            close(fd);
    }
}

static void put_result(struct rpc_buffer *reply, int rc, int err)
{
    rpc_put_u32(reply, (uint32_t)rc);
    rpc_put_u32(reply, (uint32_t)(rc == 0 ? 0 : err));
}

static struct sender *find(uint32_t handle)
{
    return handle < LAB7_MAX_SENDERS ? senders[handle] : NULL;
}

static bool open_one(struct rpc_reader *request, struct rpc_buffer *reply)
{
    uint64_t token = rpc_get_u64(request);
    uint64_t max_batch = rpc_get_u64(request);
    uint64_t max_delay_ns = rpc_get_u64(request);
    if (!rpc_reader_done(request))
        return false;
    uint32_t handle = 0;
    while (handle < LAB7_MAX_SENDERS && senders[handle] != NULL)
        handle++;
    int fd = receive_fd(token);
    if (handle == LAB7_MAX_SENDERS || fd < 0) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    errno = 0;
    struct sender *s = sender_open(fd, (size_t)max_batch, max_delay_ns);
    int err = errno;
    if (s == NULL)
        close(fd);
    else {
        senders[handle] = s;
        fds[handle] = fd;
    }
    rpc_put_u8(reply, s == NULL);
    rpc_put_u32(reply, (uint32_t)err);
    rpc_put_u32(reply, handle);
    return true;
}

static bool push(struct rpc_reader *request, struct rpc_buffer *reply)
{
    struct sender *s = find(rpc_get_u32(request));
    uint64_t n = rpc_get_u64(request);
    if (s == NULL || request->failed || n != request->left / (8 + sizeof(struct reading)) ||
        request->left % (8 + sizeof(struct reading)) != 0)
        return false;
    int rc = 0, err = 0;
    uint64_t made = 0;
    while (made < n && rc == 0) {
        uint64_t now = rpc_get_u64(request);
        struct reading r;
        rpc_get(request, &r, sizeof r);
        rc = sender_push(s, &r, now);
        err = errno;
        made++;
    }
    put_result(reply, rc, err);
    rpc_put_u64(reply, made);
    return true;
}

static bool tick(struct rpc_reader *request, struct rpc_buffer *reply)
{
    struct sender *s = find(rpc_get_u32(request));
    uint64_t now = rpc_get_u64(request);
    if (s == NULL || !rpc_reader_done(request))
        return false;
    int rc = sender_tick(s, now);
    put_result(reply, rc, errno);
    return true;
}

static bool close_one(struct rpc_reader *request, struct rpc_buffer *reply)
{
    uint32_t handle = rpc_get_u32(request);
    struct sender *s = find(handle);
    if (s == NULL || !rpc_reader_done(request))
        return false;
    senders[handle] = NULL;
    int rc = sender_close(s);
    int err = errno;
    bool still_open = fcntl(fds[handle], F_GETFD) != -1;
    if (still_open)
        close(fds[handle]);
    put_result(reply, rc, err);
    rpc_put_u8(reply, still_open);
    return true;
}

static bool handle(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply)
{
    switch (op) {
    case LAB7_OPEN:
        return open_one(request, reply);
    case LAB7_PUSH:
        return push(request, reply);
    case LAB7_TICK:
        return tick(request, reply);
    case LAB7_CLOSE:
        return close_one(request, reply);
    default:
        return false;
    }
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    return rpc_serve(handle);
}
