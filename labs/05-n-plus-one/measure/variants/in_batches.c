/*
 * in_batches.c -- Lab 5 variant: "DataLoader" batching, the orders of 100
 * users per statement, plus the index.
 * label: index + IN-lists of 100 ids, DataLoader batching
 *
 * When a single JOIN is not possible -- the users come from one service and
 * the orders from another, or a GraphQL resolver is asked for one user's
 * orders at a time -- the fix for N+1 is to batch: collect the keys that are
 * asked for, then fetch the children of all of them in one query,
 *     SELECT user_id, amount_cents FROM orders WHERE user_id IN (?, ?, ..., ?)
 * and hand each row back to its user. That is what Facebook's DataLoader
 * does between the ticks of the event loop. With batches of 100 users the
 * statement count drops from 1 + N to 1 + ceil(N / 100).
 *
 * Why 100 and not all N at once: a statement with N parameters is N times
 * larger to send and to plan, databases cap the number of parameters (SQLite
 * 32,766, PostgreSQL 65,535), and a query's result should stay a size the
 * client can hold. Past ~100 keys the round trip is a small share of the
 * statement's time anyway.
 *
 * The ids are still values, bound as parameters: the SQL text holds only
 * `?` marks. One statement with exactly 100 of them serves every batch;
 * the last, shorter batch binds NULL to the slots it does not need, and
 * `user_id IN (..., NULL)` matches nothing for those.
 *
 * The index on orders.user_id matters here: each batch looks up 100 users;
 * without it, each batch would read the whole orders table.
 */
#include "lab.h"

#include <stdio.h>
#include <stdlib.h>

enum { BATCH_SIZE = 100 };

int prepare_schema(struct db *db)
{
    return db_exec(db, "CREATE INDEX IF NOT EXISTS orders_user_id ON orders (user_id)");
}

/* SELECT ... WHERE user_id IN (?,?,...) with BATCH_SIZE marks. */
static struct db_stmt *prepare_batch_query(struct db *db)
{
    static const char head[] = "SELECT user_id, amount_cents FROM orders WHERE user_id IN (";
    char sql[sizeof head + 2 * BATCH_SIZE + 1];
    char *p = sql + snprintf(sql, sizeof sql, "%s", head);
    for (int i = 0; i < BATCH_SIZE; i++) {
        if (i > 0)
            *p++ = ',';
        *p++ = '?';
    }
    *p++ = ')';
    *p = '\0';
    return db_prepare(db, sql);
}

/* The user with this id among batch[0..n), which is sorted by id. */
static struct user_total *find_user(struct user_total *batch, int n, int64_t id)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (batch[mid].user_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && batch[lo].user_id == id ? &batch[lo] : NULL;
}

/* One statement: the orders of all users in batch[0..n), each row added to
   its user. */
static int load_batch(struct db_stmt *query, struct user_total *batch, int n)
{
    if (db_reset(query) != 0)
        return -1;
    for (int i = 0; i < BATCH_SIZE; i++) {
        int rc = i < n ? db_bind_int64(query, i + 1, batch[i].user_id)
                       : db_bind_text(query, i + 1, NULL);
        if (rc != 0)
            return -1;
    }
    int rc;
    while ((rc = db_step(query)) == DB_ROW) {
        struct user_total *user = find_user(batch, n, db_column_int64(query, 0));
        if (user != NULL) {
            user->order_count++;
            user->total_cents += db_column_int64(query, 1);
        }
    }
    return rc == DB_DONE ? 0 : -1;
}

/* Load the batch that starts at user number `first`, and copy what fits
   into out. Users past `cap` are only counted, never loaded. */
static int flush_batch(struct db_stmt *query, struct user_total *batch, int n,
                       long first, struct user_total *out, size_t cap)
{
    if ((size_t)first >= cap)
        return 0;
    if (load_batch(query, batch, n) != 0)
        return -1;
    for (int i = 0; i < n && (size_t)(first + i) < cap; i++)
        out[first + i] = batch[i];
    return 0;
}

static long collect_users(struct db_stmt *users, struct db_stmt *query,
                          struct user_total *out, size_t cap)
{
    struct user_total batch[BATCH_SIZE];
    long done = 0; /* users before this batch */
    int n = 0;
    int rc;
    while ((rc = db_step(users)) == DB_ROW) {
        const char *name = db_column_text(users, 1);
        batch[n] = (struct user_total){ .user_id = db_column_int64(users, 0) };
        snprintf(batch[n].name, sizeof batch[n].name, "%s", name ? name : "");
        if (++n == BATCH_SIZE) {
            if (flush_batch(query, batch, n, done, out, cap) != 0)
                return -1;
            done += n;
            n = 0;
        }
    }
    if (rc != DB_DONE || (n > 0 && flush_batch(query, batch, n, done, out, cap) != 0))
        return -1;
    return done + n;
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    struct db_stmt *users = db_prepare(db, "SELECT id, name FROM users ORDER BY id");
    struct db_stmt *query = prepare_batch_query(db);
    long count = users && query ? collect_users(users, query, out, cap) : -1;
    db_finalize(users);
    db_finalize(query);
    return count;
}
