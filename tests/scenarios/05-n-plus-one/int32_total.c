/*
 * int32_total.c -- Lab 5 grader scenario: one query, a 32-bit total.
 *
 * Eager loading done by hand: one LEFT JOIN brings every user with each of
 * their orders, sorted by user, and the C code adds them up as the rows go
 * by. One statement, every user, the right order -- but the running total is
 * an `int`. Totals above 2^31 - 1 cents (21.4 million in money: one big
 * customer) wrap around; no compiler warning without -Wconversion.
 * Expected: correctness FAIL (the test with totals above 2^31),
 * performance not graded.
 */
#include "lab.h"

#include <stdio.h>
#include <string.h>

int prepare_schema(struct db *db)
{
    (void)db;
    return 0;
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    struct db_stmt *st = db_prepare(db,
        "SELECT u.id, u.name, o.amount_cents FROM users u"
        " LEFT JOIN orders o ON o.user_id = u.id ORDER BY u.id");
    if (st == NULL)
        return -1;
    long n = 0;
    int64_t current = 0;
    int count = 0, total = 0; /* the bug: 32 bits */
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_column_int64(st, 0);
        if (n == 0 || id != current) {
            if (n > 0 && (size_t)(n - 1) < cap) {
                out[n - 1].order_count = count;
                out[n - 1].total_cents = total;
            }
            if ((size_t)n < cap) {
                out[n].user_id = id;
                snprintf(out[n].name, sizeof out[n].name, "%s", db_column_text(st, 1));
            }
            current = id;
            count = total = 0;
            n++;
        }
        if (db_column_text(st, 2) != NULL) { /* NULL: a user without orders */
            count++;
            total += db_column_int64(st, 2);
        }
    }
    if (n > 0 && (size_t)(n - 1) < cap) {
        out[n - 1].order_count = count;
        out[n - 1].total_cents = total;
    }
    db_finalize(st);
    return rc == DB_DONE ? n : -1;
}
