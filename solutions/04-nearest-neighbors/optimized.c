/*
 * optimized.c -- Lab 4 reference: all-nearest-neighbours with a k-d tree.
 * label: k-d tree: median splits, leaf buckets, exact pruning
 *
 * The naive program compares every pair: N^2 distances. A k-d tree cuts space
 * in half again and again, and keeps for every piece the smallest box around
 * its points. A query can then skip a whole piece at once: if even the
 * closest corner of its box is farther than the best point found so far,
 * nothing inside can win. In 3-D a query ends up looking at a few dozen
 * points instead of N, and the whole job is O(N log N).
 *
 * Design decisions, and what each one buys. The figures are the course's
 * run (plots/lab-4/, measured by make course-data; wall times on a shared
 * machine move by 10% or more, instruction counts do not): on 1,000,000
 * uniform points the whole job takes <!-- figure 4.reference_1000000 -->650 ms<!-- /figure -->, of which the build <!-- figure 4.build_1000000 -->176 ms<!-- /figure -->
 * (sweeps 'scaling' and 'build').
 *
 * - Split at the median by count, along the widest side of the node's cell:
 *   both halves get the same number of points, so the depth is exactly
 *   ceil(log2(N / leaf size)) whatever the input -- sorted, on a line, all
 *   identical. No input can make the tree deep, so the build may recurse
 *   (depth <= 62) and a query needs only a small fixed-size array.
 * - The tree is implicit: node k's children are 2k+1 and 2k+2 and the leaves
 *   are the last level. No child pointers to store, allocate or chase.
 * - O(n) median selection per node (quickselect: random median-of-3 pivot,
 *   Hoare partition), never a sort: O(n) work per level of the tree, not
 *   O(n log n). Hoare's partition stops on keys equal to the pivot,
 *   so a run of equal keys is cut in the middle instead of piling onto one
 *   side (quickselect's quadratic trap on duplicates).
 * - Leaf buckets of up to kd_leaf_size points (default 32; with count
 *   splitting a leaf holds between half that and that). The lab's leaf-size
 *   sweep times the whole job on 200,000 uniform points with buckets of at
 *   most 1 / 8 / 32 / 128 / 512 points: <!-- figure 4.leaf_1 -->1.28 us<!-- /figure --> / <!-- figure 4.leaf_8 -->657 ns<!-- /figure --> / <!-- figure 4.leaf_32 -->558 ns<!-- /figure --> /
 *   <!-- figure 4.leaf_128 -->608 ns<!-- /figure --> / <!-- figure 4.leaf_512 -->1.04 us<!-- /figure --> per point (plots/lab-4/leaf-size.csv), the fastest at
 *   <!-- figure 4.best_leaf -->32<!-- /figure -->. Below a few dozen points a straight scan of contiguous memory
 *   beats descending further; far above, the scan does too much.
 * - Locality. The points are copied into leaf order (32-byte items with
 *   their original index), so a leaf is one run of memory, and the queries
 *   are made in that same order, so consecutive queries walk almost the
 *   same path and find it in cache (make profile-4 REFERENCE=1 counts the
 *   cache misses).
 * - A query starts in its own leaf and walks up. Its own leaf almost always
 *   holds a good candidate, and each level up adds only the sibling subtree,
 *   most of which one box test rules out. Descending from the root instead
 *   repeats, for every query, the descent to that leaf.
 * - Exact pruning. A box's lower bound is the contract's own formula applied
 *   to the per-axis gaps (lo - q, q - hi, or 0). Rounding is monotone, so
 *   that bound is never larger than the distance the contract computes for
 *   any point inside the box: a box is skipped only when none of its points
 *   can win, never "approximately". (Updating the bound incrementally, one axis at a time,
 *   as some libraries do, rounds differently and could skip a tie.)
 * - The tie rule at full speed. A subtree is skipped when its bound is
 *   strictly larger than the best distance, or equal to it and its smallest
 *   original index (min_index, kept per node) is not smaller than the best
 *   index. "Skip only when strictly farther" alone is correct, but with all
 *   points identical every box is at distance 0 and every query visits every
 *   leaf: N^2 again. This way the lab's 'identical' sweep (all points
 *   identical) keeps a fitted slope of <!-- figure 4.identical_reference_slope -->0.84<!-- /figure --> (plots/lab-4/identical.csv).
 *   Candidate subtrees are searched nearest first, ties smallest index
 *   first, so the first leaf reached usually holds the answer.
 */
