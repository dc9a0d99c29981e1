/*
 * naive.c -- Lab 4 baseline: compare every point with every other point.
 * label: every pair: N(N-1) distances
 *
 * This is the obvious program, and it is correct: for each point, walk the
 * whole array and keep the closest other point seen so far. Walking j upwards
 * and replacing the answer only on a strictly smaller distance gives the tie
 * rule (smallest j) for free. It is also quadratic: N points cost N * (N - 1)
 * distance computations, so 10x more points take 100x longer. Each distance is
 * cheap (about a nanosecond), which is why it feels fine at 1,000 points and
 * takes minutes at 1,000,000.
 */
#include "lab.h"

/* The contract's distance, in the contract's order of operations. */
static double squared_distance(const struct point3 *a, const struct point3 *b)
{
    double dx = b->x - a->x;
    double dy = b->y - a->y;
    double dz = b->z - a->z;
    return (dx * dx + dy * dy) + dz * dz;
}

int all_nearest(const struct point3 *pts, size_t n, size_t *nearest)
{
    if (pts == NULL || nearest == NULL || n < 2)
        return -1;

    for (size_t i = 0; i < n; i++) {
        size_t best = i == 0 ? 1 : 0; /* the first other point */
        double best_distance = squared_distance(&pts[i], &pts[best]);
        for (size_t j = best + 1; j < n; j++) {
            if (j == i)
                continue;
            double d = squared_distance(&pts[i], &pts[j]);
            if (d < best_distance) {
                best_distance = d;
                best = j;
            }
        }
        nearest[i] = best;
    }
    return 0;
}
