/*
 * lab.h -- Lab 5 contract: every user's order count and total, from a real
 * database.
 *
 * This is the interface every implementation of the lab provides: the naive
 * baseline (naive.c), your version (optimized.c), the reference
 * (solutions/05-n-plus-one/optimized.c) and the variants in variants/. The
 * tests in tests/05-n-plus-one.c hold every one of them to exactly this text,
 * on SQLite and on PostgreSQL. Talk to the database only through
 * measure/db.h, so that the same code runs on both.
 *
 * The tables, loaded before your code runs (without any index on
 * orders.user_id):
 *
 *   users  (id INTEGER PRIMARY KEY, name TEXT NOT NULL)
 *   orders (id INTEGER PRIMARY KEY,
 *           user_id INTEGER NOT NULL REFERENCES users(id),
 *           amount_cents BIGINT NOT NULL)
 */
#ifndef LAB05_N_PLUS_ONE_H
#define LAB05_N_PLUS_ONE_H

#include <stddef.h>
#include <stdint.h>

#include "measure/db.h"

/* One user's line of the report. */
struct user_total {
    int64_t user_id;
    char name[64];       /* the user's name, NUL-terminated (names are at most 63 bytes of UTF-8) */
    int64_t order_count; /* how many orders the user has; 0 if none */
    int64_t total_cents; /* sum of their amount_cents; 0 if none; may exceed 2^31 */
};

/*
 * prepare_schema -- called once, after the tables are loaded and before any
 * call to user_order_totals(); not timed, not counted. It may change the
 * schema for speed (for example, create an index), but not the data.
 * Returns 0, or -1 on a database error (db_error() says why).
 */
int prepare_schema(struct db *db);

/*
 * user_order_totals -- one struct user_total per user, in ascending user_id
 * order, for EVERY user, including users without orders (order_count 0,
 * total_cents 0).
 *
 * Writes at most `cap` entries into out[0..cap) and returns the number of
 * users, like snprintf: if it returns more than `cap`, out holds the first
 * `cap` users (lowest ids) and nothing beyond out[cap-1] was touched; call
 * again with a bigger array to get them all. `out` may be NULL when cap is 0.
 *
 * Returns -1 on a database error (a missing table, a lost connection); then
 * db_error(db) says why, and the contents of out are unspecified.
 *
 * The graded measure is the number of statements it sends to the database
 * per call (db_statements(), see measure/db.h), not its time.
 */
long user_order_totals(struct db *db, struct user_total *out, size_t cap);

#endif
