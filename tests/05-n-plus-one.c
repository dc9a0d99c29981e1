/*
 * 05-n-plus-one.c -- Lab 5 correctness suite, and the tests of the db layer (measure/db.c).
 *
 * Linked with one implementation of lab.h at a time (naive, yours,
 * reference, each variant, each grader scenario). Three groups:
 *
 *   db layer    what measure/db.h promises before any lab code runs: clear
 *               errors for bad URLs, bad SQL and misuse, values that travel
 *               intact as bound parameters, the statement counter.
 *   SQLite      the layer on SQLite, then the contract on small, sharp
 *               inputs: users without orders, one user with 10,000 orders,
 *               awkward names, totals past 2^31, empty tables, a short `out`
 *               array, a dropped table.
 *   PostgreSQL  the same tests against the lab's private server, one
 *               server for the whole binary. If PostgreSQL is not installed
 *               these tests are SKIPPED, with a notice saying why.
 *
 * Every test gets a fresh database. No timing assertions anywhere: the
 * performance targets are graded by `make grade-5` on statement counts.
 * DELAY_MS is cleared at start: a simulated network only makes tests slow.
 * STATEMENT_LIMIT_S is set to 1 s (db.h): every right answer takes
 * milliseconds on these small tables, and a statement that never ends then
 * fails each test that runs it within a second, a dozen at most per group, so
 * the whole suite still ends inside its own time limit (30 s when graded)
 * with that statement named in the failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab.h"
#include "pgserver.h"
#include "shop.h"

#define SUITE_STATEMENT_LIMIT_S "1"

/* ------------------------------------------------------------ fixtures */

static enum shop_kind current_kind; /* the group being run */
static char skip_reason[512];       /* why PostgreSQL is unavailable, if it is */

struct fixture {
    struct db *db; /* NULL if this database is not available */
};

static int open_fixture(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    char why[512];
    enum shop_status s = shop_connect(current_kind, &f->db, why, sizeof why);
    if (s == SHOP_ERROR)
        fail_msg("cannot open a %s database: %s", shop_kind_name(current_kind), why);
    if (s == SHOP_OK && shop_create_tables(f->db) != 0)
        fail_msg("cannot create the tables: %s", db_error(f->db));
    *state = f;
    return 0;
}

static int close_fixture(void **state)
{
    struct fixture *f = *state;
    shop_disconnect(f->db);
    free(f);
    return 0;
}

/* The test's database, or skip the test (with the reason printed once). */
static struct db *db_or_skip(void **state)
{
    struct fixture *f = *state;
    if (f->db == NULL)
        skip();
    return f->db;
}

/* ------------------------------------------------------------- helpers */

static void exec_ok(struct db *db, const char *sql)
{
    if (db_exec(db, sql) != 0)
        fail_msg("%s", db_error(db));
}

static void add_user(struct db *db, int64_t id, const char *name)
{
    struct db_stmt *st = db_prepare(db, "INSERT INTO users (id, name) VALUES (?, ?)");
    assert_non_null(st);
    assert_int_equal(db_bind_int64(st, 1, id), 0);
    assert_int_equal(db_bind_text(st, 2, name), 0);
    if (db_step(st) != DB_DONE)
        fail_msg("insert user: %s", db_error(db));
    db_finalize(st);
}

/* `count` orders for `user_id`, ids first_id.., amounts amount, amount+1,
   ... -- in one statement (a recursive CTE counts for us), so that 10,000
   orders do not cost 10,000 round trips on PostgreSQL. */
static void add_orders(struct db *db, int64_t user_id, int64_t first_id, int64_t count,
                       int64_t amount)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO orders (id, user_id, amount_cents)"
            " WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)"
            " SELECT ? + i, ?, CAST(? AS BIGINT) + i FROM k");
    assert_non_null(st);
    db_bind_int64(st, 1, count);
    db_bind_int64(st, 2, first_id);
    db_bind_int64(st, 3, user_id);
    db_bind_int64(st, 4, amount);
    if (db_step(st) != DB_DONE)
        fail_msg("insert orders: %s", db_error(db));
    db_finalize(st);
}

