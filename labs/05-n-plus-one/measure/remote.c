/*
 * remote.c -- Lab 5's contract on the trusted side: the code under test runs
 * in a worker (worker.c), the database stays here.
 *
 * The suite (tests/05-n-plus-one.c) and the grader's statement counter
 * (driver-remote: the driver with this file, renamed, as "yours") link this
 * prepare_schema and user_order_totals instead of an implementation. Each
 * one calls worker-<variant> and, while the call runs, answers the worker's
 * call backs (remote.h) by running the real db_* function on the real
 * connection. So every statement the student's code sends is executed and
 * counted (db_statements) in this process; the student's process holds a
 * proxy handle and ids, and a forged counter, a write into `struct db` or a
 * printed "counter statements" line has nothing to reach.
 *
 * Design decisions
 * - One connection per call: the `db` the caller passed. Statement ids index
 *   a table of the statements the worker prepared during this call; those
 *   still open when the call returns are finalized then, so no id outlives
 *   the connection it belongs to (a stale id reads as NULL).
 * - No cmocka here (driver-remote links none): a failed call (a crash, a
 *   hang, a malformed message) returns -1 with the reason as the
 *   connection's db_error(), which the suite prints, and says it on stderr.
 * - The call's deadline covers its call backs: the suite's limit when the
 *   front end gives one (PERFLAB_TEST_TIMEOUT_S), else the lab's
 *   performance limit, which bounds the grader's counting run.
 */
#include "lab.h"
#include "remote.h"
#include "rpc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct rpc_options options = { .timeout_s = 120 };

/* The statements the worker prepared during the current call. */
struct session {
    struct db *db;
    struct db_stmt **stmts; /* id - 1 -> statement, or NULL once finalized */
    size_t n, cap;
};

static struct db_stmt *lookup(struct session *s, uint32_t id)
{
    return id >= 1 && id <= s->n ? s->stmts[id - 1] : NULL;
}

/* Remember a new statement; its id, or 0 (then it is finalized). */
static uint32_t remember(struct session *s, struct db_stmt *st)
{
    if (st == NULL)
        return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        struct db_stmt **grown = cap < UINT32_MAX ? realloc(s->stmts, cap * sizeof *grown) : NULL;
        if (grown == NULL) {
            db_finalize(st);
            db_set_failure(s->db, "db_prepare: out of memory (in the suite's statement table)");
            return 0;
        }
        s->stmts = grown;
        s->cap = cap;
    }
    s->stmts[s->n++] = st;
    return (uint32_t)s->n;
}

static void end_session(struct session *s)
{
    for (size_t i = 0; i < s->n; i++)
        db_finalize(s->stmts[i]);
    free(s->stmts);
}

/* One call back: the real db_* call, on this call's connection. Its
   arguments are read first; only a request read exactly, to its end, runs. */
