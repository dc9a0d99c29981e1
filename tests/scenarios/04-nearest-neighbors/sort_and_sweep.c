/*
 * sort_and_sweep.c -- grader scenario: better than all pairs, not good enough.
 *
 * The first idea many people have: sort the points by x, then for each point
 * walk outwards in x order and stop in each direction as soon as dx*dx alone
 * is larger than the best distance found. It is correct (ties included: the
 * walk stops only when strictly farther) and much faster than naive. But in
 * 3-D the slab |dx| <= r around a point still holds about N^(2/3) points, so
 * the whole job is about N^(5/3): the exponent target fails, and all points
 * identical make it quadratic. Expected: correctness PASS, performance FAIL.
 */
#include "lab.h"

#include <math.h>
#include <stdlib.h>

static const struct point3 *points;

static int by_x(const void *a, const void *b)
{
    double u = points[*(const size_t *)a].x, v = points[*(const size_t *)b].x;
    return (u > v) - (u < v);
}

static void consider(size_t i, size_t j, size_t *best, double *best_distance)
{
    double dx = points[j].x - points[i].x, dy = points[j].y - points[i].y,
           dz = points[j].z - points[i].z;
    double d = (dx * dx + dy * dy) + dz * dz;
    if (d < *best_distance || (d == *best_distance && j < *best)) {
        *best = j;
        *best_distance = d;
    }
}

int all_nearest(const struct point3 *pts, size_t n, size_t *nearest)
{
    if (pts == NULL || nearest == NULL || n < 2)
        return -1;
    size_t *order = malloc(n * sizeof *order);
    if (order == NULL)
        return -1;
    points = pts;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort(order, n, sizeof *order, by_x);

    for (size_t k = 0; k < n; k++) {
        size_t i = order[k], best = n;
        double best_distance = INFINITY;
        for (size_t m = k + 1; m < n; m++) {
            double dx = pts[order[m]].x - pts[i].x;
            if (dx * dx > best_distance)
                break;
            consider(i, order[m], &best, &best_distance);
        }
        for (size_t m = k; m-- > 0;) {
            double dx = pts[order[m]].x - pts[i].x;
            if (dx * dx > best_distance)
                break;
            consider(i, order[m], &best, &best_distance);
        }
        nearest[i] = best;
    }
    free(order);
    return 0;
}
