/*
 * lab.h -- Lab 4 contract: every point's nearest other point.
 *
 * This is the interface every implementation of the lab provides: the naive
 * baseline (naive.c), your version (optimized.c), the reference
 * (solutions/04-nearest-neighbors/optimized.c) and the grader's scenarios.
 * The tests in tests/04-nearest-neighbors.c hold every one of them to exactly
 * this text, bit for bit: the answer is defined by one floating-point formula
 * and one tie rule, so there is exactly one right answer for every input.
 */
#ifndef LAB04_NEAREST_NEIGHBORS_H
#define LAB04_NEAREST_NEIGHBORS_H

#include <stddef.h>

/* A point in 3-D space. */
struct point3 {
    double x, y, z;
};

/*
 * all_nearest -- for every point, the index of its nearest other point.
 *
 * For every i in [0, n), writes into nearest[i] the index j != i that
 * minimizes the squared distance, computed exactly as
 *
 *     dx = pts[j].x - pts[i].x;   dy = pts[j].y - pts[i].y;
 *     dz = pts[j].z - pts[i].z;
 *     d  = (dx*dx + dy*dy) + dz*dz;        (in double, in this order)
 *
 * Among several j at the same distance d (bit for bit), the smallest j wins.
 * Distance 0 is a distance like any other: a duplicated point's answer is its
 * twin with the smallest other index.
 *
 * Returns 0 on success. Returns -1 when n < 2, pts or nearest is NULL, or
 * memory runs out; nothing is promised about nearest[] then.
 *
 * The points are not modified. Duplicates, grids with many exact ties, all
 * points identical, points on one line and sorted inputs are all valid, and
 * must be both correct and fast: no quadratic blow-up, and no recursion whose
 * depth the input can drive (the tests run large degenerate inputs on a
 * 64 KiB thread stack).
 *
 * Coordinates are expected to be finite. NaN or infinite coordinates must not
 * crash or hang an implementation, but the indices written are then
 * unspecified.
 */
int all_nearest(const struct point3 *pts, size_t n, size_t *nearest);

#endif
