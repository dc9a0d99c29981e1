/*
 * catalog.c -- the lab's catalog and its expensive quote().
 *
 * quote() stands for real pricing work: walk the product's discount and
 * surcharge rules, each one a few floating-point operations that depend on
 * the price so far, then round to cents. It is a chain: rule i needs the
 * result of rule i-1, so neither the compiler nor the CPU can skip or
 * overlap much of it, and a student cannot make it cheaper without changing
 * its answer (bit for bit, as lab.h requires). CATALOG_WORK rules take about
 * 10 us on a 2020s x86 core and some 22,000 instructions (callgrind), the
 * unit the grade counts in.
 *
 * Versions: one counter per catalog, bumped on every price change and
 * stored in the product, so a version never repeats for a product (nor
 * across products). Reading it is one load: the check a cache makes on every
 * hit costs nothing next to a quote.
 */
#include "catalog.h"

#include <math.h>
#include <stdlib.h>

struct product {
    uint64_t version;
    uint64_t rules; /* the seed of this product's rules */
    uint32_t cents;
};

struct catalog {
    struct product *items;
    uint32_t products, work;
    uint64_t seed, clock;
    uint64_t quotes; /* counted through a non-const pointer: see quote() */
    uint64_t *quotes_counter;
};

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

struct catalog *catalog_new(uint32_t products, uint32_t work, uint64_t seed)
{
    struct catalog *c = calloc(1, sizeof *c);
    if (c == NULL || products == 0 || (c->items = malloc((size_t)products * sizeof *c->items)) == NULL) {
        free(c);
        return NULL;
    }
    c->products = products;
    c->work = work;
    c->seed = seed;
    c->quotes_counter = &c->quotes;
    uint64_t x = seed;
    for (uint32_t p = 0; p < products; p++) {
        c->items[p].version = ++c->clock;
        c->items[p].rules = splitmix(&x);
        c->items[p].cents = 199 + (uint32_t)(splitmix(&x) % 99800); /* $1.99 .. $999.98 */
    }
    return c;
}

void catalog_free(struct catalog *c)
{
    if (c != NULL)
        free(c->items);
    free(c);
}

int catalog_set_price(struct catalog *c, uint32_t product, uint32_t cents)
{
    if (product >= c->products)
        return 0;
    c->items[product].cents = cents;
    c->items[product].version = ++c->clock;
    return 1;
}

uint32_t catalog_products(const struct catalog *c) { return c->products; }
uint32_t catalog_price(const struct catalog *c, uint32_t product) { return product < c->products ? c->items[product].cents : 0; }
uint32_t catalog_work(const struct catalog *c) { return c->work; }
uint64_t catalog_seed(const struct catalog *c) { return c->seed; }
uint64_t catalog_quotes(const struct catalog *c) { return c->quotes; }

uint64_t catalog_version(const struct catalog *c, uint32_t product)
{
    return product < c->products ? c->items[product].version : UINT64_MAX;
}

double quote(const struct catalog *c, uint32_t product, uint32_t region)
{
    if (product >= c->products || region >= CATALOG_REGIONS)
        return NAN;
    ++*c->quotes_counter; /* the catalog is const to the cache, not to itself */
    const struct product *item = &c->items[product];
    /* Each region has its own rule stream (its taxes, its promotions). */
    uint64_t h = item->rules ^ (UINT64_C(0x9e3779b97f4a7c15) * (region + 1));
    double price = item->cents / 100.0;
    for (uint32_t i = 0; i < c->work; i++) {
        h = h * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
        double rate = (double)(h >> 53) * (0.02 / 2048.0); /* 0 .. 2% */
        if (price > item->cents / 100.0)
            price -= price * rate; /* a discount rule */
        else
            price += price * rate * 0.5; /* a surcharge rule */
    }
    return floor(price * 100.0 + 0.5) / 100.0; /* to the cent */
}
