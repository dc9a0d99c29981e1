/*
 * lab.h -- Lab 2 contract: a set of 64-bit integers.
 *
 * This is the interface every implementation of the lab provides: the naive
 * baseline (naive.c), your version (optimized.c), the reference
 * (solutions/02-membership/optimized.c) and the extra variants measured
 * beside them (the files in variants/). The tests in tests/02-membership.c
 * hold every one of them to exactly this text.
 *
 * The job it does: remember which user-ids we have seen (dedupe a stream of
 * events), then answer "have we seen this one?" as fast as possible.
 *
 * Keys: every uint64_t is a valid key, including 0 and UINT64_MAX. An
 * implementation may not reserve a value for its own use (for example "0
 * means empty slot") unless it stores the real key with that value some other
 * way.
 *
 * Out of memory: an operation that needs memory and cannot get it leaves the
 * set exactly as it was. intset_new() then returns NULL; intset_add() returns
 * false. A false from intset_add() therefore means "not added": either the key
 * was already there, or memory ran out. The caller tells the two apart with
 * intset_contains(), which is true afterwards in the first case only:
 *
 *     if (!intset_add(seen, id) && !intset_contains(seen, id))
 *         ... out of memory: id was not stored ...
 *
 * Sets are not thread-safe: one set, one thread at a time (any number of
 * concurrent intset_contains() calls on a set nobody modifies are fine).
 */
#ifndef LAB02_MEMBERSHIP_H
#define LAB02_MEMBERSHIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An opaque set of uint64_t keys. */
struct intset;

/* A new, empty set; NULL if out of memory. Free it with intset_free(). */
struct intset *intset_new(void);

/*
 * intset_add -- put key into the set.
 *
 * Returns true if key was not in the set and now is. Returns false if key was
 * already in the set (nothing changes), or if the set had to grow and memory
 * ran out (nothing changes either: see "Out of memory" above).
 */
bool intset_add(struct intset *s, uint64_t key);

/* True if key is in the set. Never changes the set. */
bool intset_contains(const struct intset *s, uint64_t key);

/* The number of distinct keys in the set. */
size_t intset_size(const struct intset *s);

/* Free the set and everything it owns. NULL is fine (does nothing). */
void intset_free(struct intset *s);

#endif
