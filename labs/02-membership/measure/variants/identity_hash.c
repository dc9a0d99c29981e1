/*
 * identity_hash.c -- Lab 2 variant: the reference hash set WITHOUT its mixer.
 * label: the reference without its mixer
 *
 * A controlled experiment, not a design: this file compiles the reference
 * (solutions/02-membership/optimized.c) word for word, except that mix(), the
 * function that scrambles a key before `& mask` picks its group of slots (and
 * its top bits make the key's tag), is the identity. Same table, same load
 * factor, same linear probing. Whatever `make lab-2` measures between
 * "reference" and "identity_hash" is what the mixer buys, and nothing else.
 *
 * What to expect: on sequential keys the identity spreads the keys perfectly
 * (consecutive keys go to consecutive groups, a few per group, none
 * overflowing), but the ids share their top bits, so they all get the same
 * tag and every lookup compares the key with each key of its group: a little
 * slower than the reference, not a collapse. On multiples of 2^32 every key
 * has low bits 0, so every key's home is group 0: linear probing turns the
 * table into one long run, and each operation walks it -- the naive list
 * scan again, O(N) per lookup. Multiples of 1024 have ten low bits 0 and
 * share one home group in 1024 (at the lab's sizes, group 0 again). Many hash
 * functions people write by hand (`key % capacity`, `key * K` taken modulo a
 * power of two, the low 32 bits) fail the same way.
 *
 * The grader's scenario tests/scenarios/02-membership/identity_hash.c is this
 * file standing in for a student's optimized.c: correct, but it must fail the
 * performance targets.
 */
#include <stdint.h>

#define INTSET_OWN_MIX 1
static inline uint64_t mix(uint64_t key)
{
    return key;
}

#include "../../../../solutions/02-membership/optimized.c"
