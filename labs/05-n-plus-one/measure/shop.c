/*
 * shop.c -- fresh databases and deterministic shop data for Lab 5 (see
 * shop.h).
 *
 * Design decisions
 * - Loading is not what the lab measures, but it runs before every
 *   measurement, so it must be quick on a server too: rows go in 200 at a
 *   time as multi-row INSERTs with bound parameters (one round trip per 200
 *   rows instead of per row -- the lab's own lesson, applied to writing),
 *   inside one transaction.
 * - Each order's amount is a pure function of its index (shop_amount_cents),
 *   so the tests can compute expected totals without replaying a generator.
 * - On PostgreSQL every connection gets its own schema (a namespace for
 *   tables inside one database; search_path points there), because the
 *   harness may keep the data of several variants alive at once, and one
 *   server is shared by the whole process. Creating a schema costs a
 *   millisecond; a database per connection would cost far more.
 */
#include "shop.h"
#include "pgserver.h"
#include "rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { ROWS_PER_INSERT = 200 };

int shop_kind_from_env(enum shop_kind *kind, char *why, size_t why_size)
{
    const char *name = getenv("DB");
    if (name == NULL || *name == '\0' || strcmp(name, "sqlite") == 0) {
        *kind = SHOP_SQLITE;
        return 0;
    }
    if (strcmp(name, "postgres") == 0 || strcmp(name, "postgresql") == 0) {
        *kind = SHOP_POSTGRES;
        return 0;
    }
    snprintf(why, why_size, "DB='%s' is not a database this lab knows: use DB=sqlite (the "
                            "default) or DB=postgres", name);
    return -1;
}

const char *shop_kind_name(enum shop_kind kind)
{
    return kind == SHOP_POSTGRES ? "PostgreSQL" : "SQLite";
}

/* A schema of our own, owned by the lab's role (pgserver.h): its name is
   made of numbers only, so pasting it into SQL is safe (identifiers cannot
   be bound parameters). */
static int enter_private_schema(struct db *db, char *why, size_t why_size)
{
    char schema[64], sql[160];
    if (!pgserver_new_schema(schema, sizeof schema, why, why_size))
        return -1;
    snprintf(sql, sizeof sql, "SET search_path TO %s", schema);
    if (db_exec(db, sql) != 0) {
        snprintf(why, why_size, "%s", db_error(db));
        return -1;
    }
    return 0;
}

enum shop_status shop_connect(enum shop_kind kind, struct db **out, char *why, size_t why_size)
{
    const char *url = "sqlite::memory:";
    *out = NULL;
    if (kind == SHOP_POSTGRES) {
        switch (pgserver_start(&url, why, why_size)) {
        case PGSERVER_RUNNING: break;
        case PGSERVER_NOT_INSTALLED: return SHOP_UNAVAILABLE;
        case PGSERVER_FAILED: return SHOP_ERROR;
        }
    }
    struct db *db;
    if (db_open(url, &db) != 0) {
        snprintf(why, why_size, "%s", db_error(db));
        db_close(db);
        return SHOP_ERROR;
    }
    if (kind == SHOP_POSTGRES && enter_private_schema(db, why, why_size) != 0) {
        db_close(db);
        return SHOP_ERROR;
    }
    *out = db;
    return SHOP_OK;
}

void shop_disconnect(struct db *db)
{
    if (db != NULL && strcmp(db_backend(db), "postgresql") == 0) {
        struct db_stmt *st = db_prepare(db, "SELECT current_schema()");
        if (st != NULL && db_step(st) == DB_ROW) {
            const char *schema = db_column_text(st, 0);
            char sql[160];
            if (schema != NULL && strncmp(schema, "perflab_", 8) == 0) {
                snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
                db_exec(db, sql);
            }
        }
        db_finalize(st);
    }
    db_close(db);
}

int shop_create_tables(struct db *db)
{
    return db_exec(db,
                   "DROP TABLE IF EXISTS orders;"
                   "DROP TABLE IF EXISTS users;"
                   "CREATE TABLE users ("
                   "  id INTEGER PRIMARY KEY,"
                   "  name TEXT NOT NULL);"
                   "CREATE TABLE orders ("
                   "  id INTEGER PRIMARY KEY,"
                   "  user_id INTEGER NOT NULL REFERENCES users(id),"
                   "  amount_cents BIGINT NOT NULL)");
}

