/*
 * remote.h -- Lab 2's calls as remote.c (the suite's side) and worker.c (the
 * worker's side) put them on the wire (common/rpc.h says why).
 *
 * A set is a handle: the worker keeps the real struct intset objects, in a
 * table, and the suite holds a small struct intset of its own that carries
 * the set's id (its index in that table + 1; 0 stands for NULL).
 *
 *   LAB2_NEW        request  (nothing)          reply  u64 id (0: intset_new returned NULL)
 *   LAB2_ADD        request  u64 id, u64 key    reply  u8 added
 *   LAB2_CONTAINS   request  u64 id, u64 key    reply  u8 present
 *   LAB2_SIZE       request  u64 id             reply  u64 size
 *   LAB2_FREE       request  u64 id             reply  (nothing)
 *   LAB2_STEPS      request  u64 id, u64 n, then n steps {u8 op (ADD,
 *                            CONTAINS or SIZE), u64 key}
 *                   reply    n u64 results (a bool as 0/1, or a size)
 *
 * LAB2_STEPS exists for speed: the suite makes hundreds of thousands of
 * calls, and one round trip each (tens of microseconds) would take many
 * seconds per variant. The worker runs the steps in order, exactly as that
 * many single calls, and the suite checks every result in order.
 *
 * An id the worker does not hold (never made, or freed) is refused: the
 * call fails, as a use after free would crash in one process.
 */
#ifndef LAB02_REMOTE_H
#define LAB02_REMOTE_H

#include <stddef.h>
#include <stdint.h>

enum { LAB2_NEW = 1, LAB2_ADD, LAB2_CONTAINS, LAB2_SIZE, LAB2_FREE, LAB2_STEPS };

struct intset;

/* One step of a batch: op is LAB2_ADD, LAB2_CONTAINS or LAB2_SIZE. */
struct intset_step {
    uint32_t op;
    uint64_t key;
};

/* The suite's batch (remote.c): run steps[0..n) on s, in order, in the
   worker; results[i] is step i's result. Fails the running test if the call
   fails. */
void intset_run_steps(struct intset *s, const struct intset_step *steps, size_t n, uint64_t *results);

#endif