static bool serve(void *context, uint32_t op, struct rpc_reader *in, struct rpc_buffer *out)
{
    struct session *s = context;
    int ok = 1;
    char *text = NULL;
    uint32_t id = 0;
    int number = 0; /* a parameter's index or a column */
    int64_t value = 0;
    switch (op) {
    case LAB5_DB_EXEC:
    case LAB5_DB_PREPARE:
        text = lab5_get_string(in, &ok);
        break;
    case LAB5_DB_BIND_INT64:
    case LAB5_DB_BIND_TEXT:
        id = rpc_get_u32(in);
        number = (int32_t)rpc_get_u32(in);
        if (op == LAB5_DB_BIND_INT64)
            value = (int64_t)rpc_get_u64(in);
        else
            text = lab5_get_string(in, &ok);
        break;
    case LAB5_DB_STEP:
    case LAB5_DB_RESET:
    case LAB5_DB_FINALIZE:
        id = rpc_get_u32(in);
        break;
    case LAB5_DB_COLUMN_INT64:
    case LAB5_DB_COLUMN_TEXT:
        id = rpc_get_u32(in);
        number = (int32_t)rpc_get_u32(in);
        break;
    case LAB5_DB_ERROR:
    case LAB5_DB_BACKEND:
    case LAB5_DB_STATEMENTS:
        break;
    default:
        return false;
    }
    if (!ok || !rpc_reader_done(in)) {
        free(text);
        return false;
    }
    struct db_stmt *st = lookup(s, id);
    switch (op) {
    case LAB5_DB_EXEC: rpc_put_u32(out, (uint32_t)db_exec(s->db, text)); break;
    case LAB5_DB_PREPARE: rpc_put_u32(out, remember(s, db_prepare(s->db, text))); break;
    case LAB5_DB_BIND_INT64: rpc_put_u32(out, (uint32_t)db_bind_int64(st, number, value)); break;
    case LAB5_DB_BIND_TEXT: rpc_put_u32(out, (uint32_t)db_bind_text(st, number, text)); break;
    case LAB5_DB_STEP: rpc_put_u32(out, (uint32_t)db_step(st)); break;
    case LAB5_DB_RESET: rpc_put_u32(out, (uint32_t)db_reset(st)); break;
    case LAB5_DB_FINALIZE:
        db_finalize(st);
        if (st != NULL)
            s->stmts[id - 1] = NULL;
        break;
    case LAB5_DB_COLUMN_INT64: rpc_put_u64(out, (uint64_t)db_column_int64(st, number)); break;
    case LAB5_DB_COLUMN_TEXT: lab5_put_string(out, db_column_text(st, number)); break;
    case LAB5_DB_ERROR: lab5_put_string(out, db_error(s->db)); break;
    case LAB5_DB_BACKEND: lab5_put_string(out, db_backend(s->db)); break;
    case LAB5_DB_STATEMENTS: rpc_put_u64(out, (uint64_t)db_statements(s->db)); break;
    }
    free(text);
    return true;
}

/* A call that failed: the reason becomes the connection's error. */
static void failed(struct db *db, const char *call, struct rpc_client *worker, const char *what)
{
    char message[1400];
    snprintf(message, sizeof message, "%s (in a worker process) %s", call, what != NULL ? what : rpc_error(worker));
    fprintf(stderr, "ERROR: %s\n", message);
    db_set_failure(db, message);
}

/* One call of the contract, served until it returns. */
static bool call(struct db *db, uint32_t op, const struct rpc_buffer *request, struct rpc_reader *reply,
                 const char *name)
{
    struct rpc_client *worker = rpc_suite_client(&options);
    struct session s = { db, NULL, 0, 0 };
    bool ok = rpc_call_with_callbacks(worker, op, request, reply, serve, &s);
    end_session(&s);
    if (!ok)
        failed(db, name, worker, NULL);
    return ok;
}

int prepare_schema(struct db *db)
{
    struct rpc_buffer request = { 0 };
    struct rpc_reader reply;
    if (!call(db, LAB5_PREPARE_SCHEMA, &request, &reply, "prepare_schema"))
        return -1;
    int result = (int32_t)rpc_get_u32(&reply);
    if (!rpc_reader_done(&reply)) {
        failed(db, "prepare_schema", NULL, "sent a reply that is not a reply to this call");
        return -1;
    }
    return result;
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    struct rpc_buffer request = { 0 };
    rpc_put_u64(&request, cap);
    rpc_put_u8(&request, out != NULL);
    if (out != NULL && cap <= RPC_MAX_MESSAGE / sizeof *out)
        rpc_put(&request, out, cap * sizeof *out);
    else if (out != NULL)
        request.failed = true;
    struct rpc_reader reply;
    bool ok = call(db, LAB5_USER_ORDER_TOTALS, &request, &reply, "user_order_totals");
    rpc_buffer_free(&request);
    if (!ok)
        return -1;
    long result = (long)(int64_t)rpc_get_u64(&reply);
    uint8_t past_cap = rpc_get_u8(&reply);
    const void *after = out != NULL ? rpc_get_view(&reply, cap * sizeof *out) : NULL;
    if (!rpc_reader_done(&reply)) {
        failed(db, "user_order_totals", NULL, "sent a reply that is not a reply to this call");
        return -1;
    }
    if (past_cap) {
        char what[160];
        snprintf(what, sizeof what, "wrote past out[cap - 1] (cap = %zu): the contract allows out[0..cap) only", cap);
        failed(db, "user_order_totals", NULL, what);
        return -1;
    }
    if (after != NULL && cap > 0)
        memcpy(out, after, cap * sizeof *out);
    return result;
}