long long shop_amount_cents(long k)
{
    struct rng r;
    rng_seed(&r, PERFLAB_SEED ^ ((uint64_t)k * UINT64_C(0x9E3779B97F4A7C15)));
    return rng_between(&r, 100, 99999);
}

void shop_user_name(long id, char *out, size_t size)
{
    /* A few names need care: a quote, non-ASCII letters. Bound parameters
       carry them without any escaping. */
    static const char *const first[] = {
        "Ada", "Linus", "Grace", "Dennis", "Barbara", "Ken", "Margaret", "Edsger",
        "Frances", "Donald", "Søren", "Zoë", "Chloé O'Hara", "José", "Renée", "Bjarne",
    };
    snprintf(out, size, "%s %ld", first[(size_t)(id - 1) % (sizeof first / sizeof first[0])], id);
}

/* "INSERT INTO <into> VALUES (?,?),(?,?),..." for `rows` rows of `columns`. */
static char *insert_sql(const char *into, int columns, long rows)
{
    size_t size = strlen(into) + 16 + (size_t)rows * (2 * (size_t)columns + 3);
    char *sql = malloc(size);
    if (sql == NULL)
        return NULL;
    char *p = sql + sprintf(sql, "INSERT INTO %s VALUES ", into);
    for (long r = 0; r < rows; r++) {
        *p++ = r ? ',' : ' ';
        *p++ = '(';
        for (int c = 0; c < columns; c++) {
            if (c)
                *p++ = ',';
            *p++ = '?';
        }
        *p++ = ')';
    }
    *p = '\0';
    return sql;
}

/* A multi-row INSERT statement, re-prepared only when the row count changes
   (the last batch is shorter). */
struct batch {
    struct db *db;
    const char *into;
    int columns;
    long rows;
    struct db_stmt *st;
};

static struct db_stmt *batch_statement(struct batch *b, long rows)
{
    if (b->st != NULL && b->rows == rows) {
        db_reset(b->st);
        return b->st;
    }
    db_finalize(b->st);
    char *sql = insert_sql(b->into, b->columns, rows);
    b->st = sql ? db_prepare(b->db, sql) : NULL;
    b->rows = rows;
    free(sql);
    return b->st;
}

static int insert_users(struct db *db, long users)
{
    struct batch b = { db, "users (id, name)", 2, 0, NULL };
    int rc = 0;
    for (long first = 1; first <= users && rc == 0; first += ROWS_PER_INSERT) {
        long rows = users - first + 1 < ROWS_PER_INSERT ? users - first + 1 : ROWS_PER_INSERT;
        struct db_stmt *st = batch_statement(&b, rows);
        if (st == NULL)
            return -1;
        for (long r = 0; r < rows; r++) {
            char name[64];
            shop_user_name(first + r, name, sizeof name);
            db_bind_int64(st, (int)(2 * r + 1), first + r);
            db_bind_text(st, (int)(2 * r + 2), name);
        }
        rc = db_step(st) == DB_DONE ? 0 : -1;
    }
    db_finalize(b.st);
    return rc;
}

static int insert_orders(struct db *db, long users, long orders)
{
    struct batch b = { db, "orders (id, user_id, amount_cents)", 3, 0, NULL };
    int rc = 0;
    for (long first = 0; first < orders && rc == 0; first += ROWS_PER_INSERT) {
        long rows = orders - first < ROWS_PER_INSERT ? orders - first : ROWS_PER_INSERT;
        struct db_stmt *st = batch_statement(&b, rows);
        if (st == NULL)
            return -1;
        for (long r = 0; r < rows; r++) {
            long k = first + r;
            db_bind_int64(st, (int)(3 * r + 1), k + 1);
            db_bind_int64(st, (int)(3 * r + 2), k % users + 1);
            db_bind_int64(st, (int)(3 * r + 3), shop_amount_cents(k));
        }
        rc = db_step(st) == DB_DONE ? 0 : -1;
    }
    db_finalize(b.st);
    return rc;
}

int shop_fill(struct db *db, long users, long orders_per_user)
{
    if (users < 0 || orders_per_user < 0)
        return -1;
    if (db_exec(db, "BEGIN") != 0)
        return -1;
    if (insert_users(db, users) != 0 ||
        (users > 0 && insert_orders(db, users, users * orders_per_user) != 0)) {
        db_exec(db, "ROLLBACK"); /* db_error() keeps the first failure's message */
        return -1;
    }
    return db_exec(db, "COMMIT") == 0 && db_exec(db, "ANALYZE") == 0 ? 0 : -1;
}
