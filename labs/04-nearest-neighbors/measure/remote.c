/*
 * remote.c -- Lab 4's contract for the cmocka suite, called in a worker.
 *
 * tests/04-nearest-neighbors.c links this all_nearest instead of an
 * implementation: it sends the points (and nearest[] as it is) to
 * worker-<variant> (worker.c, linked with that implementation) and copies
 * back what the call left in both, so the suite sees exactly what a call in
 * its own process would have done. The suite runs some calls on a 64 KiB
 * thread stack; this side measures the stack it runs on and the worker runs
 * the call on one as small. A call that fails (a crash, a hang, an exit, a
 * malformed reply) fails the running test with fail_msg -- or, on a thread
 * of the suite's, where cmocka cannot jump, prints why and returns -2, which
 * the suite's check of the result then reports.
 */
#define _GNU_SOURCE /* pthread_getattr_np */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

/* The suite's limit (workload.c) also bounds each call: rpc_suite_client
   takes it from the front end; this is the limit when run by hand. */
static const struct rpc_options options = { .timeout_s = 20 };

/* Our stack's size, when it is smaller than a main thread's; else 0. */
static uint64_t small_stack_size(void)
{
    pthread_attr_t attr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return 0;
    pthread_attr_getstacksize(&attr, &size);
    pthread_attr_destroy(&attr);
    return size < ((size_t)1 << 20) ? size : 0;
}

static int failed(struct rpc_client *worker, size_t n, uint64_t stack, const char *what)
{
    if (stack == 0)
        fail_msg("all_nearest(n = %zu) %s", n, what != NULL ? what : rpc_error(worker));
    fprintf(stderr, "ERROR: all_nearest(n = %zu, on a %llu-byte stack) %s\n", n, (unsigned long long)stack,
            what != NULL ? what : rpc_error(worker));
    return -2;
}

int all_nearest(const struct point3 *pts, size_t n, size_t *nearest)
{
    struct rpc_client *worker = rpc_suite_client(&options);
    uint64_t stack = small_stack_size();
    uint8_t given = (pts != NULL ? LAB4_GIVEN_PTS : 0) | (nearest != NULL ? LAB4_GIVEN_NEAREST : 0);
    struct rpc_buffer request = { 0 };
    rpc_put_u64(&request, n);
    rpc_put_u64(&request, stack);
    rpc_put_u8(&request, given);
    if (pts != NULL)
        rpc_put(&request, pts, n * sizeof *pts);
    if (nearest != NULL)
        rpc_put(&request, nearest, n * sizeof *nearest);
    struct rpc_reader reply;
    bool called = rpc_call(worker, LAB4_ALL_NEAREST, &request, &reply);
    rpc_buffer_free(&request);
    if (!called)
        return failed(worker, n, stack, NULL);

    int result = (int)(int32_t)rpc_get_u32(&reply);
    const void *pts_after = pts != NULL ? rpc_get_view(&reply, n * sizeof *pts) : NULL;
    const void *nearest_after = nearest != NULL ? rpc_get_view(&reply, n * sizeof *nearest) : NULL;
    if (!rpc_reader_done(&reply))
        return failed(worker, n, stack, "sent a reply that is not a reply to this call");
    /* As if the call had run here: the suite checks the points are unchanged. */
    if (pts_after != NULL && memcmp(pts_after, pts, n * sizeof *pts) != 0)
        memcpy((struct point3 *)pts, pts_after, n * sizeof *pts);
    if (nearest_after != NULL)
        memcpy(nearest, nearest_after, n * sizeof *nearest);
    return result;
}
