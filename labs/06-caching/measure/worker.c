/*
 * worker.c -- Lab 6's worker: holds catalogs and the caches of the variant
 * it is linked with, and runs the suite's calls on them (remote.h).
 */
#define _GNU_SOURCE /* mallinfo2 */
#include <malloc.h>
#include <string.h>

#include "catalog.h"
#include "remote.h"
#include "rpc.h"

enum { SLOTS = 64 };

static struct catalog *catalogs[SLOTS];
static struct cache {
    struct quote_cache *qc;
    struct catalog *catalog;
} caches[SLOTS];

static struct catalog *catalog_at(uint32_t id)
{
    return id >= 1 && id <= SLOTS ? catalogs[id - 1] : NULL;
}

static struct cache *cache_at(uint32_t id)
{
    return id >= 1 && id <= SLOTS && caches[id - 1].qc != NULL ? &caches[id - 1] : NULL;
}

static void put_double(struct rpc_buffer *b, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    rpc_put_u64(b, bits);
}

static bool run(struct cache *k, struct rpc_reader *request, struct rpc_buffer *reply)
{
    uint64_t n = rpc_get_u64(request);
    if (request->failed || n > request->left / 9)
        return false;
    for (uint64_t i = 0; i < n; i++) {
        uint8_t kind = rpc_get_u8(request);
        uint32_t product = rpc_get_u32(request);
        uint32_t arg = rpc_get_u32(request);
        if (kind == TRACE_SET)
            catalog_set_price(k->catalog, product, arg);
        else
            put_double(reply, quote_cache_get(k->qc, product, arg));
    }
    return !request->failed;
}

static bool handle(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply)
{
    switch (op) {
    case LAB6_CATALOG_NEW: {
        uint32_t products = rpc_get_u32(request), work = rpc_get_u32(request);
        uint64_t seed = rpc_get_u64(request);
        if (!rpc_reader_done(request))
            return false;
        for (uint32_t i = 0; i < SLOTS; i++)
            if (catalogs[i] == NULL) {
                catalogs[i] = catalog_new(products, work, seed);
                rpc_put_u32(reply, catalogs[i] != NULL ? i + 1 : 0);
                return true;
            }
        rpc_put_u32(reply, 0);
        return true;
    }
    case LAB6_SET_PRICE: {
        struct catalog *c = catalog_at(rpc_get_u32(request));
        uint32_t product = rpc_get_u32(request), cents = rpc_get_u32(request);
        if (!rpc_reader_done(request) || c == NULL)
            return false;
        catalog_set_price(c, product, cents);
        return true;
    }
    case LAB6_CATALOG_FREE: {
        uint32_t id = rpc_get_u32(request);
        if (!rpc_reader_done(request) || catalog_at(id) == NULL)
            return false;
        catalog_free(catalogs[id - 1]);
        catalogs[id - 1] = NULL;
        return true;
    }
    case LAB6_CACHE_NEW: {
        struct catalog *c = catalog_at(rpc_get_u32(request));
        uint64_t capacity = rpc_get_u64(request);
        if (!rpc_reader_done(request) || c == NULL)
            return false;
        for (uint32_t i = 0; i < SLOTS; i++)
            if (caches[i].qc == NULL) {
                caches[i] = (struct cache){ quote_cache_new(c, (size_t)capacity), c };
                rpc_put_u32(reply, caches[i].qc != NULL ? i + 1 : 0);
                return true;
            }
        return false;
    }
    case LAB6_GET: {
        struct cache *k = cache_at(rpc_get_u32(request));
        uint32_t product = rpc_get_u32(request), region = rpc_get_u32(request);
        if (!rpc_reader_done(request) || k == NULL)
            return false;
        put_double(reply, quote_cache_get(k->qc, product, region));
        return true;
    }
    case LAB6_RUN: {
        struct cache *k = cache_at(rpc_get_u32(request));
        return k != NULL && run(k, request, reply);
    }
    case LAB6_CACHE_FREE: {
        uint32_t id = rpc_get_u32(request);
        struct cache *k = cache_at(id);
        if (!rpc_reader_done(request) || (k == NULL && id != 0))
            return false;
        if (id == 0) { /* quote_cache_free(NULL) must do nothing */
            quote_cache_free(NULL);
            return true;
        }
        quote_cache_free(k->qc);
        *k = (struct cache){ 0 };
        return true;
    }
    case LAB6_HEAP: {
        if (!rpc_reader_done(request))
            return false;
        struct mallinfo2 m = mallinfo2();
        rpc_put_u64(reply, (uint64_t)(m.uordblks + m.hblkhd));
        return true;
    }
    default:
        return false;
    }
}

int main(void)
{
    return rpc_serve(handle);
}
