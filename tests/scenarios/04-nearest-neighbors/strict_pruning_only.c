/*
 * strict_pruning_only.c -- grader scenario: a correct k-d tree that all
 * identical points make quadratic.
 *
 * The textbook tree (student_tree.h) with a careful search: a candidate
 * replaces the best on a smaller distance, or on an equal distance and a
 * smaller index, and the far side is skipped only when its plane is strictly
 * farther than the best distance -- exactly what the tie rule allows. Every
 * answer is right. But when many points share a coordinate the plane is at
 * distance 0, the best distance is 0 too, and the far side is never skipped:
 * with all points identical every query visits every leaf, N^2 work again.
 * Expected: correctness PASS, performance FAIL (exponent 2 on identical
 * points).
 */
#define BEATS(d, j, b) ((d) < (b)->distance || ((d) == (b)->distance && (j) < (b)->index))
#define VISIT_FAR_SIDE(gap, b) ((gap) <= (b)->distance)
#include "student_tree.h"
