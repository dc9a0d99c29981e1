/*
 * worker.c -- Lab 5's worker: serves prepare_schema and user_order_totals
 * (remote.h) with the implementation it is linked with, and is that
 * implementation's database layer: the db_* functions of measure/db.h,
 * each one a call back to the trusted side, which runs it on the real
 * connection and counts the statements there. See remote.c.
 *
 * Design decisions
 * - The worker links no database library and no db.c (lab.mk:
 *   LAB_WORKER_OMIT_05), so the code under test can reach a database only
 *   through these proxies, and a count only through db_statements(), which
 *   asks the trusted side.
 * - `struct db` here is a proxy of a few bytes: the connection of the call
 *   being served, or a handle from db_open(), which the worker refuses (the
 *   code under test works on the connection it is given). Writing into it
 *   changes nothing on the trusted side.
 * - Text a call returns stays valid as db.h promises: db_error()'s until the
 *   next db_error(), db_column_text()'s until the statement's next
 *   db_step/db_reset/db_finalize (one copy per column read).
 * - If the trusted side is gone or answers out of protocol, the worker
 *   exits: there is nobody left to answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

struct db {
    int remote;       /* 1: the connection of the call being served */
    char error[1024]; /* its last db_error(), or a refused db_open's reason */
};

struct db_stmt {
    uint32_t id;  /* the trusted side's id */
    char **texts; /* db_column_text's copies, by column */
    int n_texts;
};

static struct db connection = { 1, "" };

/* ---- call backs ---------------------------------------------------------------------- */

static void ask(uint32_t op, struct rpc_buffer *request, struct rpc_reader *answer)
{
    bool ok = rpc_call_back(op, request, answer);
    rpc_buffer_free(request);
    if (!ok) {
        fprintf(stderr, "lab 5 worker: the database call %u got no answer from the suite\n", op);
        _exit(3);
    }
}

static int32_t ask_i32(uint32_t op, struct rpc_buffer *request)
{
    struct rpc_reader answer;
    ask(op, request, &answer);
    int32_t v = (int32_t)rpc_get_u32(&answer);
    if (!rpc_reader_done(&answer))
        _exit(3);
    return v;
}

static int64_t ask_i64(uint32_t op, struct rpc_buffer *request)
{
    struct rpc_reader answer;
    ask(op, request, &answer);
    int64_t v = (int64_t)rpc_get_u64(&answer);
    if (!rpc_reader_done(&answer))
        _exit(3);
    return v;
}

/* A string answer, as a new copy (NULL for NULL). */
static char *ask_string(uint32_t op, struct rpc_buffer *request)
{
    struct rpc_reader answer;
    int ok;
    ask(op, request, &answer);
    char *s = lab5_get_string(&answer, &ok);
    if (!ok || !rpc_reader_done(&answer))
        _exit(3);
    return s;
}

static uint32_t id_of(const struct db_stmt *st)
{
    return st != NULL ? st->id : 0;
}

static void forget_texts(struct db_stmt *st)
{
    for (int i = 0; i < st->n_texts; i++)
        free(st->texts[i]);
    free(st->texts);
    st->texts = NULL;
    st->n_texts = 0;
}

/* ---- db.h, as proxies ----------------------------------------------------------------- */

int db_open(const char *url, struct db **out)
{
    (void)url;
    if (out == NULL)
        return -1;
    struct db *db = calloc(1, sizeof *db);
    *out = db;
    if (db != NULL)
        snprintf(db->error, sizeof db->error,
                 "db_open: refused -- lab code works on the connection it is given, and opens none");
    return -1;
}

void db_close(struct db *db)
{
    if (db != NULL && !db->remote)
        free(db); /* the given connection is the caller's to close */
}

const char *db_error(const struct db *db)
{
    if (db == NULL)
        return "no database handle (db is NULL: out of memory?)";
    if (!db->remote)
        return db->error;
    struct rpc_buffer request = { 0 };
    char *s = ask_string(LAB5_DB_ERROR, &request);
    snprintf(connection.error, sizeof connection.error, "%s", s != NULL ? s : "");
    free(s);
    return connection.error;
}

const char *db_backend(const struct db *db)
{
    static char backend[32];
    if (db == NULL || !db->remote)
        return "none";
    struct rpc_buffer request = { 0 };
    char *s = ask_string(LAB5_DB_BACKEND, &request);
    snprintf(backend, sizeof backend, "%s", s != NULL ? s : "none");
    free(s);
    return backend;
}

long db_statements(const struct db *db)
{
    if (db == NULL || !db->remote)
        return 0;
    struct rpc_buffer request = { 0 };
    return (long)ask_i64(LAB5_DB_STATEMENTS, &request);
}

