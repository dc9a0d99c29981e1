/*
 * no_pruning.c -- grader scenario: a k-d tree that never skips anything.
 *
 * The textbook tree (student_tree.h), searched near side first, but the test
 * that would skip the far side was left out ("it's only an optimization").
 * Every answer is right, and every query still visits every leaf: N^2
 * distances plus the tree's overhead, slower than naive. Expected:
 * correctness PASS, performance FAIL.
 */
#define BEATS(d, j, b) ((d) < (b)->distance || ((d) == (b)->distance && (j) < (b)->index))
#define VISIT_FAR_SIDE(gap, b) ((void)(gap), (void)(b), 1) /* the bug: always */
#include "student_tree.h"
