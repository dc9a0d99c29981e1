/*
 * remote.c -- Lab 6's contract for the cmocka suite, called in a worker.
 *
 * tests/06-caching.c links this quote_cache_* instead of an implementation:
 * each call goes to worker-<variant> (worker.c, linked with that variant),
 * so the code under test never shares the suite's address space. The suite
 * keeps its own catalog, the oracle: quote() here, as of now. Catalogs are
 * made and prices changed through the helpers of remote.h, which do it here
 * and in the worker alike. A call that fails (a crash, a hang, an exit, a
 * malformed reply) fails the running test with fail_msg.
 *
 * The memory bound is the kernel's, not the worker's word: the worker is
 * started under prlimit --as (LAB6_WORKER_MEMORY), a hard limit set before
 * its first instruction, which it cannot raise. A cache that grows with the
 * keys it has seen runs out of memory and crashes, or stops growing; the
 * tests check both its answers and (for honest code's sake) its heap.
 * Under AddressSanitizer, which reserves terabytes of address space, the
 * limit is off (remote_memory_limited() says so).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "remote.h"
#include "rng.h"
#include "rpc.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

#define STRINGIFY(x) #x
#define TEXT(x) STRINGIFY(x)

static struct rpc_client *worker(void)
{
#ifdef SANITIZED
    static const struct rpc_options options = { .timeout_s = 20 };
#else
    static char as[64];
    static const char *wrapper[] = { "/usr/bin/prlimit", as, "--", NULL };
    static const struct rpc_options options = { .timeout_s = 20, .wrapper = wrapper };
    snprintf(as, sizeof as, "--as=%zu", LAB6_WORKER_MEMORY);
#endif
    return rpc_suite_client(&options);
}

int remote_memory_limited(void)
{
#ifdef SANITIZED
    return 0;
#else
    return 1;
#endif
}

/* One call; on failure the running test fails, saying which call. */
static void call(uint32_t op, struct rpc_buffer *request, struct rpc_reader *reply, const char *what)
{
    struct rpc_client *w = worker();
    bool called = rpc_call(w, op, request, reply);
    rpc_buffer_free(request);
    if (!called)
        fail_msg("%s %s", what, rpc_error(w));
}

static void done(struct rpc_reader *reply, const char *what)
{
    if (!rpc_reader_done(reply))
        fail_msg("%s: the worker's reply is not a reply to this call", what);
}

/* ---- catalogs: one here, its twin there ------------------------------------------ */

enum { CATALOGS = 64 };
static struct {
    struct catalog *local;
    uint32_t id;
} twins[CATALOGS];

static uint32_t twin_of(const struct catalog *c)
{
    for (int i = 0; i < CATALOGS; i++)
        if (twins[i].local == c && c != NULL)
            return twins[i].id;
    fail_msg("this catalog was not made with remote_catalog_new");
    return 0;
}

struct catalog *remote_catalog_new(uint32_t products, uint32_t work)
{
    struct catalog *c = catalog_new(products, work, PERFLAB_SEED);
    assert_non_null(c);
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, products);
    rpc_put_u32(&request, work);
    rpc_put_u64(&request, PERFLAB_SEED);
    struct rpc_reader reply;
    call(LAB6_CATALOG_NEW, &request, &reply, "making the worker's catalog:");
    uint32_t id = rpc_get_u32(&reply);
    done(&reply, "catalog_new");
    if (id == 0)
        fail_msg("the worker could not make a catalog of %u products", (unsigned)products);
    for (int i = 0; i < CATALOGS; i++)
        if (twins[i].local == NULL) {
            twins[i].local = c;
            twins[i].id = id;
            return c;
        }
    fail_msg("too many catalogs at once");
    return NULL;
}

void remote_set_price(struct catalog *c, uint32_t product, uint32_t cents)
{
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, twin_of(c));
    rpc_put_u32(&request, product);
    rpc_put_u32(&request, cents);
    struct rpc_reader reply;
    call(LAB6_SET_PRICE, &request, &reply, "changing a price in the worker:");
    done(&reply, "set_price");
    catalog_set_price(c, product, cents);
}

