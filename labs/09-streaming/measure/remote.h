/*
 * remote.h -- Lab 9's call as remote.c (the suite's side) and worker.c (the
 * worker's side) put it on the wire (common/rpc.h says why).
 *
 * The suite's log files live in the suite's process; the worker runs in the
 * sandbox, which sees none of the suite's folders. So the file's bytes
 * travel with the call, and the worker writes them to a file of its own (in
 * its /tmp) before it calls summarize_log on it.
 *
 * LAB9_SUMMARIZE_LOG
 *   request  u8 exists (0: call with `path` itself, a file that does not
 *            exist), u64 path length, the path, u64 content length, the
 *            content (if exists), u64 cap, u64 err_size
 *   reply    u64 result (as int64), u8 wrote_past_cap (the entry after
 *            out[cap-1] was changed), u64 err length (bytes before the first
 *            NUL within err_size, or err_size if none), the err bytes, then
 *            min(result, cap) entries of out if result > 0
 */
#ifndef LAB09_REMOTE_H
#define LAB09_REMOTE_H

enum { LAB9_SUMMARIZE_LOG = 1 };

#endif
