/*
 * ties_by_visit_order.c -- grader scenario: a k-d tree that breaks ties by
 * the order it happens to visit points.
 *
 * The textbook tree (student_tree.h). The search keeps the first point found
 * at the best distance (`d < best`) and skips the far side unless its plane
 * is strictly nearer: both natural, both fine while distances never tie.
 * With ties (duplicates, grids, equal spacing) the answer is whichever tied
 * point the walk reaches first, not the smallest index the contract asks
 * for. Expected: correctness FAIL.
 */
#define BEATS(d, j, b) ((d) < (b)->distance) /* the bug: the first of equals wins */
#define VISIT_FAR_SIDE(gap, b) ((gap) < (b)->distance)
#include "student_tree.h"
