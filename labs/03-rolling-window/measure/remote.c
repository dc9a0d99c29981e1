/*
 * remote.c -- Lab 3's contract for the cmocka suite, called in a worker.
 *
 * tests/03-rolling-window.c links this rolling_mean_var instead of an
 * implementation: it sends x (and the output arrays as they are) to
 * worker-<variant> (worker.c, linked with that implementation) and copies
 * back what the call left in them, x included, so the suite sees exactly
 * what a call in its own process would have done -- a modified input too.
 * A call that fails (a crash, a hang, an exit, a malformed reply) fails the
 * running test with cmocka's fail_msg, so cmocka names the test. The
 * pipeline test passes this function to pipeline_new like any other.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

/* The suite's limit (workload.c) also bounds each call: rpc_suite_client
   takes it from the front end; this is the limit when run by hand. */
static const struct rpc_options options = { .timeout_s = 10 };

static void put_array(struct rpc_buffer *b, const double *a, size_t n)
{
    if (a != NULL)
        rpc_put(b, a, n * sizeof *a);
}

static void get_array(struct rpc_reader *r, double *a, size_t n)
{
    if (a == NULL)
        return;
    const void *after = rpc_get_view(r, n * sizeof *a);
    if (after != NULL && memcmp(after, a, n * sizeof *a) != 0)
        memcpy(a, after, n * sizeof *a);
}

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    struct rpc_client *worker = rpc_suite_client(&options);
    uint8_t given = (x != NULL ? LAB3_GIVEN_X : 0) | (mean != NULL ? LAB3_GIVEN_MEAN : 0) |
                    (var != NULL ? LAB3_GIVEN_VAR : 0);
    struct rpc_buffer request = { 0 };
    rpc_put_u64(&request, n);
    rpc_put_u64(&request, w);
    rpc_put_u8(&request, given);
    put_array(&request, x, n);
    put_array(&request, mean, n);
    put_array(&request, var, n);
    struct rpc_reader reply;
    bool called = rpc_call(worker, LAB3_ROLLING_MEAN_VAR, &request, &reply);
    rpc_buffer_free(&request);
    if (!called)
        fail_msg("rolling_mean_var(n = %zu, w = %zu) %s", n, w, rpc_error(worker));

    int result = (int)(int32_t)rpc_get_u32(&reply);
    get_array(&reply, (double *)x, n); /* as if the call had run here: the suite checks x is unchanged */
    get_array(&reply, mean, n);
    get_array(&reply, var, n);
    if (!rpc_reader_done(&reply))
        fail_msg("rolling_mean_var(n = %zu, w = %zu): the worker's reply is not a reply to this call", n, w);
    return result;
}
