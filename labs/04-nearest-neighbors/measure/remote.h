/*
 * remote.h -- Lab 4's call as remote.c (the suite's side) and worker.c (the
 * worker's side) put it on the wire (common/rpc.h says why).
 *
 * LAB4_ALL_NEAREST
 *   request  u64 n, u64 stack (0: the worker's own; else run the call on a
 *            thread with a stack of this many bytes, as the suite did: it
 *            checks that no input can drive the recursion deep), u8 given
 *            (bit 0: pts, bit 1: nearest; a clear bit: that pointer was
 *            NULL), then n points (struct point3) if given, then n size_t of
 *            nearest as it was before the call if given
 *   reply    u32 the result (an int), then the n points and the n indices as
 *            the call left them, each if given
 */
#ifndef LAB04_REMOTE_H
#define LAB04_REMOTE_H

enum { LAB4_ALL_NEAREST = 1 };
enum { LAB4_GIVEN_PTS = 1, LAB4_GIVEN_NEAREST = 2 };

#endif
