/*
 * worker.c -- Lab 2's worker: keeps the sets the suite makes (remote.h) and
 * serves intset_* calls on them with the implementation it is linked with.
 * See common/rpc.h.
 *
 * The sets live in a table indexed by id - 1. A freed set's slot is not
 * reused, so a stale id is refused rather than aliasing a newer set. Id 0
 * is NULL and reaches the implementation as NULL (only intset_free takes
 * NULL by contract: the others would crash here, as in one process).
 */
#include <stdlib.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

static struct intset **sets;
static size_t n_sets, cap_sets;

/* The set of an id; false for an id we never made or have freed. */
static bool lookup(uint64_t id, struct intset **out)
{
    *out = NULL;
    if (id == 0)
        return true;
    if (id > n_sets || sets[id - 1] == NULL)
        return false;
    *out = sets[id - 1];
    return true;
}

static uint64_t keep(struct intset *s)
{
    if (s == NULL)
        return 0;
    if (n_sets == cap_sets) {
        size_t cap = cap_sets ? 2 * cap_sets : 64;
        struct intset **grown = realloc(sets, cap * sizeof *grown);
        if (grown == NULL)
            abort(); /* the suite sees a crash, never a made-up answer */
        sets = grown;
        cap_sets = cap;
    }
    sets[n_sets++] = s;
    return n_sets;
}

static bool handle(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply)
{
    if (op == LAB2_NEW) {
        if (!rpc_reader_done(request))
            return false;
        rpc_put_u64(reply, keep(intset_new()));
        return true;
    }
    uint64_t id = rpc_get_u64(request);
    struct intset *s;
    if (op == LAB2_STEPS) {
        uint64_t n = rpc_get_u64(request);
        if (request->failed || n != request->left / 9 || request->left % 9 != 0 || !lookup(id, &s))
            return false;
        for (uint64_t i = 0; i < n; i++) {
            uint8_t step = rpc_get_u8(request);
            uint64_t key = rpc_get_u64(request);
            if (step == LAB2_ADD)
                rpc_put_u64(reply, intset_add(s, key));
            else if (step == LAB2_CONTAINS)
                rpc_put_u64(reply, intset_contains(s, key));
            else if (step == LAB2_SIZE)
                rpc_put_u64(reply, intset_size(s));
            else
                return false;
        }
        return true;
    }
    uint64_t key = op == LAB2_ADD || op == LAB2_CONTAINS ? rpc_get_u64(request) : 0;
    if (!rpc_reader_done(request) || !lookup(id, &s))
        return false;
    switch (op) {
    case LAB2_ADD: rpc_put_u8(reply, intset_add(s, key)); return true;
    case LAB2_CONTAINS: rpc_put_u8(reply, intset_contains(s, key)); return true;
    case LAB2_SIZE: rpc_put_u64(reply, intset_size(s)); return true;
    case LAB2_FREE:
        intset_free(s);
        if (id != 0)
            sets[id - 1] = NULL;
        return true;
    }
    return false;
}

int main(void)
{
    return rpc_serve(handle);
}
