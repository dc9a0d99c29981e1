/*
 * catalog.h -- the lab's own side of the catalog: making one, changing
 * prices, and the numbers the reports read. Not for the student's code (lab.h
 * is the contract): the workload, the tests, the worker and the report use it.
 */
#ifndef LAB06_CATALOG_H
#define LAB06_CATALOG_H

#include "lab.h"

#include <stdint.h>

/* How expensive quote() is: rules evaluated per call. CATALOG_WORK is the
   story's ~10 us; CATALOG_CHEAP makes quote() a few dozen instructions, for
   tests and sweeps that measure the cache itself, not the quotes it saves. */
enum { CATALOG_WORK = 1500, CATALOG_CHEAP = 1 };

/* `products` products with seeded prices and rules (seed: PERFLAB_SEED for
   the lab), quote() evaluating `work` rules. NULL when out of memory. */
struct catalog *catalog_new(uint32_t products, uint32_t work, uint64_t seed);
void catalog_free(struct catalog *c);

/* Change a product's price (in cents, > 0): its version changes. Returns
   false for a product out of range. */
int catalog_set_price(struct catalog *c, uint32_t product, uint32_t cents);
uint32_t catalog_price(const struct catalog *c, uint32_t product);
uint32_t catalog_work(const struct catalog *c);
uint64_t catalog_seed(const struct catalog *c);

/* How many quote() calls (in range) this catalog has answered: the report's
   hit rates. Kept in the catalog, so it is only as trustworthy as the
   process it lives in: the grader never reads it. */
uint64_t catalog_quotes(const struct catalog *c);

#endif
