/*
 * Scenario: a hash set with no hash -- the reference's own table, buckets,
 * load factor and probing, with mix() the identity. It stands in for the
 * commonest student hash set: `key & (capacity - 1)` (or `key % capacity`
 * with a power-of-two capacity). Correct on every test, fast on random and
 * sequential ids, and quadratic on the graded mix: every multiple of 2^32
 * lands in bucket 0. Expected: correctness PASS, performance FAIL.
 *
 * It is the lab's identity_hash variant, compiled as a student's file.
 */
#include "../../../labs/02-membership/measure/variants/identity_hash.c"