/* Sum of amount, amount+1, ..., amount+count-1. */
static int64_t series_sum(int64_t amount, int64_t count)
{
    return count * amount + count * (count - 1) / 2;
}

/* prepare_schema, as the harness calls it once after loading. */
static void prepare(struct db *db)
{
    if (prepare_schema(db) != 0)
        fail_msg("prepare_schema failed: %s", db_error(db));
}

/* user_order_totals into a fresh array of n entries; fails the test on -1. */
static struct user_total *totals(struct db *db, size_t n, long *count)
{
    struct user_total *out = calloc(n ? n : 1, sizeof *out);
    assert_non_null(out);
    *count = user_order_totals(db, out, n);
    if (*count < 0)
        fail_msg("user_order_totals returned -1: %s", db_error(db));
    return out;
}

static void assert_user(const struct user_total *u, int64_t id, const char *name,
                        int64_t order_count, int64_t total_cents)
{
    assert_int_equal(u->user_id, id);
    assert_string_equal(u->name, name);
    assert_int_equal(u->order_count, order_count);
    assert_int_equal(u->total_cents, total_cents);
}

/* ------------------------------------------------- db layer, no server */

static void test_open_rejects_bad_urls(void **state)
{
    (void)state;
    const char *bad[] = { NULL, "", "mysql://localhost/shop", "sqlite:",
                          "sqlite:/no/such/folder/perflab.db",
                          "postgresql:///postgres?host=/no/such/perflab/socket" };
    const char *expect[] = { "no database URL", "no database URL", "unknown database URL",
                             "needs a file name", "cannot open SQLite database",
                             "cannot connect to PostgreSQL" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct db *db = NULL;
        assert_int_equal(db_open(bad[i], &db), -1);
        assert_non_null(db);
        if (strstr(db_error(db), expect[i]) == NULL)
            fail_msg("db_open(%s): expected an error with '%s', got '%s'",
                     bad[i] ? bad[i] : "NULL", expect[i], db_error(db));
        /* a failed handle refuses work politely */
        assert_int_equal(db_exec(db, "SELECT 1"), -1);
        assert_null(db_prepare(db, "SELECT 1"));
        db_close(db);
    }
}

static void test_delay_ms_must_be_a_number(void **state)
{
    (void)state;
    struct db *db;
    setenv("DELAY_MS", "half", 1);
    assert_int_equal(db_open("sqlite::memory:", &db), -1);
    assert_non_null(strstr(db_error(db), "DELAY_MS"));
    db_close(db);
    setenv("DELAY_MS", "0.01", 1);
    assert_int_equal(db_open("sqlite::memory:", &db), 0);
    assert_int_equal(db_exec(db, "SELECT 1"), 0);
    db_close(db);
    unsetenv("DELAY_MS");

    setenv("STATEMENT_LIMIT_S", "soon", 1);
    assert_int_equal(db_open("sqlite::memory:", &db), -1);
    assert_non_null(strstr(db_error(db), "STATEMENT_LIMIT_S"));
    db_close(db);
    setenv("STATEMENT_LIMIT_S", SUITE_STATEMENT_LIMIT_S, 1);
}

static void test_null_handles_do_not_crash(void **state)
{
    (void)state;
    assert_int_equal(db_open("sqlite::memory:", NULL), -1);
    assert_int_equal(db_exec(NULL, "SELECT 1"), -1);
    assert_null(db_prepare(NULL, "SELECT 1"));
    assert_int_equal(db_bind_int64(NULL, 1, 1), -1);
    assert_int_equal(db_bind_text(NULL, 1, "x"), -1);
    assert_int_equal(db_step(NULL), DB_ERROR);
    assert_int_equal(db_column_int64(NULL, 0), 0);
    assert_null(db_column_text(NULL, 0));
    assert_int_equal(db_reset(NULL), -1);
    assert_int_equal(db_statements(NULL), 0);
    assert_string_equal(db_backend(NULL), "none");
    assert_true(strlen(db_error(NULL)) > 0);
    db_finalize(NULL);
    db_close(NULL);
}

