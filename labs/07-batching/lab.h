/*
 * lab.h -- Lab 7 contract: forward sensor readings downstream, in batches.
 *
 * A gateway receives readings one at a time and forwards them to a
 * downstream process over a file descriptor (a pipe or a Unix socket). Every
 * write(2) costs a fixed price (about a microsecond: a trip into the kernel
 * and a wake-up of the reader) whatever it carries, so sending readings in
 * batches pays that price once per batch. But a reading held back for a
 * batch arrives late, and alerts must arrive within a deadline. This is the
 * interface every implementation provides: the naive baseline (naive.c),
 * yours (optimized.c) and the reference (solutions/07-batching/optimized.c).
 * The tests in tests/07-batching.c hold each of them to exactly this text.
 *
 * Time is passed in by the caller (now_ns, nanoseconds on any clock that
 * never goes back), so the tests drive a fake clock exactly and the
 * benchmarks use the real one. The implementation reads no clock itself.
 */
#ifndef LAB07_BATCHING_H
#define LAB07_BATCHING_H

#include <stddef.h>
#include <stdint.h>

/* One reading: 24 bytes, sent exactly as they lie in memory. */
struct reading {
    uint64_t sensor_id;
    uint64_t t_ns;  /* when the sensor took it (the caller's data: sent as is) */
    double value;
};

struct sender;

/*
 * sender_open -- a sender that writes readings to fd.
 *
 * fd is a pipe's write end or a connected Unix socket (stream or seqpacket),
 * blocking or not. The sender writes to it and never closes it.
 * max_batch >= 1: no write(2) may carry more than max_batch readings (the
 * downstream reads into a buffer of that many). max_delay_ns: the longest a
 * reading may wait in the sender (0: send every reading at once).
 *
 * Returns NULL (errno set) when max_batch is 0 or memory runs out.
 */
struct sender *sender_open(int fd, size_t max_batch, uint64_t max_delay_ns);

/*
 * sender_push -- one reading, pushed at time now_ns (it is copied).
 * sender_tick -- time has passed, no new reading: now it is now_ns.
 * sender_close -- send what is left, free the sender (always: also after
 *                 an error). The fd stays open.
 *
 * What the downstream reads is every pushed reading, once, whole, in push
 * order: the 24 bytes of each, one after another. And:
 *
 *  1. Deadline: when push or tick returns, every reading pushed at a time
 *     t with t + max_delay_ns <= now_ns has been written, and so has every
 *     reading when close returns. ("Written": write(2) accepted it, so the
 *     downstream can read it now.) And a full batch leaves at once: when
 *     push returns, fewer than max_batch readings wait unwritten (so
 *     max_batch = 1 writes every reading as it comes, as naive does).
 *  2. Whole readings per write: each write(2) asks for a whole number of
 *     readings, between 1 and max_batch. When the kernel takes only part
 *     of it (a stream socket or a pipe that is nearly full), the rest is
 *     written next, before anything else. On a seqpacket socket, where
 *     each write is one message, every message is then whole readings.
 *  3. A write that would block (a non-blocking fd whose buffer is full)
 *     waits (poll(2)) until the downstream reads: a call returns only when
 *     what it must write is written. A write interrupted by a signal
 *     (EINTR) is retried.
 *
 * Returns 0, or -1 with errno set when a write fails (EPIPE: the reader is
 * gone). The process ignores SIGPIPE (the caller sets that up, as servers
 * do), so a closed reader is an error to return, never a death. After an
 * error, only sender_close may be called (it returns -1 too if its own
 * writes fail).
 */
int sender_push(struct sender *s, const struct reading *r, uint64_t now_ns);
int sender_tick(struct sender *s, uint64_t now_ns);
int sender_close(struct sender *s);

#endif
