/*
 * remote.h -- Lab 5's calls as remote.c (the trusted side) and worker.c (the
 * worker, which holds the student's code) put them on the wire (common/rpc.h
 * says why).
 *
 * Lab 5 differs from the other labs: the contract's functions call back into
 * a service, the database (measure/db.h). The database, and so the graded
 * statement counter, stays on the trusted side. The worker's db_* functions
 * are proxies: each one is a call back (rpc_call_back) that remote.c answers
 * by running the real db_* function on the real connection, so every
 * statement is executed -- and counted -- in the trusted process, and the
 * student's code never holds a byte of the real `struct db`.
 *
 * Calls (suite -> worker)
 *   LAB5_PREPARE_SCHEMA      request  (nothing)
 *                            reply    i32 result
 *   LAB5_USER_ORDER_TOTALS   request  u64 cap, u8 out_given, then cap
 *                                     struct user_total if out_given
 *                            reply    i64 result, u8 wrote_past_cap (the
 *                                     worker's guard entry after out[cap-1]
 *                                     changed), then the cap entries of out
 *                                     as the call left them, if out_given
 *
 * Call backs (worker -> suite, during a call), each on "the connection of the
 * current call"; statements are named by ids the suite hands out (0 is NULL;
 * an id the suite does not know reads as NULL). A string is u32 length
 * (0xFFFFFFFF: NULL) then its bytes.
 *   LAB5_DB_EXEC          string sql                  -> i32
 *   LAB5_DB_PREPARE       string sql                  -> u32 id (0: failed)
 *   LAB5_DB_BIND_INT64    u32 id, i32 index, i64      -> i32
 *   LAB5_DB_BIND_TEXT     u32 id, i32 index, string   -> i32
 *   LAB5_DB_STEP          u32 id                      -> i32
 *   LAB5_DB_COLUMN_INT64  u32 id, i32 column          -> i64
 *   LAB5_DB_COLUMN_TEXT   u32 id, i32 column          -> string
 *   LAB5_DB_RESET         u32 id                      -> i32
 *   LAB5_DB_FINALIZE      u32 id                      -> (nothing)
 *   LAB5_DB_ERROR         (nothing)                   -> string
 *   LAB5_DB_BACKEND       (nothing)                   -> string
 *   LAB5_DB_STATEMENTS    (nothing)                   -> i64
 * Statements left open when a call returns are finalized then: an id lives
 * no longer than the call that made it.
 */
#ifndef LAB05_REMOTE_H
#define LAB05_REMOTE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "rpc.h"

enum { LAB5_PREPARE_SCHEMA = 1, LAB5_USER_ORDER_TOTALS = 2 };

enum {
    LAB5_DB_EXEC = 16,
    LAB5_DB_PREPARE,
    LAB5_DB_BIND_INT64,
    LAB5_DB_BIND_TEXT,
    LAB5_DB_STEP,
    LAB5_DB_COLUMN_INT64,
    LAB5_DB_COLUMN_TEXT,
    LAB5_DB_RESET,
    LAB5_DB_FINALIZE,
    LAB5_DB_ERROR,
    LAB5_DB_BACKEND,
    LAB5_DB_STATEMENTS,
};

#define LAB5_NULL_STRING 0xFFFFFFFFu

static inline void lab5_put_string(struct rpc_buffer *b, const char *s)
{
    size_t len = s != NULL ? strlen(s) : 0;
    if (s != NULL && len >= LAB5_NULL_STRING) {
        b->failed = true;
        return;
    }
    rpc_put_u32(b, s != NULL ? (uint32_t)len : LAB5_NULL_STRING);
    rpc_put(b, s, len);
}

/* The next string as a new NUL-terminated copy (free it), or NULL for a NULL
   string; *ok is false (and NULL returned) when it cannot be read. */
static inline char *lab5_get_string(struct rpc_reader *r, int *ok)
{
    uint32_t len = rpc_get_u32(r);
    *ok = !r->failed;
    if (r->failed || len == LAB5_NULL_STRING)
        return NULL;
    const void *bytes = rpc_get_view(r, len);
    char *copy = bytes != NULL ? malloc((size_t)len + 1) : NULL;
    if (copy == NULL) {
        *ok = 0;
        return NULL;
    }
    memcpy(copy, bytes, len);
    copy[len] = '\0';
    return copy;
}

/* remote.c's way to leave the reason a call failed where the suite reads a
   database error (db.c, trusted side only: no worker defines it). */
void db_set_failure(struct db *db, const char *message);

#endif