#include "lab.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Largest leaf bucket; a global so that the lab can measure 1, 8, 32, 128. */
size_t kd_leaf_size = 32;

enum {
    KD_MAX_LEVELS = 62,     /* 2^62 leaves: more than any memory holds */
    KD_SMALL_RANGE = 16,    /* quickselect hands ranges this small to insertion sort */
};

/* A point in leaf order: coordinates as an array (the split axis is a
   variable) and the index it had in the caller's array. 32 bytes. */
struct kd_item {
    double c[3];
    size_t index;
};

/* The smallest axis-aligned box around a node's points. */
struct kd_box {
    double lo[3], hi[3];
};

struct kd_tree {
    struct kd_item *items;  /* the n points, in leaf order */
    size_t n;
    unsigned levels;        /* leaves are at depth `levels`; the root is 0 */
    size_t first_leaf;      /* node number of the leftmost leaf: 2^levels - 1 */
    struct kd_box *boxes;   /* one per node, implicit layout */
    size_t *min_index;      /* smallest original index in each subtree */
    size_t *leaf_start;     /* leaf m holds items[leaf_start[m] .. leaf_start[m+1]) */
};

/* ---- building ---------------------------------------------------------- */

static void *alloc_array(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return malloc(count * size);
}

/* A tiny xorshift generator for pivot positions: deterministic (the same
   tree, the same instruction count every run) yet unrelated to input order. */
static size_t random_below(uint64_t *state, size_t bound)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return (size_t)(x % bound);
}

static void swap_items(struct kd_item *a, struct kd_item *b)
{
    struct kd_item t = *a;
    *a = *b;
    *b = t;
}

static void insertion_sort(struct kd_item *a, size_t lo, size_t hi, int axis)
{
    for (size_t i = lo + 1; i <= hi; i++) {
        struct kd_item moving = a[i];
        size_t j = i;
        while (j > lo && moving.c[axis] < a[j - 1].c[axis]) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = moving;
    }
}

/* Order a[lo], a[mid], a[hi] by key: the pivot is then a[mid], and a[lo] and
   a[hi] stop the partition's scans without bounds checks. */
static void sort_three(struct kd_item *a, size_t lo, size_t mid, size_t hi, int axis)
{
    if (a[mid].c[axis] < a[lo].c[axis])
        swap_items(&a[lo], &a[mid]);
    if (a[hi].c[axis] < a[mid].c[axis])
        swap_items(&a[mid], &a[hi]);
    if (a[mid].c[axis] < a[lo].c[axis])
        swap_items(&a[lo], &a[mid]);
}

/* Rearrange a[0..n) so that a[k] is the element a full sort would put there,
   with nothing larger before it and nothing smaller after it (along `axis`).
   Expected O(n): each round keeps only the side that holds k. */
static void select_kth(struct kd_item *a, size_t n, size_t k, int axis, uint64_t *rng)
{
    size_t lo = 0, hi = n - 1;
    while (hi - lo >= KD_SMALL_RANGE) {
        size_t span = hi - lo + 1, mid = lo + span / 2;
        swap_items(&a[lo], &a[lo + random_below(rng, span)]);
        swap_items(&a[mid], &a[lo + random_below(rng, span)]);
        swap_items(&a[hi], &a[lo + random_below(rng, span)]);
        sort_three(a, lo, mid, hi, axis);

        /* Hoare partition. Both scans stop on keys equal to the pivot and
           swap them, so a run of equal keys is cut in the middle. */
        double pivot = a[mid].c[axis];
        size_t i = lo, j = hi;
        for (;;) {
            do
                i++;
            while (a[i].c[axis] < pivot);
            do
                j--;
            while (a[j].c[axis] > pivot);
            if (i >= j)
                break;
            swap_items(&a[i], &a[j]);
        }
        /* Now a[lo..j] <= pivot <= a[j+1..hi], and lo <= j < hi. */
        if (k <= j)
            hi = j;
        else
            lo = j + 1;
    }
    insertion_sort(a, lo, hi, axis);
}

