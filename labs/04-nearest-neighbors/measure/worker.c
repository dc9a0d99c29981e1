/*
 * worker.c -- Lab 4's worker: serves all_nearest calls (remote.h) with the
 * implementation it is linked with, on a stack as small as the suite's when
 * the suite asks. See common/rpc.h.
 */
#include <pthread.h>
#include <stdlib.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

struct call {
    const struct point3 *pts;
    size_t n;
    size_t *nearest;
    int result;
};

static void *call_in_thread(void *arg)
{
    struct call *c = arg;
    c->result = all_nearest(c->pts, c->n, c->nearest);
    return NULL;
}

/* The call, on a thread with a stack of `stack` bytes, or on ours (0). */
static int call(struct call *c, size_t stack)
{
    if (stack == 0)
        return all_nearest(c->pts, c->n, c->nearest);
    pthread_attr_t attr;
    pthread_t thread;
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, stack) != 0 ||
        pthread_create(&thread, &attr, call_in_thread, c) != 0 || pthread_join(thread, NULL) != 0)
        abort(); /* the suite sees a crash, never a made-up answer */
    pthread_attr_destroy(&attr);
    return c->result;
}

static bool handle(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply)
{
    if (op != LAB4_ALL_NEAREST)
        return false;
    uint64_t n = rpc_get_u64(request);
    uint64_t stack = rpc_get_u64(request);
    uint8_t given = rpc_get_u8(request);
    size_t bytes = ((given & LAB4_GIVEN_PTS) ? sizeof(struct point3) : 0) +
                   ((given & LAB4_GIVEN_NEAREST) ? sizeof(size_t) : 0);
    if (request->failed || (given & ~3u) != 0 || (bytes > 0 && n > request->left / bytes) ||
        request->left != n * bytes)
        return false;
    /* Each array in its own allocation, sized exactly: a read or write past
       its end is caught (AddressSanitizer) as in the suite's process. */
    struct point3 *pts = NULL;
    size_t *nearest = NULL;
    bool ok = true;
    if (given & LAB4_GIVEN_PTS)
        ok = (pts = malloc(n > 0 ? n * sizeof *pts : 1)) != NULL && rpc_get(request, pts, n * sizeof *pts);
    if (ok && (given & LAB4_GIVEN_NEAREST))
        ok = (nearest = malloc(n > 0 ? n * sizeof *nearest : 1)) != NULL &&
             rpc_get(request, nearest, n * sizeof *nearest);
    if (ok) {
        struct call c = { pts, (size_t)n, nearest, -1 };
        int result = call(&c, (size_t)stack);
        rpc_put_u32(reply, (uint32_t)result);
        if (pts != NULL)
            rpc_put(reply, pts, n * sizeof *pts);
        if (nearest != NULL)
            rpc_put(reply, nearest, n * sizeof *nearest);
    }
    free(pts);
    free(nearest);
    return ok;
}

int main(void)
{
    return rpc_serve(handle);
}
