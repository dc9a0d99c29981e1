/*
 * rng.h -- the deterministic random inputs every lab is measured on.
 *
 * Why not rand(): its quality and sequence differ between C libraries, and a
 * benchmark must see the same input on every machine and every run, so that
 * two runs (and two students) measure the same work. xoshiro256** is small,
 * fast, statistically strong, and fully specified; splitmix64 expands one
 * 64-bit seed into its 256-bit state, as its authors recommend.
 */
#ifndef PERFLAB_RNG_H
#define PERFLAB_RNG_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The seed every lab uses unless it has a reason to vary it. */
#define PERFLAB_SEED UINT64_C(20261121)

struct rng {
    uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);                       /* 64 uniform bits */
uint64_t rng_below(struct rng *r, uint64_t bound);      /* uniform in [0, bound), unbiased; bound > 0 */
int64_t rng_between(struct rng *r, int64_t lo, int64_t hi); /* uniform in [lo, hi], lo <= hi */
double rng_uniform(struct rng *r);                      /* uniform in [0, 1), 53 bits */
double rng_normal(struct rng *r);                       /* standard normal N(0, 1) */

#ifdef __cplusplus
}
#endif
#endif
