/*
 * Attack scenario: call the reference. The binaries that measure every
 * variant side by side link the reference as reference_join_ints, so a
 * submission that declares it and calls it would be as fast as the
 * reference without writing a line of it.
 * Expected: correctness FAIL ("does not compile": undefined reference). The
 * grader links the student's object only with what it needs: the tests, or
 * the workload with yours alone (driver-graded), never the reference.
 */
#include "lab.h"

char *reference_join_ints(const int *values, size_t n, char sep);

char *join_ints(const int *values, size_t n, char sep)
{
    return reference_join_ints(values, n, sep);
}
