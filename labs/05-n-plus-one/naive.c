/*
 * naive.c -- Lab 5 baseline: one query for the users, then one per user.
 * label: N+1 queries, no index
 *
 * This is the code an ORM writes for you when a template loops over
 * `users` and touches `user.orders` (lazy loading), and the code we write by
 * hand when we think one user at a time: ask for the list, then for each
 * user ask for their orders and add them up. It is correct, easy to read,
 * and it sends 1 + N statements for N users -- the "N+1 query problem".
 *
 * Each of those statements is cheap for an in-process database like SQLite
 * (a function call), but on a server each one is a round trip over a socket
 * or a network, and N round trips is a cost no amount of fast C can hide.
 * Worse, the tables come without an index on orders.user_id, so each
 * per-user query reads the whole orders table: N queries times 10 N rows,
 * quadratic work.
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
