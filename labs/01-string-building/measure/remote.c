/*
 * remote.c -- Lab 1's contract for the cmocka suite, called in a worker.
 *
 * tests/01-string-building.c links this join_ints instead of an
 * implementation: it sends the arguments to worker-<variant> (worker.c, linked
 * with that implementation), and returns the string that comes back, copied
 * into this process's memory, so the suite frees it as usual. A call that
 * fails (a crash, a hang, an exit, a malformed reply) fails the running test
 * with cmocka's fail_msg, so cmocka names the test. See common/rpc.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

/* The suite's whole run is limited to 10 s (workload.c): a hung call is
   reported by name well before that. The slowest honest call (naive, 50,000
   ints) takes ~0.5 s. */
static const struct rpc_options options = { .timeout_s = 5 };

char *join_ints(const int *values, size_t n, char sep)
{
    struct rpc_client *worker = rpc_suite_client(&options);
    struct rpc_buffer request = { 0 };
    rpc_put_u64(&request, n);
    rpc_put_u8(&request, (uint8_t)sep);
    rpc_put_u8(&request, values != NULL);
    if (values != NULL)
        rpc_put(&request, values, n * sizeof *values);
    struct rpc_reader reply;
    bool called = rpc_call(worker, LAB1_JOIN_INTS, &request, &reply);
    rpc_buffer_free(&request);
    if (!called)
        fail_msg("join_ints(n = %zu) %s", n, rpc_error(worker));

    bool returned_null = rpc_get_u8(&reply) != 0;
    uint64_t length = rpc_get_u64(&reply);
    const char *text = rpc_get_view(&reply, length);
    const void *after = values != NULL ? rpc_get_view(&reply, n * sizeof *values) : NULL;
    if (!rpc_reader_done(&reply))
        fail_msg("join_ints(n = %zu): the worker's reply is not a reply to this call", n);
    /* As if the call had run here: what it did to values[] shows (the suite
       checks that it does nothing). */
    if (after != NULL && memcmp(after, values, n * sizeof *values) != 0)
        memcpy((int *)values, after, n * sizeof *values);
    if (returned_null)
        return NULL;
    char *s = malloc(length + 1);
    if (s == NULL)
        return NULL; /* out of memory here: what the contract's NULL means */
    memcpy(s, text, length);
    s[length] = '\0';
    return s;
}
