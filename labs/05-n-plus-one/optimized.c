/*
 * optimized.c -- This is your file: make Lab 5 send fewer statements.
 *
 * It starts as a copy of naive.c: one query for the users, then one query
 * per user for their orders -- 1 + N statements, and, without an index on
 * orders.user_id, a full read of the orders table for each user.
 *
 * Your target (make grade-5): at most 1 + ceil(N/100) statements per call
 * for N users, with every test still passing (make test-5). See
 * labs/05-n-plus-one/README.md for the hints, and lab.h for the contract:
 * every user, ascending id, users without orders included, 64-bit totals.
 * Use only measure/db.h, and keep values out of the SQL text: bind them.
 */
#include "lab.h"

#include <stdio.h>

int prepare_schema(struct db *db)
{
    (void)db; /* the schema as loaded */
    return 0;
}

/* Add up one user's orders with the per-user statement. */
static int load_orders(struct db_stmt *orders, struct user_total *user)
{
    if (db_reset(orders) != 0 || db_bind_int64(orders, 1, user->user_id) != 0)
        return -1;
    int rc;
    while ((rc = db_step(orders)) == DB_ROW) {
        user->order_count++;
        user->total_cents += db_column_int64(orders, 0);
    }
    return rc == DB_DONE ? 0 : -1;
}

/* Step through the users; for each, one more statement for its orders. */
static long collect_users(struct db_stmt *users, struct db_stmt *orders,
                          struct user_total *out, size_t cap)
{
    long n = 0;
    int rc;
    while ((rc = db_step(users)) == DB_ROW) {
        struct user_total user = { .user_id = db_column_int64(users, 0) };
        const char *name = db_column_text(users, 1);
        snprintf(user.name, sizeof user.name, "%s", name ? name : "");
        if (load_orders(orders, &user) != 0)
            return -1;
        if ((size_t)n < cap)
            out[n] = user;
        n++;
    }
    return rc == DB_DONE ? n : -1;
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    struct db_stmt *users = db_prepare(db, "SELECT id, name FROM users ORDER BY id");
    struct db_stmt *orders = db_prepare(db, "SELECT amount_cents FROM orders WHERE user_id = ?");
    long count = users && orders ? collect_users(users, orders, out, cap) : -1;
    db_finalize(users);
    db_finalize(orders);
    return count;
}