/* --------------------------------------------- db layer, per database */

static void test_bad_sql_is_a_clear_error(void **state)
{
    struct db *db = db_or_skip(state);
    /* SQLite rejects it in db_prepare, PostgreSQL at the first db_step */
    struct db_stmt *st = db_prepare(db, "SELEC id FROM users");
    if (st != NULL)
        assert_int_equal(db_step(st), DB_ERROR);
    assert_non_null(strstr(db_error(db), "syntax error"));
    db_finalize(st);

    assert_int_equal(db_exec(db, "CREATE TABLE users (id INTEGER)"), -1); /* exists */
    assert_non_null(strstr(db_error(db), "users"));
}

static void assert_stopped(struct db *db, const char *call)
{
    char expected[120];
    snprintf(expected, sizeof expected, "%s: statement stopped after 0.2 s", call);
    if (strstr(db_error(db), expected) == NULL || strstr(db_error(db), "WITH RECURSIVE") == NULL)
        fail_msg("expected '%s ... (in: WITH RECURSIVE...', got '%s'", expected, db_error(db));
}

/* The limit per statement (db.h), on a connection of its own with 0.2 s:
   a statement that never ends fails, through db_step and through db_exec,
   with the limit and the statement named; a statement's time adds up over
   its steps (rows that never end); the session cannot lift the limit
   (PostgreSQL's statement_timeout is the student's to SET); and the
   connection works afterwards. */
static void test_a_statement_that_never_ends_is_stopped(void **state)
{
    (void)db_or_skip(state);
    struct db *db;
    char why[512];
    setenv("STATEMENT_LIMIT_S", "0.2", 1);
    enum shop_status s = shop_connect(current_kind, &db, why, sizeof why);
    setenv("STATEMENT_LIMIT_S", SUITE_STATEMENT_LIMIT_S, 1);
    if (s != SHOP_OK)
        fail_msg("cannot open a %s database: %s", shop_kind_name(current_kind), why);
    if (strcmp(db_backend(db), "postgresql") == 0)
        exec_ok(db, "SET statement_timeout = 0");
    static const char forever[] = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
                                  " SELECT count(*) FROM c";
    struct db_stmt *st = db_prepare(db, forever);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ERROR);
    assert_stopped(db, "db_step");
    db_finalize(st);

    assert_int_equal(db_exec(db, forever), -1);
    assert_stopped(db, "db_exec");

    /* Rows that never end: each step is quick, their sum is not. (SQLite
       only: PostgreSQL sends every row of a result at once, so this is one
       step there, and its rows would pile up in this process meanwhile.) */
    if (strcmp(db_backend(db), "sqlite") == 0) {
        st = db_prepare(db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c");
        assert_non_null(st);
        int rc;
        while ((rc = db_step(st)) == DB_ROW)
            ;
        assert_int_equal(rc, DB_ERROR);
        assert_stopped(db, "db_step");
        db_finalize(st);
    }

    exec_ok(db, "CREATE TABLE after_the_stop (x INTEGER)");
    shop_disconnect(db);
}

static void test_bound_text_travels_intact(void **state)
{
    struct db *db = db_or_skip(state);
    const char *nasty[] = {
        "O'Brien", "100% \\ sure", "Robert'); DROP TABLE users;--", "\"quoted\" ? $1",
        "Zoë Ærøskøbing 東京 😀", "",
    };
    for (size_t i = 0; i < sizeof nasty / sizeof nasty[0]; i++)
        add_user(db, (int64_t)i + 1, nasty[i]);

    struct db_stmt *st = db_prepare(db, "SELECT id FROM users WHERE name = ?");
    assert_non_null(st);
    for (size_t i = 0; i < sizeof nasty / sizeof nasty[0]; i++) {
        assert_int_equal(db_reset(st), 0);
        assert_int_equal(db_bind_text(st, 1, nasty[i]), 0);
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_column_int64(st, 0), (int64_t)i + 1);
        assert_int_equal(db_step(st), DB_DONE);
    }
    db_finalize(st);

    st = db_prepare(db, "SELECT name FROM users ORDER BY id");
    assert_non_null(st);
    for (size_t i = 0; i < sizeof nasty / sizeof nasty[0]; i++) {
        assert_int_equal(db_step(st), DB_ROW);
        assert_string_equal(db_column_text(st, 0), nasty[i]);
    }
    db_finalize(st);
}

