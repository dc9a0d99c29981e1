/*
 * db.h -- one small SQL interface over two real databases, for Lab 5.
 *
 * Lab 5 (the N+1 query problem) has students write SQL that must run,
 * unchanged, on SQLite (in-process: a "query" is a function call) and on
 * PostgreSQL (a server: every query is a round trip over a socket). This
 * header is everything they may use. It is deliberately small, in the style
 * of SQLite's own API: open a database by URL, execute statements, prepare a
 * statement with `?` placeholders, bind values, step through the rows, read
 * columns, and count the statements sent.
 *
 * Design decisions
 * - One placeholder syntax for both databases: a plain `?`, numbered from 1,
 *   left to right. The layer rewrites it to PostgreSQL's $1, $2, ... (outside
 *   string literals, quoted names and comments). Values are never pasted into
 *   the SQL text: they travel apart from it, which is what makes a name like
 *   "Robert'); DROP TABLE users;--" harmless (see the chapter on injection).
 * - Batching by IN-list needs no special call: prepare
 *   "... WHERE user_id IN (?,?,?)" with as many `?` as ids, bind each one.
 *   Both databases accept thousands of parameters per statement.
 * - The statement counter is the lab's graded measure. It counts every
 *   request sent to the database: each db_exec() call and each execution of a
 *   prepared statement (its first db_step() after db_prepare() or db_reset()).
 *   Preparing does not count, stepping through the rows of one result does
 *   not count again. On PostgreSQL one counted statement is exactly one round
 *   trip: the layer sends each execution as one extended-protocol message
 *   (libpq's PQexecParams) and keeps no prepared statement on the server, so
 *   nothing needs cleaning up there. Rows come back all at once and are then
 *   stepped through locally.
 * - The simulated network delay: if the environment variable DELAY_MS holds
 *   a number (e.g. DELAY_MS=0.5, a same-region cloud round trip), every
 *   counted statement also sleeps that long, on both databases. It is a
 *   teaching knob that shows what a real network would add; it is off unless
 *   set.
 * - A limit per statement: a statement that runs longer than
 *   STATEMENT_LIMIT_S seconds (default 10) of the database's own time is
 *   stopped, and the call fails with "statement stopped after N s" and the
 *   start of its SQL in db_error(). A db_exec() call is one statement here
 *   too; a prepared statement's time adds up over the db_step() calls of one
 *   execution (the time your code spends between rows does not count). The
 *   lab's tests set 1 s: their tables are small, every right answer takes
 *   milliseconds there. A statement that never ends (a recursive CTE without
 *   a stop) then fails its test instead of hanging it.
 * - Errors never crash: every function accepts NULL handles, and every
 *   failure leaves a one-line message in db_error() that names the call and,
 *   where it helps, the start of the SQL.
 * - Where the two databases differ, the layer says so here rather than
 *   hiding it: SQLite checks SQL in db_prepare(); PostgreSQL only sees it at
 *   the first db_step(). Check both return values.
 */
#ifndef PERFLAB_DB_H
#define PERFLAB_DB_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct db;      /* one connection */
struct db_stmt; /* one prepared statement of that connection */

/* What db_step() returns. */
enum { DB_ERROR = -1, DB_DONE = 0, DB_ROW = 1 };

/*
 * db_open -- connect to the database named by `url`:
 *   "sqlite::memory:"          a private in-memory SQLite database
 *   "sqlite:PATH"              an SQLite file (created if missing)
 *   "postgresql://..."         a PostgreSQL server, as libpq reads URIs
 *   "postgres://...", or a libpq conninfo string ("host=/tmp/x dbname=y")
 *
 * Returns 0 on success, -1 on failure. Either way *out receives a handle that
 * db_error() can read and db_close() must free (like sqlite3_open); it is
 * NULL only if memory ran out. Fails too if DELAY_MS is set but not a number
 * of milliseconds >= 0, or STATEMENT_LIMIT_S not a number of seconds > 0. SQLite connections enforce foreign keys, as
 * PostgreSQL does.
 */
int db_open(const char *url, struct db **out);

/* Close the connection and free the handle. NULL is fine. Finalize the
   connection's statements first. */
void db_close(struct db *db);

/* Message of the most recent failure on this connection, or "" if none.
   db_error(NULL) explains that the handle is NULL. */
const char *db_error(const struct db *db);

/* "sqlite" or "postgresql" (or "none" if the open failed early). */
const char *db_backend(const struct db *db);

/* Statements sent so far on this connection (see the counter above). Take a
   difference around a call to count its statements. */
long db_statements(const struct db *db);

/*
 * db_exec -- run SQL that takes no parameters and returns no rows you need:
 * CREATE, DROP, BEGIN, COMMIT, ANALYZE, ... Several statements separated by
 * ';' are allowed. Counts as one statement sent. Returns 0 or -1.
 */
int db_exec(struct db *db, const char *sql);

/*
 * db_prepare -- compile one SQL statement with `?` placeholders. Returns NULL
 * on failure (see db_error). Free it with db_finalize(). Parameters start
 * unbound (NULL).
 */
struct db_stmt *db_prepare(struct db *db, const char *sql);

/* Bind a value to placeholder `index` (1 = the leftmost `?`). Only before
   the statement runs: after stepping, call db_reset() first. The text is
   copied. Return 0, or -1 (index out of range, statement running). */
int db_bind_int64(struct db_stmt *st, int index, int64_t value);
int db_bind_text(struct db_stmt *st, int index, const char *value);

/*
 * db_step -- run the statement (on its first call) and move to the next
 * result row. Returns DB_ROW when a row is ready to read, DB_DONE when there
 * are no more rows (it keeps returning DB_DONE until db_reset), or DB_ERROR.
 */
int db_step(struct db_stmt *st);

/* Columns of the current row, numbered from 0. An SQL NULL reads as 0 and
   as NULL. Text stays valid until the next db_step, db_reset or
   db_finalize of this statement. Out of range: 0 / NULL, and db_error says
   why. */
int64_t db_column_int64(struct db_stmt *st, int column);
const char *db_column_text(struct db_stmt *st, int column);

/* Make the statement ready to run again; bound values are kept, so bind only
   what changes. Returns 0 or -1. */
int db_reset(struct db_stmt *st);

/* Free the statement. NULL is fine. */
void db_finalize(struct db_stmt *st);

#ifdef __cplusplus
}
#endif
#endif
