/*
 * forgets_far_side.c -- grader scenario: a k-d tree that never backtracks.
 *
 * The textbook tree (student_tree.h), but the query only walks down to the
 * leaf on its own side of every split and takes the best point there. A
 * point close to a splitting plane often has its true nearest neighbour on
 * the other side, so a good share of the answers are wrong -- while most are
 * right, which is what makes this bug easy to miss by eye. Expected:
 * correctness FAIL.
 */
#define BEATS(d, j, b) ((d) < (b)->distance || ((d) == (b)->distance && (j) < (b)->index))
#define VISIT_FAR_SIDE(gap, b) ((void)(gap), (void)(b), 0) /* the bug: never */
#include "student_tree.h"