static void test_placeholders_skip_literals_and_comments(void **state)
{
    struct db *db = db_or_skip(state);
    struct db_stmt *st = db_prepare(db, "SELECT '?', \"id\", ? /* ? */ -- ?\n FROM users");
    assert_non_null(st);
    add_user(db, 7, "x");
    assert_int_equal(db_bind_int64(st, 1, 42), 0);
    assert_int_equal(db_bind_int64(st, 2, 1), -1); /* only one placeholder */
    assert_non_null(strstr(db_error(db), "out of range"));
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_column_text(st, 0), "?");
    assert_int_equal(db_column_int64(st, 1), 7);
    assert_int_equal(db_column_int64(st, 2), 42);
    db_finalize(st);

    assert_null(db_prepare(db, "SELECT id FROM users WHERE id = $1"));
    assert_non_null(strstr(db_error(db), "not $1"));
}

static void test_int64_extremes_round_trip(void **state)
{
    struct db *db = db_or_skip(state);
    struct db_stmt *st = db_prepare(db, "SELECT CAST(? AS BIGINT), CAST(? AS BIGINT)");
    assert_non_null(st);
    db_bind_int64(st, 1, INT64_MAX);
    db_bind_int64(st, 2, INT64_MIN);
    assert_int_equal(db_step(st), DB_ROW);
    assert_true(db_column_int64(st, 0) == INT64_MAX);
    assert_true(db_column_int64(st, 1) == INT64_MIN);
    db_finalize(st);
}

static void test_misuse_is_reported_not_fatal(void **state)
{
    struct db *db = db_or_skip(state);
    add_user(db, 1, "a");
    add_user(db, 2, "b");
    struct db_stmt *st = db_prepare(db, "SELECT id, name FROM users WHERE id >= ? ORDER BY id");
    assert_non_null(st);

    assert_null(db_column_text(st, 0)); /* no row yet */
    assert_non_null(strstr(db_error(db), "no current row"));
    assert_int_equal(db_bind_int64(st, 1, 1), 0);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_bind_int64(st, 1, 2), -1); /* running: reset first */
    assert_non_null(strstr(db_error(db), "db_reset"));
    assert_int_equal(db_column_int64(st, 5), 0);
    assert_non_null(strstr(db_error(db), "out of range"));
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_step(st), DB_DONE);
    assert_int_equal(db_step(st), DB_DONE); /* stays done */

    /* bindings survive a reset */
    assert_int_equal(db_reset(st), 0);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_column_int64(st, 0), 1);
    db_finalize(st);

    st = db_prepare(db, "SELECT 1; SELECT 2"); /* one at a time: SQLite says so at once, */
    if (st != NULL)                             /* PostgreSQL when it runs */
        assert_int_equal(db_step(st), DB_ERROR);
    db_finalize(st);
}

static void test_counter_counts_statements_sent(void **state)
{
    struct db *db = db_or_skip(state);
    add_user(db, 1, "a");
    add_user(db, 2, "b");
    add_user(db, 3, "c");
    long before = db_statements(db);

    struct db_stmt *st = db_prepare(db, "SELECT id FROM users");
    assert_int_equal(db_statements(db), before); /* preparing sends nothing we count */
    while (db_step(st) == DB_ROW)
        ;
    assert_int_equal(db_statements(db), before + 1); /* 3 rows, 1 statement */
    db_reset(st);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_statements(db), before + 2);
    db_finalize(st);
    exec_ok(db, "DELETE FROM users WHERE id = 3");
    assert_int_equal(db_statements(db), before + 3);
}

/* The lab's SQL runs in a trusted process (measure/remote.c): the
   connection must reach nothing but its own tables. */