int db_exec(struct db *db, const char *sql)
{
    if (db == NULL || !db->remote)
        return -1;
    struct rpc_buffer request = { 0 };
    lab5_put_string(&request, sql);
    return ask_i32(LAB5_DB_EXEC, &request);
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
    if (db == NULL || !db->remote)
        return NULL;
    struct rpc_buffer request = { 0 };
    lab5_put_string(&request, sql);
    uint32_t id = (uint32_t)ask_i32(LAB5_DB_PREPARE, &request);
    if (id == 0)
        return NULL;
    struct db_stmt *st = calloc(1, sizeof *st);
    if (st == NULL) {
        struct rpc_buffer finalize = { 0 };
        rpc_put_u32(&finalize, id);
        struct rpc_reader answer;
        ask(LAB5_DB_FINALIZE, &finalize, &answer);
        return NULL;
    }
    st->id = id;
    return st;
}

int db_bind_int64(struct db_stmt *st, int index, int64_t value)
{
    if (st == NULL)
        return -1;
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, id_of(st));
    rpc_put_u32(&request, (uint32_t)index);
    rpc_put_u64(&request, (uint64_t)value);
    return ask_i32(LAB5_DB_BIND_INT64, &request);
}

int db_bind_text(struct db_stmt *st, int index, const char *value)
{
    if (st == NULL)
        return -1;
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, id_of(st));
    rpc_put_u32(&request, (uint32_t)index);
    lab5_put_string(&request, value);
    return ask_i32(LAB5_DB_BIND_TEXT, &request);
}

int db_step(struct db_stmt *st)
{
    if (st == NULL)
        return DB_ERROR;
    forget_texts(st);
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, id_of(st));
    return ask_i32(LAB5_DB_STEP, &request);
}

int64_t db_column_int64(struct db_stmt *st, int column)
{
    if (st == NULL)
        return 0;
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, id_of(st));
    rpc_put_u32(&request, (uint32_t)column);
    return ask_i64(LAB5_DB_COLUMN_INT64, &request);
}

const char *db_column_text(struct db_stmt *st, int column)
{
    if (st == NULL)
        return NULL;
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, id_of(st));
    rpc_put_u32(&request, (uint32_t)column);
    char *text = ask_string(LAB5_DB_COLUMN_TEXT, &request);
    if (text == NULL || column < 0)
        return text; /* NULL: the trusted side said why (no row, out of range) */
    if (column >= st->n_texts) {
        char **grown = realloc(st->texts, (size_t)(column + 1) * sizeof *grown);
        if (grown == NULL) {
            free(text);
            return NULL;
        }
        memset(grown + st->n_texts, 0, (size_t)(column + 1 - st->n_texts) * sizeof *grown);
        st->texts = grown;
        st->n_texts = column + 1;
    }
    free(st->texts[column]);
    st->texts[column] = text;
    return text;
}

int db_reset(struct db_stmt *st)
{
    if (st == NULL)
        return -1;
    forget_texts(st);
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, id_of(st));
    return ask_i32(LAB5_DB_RESET, &request);
}

void db_finalize(struct db_stmt *st)
{
    if (st == NULL)
        return;
    struct rpc_buffer request = { 0 };
    rpc_put_u32(&request, id_of(st));
    struct rpc_reader answer;
    ask(LAB5_DB_FINALIZE, &request, &answer);
    forget_texts(st);
    free(st);
}

/* ---- the calls --------------------------------------------------------------------------- */

static bool handle(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply)
{
    if (op == LAB5_PREPARE_SCHEMA) {
        if (!rpc_reader_done(request))
            return false;
        rpc_put_u32(reply, (uint32_t)prepare_schema(&connection));
        return true;
    }
    if (op != LAB5_USER_ORDER_TOTALS)
        return false;
    uint64_t cap = rpc_get_u64(request);
    uint8_t out_given = rpc_get_u8(request);
    if (request->failed || out_given > 1 || (out_given && cap > request->left / sizeof(struct user_total)) ||
        request->left != (out_given ? cap * sizeof(struct user_total) : 0))
        return false;
    /* The array in an allocation of its own, with one guard entry after
       it: a write just past cap is reported (the contract forbids it), and
       one further is caught by AddressSanitizer, as in the suite's process. */
    struct user_total *out = NULL, guard;
    memset(&guard, 0xA5, sizeof guard);
    if (out_given && ((out = malloc((cap + 1) * sizeof *out)) == NULL || !rpc_get(request, out, cap * sizeof *out))) {
        free(out);
        return false;
    }
    if (out != NULL)
        out[cap] = guard;
    long result = user_order_totals(&connection, out, (size_t)cap);
    rpc_put_u64(reply, (uint64_t)(int64_t)result);
    rpc_put_u8(reply, out != NULL && memcmp(&out[cap], &guard, sizeof guard) != 0);
    if (out != NULL)
        rpc_put(reply, out, cap * sizeof *out);
    free(out);
    return true;
}

int main(void)
{
    return rpc_serve(handle);
}
