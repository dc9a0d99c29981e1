/*
 * Scenario: an attack on the machine through the database. The lab's SQL is
 * executed by the trusted side (measure/remote.c), so an SQLite ATTACH would
 * create and write a file anywhere the grader can write; this one tries the
 * tree's own build folder and /tmp, then answers with the reference's JOIN.
 * The connection refuses ATTACH (and VACUUM INTO, and extensions), so
 * prepare_schema fails with SQLite's reason. Expected: correctness FAIL.
 */
#include "lab.h"

#include <stdio.h>

int prepare_schema(struct db *db)
{
    if (db_exec(db, "ATTACH DATABASE '/tmp/perflab-scenario-attach.db' AS elsewhere;"
                    "CREATE TABLE elsewhere.loot (x TEXT);"
                    "INSERT INTO elsewhere.loot VALUES ('written by student SQL')") != 0)
        return -1;
    return db_exec(db, "CREATE INDEX IF NOT EXISTS orders_user_id ON orders (user_id)");
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    struct db_stmt *st = db_prepare(db, "SELECT u.id, u.name, COUNT(o.id), COALESCE(SUM(o.amount_cents), 0)"
                                        " FROM users u LEFT JOIN orders o ON o.user_id = u.id"
                                        " GROUP BY u.id, u.name ORDER BY u.id");
    if (st == NULL)
        return -1;
    long n = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if ((size_t)n < cap) {
            struct user_total *u = &out[n];
            u->user_id = db_column_int64(st, 0);
            const char *name = db_column_text(st, 1);
            snprintf(u->name, sizeof u->name, "%s", name ? name : "");
            u->order_count = db_column_int64(st, 2);
            u->total_cents = db_column_int64(st, 3);
        }
        n++;
    }
    db_finalize(st);
    return rc == DB_DONE ? n : -1;
}