static void test_sql_reaches_only_its_database(void **state)
{
    struct db *db = db_or_skip(state);
    if (strcmp(db_backend(db), "sqlite") == 0) {
        const char *escapes[] = { "ATTACH DATABASE '/tmp/perflab-attach-test.db' AS elsewhere",
                                  "VACUUM INTO '/tmp/perflab-vacuum-test.db'",
                                  "SELECT load_extension('/tmp/perflab-no-such-extension')" };
        for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++)
            if (db_exec(db, escapes[i]) != -1)
                fail_msg("SQLite ran \"%s\": it must refuse", escapes[i]);
        assert_int_equal(access("/tmp/perflab-attach-test.db", F_OK), -1);
        assert_int_equal(access("/tmp/perflab-vacuum-test.db", F_OK), -1);
    } else {
        struct db_stmt *st = db_prepare(db, "SELECT rolsuper::int FROM pg_roles WHERE rolname = current_user");
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_column_int64(st, 0), 0); /* not a superuser */
        db_finalize(st);
        const char *escapes[] = { "COPY (SELECT 1) TO PROGRAM 'true'", "SELECT pg_read_file('PG_VERSION')",
                                  "CREATE SCHEMA elsewhere", "CREATE TABLE public.elsewhere (x int)" };
        for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++)
            if (db_exec(db, escapes[i]) != -1)
                fail_msg("PostgreSQL ran \"%s\": the lab's role must not be allowed to", escapes[i]);
    }
}

/* ------------------------------------------------------------ contract */

static void test_generated_shop(void **state)
{
    struct db *db = db_or_skip(state);
    const long users = 120, per_user = 10;
    if (shop_fill(db, users, per_user) != 0)
        fail_msg("shop_fill: %s", db_error(db));
    prepare(db);
    long count;
    struct user_total *out = totals(db, (size_t)users, &count);
    assert_int_equal(count, users);
    for (long u = 1; u <= users; u++) {
        char name[64];
        int64_t total = 0;
        shop_user_name(u, name, sizeof name);
        for (long k = u - 1; k < users * per_user; k += users) /* order k is user k % users + 1 */
            total += shop_amount_cents(k);
        assert_user(&out[u - 1], u, name, per_user, total);
    }
    free(out);
}

static void test_users_without_orders_are_listed(void **state)
{
    struct db *db = db_or_skip(state);
    for (int id = 1; id <= 5; id++)
        add_user(db, id, "user");
    add_orders(db, 2, 1, 3, 500);
    add_orders(db, 4, 100, 1, 7);
    prepare(db);
    long count;
    struct user_total *out = totals(db, 5, &count);
    assert_int_equal(count, 5);
    assert_user(&out[0], 1, "user", 0, 0);
    assert_user(&out[1], 2, "user", 3, 500 + 501 + 502);
    assert_user(&out[2], 3, "user", 0, 0);
    assert_user(&out[3], 4, "user", 1, 7);
    assert_user(&out[4], 5, "user", 0, 0);
    free(out);
}

static void test_user_with_10000_orders(void **state)
{
    struct db *db = db_or_skip(state);
    add_user(db, 1, "small");
    add_user(db, 2, "whale");
    add_user(db, 3, "small too");
    add_orders(db, 1, 1, 2, 1000);
    add_orders(db, 2, 10, 10000, 250);
    add_orders(db, 3, 20000, 1, 1);
    prepare(db);
    long count;
    struct user_total *out = totals(db, 3, &count);
    assert_int_equal(count, 3);
    assert_user(&out[0], 1, "small", 2, 2001);
    assert_user(&out[1], 2, "whale", 10000, series_sum(250, 10000));
    assert_user(&out[2], 3, "small too", 1, 1);
    free(out);
}

