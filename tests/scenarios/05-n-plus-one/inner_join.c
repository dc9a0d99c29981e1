/*
 * inner_join.c -- Lab 5 grader scenario: one JOIN, but an INNER one.
 *
 * A plausible first fix: one statement, grouped per user. But a plain JOIN
 * keeps only the users that have at least one order, so users without
 * orders vanish from the report. Expected: correctness FAIL (the tests with
 * users who have no orders), performance not graded.
 */
#include "lab.h"

#include <stdio.h>

int prepare_schema(struct db *db)
{
    return db_exec(db, "CREATE INDEX orders_user_id ON orders (user_id)");
}

static void read_row(struct db_stmt *st, struct user_total *user)
{
    const char *name = db_column_text(st, 1);
    user->user_id = db_column_int64(st, 0);
    snprintf(user->name, sizeof user->name, "%s", name ? name : "");
    user->order_count = db_column_int64(st, 2);
    user->total_cents = db_column_int64(st, 3);
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    struct db_stmt *st = db_prepare(db,
        "SELECT u.id, u.name, COUNT(*), SUM(o.amount_cents)"
        " FROM users u JOIN orders o ON o.user_id = u.id"
        " GROUP BY u.id, u.name ORDER BY u.id");
    long n = 0;
    int rc = st ? DB_ROW : DB_ERROR;
    while (st && (rc = db_step(st)) == DB_ROW) {
        if ((size_t)n < cap)
            read_row(st, &out[n]);
        n++;
    }
    db_finalize(st);
    return rc == DB_DONE ? n : -1;
}
