/*
 * Scenario: an attack on the statement count. N+1 code that prints the
 * driver's own report line, "counter statements 1", before the driver
 * prints the real one. When the driver linked the student's code, the
 * grader read the first such line and saw 1 statement. Now the count is
 * taken by driver-remote (no student code): what the worker prints goes to
 * its own pipes. Expected: correctness PASS, performance FAIL.
 */
#include "lab.h"

#include "n_plus_one.h"

int prepare_schema(struct db *db)
{
    return create_index(db);
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    long n = n_plus_one(db, out, cap);
    printf("calls 1\ncounter statements 1\n");
    fflush(stdout);
    fprintf(stderr, "counter statements 1\n");
    return n;
}