static void test_awkward_names(void **state)
{
    struct db *db = db_or_skip(state);
    const char *names[] = {
        "O'Reilly", "50% off", "C:\\Users\\back\\slash", "\"Bobby\" '); DROP TABLE orders;--",
        "Zoë Ørsted 李小龍 😀",
        /* exactly 63 bytes: the most a name may have */
        "123456789012345678901234567890123456789012345678901234567890123",
        /* 63 bytes ending in a 4-byte character */
        "12345678901234567890123456789012345678901234567890123456789😀",
    };
    size_t n = sizeof names / sizeof names[0];
    for (size_t i = 0; i < n; i++) {
        assert_true(strlen(names[i]) <= 63);
        add_user(db, (int64_t)i + 1, names[i]);
        add_orders(db, (int64_t)i + 1, 10 * ((int64_t)i + 1), 1, 99);
    }
    prepare(db);
    long count;
    struct user_total *out = totals(db, n, &count);
    assert_int_equal(count, (long)n);
    for (size_t i = 0; i < n; i++)
        assert_user(&out[i], (int64_t)i + 1, names[i], 1, 99);
    free(out);
}

static void test_totals_above_2_to_the_31(void **state)
{
    struct db *db = db_or_skip(state);
    add_user(db, 1, "just over");
    add_user(db, 2, "far over");
    add_orders(db, 1, 1, 2, 1073741824);       /* 2^30 + (2^30 + 1) = 2^31 + 1 */
    add_orders(db, 2, 10, 3, INT64_C(4000000000)); /* each order alone exceeds 2^31 */
    prepare(db);
    long count;
    struct user_total *out = totals(db, 2, &count);
    assert_int_equal(count, 2);
    assert_user(&out[0], 1, "just over", 2, INT64_C(2147483649));
    assert_user(&out[1], 2, "far over", 3, INT64_C(12000000003));
    free(out);
}

static void test_empty_tables(void **state)
{
    struct db *db = db_or_skip(state);
    prepare(db);
    struct user_total sentinel = { .user_id = 77, .name = "untouched" };
    struct user_total out[2] = { sentinel, sentinel };
    assert_int_equal(user_order_totals(db, out, 2), 0);
    assert_user(&out[0], 77, "untouched", 0, 0);
    assert_int_equal(user_order_totals(db, NULL, 0), 0);
}

static void test_users_come_in_ascending_id_order(void **state)
{
    struct db *db = db_or_skip(state);
    const int64_t ids[] = { 900, 3, 250, 1, 77, 100000, 42 };
    const int64_t sorted[] = { 1, 3, 42, 77, 250, 900, 100000 };
    size_t n = sizeof ids / sizeof ids[0];
    for (size_t i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "u%lld", (long long)ids[i]);
        add_user(db, ids[i], name);
        add_orders(db, ids[i], ids[i] * 10, 2, ids[i]);
    }
    prepare(db);
    long count;
    struct user_total *out = totals(db, n, &count);
    assert_int_equal(count, (long)n);
    for (size_t i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "u%lld", (long long)sorted[i]);
        assert_user(&out[i], sorted[i], name, 2, 2 * sorted[i] + 1);
    }
    free(out);
}

static void test_cap_smaller_than_users(void **state)
{
    struct db *db = db_or_skip(state);
    const long users = 250;
    if (shop_fill(db, users, 2) != 0)
        fail_msg("shop_fill: %s", db_error(db));
    prepare(db);

    enum { CAP = 7 };
    struct user_total out[CAP + 1];
    memset(out, 0xAB, sizeof out);
    struct user_total guard = out[CAP];
    assert_int_equal(user_order_totals(db, out, CAP), users);
    for (long u = 1; u <= CAP; u++) {
        char name[64];
        shop_user_name(u, name, sizeof name);
        int64_t total = shop_amount_cents(u - 1) + shop_amount_cents(u - 1 + users);
        assert_user(&out[u - 1], u, name, 2, total);
    }
    assert_memory_equal(&out[CAP], &guard, sizeof guard); /* nothing past cap */

    assert_int_equal(user_order_totals(db, NULL, 0), users); /* just count */
}

static void test_repeated_calls_agree(void **state)
{
    struct db *db = db_or_skip(state);
    if (shop_fill(db, 40, 3) != 0)
        fail_msg("shop_fill: %s", db_error(db));
    prepare(db);
    long first, second;
    struct user_total *a = totals(db, 40, &first);
    struct user_total *b = totals(db, 40, &second);
    assert_int_equal(first, 40);
    assert_int_equal(second, 40);
    assert_memory_equal(a, b, 40 * sizeof *a);
    free(a);
    free(b);
}

