/*
 * remote.h -- Lab 6's calls between the suite (remote.c, trusted) and the
 * worker (worker.c, linked with one variant's cache). See common/rpc.h.
 *
 * The worker holds its own catalogs, built from the same parameters as the
 * suite's (catalog.c is deterministic), and the suite sends every price
 * change to both: the suite's catalog is the oracle (quote() as of now), the
 * worker's is the one the cache under test reads. Handles are small numbers
 * (1, 2, ...; 0 = none).
 *
 *   LAB6_CATALOG_NEW   u32 products, u32 work, u64 seed        -> u32 catalog (0: failed)
 *   LAB6_SET_PRICE     u32 catalog, u32 product, u32 cents     -> (nothing)
 *   LAB6_CATALOG_FREE  u32 catalog                             -> (nothing)
 *   LAB6_CACHE_NEW     u32 catalog, u64 capacity               -> u32 cache (0: returned NULL)
 *   LAB6_GET           u32 cache, u32 product, u32 region      -> u64 bits of the double
 *   LAB6_RUN           u32 cache, u64 n, n x (u8 kind, u32 product, u32 arg)
 *                                                              -> u64 bits of each get's answer
 *   LAB6_CACHE_FREE    u32 cache (0: quote_cache_free(NULL))   -> (nothing)
 *   LAB6_HEAP          (nothing)                               -> u64 bytes malloc holds (mallinfo2)
 *
 * The suite's side also has the helpers below (remote.c), which the tests
 * use to make catalogs and change prices in both processes at once.
 */
#ifndef LAB06_REMOTE_H
#define LAB06_REMOTE_H

#include "lab.h"
#include "trace.h"

#include <stddef.h>
#include <stdint.h>

enum {
    LAB6_CATALOG_NEW = 1,
    LAB6_SET_PRICE,
    LAB6_CATALOG_FREE,
    LAB6_CACHE_NEW,
    LAB6_GET,
    LAB6_RUN,
    LAB6_CACHE_FREE,
    LAB6_HEAP,
};

/* The worker's address space, set by the kernel before it starts (prlimit):
   its code, its catalogs and the caches the tests make fit with room to
   spare; a cache that grows with the keys it has seen does not. */
#define LAB6_WORKER_MEMORY ((size_t)64 << 20)

/* A catalog here and its twin in the worker. */
struct catalog *remote_catalog_new(uint32_t products, uint32_t work);
void remote_set_price(struct catalog *c, uint32_t product, uint32_t cents);
void remote_catalog_free(struct catalog *c);
/* Run ops in the worker on the cache; answers[] gets each get's answer in
   order. Sets change the worker's catalog only: the suite replays them on
   its own (computing the oracle's answers as it goes). */
void remote_run(struct quote_cache *qc, const struct trace_op *ops, size_t n, double *answers);
/* The bytes the worker's malloc holds now (its own report: a diagnostic). */
uint64_t remote_heap_bytes(void);
/* 1 when the worker runs under LAB6_WORKER_MEMORY (not under sanitizers). */
int remote_memory_limited(void);

#endif