static struct kd_box bounding_box(const struct kd_item *a, size_t begin, size_t end)
{
    /* Six locals rather than box.lo[axis]: they stay in registers. */
    double lo0 = INFINITY, lo1 = INFINITY, lo2 = INFINITY;
    double hi0 = -INFINITY, hi1 = -INFINITY, hi2 = -INFINITY;
    for (size_t i = begin; i < end; i++) {
        const double *c = a[i].c;
        lo0 = c[0] < lo0 ? c[0] : lo0;
        hi0 = c[0] > hi0 ? c[0] : hi0;
        lo1 = c[1] < lo1 ? c[1] : lo1;
        hi1 = c[1] > hi1 ? c[1] : hi1;
        lo2 = c[2] < lo2 ? c[2] : lo2;
        hi2 = c[2] > hi2 ? c[2] : hi2;
    }
    return (struct kd_box){ { lo0, lo1, lo2 }, { hi0, hi1, hi2 } };
}

static int widest_axis(const struct kd_box *box)
{
    int widest = 0;
    for (int axis = 1; axis < 3; axis++)
        if (box->hi[axis] - box->lo[axis] > box->hi[widest] - box->lo[widest])
            widest = axis;
    return widest;
}

static size_t smallest_index(const struct kd_item *a, size_t begin, size_t end)
{
    size_t smallest = SIZE_MAX;
    for (size_t i = begin; i < end; i++)
        if (a[i].index < smallest)
            smallest = a[i].index;
    return smallest;
}

static struct kd_box union_of(const struct kd_box *a, const struct kd_box *b)
{
    struct kd_box u;
    for (int axis = 0; axis < 3; axis++) {
        u.lo[axis] = a->lo[axis] < b->lo[axis] ? a->lo[axis] : b->lo[axis];
        u.hi[axis] = a->hi[axis] > b->hi[axis] ? a->hi[axis] : b->hi[axis];
    }
    return u;
}

/* Build node `node` (depth `level`) over items[begin, end). `cell` is the
   region the node stands for (the root's box cut at every median above): it
   chooses the split axis without a pass over the points. The tight boxes used
   for pruning are computed bottom-up, one pass over the points in all. The
   recursion is as deep as the tree: at most KD_MAX_LEVELS, by construction. */
static void build_node(struct kd_tree *t, size_t node, unsigned level,
                       size_t begin, size_t end, struct kd_box cell, uint64_t *rng)
{
    if (level == t->levels) {
        t->boxes[node] = bounding_box(t->items, begin, end);
        t->leaf_start[node - t->first_leaf] = begin;
        t->min_index[node] = smallest_index(t->items, begin, end);
        return;
    }
    size_t mid = begin + (end - begin) / 2;
    struct kd_box left_cell = cell, right_cell = cell;
    if (mid > begin) {
        int axis = widest_axis(&cell);
        select_kth(t->items + begin, end - begin, mid - begin, axis, rng);
        left_cell.hi[axis] = right_cell.lo[axis] = t->items[mid].c[axis];
    }
    size_t left = 2 * node + 1, right = 2 * node + 2;
    build_node(t, left, level + 1, begin, mid, left_cell, rng);
    build_node(t, right, level + 1, mid, end, right_cell, rng);
    t->boxes[node] = union_of(&t->boxes[left], &t->boxes[right]);
    t->min_index[node] = t->min_index[left] < t->min_index[right] ? t->min_index[left]
                                                                    : t->min_index[right];
}

static void kd_free(struct kd_tree *t)
{
    free(t->items);
    free(t->boxes);
    free(t->min_index);
    free(t->leaf_start);
}

