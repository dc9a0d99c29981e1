/*
 * remote.h -- Lab 1's calls as remote.c (the suite's side) and worker.c (the
 * worker's side) put them on the wire (common/rpc.h says why).
 *
 * LAB1_JOIN_INTS
 *   request  u64 n, u8 sep, u8 values_given (0: values was NULL),
 *            then n ints if values_given
 *   reply    u8 returned_null, u64 length, length bytes of the string
 *            (without its NUL), then the n ints of values as they are after
 *            the call, if values_given
 */
#ifndef LAB01_REMOTE_H
#define LAB01_REMOTE_H

enum { LAB1_JOIN_INTS = 1 };

#endif
