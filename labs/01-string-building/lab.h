/*
 * lab.h -- Lab 1 contract: join integers into one string.
 *
 * This is the interface every implementation of the lab provides: the naive
 * baseline (naive.c), your version (optimized.c) and the reference
 * (solutions/01-string-building/optimized.c). The tests in
 * tests/01-string-building.c hold every one of them to exactly this text.
 */
#ifndef LAB01_STRING_BUILDING_H
#define LAB01_STRING_BUILDING_H

#include <stddef.h>

/*
 * join_ints -- values[0..n) in decimal, separated by sep.
 *
 * Returns a newly malloc'd, NUL-terminated string holding each value exactly
 * as printf("%d") prints it, with `sep` between two values and none at the
 * end: {3, -14, 159} with ',' gives "3,-14,159". INT_MIN and INT_MAX print
 * exactly. n == 0 gives "" (an empty string, not NULL); `values` may then be
 * NULL. `sep` may be any char except '\0'.
 *
 * Returns NULL only when memory runs out. The caller frees the result.
 */
char *join_ints(const int *values, size_t n, char sep);

#endif
