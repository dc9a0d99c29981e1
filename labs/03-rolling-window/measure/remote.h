/*
 * remote.h -- Lab 3's call as remote.c (the suite's side) and worker.c (the
 * worker's side) put it on the wire (common/rpc.h says why).
 *
 * LAB3_ROLLING_MEAN_VAR
 *   request  u64 n, u64 w, u8 given (bit 0: x, bit 1: mean, bit 2: var; a
 *            clear bit: that pointer was NULL), then n doubles of each given
 *            array: x, mean, var (the outputs as they were before the call,
 *            so that what the call leaves untouched stays as it was)
 *   reply    u32 the result (an int), then n doubles of each given array, as
 *            the call left them: x, mean, var
 */
#ifndef LAB03_REMOTE_H
#define LAB03_REMOTE_H

enum { LAB3_ROLLING_MEAN_VAR = 1 };
enum { LAB3_GIVEN_X = 1, LAB3_GIVEN_MEAN = 2, LAB3_GIVEN_VAR = 4 };

#endif
