/*
 * remote.c -- Lab 2's contract for the cmocka suite, called in a worker.
 *
 * tests/02-membership.c links these intset_* functions instead of an
 * implementation: each one sends its arguments to worker-<variant>
 * (worker.c, linked with that implementation), where the real sets live.
 * The suite's struct intset is a handle holding the worker's id for the set
 * (remote.h). A call that fails (a crash, a hang, an exit, a malformed
 * reply) fails the running test with cmocka's fail_msg, which names the
 * call and the test. See common/rpc.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

/* The suite's whole run is limited (workload.c); a hung call is reported
   by name before that. Each honest call takes microseconds (naive's list
   scans at the suite's sizes: well under a millisecond). */
static const struct rpc_options options = { .timeout_s = 5 };

struct intset {
    uint64_t id; /* the worker's */
};

/* One call with up to two u64 arguments; the reply's reader. */
static struct rpc_reader call(uint32_t op, const char *name, int args, uint64_t a, uint64_t b)
{
    struct rpc_client *worker = rpc_suite_client(&options);
    struct rpc_buffer request = { 0 };
    if (args > 0)
        rpc_put_u64(&request, a);
    if (args > 1)
        rpc_put_u64(&request, b);
    struct rpc_reader reply;
    bool called = rpc_call(worker, op, &request, &reply);
    rpc_buffer_free(&request);
    if (!called)
        fail_msg("%s %s", name, rpc_error(worker));
    return reply;
}

static void done(struct rpc_reader *reply, const char *name)
{
    if (!rpc_reader_done(reply))
        fail_msg("%s: the worker's reply is not a reply to this call", name);
}

struct intset *intset_new(void)
{
    struct rpc_reader reply = call(LAB2_NEW, "intset_new()", 0, 0, 0);
    uint64_t id = rpc_get_u64(&reply);
    done(&reply, "intset_new()");
    if (id == 0)
        return NULL;
    struct intset *s = malloc(sizeof *s);
    if (s == NULL)
        fail_msg("intset_new(): out of memory in the suite");
    s->id = id;
    return s;
}

bool intset_add(struct intset *s, uint64_t key)
{
    struct rpc_reader reply = call(LAB2_ADD, "intset_add()", 2, s != NULL ? s->id : 0, key);
    bool added = rpc_get_u8(&reply) != 0;
    done(&reply, "intset_add()");
    return added;
}

bool intset_contains(const struct intset *s, uint64_t key)
{
    struct rpc_reader reply = call(LAB2_CONTAINS, "intset_contains()", 2, s != NULL ? s->id : 0, key);
    bool present = rpc_get_u8(&reply) != 0;
    done(&reply, "intset_contains()");
    return present;
}

size_t intset_size(const struct intset *s)
{
    struct rpc_reader reply = call(LAB2_SIZE, "intset_size()", 1, s != NULL ? s->id : 0, 0);
    uint64_t size = rpc_get_u64(&reply);
    done(&reply, "intset_size()");
    return (size_t)size;
}

void intset_free(struct intset *s)
{
    struct rpc_reader reply = call(LAB2_FREE, "intset_free()", 1, s != NULL ? s->id : 0, 0);
    done(&reply, "intset_free()");
    free(s);
}

void intset_run_steps(struct intset *s, const struct intset_step *steps, size_t n, uint64_t *results)
{
    struct rpc_client *worker = rpc_suite_client(&options);
    struct rpc_buffer request = { 0 };
    rpc_put_u64(&request, s != NULL ? s->id : 0);
    rpc_put_u64(&request, n);
    for (size_t i = 0; i < n; i++) {
        rpc_put_u8(&request, (uint8_t)steps[i].op);
        rpc_put_u64(&request, steps[i].key);
    }
    struct rpc_reader reply;
    bool called = rpc_call(worker, LAB2_STEPS, &request, &reply);
    rpc_buffer_free(&request);
    if (!called)
        fail_msg("a batch of %zu intset calls %s", n, rpc_error(worker));
    for (size_t i = 0; i < n; i++)
        results[i] = rpc_get_u64(&reply);
    done(&reply, "a batch of intset calls");
}
