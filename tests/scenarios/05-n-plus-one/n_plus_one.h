/*
 * n_plus_one.h -- 1 + N statements with an index on orders.user_id (so each
 * per-user query is quick, and grading at N = 10,000 takes seconds): the
 * honest core of the attack scenarios that wrap it in something hostile.
 * make test inlines it into each scenario (a student hands in one file).
 */
#include <stdio.h>

static int create_index(struct db *db)
{
    return db_exec(db, "CREATE INDEX IF NOT EXISTS orders_user_id ON orders (user_id)");
}

static long n_plus_one(struct db *db, struct user_total *out, size_t cap)
{
    struct db_stmt *users = db_prepare(db, "SELECT id, name FROM users ORDER BY id");
    struct db_stmt *orders = db_prepare(db, "SELECT amount_cents FROM orders WHERE user_id = ?");
    long n = users != NULL && orders != NULL ? 0 : -1;
    int rc = DB_ERROR;
    while (n >= 0 && (rc = db_step(users)) == DB_ROW) {
        struct user_total user = { .user_id = db_column_int64(users, 0) };
        const char *name = db_column_text(users, 1);
        snprintf(user.name, sizeof user.name, "%s", name ? name : "");
        if (db_reset(orders) != 0 || db_bind_int64(orders, 1, user.user_id) != 0) {
            n = -1;
            break;
        }
        int step;
        while ((step = db_step(orders)) == DB_ROW) {
            user.order_count++;
            user.total_cents += db_column_int64(orders, 0);
        }
        if (step != DB_DONE) {
            n = -1;
            break;
        }
        if ((size_t)n < cap)
            out[n] = user;
        n++;
    }
    if (n >= 0 && rc != DB_DONE)
        n = -1;
    db_finalize(users);
    db_finalize(orders);
    return n;
}
