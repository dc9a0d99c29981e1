/*
 * rng.c -- xoshiro256** seeded by splitmix64 (see rng.h for why).
 * Reference: Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators" (2018). Written from the published description.
 */
#include "rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void rng_seed(struct rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Rejection sampling on the top of the range: a plain `% bound` would favour
   small values whenever bound does not divide 2^64. */
uint64_t rng_below(struct rng *r, uint64_t bound)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do
        x = rng_next(r);
    while (x >= limit);
    return x % bound;
}

int64_t rng_between(struct rng *r, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)hi - (uint64_t)lo;
    uint64_t offset = span == UINT64_MAX ? rng_next(r) : rng_below(r, span + 1);
    return (int64_t)((uint64_t)lo + offset);
}

double rng_uniform(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Box-Muller: two uniforms give one normal. We throw the second away to keep
   the generator stateless beyond its four words; speed does not matter here. */
double rng_normal(struct rng *r)
{
    double u1 = 1.0 - rng_uniform(r); /* in (0, 1]: log(0) is avoided */
    double u2 = rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
