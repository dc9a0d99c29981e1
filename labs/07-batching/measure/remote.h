/*
 * remote.h -- Lab 7's calls as remote.c (the suite's side) and worker.c (the
 * worker's side) put them on the wire (common/rpc.h says why), and the one
 * helper the suite has beyond lab.h.
 *
 * The descriptor: sender_open's fd is the suite's (one end of a socket pair
 * whose other end the suite reads). It reaches the worker over a Unix
 * socket the worker gets as fd RPC_FIRST_PASSED_FD, as SCM_RIGHTS with a
 * u64 token; the OPEN request names the token, so a descriptor left over
 * from a worker that died is recognized and closed, never used.
 *
 * LAB7_OPEN   request  u64 token, u64 max_batch, u64 max_delay_ns
 *             reply    u8 returned_null, i32 errno, u32 handle
 * LAB7_PUSH   request  u32 handle, u64 n, then n times: u64 now_ns, 24 bytes
 *                      of a struct reading (pushed in order, stopping at the
 *                      first that returns -1)
 *             reply    i32 rc (of the last push made), i32 errno, u64 made
 * LAB7_TICK   request  u32 handle, u64 now_ns
 *             reply    i32 rc, i32 errno
 * LAB7_CLOSE  request  u32 handle
 *             reply    i32 rc, i32 errno, u8 fd_still_open (sender_close
 *                      left the worker's copy of the descriptor open)
 */
#ifndef LAB07_REMOTE_H
#define LAB07_REMOTE_H

#include "lab.h"

#include <stdbool.h>

enum { LAB7_OPEN = 1, LAB7_PUSH, LAB7_TICK, LAB7_CLOSE };
enum { LAB7_MAX_SENDERS = 64 }; /* open at once in one worker */

/* n pushes in one call to the worker: readings[i] at now_ns[i], in order,
   stopping at the first that returns -1 (its rc is returned, errno set).
   *made says how many were made. For volume: the suite checks deadlines
   only between calls, so per-reading checks use sender_push. */
int remote_push_many(struct sender *s, const struct reading *readings, const uint64_t *now_ns, size_t n,
                     size_t *made);

/* Whether the last sender_close left the worker's copy of the fd open. */
bool remote_fd_left_open(void);

#endif