static void test_dropped_table_returns_minus_one(void **state)
{
    struct db *db = db_or_skip(state);
    if (shop_fill(db, 20, 2) != 0)
        fail_msg("shop_fill: %s", db_error(db));
    prepare(db);
    exec_ok(db, "DROP TABLE orders");
    struct user_total out[20];
    assert_int_equal(user_order_totals(db, out, 20), -1);
    assert_non_null(strstr(db_error(db), "orders"));

    exec_ok(db, "DROP TABLE users");
    assert_int_equal(user_order_totals(db, out, 20), -1);
    assert_true(strlen(db_error(db)) > 0);
}

/* ----------------------------------------------------------------- main */

/* Every per-database test, listed once; each group names its tests after its
   database ("sqlite/test_...", "postgresql/test_..."), so that a failure
   report says where it failed. */
#define PER_DATABASE_TESTS(X)                                                  \
    X(test_bad_sql_is_a_clear_error)                                           \
    X(test_bound_text_travels_intact)                                          \
    X(test_placeholders_skip_literals_and_comments)                            \
    X(test_int64_extremes_round_trip)                                          \
    X(test_misuse_is_reported_not_fatal)                                       \
    X(test_counter_counts_statements_sent)                                     \
    X(test_sql_reaches_only_its_database)                                      \
    X(test_generated_shop)                                                     \
    X(test_users_without_orders_are_listed)                                    \
    X(test_user_with_10000_orders)                                             \
    X(test_awkward_names)                                                      \
    X(test_totals_above_2_to_the_31)                                           \
    X(test_empty_tables)                                                       \
    X(test_users_come_in_ascending_id_order)                                   \
    X(test_cap_smaller_than_users)                                             \
    X(test_repeated_calls_agree)                                               \
    X(test_dropped_table_returns_minus_one)                                    \
    X(test_a_statement_that_never_ends_is_stopped)

#define SQLITE_TEST(f) { "sqlite/" #f, f, open_fixture, close_fixture, NULL },
#define POSTGRES_TEST(f) { "postgresql/" #f, f, open_fixture, close_fixture, NULL },
static const struct CMUnitTest sqlite_tests[] = { PER_DATABASE_TESTS(SQLITE_TEST) };
static const struct CMUnitTest postgres_tests[] = { PER_DATABASE_TESTS(POSTGRES_TEST) };

/* One server for the whole PostgreSQL group; if it is not installed, say
   so once, and every test of the group reports SKIPPED. */
static int start_postgres(void **state)
{
    (void)state;
    current_kind = SHOP_POSTGRES;
    const char *url;
    switch (pgserver_start(&url, skip_reason, sizeof skip_reason)) {
    case PGSERVER_RUNNING:
        return 0;
    case PGSERVER_NOT_INSTALLED:
        fprintf(stderr, "NOTICE: skipping the PostgreSQL tests: %s\n", skip_reason);
        return 0;
    case PGSERVER_FAILED:
        fprintf(stderr, "ERROR: %s\n", skip_reason);
        return -1;
    }
    return -1;
}

static int stop_postgres(void **state)
{
    (void)state;
    pgserver_stop();
    return 0;
}

static int use_sqlite(void **state)
{
    (void)state;
    current_kind = SHOP_SQLITE;
    return 0;
}

int main(void)
{
    unsetenv("DELAY_MS");
    setenv("STATEMENT_LIMIT_S", SUITE_STATEMENT_LIMIT_S, 1);
    const struct CMUnitTest layer[] = {
        cmocka_unit_test(test_open_rejects_bad_urls),
        cmocka_unit_test(test_delay_ms_must_be_a_number),
        cmocka_unit_test(test_null_handles_do_not_crash),
    };
    int failed = cmocka_run_group_tests_name("db layer", layer, NULL, NULL);
    failed += cmocka_run_group_tests_name("SQLite", sqlite_tests, use_sqlite, NULL);
    failed += cmocka_run_group_tests_name("PostgreSQL", postgres_tests, start_postgres,
                                          stop_postgres);
    return failed;
}
