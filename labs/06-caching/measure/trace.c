/*
 * trace.c -- the skewed request trace (trace.h says what it is).
 *
 * Sampling: the Zipf weights' running sums (a CDF over the ranks), then a
 * binary search for each uniform draw: O(log P) per request, exact, and the
 * same trace on every machine for one seed (the weights are computed in one
 * fixed order).
 */
#include "trace.h"

#include "rng.h"

#include <math.h>
#include <stdlib.h>

static size_t sample(const double *cdf, size_t n, double u)
{
    size_t lo = 0, hi = n - 1;
    u *= cdf[n - 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static double *zipf_cdf(size_t n, double s)
{
    double *cdf = malloc(n * sizeof *cdf);
    double sum = 0;
    for (size_t k = 0; cdf != NULL && k < n; k++)
        cdf[k] = sum += pow((double)(k + 1), -s);
    return cdf;
}

int trace_make(struct trace *t, const struct trace_params *p)
{
    *t = (struct trace){ 0 };
    if (p->products == 0)
        return -1;
    double *products = zipf_cdf(p->products, p->skew);
    double *regions = zipf_cdf(8, 1.0);
    /* Room for every request and the expected updates, with slack; grown if needed. */
    size_t cap = p->gets + (size_t)(p->gets * p->update_share * 2) + 16;
    t->ops = malloc(cap * sizeof *t->ops);
    if (products == NULL || regions == NULL || t->ops == NULL) {
        free(products);
        free(regions);
        trace_free(t);
        return -1;
    }
    struct rng rng;
    rng_seed(&rng, p->seed);
    uint64_t scatter = UINT64_C(2654435761) % p->products;
    while (t->gets < p->gets) {
        int update = p->update_share > 0 && rng_uniform(&rng) < p->update_share;
        if (t->n == cap) {
            struct trace_op *grown = realloc(t->ops, 2 * cap * sizeof *t->ops);
            if (grown == NULL) {
                free(products);
                free(regions);
                trace_free(t);
                return -1;
            }
            t->ops = grown;
            cap *= 2;
        }
        uint64_t rank = sample(products, p->products, rng_uniform(&rng));
        struct trace_op *op = &t->ops[t->n++];
        op->product = (uint32_t)(rank * scatter % p->products);
        op->kind = update ? TRACE_SET : TRACE_GET;
        op->arg = update ? 199 + (uint32_t)rng_below(&rng, 99800) : (uint32_t)sample(regions, 8, rng_uniform(&rng));
        t->gets += !update;
    }
    free(products);
    free(regions);
    return 0;
}

void trace_free(struct trace *t)
{
    free(t->ops);
    *t = (struct trace){ 0 };
}
