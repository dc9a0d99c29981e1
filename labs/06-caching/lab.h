/*
 * lab.h -- Lab 6 contract: a cache of price quotes that is never wrong.
 *
 * A pricing service answers quote(product, region). The lab supplies the
 * catalog and quote(): evaluating one product's discount and tax rules is
 * real CPU work (about 10 us). Prices change while the service runs. You
 * supply the cache: quote_cache_get() must return exactly what quote() would
 * return *now*, and may skip calling quote() only when it already holds that
 * answer and the product's price has not changed since.
 *
 * Every implementation provides the three quote_cache_* functions: the naive
 * baseline (naive.c), yours (optimized.c), the reference
 * (solutions/06-caching/optimized.c) and the policies in measure/variants/.
 * tests/06-caching.c holds every one of them to exactly this text.
 */
#ifndef LAB06_CACHING_H
#define LAB06_CACHING_H

#include <stddef.h>
#include <stdint.h>

/* ---- the lab's side: the catalog (measure/catalog.c) --------------------- */

struct catalog; /* opaque: prices, their versions, and the pricing rules */

enum { CATALOG_REGIONS = 8 }; /* regions are 0 .. CATALOG_REGIONS - 1 */

/* Products are 0 .. catalog_products(c) - 1. */
uint32_t catalog_products(const struct catalog *c);

/* The price of `product` in `region`, after its rules: the expensive call.
   Deterministic: the same catalog state gives the same double, bit for bit.
   A product or region out of range gives NaN (and costs nothing). */
double quote(const struct catalog *c, uint32_t product, uint32_t region);

/* A number that changes every time the product's price changes, and only
   then (it never repeats for one product). An answer computed when the
   version was v is still right while catalog_version() returns v. Cheap:
   one load. Out of range: UINT64_MAX. */
uint64_t catalog_version(const struct catalog *c, uint32_t product);

/* ---- your side: the cache ------------------------------------------------ */

struct quote_cache; /* yours to define */

/*
 * quote_cache_new -- a cache in front of quote() for catalog c (which
 * outlives it), holding at most `capacity` quotes.
 *
 * capacity 0 is valid (a cache that holds nothing: every get calls quote()).
 * Memory: at most QUOTE_CACHE_BYTES_PER_ENTRY bytes per quote of capacity
 * plus QUOTE_CACHE_FIXED_BYTES, allocated however you like, and it must not
 * grow with the number of requests or of distinct keys seen (the tests run
 * 2.4 million distinct keys through a cache of 1,000 under a memory limit).
 * Returns NULL when memory runs out (a capacity too large to allocate).
 */
struct quote_cache *quote_cache_new(const struct catalog *c, size_t capacity);

/* Exactly quote(c, product, region) as of now, bit for bit -- never an
   answer from before the product's last price change. Out-of-range keys
   give quote()'s NaN. */
double quote_cache_get(struct quote_cache *qc, uint32_t product, uint32_t region);

/* Frees everything the cache holds. NULL does nothing. */
void quote_cache_free(struct quote_cache *qc);

#define QUOTE_CACHE_BYTES_PER_ENTRY 128
#define QUOTE_CACHE_FIXED_BYTES (1u << 20)

#endif
