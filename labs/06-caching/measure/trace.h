/*
 * trace.h -- the requests a pricing service sees: the course's seeded,
 * skewed traffic, with price changes mixed in.
 *
 * Products are drawn from a Zipf distribution (the k-th most popular with
 * weight 1/k^s), regions from a Zipf over the 8 regions with s = 1; the
 * popularity ranks are scattered over the product ids (rank r is product
 * r * 2654435761 mod P), so "popular" never means "small id". A share of the
 * operations are price changes, of products drawn from the same popularity:
 * the best sellers are also the ones whose prices move.
 */
#ifndef LAB06_TRACE_H
#define LAB06_TRACE_H

#include <stddef.h>
#include <stdint.h>

enum trace_kind { TRACE_GET = 0, TRACE_SET = 1 };

struct trace_op {
    uint32_t product;
    uint32_t arg;  /* TRACE_GET: the region; TRACE_SET: the new price in cents */
    uint8_t kind;  /* enum trace_kind */
};

struct trace_params {
    uint32_t products;
    double skew;          /* s of the products' Zipf; 0 = uniform */
    size_t gets;          /* requests in the trace */
    double update_share;  /* probability that a price change comes before each request */
    uint64_t seed;
};

struct trace {
    struct trace_op *ops;
    size_t n, gets;
};

/* The lab's traffic: 100,000 products, s = 1.2 (lab README: why). */
#define TRACE_PRODUCTS 100000u
#define TRACE_SKEW 1.2
#define TRACE_UPDATE_SHARE 0.002

/* 0 on success, -1 when out of memory or products == 0. */
int trace_make(struct trace *t, const struct trace_params *p);
void trace_free(struct trace *t);

#endif