void remote_catalog_free(struct catalog *c)
{
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, twin_of(c));
    struct rpc_reader reply;
    call(LAB6_CATALOG_FREE, &request, &reply, "freeing the worker's catalog:");
    done(&reply, "catalog_free");
    for (int i = 0; i < CATALOGS; i++)
        if (twins[i].local == c)
            twins[i].local = NULL;
    catalog_free(c);
}

/* ---- the contract ------------------------------------------------------------------ */

/* The suite's handle of a cache in the worker. */
struct quote_cache {
    uint32_t id;
    size_t capacity;
};

struct quote_cache *quote_cache_new(const struct catalog *c, size_t capacity)
{
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, twin_of(c));
    rpc_put_u64(&request, capacity);
    struct rpc_reader reply;
    char what[96];
    snprintf(what, sizeof what, "quote_cache_new(capacity = %zu)", capacity);
    call(LAB6_CACHE_NEW, &request, &reply, what);
    uint32_t id = rpc_get_u32(&reply);
    done(&reply, what);
    if (id == 0)
        return NULL;
    struct quote_cache *qc = malloc(sizeof *qc);
    assert_non_null(qc);
    *qc = (struct quote_cache){ id, capacity };
    return qc;
}

static double get_double(struct rpc_reader *reply)
{
    uint64_t bits = rpc_get_u64(reply);
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

double quote_cache_get(struct quote_cache *qc, uint32_t product, uint32_t region)
{
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, qc->id);
    rpc_put_u32(&request, product);
    rpc_put_u32(&request, region);
    struct rpc_reader reply;
    char what[128];
    snprintf(what, sizeof what, "quote_cache_get(product %u, region %u; capacity %zu)", (unsigned)product,
             (unsigned)region, qc->capacity);
    call(LAB6_GET, &request, &reply, what);
    double v = get_double(&reply);
    done(&reply, what);
    return v;
}

void quote_cache_free(struct quote_cache *qc)
{
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, qc != NULL ? qc->id : 0); /* 0: the worker calls quote_cache_free(NULL) */
    struct rpc_reader reply;
    call(LAB6_CACHE_FREE, &request, &reply, "quote_cache_free");
    done(&reply, "quote_cache_free");
    free(qc);
}

/* ---- batches ------------------------------------------------------------------------ */

void remote_run(struct quote_cache *qc, const struct trace_op *ops, size_t n, double *answers)
{
    /* In batches: a request and its reply stay a few MiB, inside the
       worker's memory limit. */
    enum { BATCH = 100000 };
    size_t answered = 0;
    for (size_t start = 0; start < n; start += BATCH) {
        size_t count = n - start < BATCH ? n - start : BATCH, gets = 0;
        struct rpc_buffer request = { 0 };
        rpc_put_u32(&request, qc->id);
        rpc_put_u64(&request, count);
        for (size_t i = start; i < start + count; i++) {
            rpc_put_u8(&request, ops[i].kind);
            rpc_put_u32(&request, ops[i].product);
            rpc_put_u32(&request, ops[i].arg);
            gets += ops[i].kind == TRACE_GET;
        }
        struct rpc_reader reply;
        char what[160];
        snprintf(what, sizeof what, "quote_cache_get over operations %zu..%zu of a trace (capacity %zu)", start,
                 start + count - 1, qc->capacity);
        call(LAB6_RUN, &request, &reply, what);
        for (size_t i = 0; i < gets; i++)
            answers[answered + i] = get_double(&reply);
        done(&reply, what);
        answered += gets;
    }
}

uint64_t remote_heap_bytes(void)
{
    struct rpc_buffer request = { 0 };
    struct rpc_reader reply;
    call(LAB6_HEAP, &request, &reply, "asking the worker's heap size:");
    uint64_t bytes = rpc_get_u64(&reply);
    done(&reply, "heap");
    return bytes;
}
