/*
 * Scenario: a hash that "uses all the bits" but does not mix them:
 * hash = key ^ (key >> 32), the fold of Java's Long.hashCode() and of many
 * hand-written hashes. It fixes the multiples of 2^32 (shard n folds to n),
 * but not the multiples of 1024: their high word is 0, so the fold leaves
 * them as they are, with ten low bits 0, and they share one home bucket in
 * 1024 -- at the graded sizes, all of them bucket 0. Linear probing turns
 * that into one long run, and the graded mixed workload goes quadratic.
 * Expected: correctness PASS, performance FAIL.
 *
 * The reference's table with this mix(), compiled as a student's file.
 */
#include <stdint.h>

#define INTSET_OWN_MIX 1
static inline uint64_t mix(uint64_t key)
{
    return key ^ (key >> 32);
}

#include "../../../solutions/02-membership/optimized.c"
