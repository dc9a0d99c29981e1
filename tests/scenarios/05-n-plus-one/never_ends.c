/*
 * Scenario: a statement that never ends. A recursive CTE without a stop
 * (a typo in its WHERE, say) runs forever, and the lab's SQL runs on the
 * trusted side (measure/remote.c), not in the sandboxed worker: before the
 * limit per statement (measure/db.h, STATEMENT_LIMIT_S: 1 s in the suite)
 * only the suite's overall time limit stopped it. Now each test that calls
 * user_order_totals gets its statement stopped after 1 s, with the statement
 * named. Expected: correctness FAIL with that message, in well under the
 * suite's 30 s, and the grade carries on.
 */
#include "lab.h"

int prepare_schema(struct db *db)
{
    return db_exec(db, "CREATE INDEX IF NOT EXISTS orders_user_id ON orders (user_id)");
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    (void)out;
    (void)cap;
    struct db_stmt *st = db_prepare(db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
                                        " SELECT count(*) FROM c");
    if (st == NULL)
        return -1;
    long n = db_step(st) == DB_ROW ? (long)db_column_int64(st, 0) : -1;
    db_finalize(st);
    return n;
}