/* Depth of the leaves: the fewest halvings that bring ceil(n / 2^levels)
   down to the leaf size. Capped so that 2^(levels + 1) nodes still fit a
   size_t (a tree that big fails to allocate, cleanly). */
static unsigned levels_for(size_t n, size_t leaf_size)
{
    unsigned cap = sizeof(size_t) * CHAR_BIT - 2;
    if (cap > KD_MAX_LEVELS)
        cap = KD_MAX_LEVELS;
    unsigned levels = 0;
    while (((n - 1) >> levels) + 1 > leaf_size && levels < cap)
        levels++;
    return levels;
}

static int kd_build(struct kd_tree *t, const struct point3 *pts, size_t n)
{
    size_t leaf_size = kd_leaf_size > 0 ? kd_leaf_size : 1;
    memset(t, 0, sizeof *t);
    t->n = n;
    t->levels = levels_for(n, leaf_size);
    size_t leaves = (size_t)1 << t->levels;
    size_t nodes = 2 * leaves - 1;
    t->first_leaf = leaves - 1;
    t->items = alloc_array(n, sizeof *t->items);
    t->boxes = alloc_array(nodes, sizeof *t->boxes);
    t->min_index = alloc_array(nodes, sizeof *t->min_index);
    t->leaf_start = alloc_array(leaves + 1, sizeof *t->leaf_start);
    if (t->items == NULL || t->boxes == NULL || t->min_index == NULL || t->leaf_start == NULL) {
        kd_free(t);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        t->items[i] = (struct kd_item){ { pts[i].x, pts[i].y, pts[i].z }, i };
    t->leaf_start[leaves] = n;

    uint64_t rng = UINT64_C(0x9E3779B97F4A7C15);
    build_node(t, 0, 0, 0, n, bounding_box(t->items, 0, n), &rng);
    return 0;
}

/* ---- querying ---------------------------------------------------------- */

/* The best answer so far for one query. */
struct best {
    double distance;
    size_t index;
};

/* The smallest distance, by the contract's formula, that any point inside
   `box` can have from q. Each gap is no larger than the |dx| of any point in
   the box, and rounding never reverses an order, so the result is never
   larger than that point's exact distance. */
static double axis_gap(double q, double lo, double hi)
{
    if (q < lo)
        return lo - q;
    if (q > hi)
        return q - hi;
    return 0.0;
}

static inline double box_distance(const double q[3], const struct kd_box *box)
{
    double gx = axis_gap(q[0], box->lo[0], box->hi[0]);
    double gy = axis_gap(q[1], box->lo[1], box->hi[1]);
    double gz = axis_gap(q[2], box->lo[2], box->hi[2]);
    return (gx * gx + gy * gy) + gz * gz;
}

/* Can a subtree at distance >= bound still hold the answer? Only if it is
   nearer, or exactly as near and holds a smaller index. */
static int can_win(const struct kd_tree *t, size_t node, double bound, const struct best *b)
{
    return bound < b->distance || (bound == b->distance && t->min_index[node] < b->index);
}

static void scan_leaf(const struct kd_tree *t, size_t leaf, size_t query, struct best *b)
{
    const double *q = t->items[query].c;
    size_t end = t->leaf_start[leaf + 1];
    for (size_t j = t->leaf_start[leaf]; j < end; j++) {
        double dx = t->items[j].c[0] - q[0];
        double dy = t->items[j].c[1] - q[1];
        double dz = t->items[j].c[2] - q[2];
        double d = (dx * dx + dy * dy) + dz * dz;
        if (d <= b->distance && j != query) {
            size_t index = t->items[j].index;
            if (d < b->distance || index < b->index) {
                b->distance = d;
                b->index = index;
            }
        }
    }
}

/* Search the subtree under `node` (already known to be worth it: its bound
   can win). Depth-first, nearer child first, on an explicit stack: a node is
   pushed at most once per level, so levels + 1 entries always suffice. */
static void search_subtree(const struct kd_tree *t, size_t node, double bound,
                           size_t query, struct best *b)
{
    const double *q = t->items[query].c;
    struct pending {
        size_t node;
        double bound;
    } stack[KD_MAX_LEVELS + 2];
    size_t top = 0;
    stack[top++] = (struct pending){ node, bound };

    while (top > 0) {
        struct pending p = stack[--top];
        if (!can_win(t, p.node, p.bound, b))
            continue;
        if (p.node >= t->first_leaf) {
            scan_leaf(t, p.node - t->first_leaf, query, b);
            continue;
        }
        struct pending near = { 2 * p.node + 1, box_distance(q, &t->boxes[2 * p.node + 1]) };
        struct pending far = { 2 * p.node + 2, box_distance(q, &t->boxes[2 * p.node + 2]) };
        if (far.bound < near.bound ||
            (far.bound == near.bound && t->min_index[far.node] < t->min_index[near.node])) {
            struct pending swap = near;
            near = far;
            far = swap;
        }
        if (can_win(t, far.node, far.bound, b))
            stack[top++] = far;
        if (can_win(t, near.node, near.bound, b))
            stack[top++] = near;
    }
}

/* Nearest other point of items[query], which lives in leaf `leaf`.
   Start where the answer most likely is, the query's own leaf. Then walk up
   to the root: at each level only the sibling subtree is new, and most
   siblings are ruled out by one box test. The few that remain are searched
   nearest first, ties smallest index first: with many ties (a grid, all
   points identical) the first one searched then holds the answer and the
   index test prunes all the others. */
static size_t nearest_to(const struct kd_tree *t, size_t query, size_t leaf)
{
    const double *q = t->items[query].c;
    struct best b = { INFINITY, SIZE_MAX };
    scan_leaf(t, leaf, query, &b);

    struct pending {
        size_t node;
        double bound;
    } todo[KD_MAX_LEVELS];
    size_t count = 0;
    for (size_t node = t->first_leaf + leaf; node > 0; node = (node - 1) / 2) {
        size_t sibling = node % 2 == 1 ? node + 1 : node - 1;
        double bound = box_distance(q, &t->boxes[sibling]);
        if (!can_win(t, sibling, bound, &b))
            continue;
        /* Keep todo[] sorted best last: (bound, smallest index) descending.
           Higher siblings are bigger and usually hold smaller indexes, so
           with ties the new entry simply goes on the end. */
        size_t i = count++;
        while (i > 0 && (bound > todo[i - 1].bound ||
                         (bound == todo[i - 1].bound &&
                          t->min_index[sibling] > t->min_index[todo[i - 1].node]))) {
            todo[i] = todo[i - 1];
            i--;
        }
        todo[i] = (struct pending){ sibling, bound };
    }
    while (count > 0) {
        struct pending p = todo[--count];
        if (can_win(t, p.node, p.bound, &b))
            search_subtree(t, p.node, p.bound, query, &b);
    }
    return b.index;
}

/* ---- the contract ------------------------------------------------------ */

int all_nearest(const struct point3 *pts, size_t n, size_t *nearest)
{
    if (pts == NULL || nearest == NULL || n < 2)
        return -1;
    struct kd_tree t;
    if (kd_build(&t, pts, n) != 0)
        return -1;
    size_t leaves = t.first_leaf + 1;
    for (size_t leaf = 0; leaf < leaves; leaf++)
        for (size_t query = t.leaf_start[leaf]; query < t.leaf_start[leaf + 1]; query++)
            nearest[t.items[query].index] = nearest_to(&t, query, leaf);
    kd_free(&t);
    return 0;
}

/* The build alone (then freed), so the lab can split the time into build and
   queries. Same arguments and return value as all_nearest. */
int kd_build_only(const struct point3 *pts, size_t n)
{
    if (pts == NULL || n < 2)
        return -1;
    struct kd_tree t;
    if (kd_build(&t, pts, n) != 0)
        return -1;
    kd_free(&t);
    return 0;
}
