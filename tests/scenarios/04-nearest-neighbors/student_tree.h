/*
 * student_tree.h -- the textbook k-d tree that Lab 4's grader scenarios share.
 *
 * Each scenario is one .c file that defines two rules and includes this file:
 *
 *   BEATS(d, j, b)         does candidate j at distance d replace the best b?
 *   VISIT_FAR_SIDE(gap, b) search the far side of a split whose plane is at
 *                          squared distance gap from the query?
 *
 * so that the file says exactly which mistake it stands for, and the tree
 * itself is written once. The tree is what a good first attempt looks like:
 * indexes sorted along depth % 3 at every node (a full sort per node,
 * O(N log^2 N) to build, simple), split at the middle, buckets of 8, searched
 * recursively near side first (the depth is log2(N / 8), never more).
 */
#include "lab.h"

#include <math.h>
#include <stdlib.h>

enum { LEAF = 8 };

struct best {
    size_t index;
    double distance;
};

static const struct point3 *points;
static int sort_axis;

static double coord(size_t i, int axis)
{
    return axis == 0 ? points[i].x : axis == 1 ? points[i].y : points[i].z;
}

static int by_sort_axis(const void *a, const void *b)
{
    double u = coord(*(const size_t *)a, sort_axis), v = coord(*(const size_t *)b, sort_axis);
    return (u > v) - (u < v);
}

/* The split value of the node whose middle is `mid` is kept at split[mid]:
   every internal node has its own middle. */
static void build(size_t *order, double *split, size_t begin, size_t end, int depth)
{
    if (end - begin <= LEAF)
        return;
    sort_axis = depth % 3;
    qsort(order + begin, end - begin, sizeof *order, by_sort_axis);
    size_t mid = begin + (end - begin) / 2;
    split[mid] = coord(order[mid], depth % 3);
    build(order, split, begin, mid, depth + 1);
    build(order, split, mid, end, depth + 1);
}

static void search(const size_t *order, const double *split, size_t begin, size_t end,
                   int depth, size_t query, struct best *b)
{
    if (end - begin <= LEAF) {
        for (size_t k = begin; k < end; k++) {
            size_t j = order[k];
            if (j == query)
                continue;
            double dx = points[j].x - points[query].x, dy = points[j].y - points[query].y,
                   dz = points[j].z - points[query].z;
            double d = (dx * dx + dy * dy) + dz * dz;
            if (BEATS(d, j, b)) {
                b->index = j;
                b->distance = d;
            }
        }
        return;
    }
    size_t mid = begin + (end - begin) / 2;
    double diff = coord(query, depth % 3) - split[mid];
    size_t near_begin = diff < 0 ? begin : mid, near_end = diff < 0 ? mid : end;
    size_t far_begin = diff < 0 ? mid : begin, far_end = diff < 0 ? end : mid;
    search(order, split, near_begin, near_end, depth + 1, query, b);
    if (VISIT_FAR_SIDE(diff * diff, b))
        search(order, split, far_begin, far_end, depth + 1, query, b);
}

int all_nearest(const struct point3 *pts, size_t n, size_t *nearest)
{
    if (pts == NULL || nearest == NULL || n < 2)
        return -1;
    size_t *order = malloc(n * sizeof *order);
    double *split = malloc(n * sizeof *split);
    if (order == NULL || split == NULL) {
        free(order);
        free(split);
        return -1;
    }
    points = pts;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    build(order, split, 0, n, 0);
    for (size_t i = 0; i < n; i++) {
        struct best b = { i == 0 ? 1 : 0, INFINITY };
        search(order, split, 0, n, 0, i, &b);
        nearest[i] = b.index;
    }
    free(order);
    free(split);
    return 0;
}
