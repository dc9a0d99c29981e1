/*
 * db.c -- the two backends behind db.h: SQLite (libsqlite3) and PostgreSQL
 * (libpq). Read db.h first: it says what the calls promise.
 *
 * Design decisions
 * - One struct per handle, with a tag for the backend and a small state
 *   machine per statement (READY -> ROWS -> DONE, or FAILED), so that both
 *   backends answer the same call sequence the same way, including the wrong
 *   ones (bind while running, read a column before a row). Every misuse sets
 *   a message and returns a failure value; nothing here aborts.
 * - SQLite: a thin wrapper. sqlite3_prepare_v2 once; each execution is
 *   sqlite3_step until DONE, then sqlite3_reset. Work happens in this process,
 *   so a "statement" costs microseconds.
 * - PostgreSQL: each execution is one PQexecParams call -- Parse, Bind,
 *   Execute and Sync in one message flight, one round trip -- with the values
 *   as separate text parameters, never inside the SQL. We do not keep named
 *   prepared statements on the server: they would cost an extra round trip to
 *   create and another to DEALLOCATE, and the counter would stop meaning
 *   "round trips". The whole result arrives at once and is stepped locally.
 * - Placeholders: the student writes `?`; for PostgreSQL the SQL is rewritten
 *   once, in db_prepare, to $1, $2, ... by a scanner that skips '...'
 *   strings, "..." names and comments. It also rejects `$1` written by hand,
 *   so that the same SQL always means the same thing on both databases.
 * - The limit per statement (db.h) is kept by this process, the trusted side,
 *   never by the database's own settings, which the student's SQL could undo
 *   (PostgreSQL's statement_timeout is a setting any role may SET to 0):
 *   SQLite calls a progress handler every PROGRESS_OPS virtual-machine steps,
 *   which interrupts the statement once its deadline has passed (one clock
 *   read per PROGRESS_OPS steps); PostgreSQL's statement is sent
 *   asynchronously and, past its deadline, cancelled (PQcancel: the server
 *   stops it, whatever the session's settings). Time, not a count of steps,
 *   because PostgreSQL offers only time and one message should mean the same
 *   on both; a limit far above what any right answer takes keeps verdicts
 *   independent of the machine's load.
 */
#define _POSIX_C_SOURCE 200809L
#include "db.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>
#include <poll.h>
#include <sqlite3.h>

enum backend { BACKEND_NONE, BACKEND_SQLITE, BACKEND_POSTGRES };

enum {
    PROGRESS_OPS = 10000,       /* SQLite steps between two looks at the clock */
};
#define DEFAULT_LIMIT_S 10.0    /* STATEMENT_LIMIT_S when unset */
#define CANCEL_GRACE_S 5.0      /* after PQcancel, how long the server may take to stop */

struct db {
    enum backend backend;
    sqlite3 *lite;
    PGconn *pg;
    long statements;  /* requests sent: the lab's graded counter */
    double delay_ms;  /* simulated network delay per statement (DELAY_MS) */
    double limit_s;   /* the limit per statement (STATEMENT_LIMIT_S) */
    double deadline;  /* when the running statement must stop; 0: none running */
    bool stopped;     /* the limit stopped it (SQLite's progress handler, PostgreSQL's cancel) */
    char error[512];
};

/* READY: may bind, next step executes. ROWS: executed, a row may be read.
   DONE: no more rows. FAILED: the execution failed. */
enum stmt_state { STMT_READY, STMT_ROWS, STMT_DONE, STMT_FAILED };

struct db_stmt {
    struct db *db;
    enum stmt_state state;
    int n_params;
    char sql_excerpt[64]; /* the start of the SQL, for error messages */
    double spent;         /* seconds this execution has run so far (SQLite: over its steps) */

    sqlite3_stmt *lite;

    char *pg_sql;         /* the SQL with $1, $2, ... */
    char **pg_values;     /* n_params bound values as text; NULL = SQL NULL */
    PGresult *pg_result;  /* the rows of the current execution */
    int pg_row;           /* current row in pg_result */
};

static const char url_help[] =
    "expected sqlite::memory:, sqlite:PATH or postgresql://...";

/* ---------------------------------------------------------------- errors */

static void set_error(struct db *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->error, sizeof db->error, fmt, ap);
    va_end(ap);
    /* Server messages span lines ("...failed\n\tIs the server running");
       one line reads better in a test failure or a table. */
    for (char *p = db->error; *p != '\0'; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    size_t n = strlen(db->error);
    while (n > 0 && db->error[n - 1] == ' ')
        db->error[--n] = '\0';
}

/* The first characters of an SQL text on one line, for messages. */
static void make_excerpt(char *out, size_t size, const char *sql)
{
    size_t n = strlen(sql);
    if (n < size) {
        memcpy(out, sql, n + 1);
    } else {
        memcpy(out, sql, size - 4);
        memcpy(out + size - 4, "...", 4);
    }
}

/* PostgreSQL's own one-line reason, without "ERROR:  " and the LINE 1 art. */
static const char *pg_reason(const struct db *db, const PGresult *res)
{
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    return primary ? primary : PQerrorMessage(db->pg);
}

/* ------------------------------------------------------------ the knob */

/* DELAY_MS: unset or empty means no delay. */
static int read_delay(struct db *db)
{
    const char *text = getenv("DELAY_MS");
    db->delay_ms = 0;
    if (text == NULL || *text == '\0')
        return 0;
    char *end;
    errno = 0;
    double ms = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !isfinite(ms) || ms < 0 || ms > 10000) {
        set_error(db, "db_open: DELAY_MS must be a number of milliseconds from 0 to 10000 "
                      "(e.g. 0.5), got '%s'", text);
        return -1;
    }
    db->delay_ms = ms;
    return 0;
}

/* STATEMENT_LIMIT_S: unset or empty means the default. */
static int read_limit(struct db *db)
{
    const char *text = getenv("STATEMENT_LIMIT_S");
    db->limit_s = DEFAULT_LIMIT_S;
    if (text == NULL || *text == '\0')
        return 0;
    char *end;
    errno = 0;
    double s = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !isfinite(s) || s <= 0 || s > 86400) {
        set_error(db, "db_open: STATEMENT_LIMIT_S must be a number of seconds above 0, at most 86400 "
                      "(e.g. 10), got '%s'", text);
        return -1;
    }
    db->limit_s = s;
    return 0;
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A statement starts running, having run `spent` seconds already. */
static void limit_start(struct db *db, double spent)
{
    db->stopped = false;
    db->deadline = now_seconds() + db->limit_s - spent;
}

/* The statement stopped running; returns the seconds it ran since limit_start. */
static double limit_end(struct db *db, double started)
{
    db->deadline = 0;
    return now_seconds() - started;
}

/* SQLite's progress handler: non-zero interrupts the running statement. */
static int past_deadline(void *arg)
{
    struct db *db = arg;
    if (db->deadline > 0 && now_seconds() > db->deadline) {
        db->stopped = true;
        return 1;
    }
    return 0;
}

static void set_stopped(struct db *db, const char *call, const char *excerpt)
{
    set_error(db, "%s: statement stopped after %g s, the limit per statement (STATEMENT_LIMIT_S) (in: %s)", call,
              db->limit_s, excerpt);
}

/* Every statement sent passes here: count it, then wait out the simulated
   network, if any. */
static void count_statement(struct db *db)
{
    db->statements++;
    if (db->delay_ms <= 0)
        return;
    double whole = floor(db->delay_ms / 1000);
    struct timespec left = {
        .tv_sec = (time_t)whole,
        .tv_nsec = (long)((db->delay_ms / 1000 - whole) * 1e9),
    };
    while (nanosleep(&left, &left) != 0 && errno == EINTR)
        ;
}

/* ---------------------------------------------------------- open/close */

/* The lab's SQL reaches no file but its database. */
static int refuse_attach(void *arg, int action, const char *a, const char *b, const char *c, const char *d)
{
    (void)arg, (void)a, (void)b, (void)c, (void)d;
    return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

/*
 * The SQL a student writes runs in a trusted process (the suite's, the
 * grader's counter: see remote.c), so the connection can do nothing with it
 * but query its own database: no ATTACH (which creates and writes a file
 * anywhere; VACUUM INTO attaches too), refused twice -- the limit of attached
 * databases is 0 and an authorizer denies it, with a message that names it;
 * no extension loading (a shared library is code); defensive mode (no
 * writes that corrupt the database file, such as PRAGMA writable_schema).
 */
static bool confine_sqlite(sqlite3 *lite)
{
    int off = 0, on = 1, got = -1;
    sqlite3_limit(lite, SQLITE_LIMIT_ATTACHED, 0);
    return sqlite3_db_config(lite, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, off, &got) == SQLITE_OK && got == 0 &&
           sqlite3_db_config(lite, SQLITE_DBCONFIG_DEFENSIVE, on, &got) == SQLITE_OK &&
           sqlite3_set_authorizer(lite, refuse_attach, NULL) == SQLITE_OK;
}

static int open_sqlite(struct db *db, const char *path)
{
    db->backend = BACKEND_SQLITE;
    if (*path == '\0') {
        set_error(db, "db_open: 'sqlite:' needs a file name or :memory: (%s)", url_help);
        return -1;
    }
    int rc = sqlite3_open_v2(path, &db->lite, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        set_error(db, "db_open: cannot open SQLite database '%s': %s", path,
                  db->lite ? sqlite3_errmsg(db->lite) : sqlite3_errstr(rc));
    } else if (sqlite3_exec(db->lite, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK) {
        /* PostgreSQL checks REFERENCES; SQLite must do the same. */
        set_error(db, "db_open: %s", sqlite3_errmsg(db->lite));
    } else if (!confine_sqlite(db->lite)) {
        set_error(db, "db_open: cannot confine SQLite: %s", sqlite3_errmsg(db->lite));
    } else {
        sqlite3_progress_handler(db->lite, PROGRESS_OPS, past_deadline, db);
        return 0;
    }
    /* sqlite3_open hands out a handle even when it fails: drop it, so that
       the handle reads as "not open" from now on. */
    sqlite3_close_v2(db->lite);
    db->lite = NULL;
    return -1;
}

/* libpq prints NOTICEs ("table does not exist, skipping") on stderr;
   they are not errors, and the lab's output should stay readable. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int open_postgres(struct db *db, const char *url)
{
    db->backend = BACKEND_POSTGRES;
    /* expand_dbname = 1: `url` may be a URI or a conninfo string; we add
       client_encoding so names with multibyte characters arrive intact. */
    const char *const keys[] = { "dbname", "client_encoding", NULL };
    const char *const values[] = { url, "UTF8", NULL };
    db->pg = PQconnectdbParams(keys, values, 1);
    if (db->pg == NULL) {
        set_error(db, "db_open: out of memory");
        return -1;
    }
    if (PQstatus(db->pg) != CONNECTION_OK) {
        set_error(db, "db_open: cannot connect to PostgreSQL: %s", PQerrorMessage(db->pg));
        return -1;
    }
    PQsetNoticeProcessor(db->pg, ignore_notice, NULL);
    return 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int db_open(const char *url, struct db **out)
{
    if (out == NULL)
        return -1;
    struct db *db = calloc(1, sizeof *db);
    *out = db;
    if (db == NULL)
        return -1;

    if (url == NULL || *url == '\0') {
        set_error(db, "db_open: no database URL given (%s)", url_help);
        return -1;
    }
    if (read_delay(db) != 0 || read_limit(db) != 0)
        return -1;
    if (starts_with(url, "sqlite:"))
        return open_sqlite(db, url + strlen("sqlite:"));
    if (starts_with(url, "postgresql://") || starts_with(url, "postgres://") || strchr(url, '='))
        return open_postgres(db, url);
    set_error(db, "db_open: unknown database URL '%s' (%s)", url, url_help);
    return -1;
}

void db_close(struct db *db)
{
    if (db == NULL)
        return;
    if (db->lite)
        sqlite3_close_v2(db->lite); /* v2: never fails, even with statements open */
    if (db->pg)
        PQfinish(db->pg);
    free(db);
}

const char *db_error(const struct db *db)
{
    return db ? db->error : "no database handle (db is NULL: out of memory?)";
}

const char *db_backend(const struct db *db)
{
    if (db == NULL)
        return "none";
    switch (db->backend) {
    case BACKEND_SQLITE: return "sqlite";
    case BACKEND_POSTGRES: return "postgresql";
    default: return "none";
    }
}

long db_statements(const struct db *db)
{
    return db ? db->statements : 0;
}

/* A handle whose open failed has no connection: every call must say so. */
static bool usable(struct db *db, const char *call)
{
    if (db == NULL)
        return false;
    if (db->lite == NULL && (db->pg == NULL || PQstatus(db->pg) != CONNECTION_OK)) {
        set_error(db, "%s: the database is not open", call);
        return false;
    }
    return true;
}

/* -------------------------------------------- PostgreSQL, with a limit */

/* Waits until the connection's socket is readable or `deadline` passes
   (0: no deadline). Returns 1 readable, 0 deadline passed, -1 error. */
static int pg_wait(struct db *db, double deadline)
{
    for (;;) {
        int timeout_ms = -1;
        if (deadline > 0) {
            double left = deadline - now_seconds();
            if (left <= 0)
                return 0;
            timeout_ms = (int)(left * 1000) + 1;
        }
        struct pollfd p = { .fd = PQsocket(db->pg), .events = POLLIN };
        int n = poll(&p, 1, timeout_ms);
        if (n > 0)
            return 1;
        if (n < 0 && errno != EINTR)
            return -1;
    }
}

/*
 * PQexec (n_params < 0: `sql` may hold several statements) or PQexecParams,
 * within the limit: sent asynchronously, cancelled when it runs past its
 * deadline (db->stopped is then true). Returns what PQexec would: the
 * first failed result, else the last one; NULL (with PQerrorMessage) when
 * nothing could be sent or read.
 */
static PGresult *pg_run(struct db *db, const char *sql, int n_params, const char *const *values)
{
    db->stopped = false;
    int sent = n_params < 0 ? PQsendQuery(db->pg, sql)
                            : PQsendQueryParams(db->pg, sql, n_params, NULL, values, NULL, NULL, 0);
    if (!sent)
        return NULL;
    double deadline = now_seconds() + db->limit_s;
    PGresult *kept = NULL;
    for (;;) {
        while (!PQisBusy(db->pg)) {
            PGresult *next = PQgetResult(db->pg);
            if (next == NULL)
                return kept;
            ExecStatusType status = PQresultStatus(kept);
            if (kept != NULL && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
                status != PGRES_EMPTY_QUERY) {
                PQclear(next); /* an error stays the answer, as with PQexec */
            } else {
                PQclear(kept);
                kept = next;
            }
        }
        int ready = pg_wait(db, deadline);
        if (ready == 0 && !db->stopped) {
            /* Past the limit: ask the server to stop it, and wait a little
               more for the error that says it did. */
            PGcancel *cancel = PQgetCancel(db->pg);
            char why[256];
            if (cancel != NULL)
                PQcancel(cancel, why, sizeof why);
            PQfreeCancel(cancel);
            db->stopped = true;
            deadline = now_seconds() + CANCEL_GRACE_S;
            continue;
        }
        if (ready <= 0 || !PQconsumeInput(db->pg)) {
            /* The server did not answer even the cancel, or the connection
               failed: no result (the caller reports PQerrorMessage or the
               stop). */
            PQclear(kept);
            return NULL;
        }
    }
}

/* ---------------------------------------------------------------- exec */

int db_exec(struct db *db, const char *sql)
{
    if (!usable(db, "db_exec"))
        return -1;
    if (sql == NULL) {
        set_error(db, "db_exec: SQL is NULL");
        return -1;
    }
    char excerpt[64];
    make_excerpt(excerpt, sizeof excerpt, sql);
    count_statement(db);

    if (db->backend == BACKEND_SQLITE) {
        char *message = NULL;
        double started = now_seconds();
        limit_start(db, 0);
        int rc = sqlite3_exec(db->lite, sql, NULL, NULL, &message);
        limit_end(db, started);
        if (rc != SQLITE_OK) {
            if (rc == SQLITE_INTERRUPT && db->stopped)
                set_stopped(db, "db_exec", excerpt);
            else
                set_error(db, "db_exec: %s (in: %s)", message ? message : sqlite3_errmsg(db->lite), excerpt);
            sqlite3_free(message);
            return -1;
        }
        return 0;
    }

    PGresult *res = pg_run(db, sql, -1, NULL);
    ExecStatusType status = PQresultStatus(res);
    int rc = 0;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
        if (db->stopped)
            set_stopped(db, "db_exec", excerpt);
        else
            set_error(db, "db_exec: %s (in: %s)", pg_reason(db, res), excerpt);
        rc = -1;
    }
    PQclear(res);
    return rc;
}

/* ------------------------------------------------------- placeholders */

/*
 * Count the `?` placeholders of `sql` and, if `out` is not NULL, write the
 * SQL with each one replaced by $1, $2, ... (out needs 6 bytes per input
 * byte). Skips '...' and "..." (a doubled quote inside stays inside) and
 * -- and block comments. Returns the count, or -1 if the SQL uses $N.
 */
static int rewrite_placeholders(const char *sql, char *out)
{
    int count = 0;
    const char *p = sql;
    while (*p != '\0') {
        char c = *p;
        if (c == '\'' || c == '"') {
            const char *end = strchr(p + 1, c);
            size_t n = end ? (size_t)(end - p) + 1 : strlen(p);
            if (out) {
                memcpy(out, p, n);
                out += n;
            }
            p += n;
            continue;
        }
        if ((c == '-' && p[1] == '-') || (c == '/' && p[1] == '*')) {
            const char *end = c == '-' ? strchr(p, '\n') : strstr(p + 2, "*/");
            size_t n = end ? (size_t)(end - p) + (c == '-' ? 1 : 2) : strlen(p);
            if (out) {
                memcpy(out, p, n);
                out += n;
            }
            p += n;
            continue;
        }
        if (c == '$' && isdigit((unsigned char)p[1]))
            return -1;
        if (c == '?') {
            count++;
            if (out)
                out += sprintf(out, "$%d", count);
        } else if (out) {
            *out++ = c;
        }
        p++;
    }
    if (out)
        *out = '\0';
    return count;
}

/* ---------------------------------------------------------- statements */

static void free_stmt(struct db_stmt *st)
{
    if (st->lite)
        sqlite3_finalize(st->lite);
    if (st->pg_values) {
        for (int i = 0; i < st->n_params; i++)
            free(st->pg_values[i]);
        free(st->pg_values);
    }
    PQclear(st->pg_result);
    free(st->pg_sql);
    free(st);
}

static int prepare_sqlite(struct db_stmt *st, const char *sql)
{
    struct db *db = st->db;
    const char *tail = NULL;
    if (sqlite3_prepare_v2(db->lite, sql, -1, &st->lite, &tail) != SQLITE_OK) {
        set_error(db, "db_prepare: %s (in: %s)", sqlite3_errmsg(db->lite), st->sql_excerpt);
        return -1;
    }
    if (st->lite == NULL) {
        set_error(db, "db_prepare: the SQL holds no statement (in: %s)", st->sql_excerpt);
        return -1;
    }
    while (tail && isspace((unsigned char)*tail))
        tail++;
    if (tail && *tail == ';')
        tail++;
    while (tail && isspace((unsigned char)*tail))
        tail++;
    if (tail && *tail != '\0') {
        set_error(db, "db_prepare: one statement at a time; use db_exec for several (in: %s)",
                  st->sql_excerpt);
        return -1;
    }
    return 0;
}

static int prepare_postgres(struct db_stmt *st, const char *sql)
{
    size_t n = strlen(sql);
    st->pg_sql = malloc(6 * n + 1);
    st->pg_values = calloc((size_t)st->n_params + 1, sizeof *st->pg_values);
    if (st->pg_sql == NULL || st->pg_values == NULL) {
        set_error(st->db, "db_prepare: out of memory");
        return -1;
    }
    rewrite_placeholders(sql, st->pg_sql);
    return 0;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
    if (!usable(db, "db_prepare"))
        return NULL;
    if (sql == NULL) {
        set_error(db, "db_prepare: SQL is NULL");
        return NULL;
    }
    struct db_stmt *st = calloc(1, sizeof *st);
    if (st == NULL) {
        set_error(db, "db_prepare: out of memory");
        return NULL;
    }
    st->db = db;
    st->state = STMT_READY;
    make_excerpt(st->sql_excerpt, sizeof st->sql_excerpt, sql);
    st->n_params = rewrite_placeholders(sql, NULL);
    if (st->n_params < 0) {
        set_error(db, "db_prepare: write placeholders as ?, not $1: the layer numbers them "
                      "for PostgreSQL itself (in: %s)", st->sql_excerpt);
        free_stmt(st);
        return NULL;
    }
    int rc = db->backend == BACKEND_SQLITE ? prepare_sqlite(st, sql) : prepare_postgres(st, sql);
    if (rc != 0) {
        free_stmt(st);
        return NULL;
    }
    if (st->lite) /* SQLite's own count also knows ?NNN and :name, should anyone use them */
        st->n_params = sqlite3_bind_parameter_count(st->lite);
    return st;
}

/* Binding is allowed only before the statement runs, on an index it has. */
static bool can_bind(struct db_stmt *st, int index, const char *call)
{
    if (st == NULL)
        return false;
    if (st->state != STMT_READY) {
        set_error(st->db, "%s: the statement has run; call db_reset() before binding new values "
                          "(in: %s)", call, st->sql_excerpt);
        return false;
    }
    if (index < 1 || index > st->n_params) {
        set_error(st->db, "%s: parameter %d is out of range: the statement has %d "
                          "placeholder%s (in: %s)", call, index, st->n_params,
                  st->n_params == 1 ? "" : "s", st->sql_excerpt);
        return false;
    }
    return true;
}

/* PostgreSQL parameters travel as text: keep our own copy until the next bind. */
static int bind_pg_text(struct db_stmt *st, int index, const char *text)
{
    char *copy = NULL;
    if (text != NULL) {
        copy = strdup(text);
        if (copy == NULL) {
            set_error(st->db, "db_bind: out of memory");
            return -1;
        }
    }
    free(st->pg_values[index - 1]);
    st->pg_values[index - 1] = copy;
    return 0;
}

int db_bind_int64(struct db_stmt *st, int index, int64_t value)
{
    if (!can_bind(st, index, "db_bind_int64"))
        return -1;
    if (st->db->backend == BACKEND_SQLITE) {
        if (sqlite3_bind_int64(st->lite, index, value) != SQLITE_OK) {
            set_error(st->db, "db_bind_int64: %s", sqlite3_errmsg(st->db->lite));
            return -1;
        }
        return 0;
    }
    char text[24];
    snprintf(text, sizeof text, "%lld", (long long)value);
    return bind_pg_text(st, index, text);
}

int db_bind_text(struct db_stmt *st, int index, const char *value)
{
    if (!can_bind(st, index, "db_bind_text"))
        return -1;
    if (st->db->backend == BACKEND_SQLITE) {
        int rc = value ? sqlite3_bind_text(st->lite, index, value, -1, SQLITE_TRANSIENT)
                       : sqlite3_bind_null(st->lite, index);
        if (rc != SQLITE_OK) {
            set_error(st->db, "db_bind_text: %s", sqlite3_errmsg(st->db->lite));
            return -1;
        }
        return 0;
    }
    return bind_pg_text(st, index, value);
}

static int step_sqlite(struct db_stmt *st)
{
    double started = now_seconds();
    limit_start(st->db, st->spent);
    int rc = sqlite3_step(st->lite);
    st->spent += limit_end(st->db, started);
    if (rc == SQLITE_ROW) {
        st->state = STMT_ROWS;
        return DB_ROW;
    }
    if (rc == SQLITE_DONE) {
        st->state = STMT_DONE;
        return DB_DONE;
    }
    st->state = STMT_FAILED;
    if (rc == SQLITE_INTERRUPT && st->db->stopped)
        set_stopped(st->db, "db_step", st->sql_excerpt);
    else
        set_error(st->db, "db_step: %s (in: %s)", sqlite3_errmsg(st->db->lite), st->sql_excerpt);
    return DB_ERROR;
}

/* The first step sends the statement and fetches every row; later steps
   walk through them. */
static int step_postgres(struct db_stmt *st)
{
    struct db *db = st->db;
    if (st->pg_result == NULL) {
        st->pg_result = pg_run(db, st->pg_sql, st->n_params, (const char *const *)st->pg_values);
        ExecStatusType status = PQresultStatus(st->pg_result);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            st->state = STMT_FAILED;
            if (db->stopped)
                set_stopped(db, "db_step", st->sql_excerpt);
            else
                set_error(db, "db_step: %s (in: %s)", pg_reason(db, st->pg_result), st->sql_excerpt);
            return DB_ERROR;
        }
        st->pg_row = -1;
    }
    st->pg_row++;
    if (st->pg_row < PQntuples(st->pg_result)) {
        st->state = STMT_ROWS;
        return DB_ROW;
    }
    st->state = STMT_DONE;
    return DB_DONE;
}

int db_step(struct db_stmt *st)
{
    if (st == NULL)
        return DB_ERROR;
    if (st->state == STMT_FAILED)
        return DB_ERROR;
    if (st->state == STMT_DONE)
        return DB_DONE;
    if (st->state == STMT_READY) {
        if (!usable(st->db, "db_step"))
            return DB_ERROR;
        count_statement(st->db);
    }
    return st->db->backend == BACKEND_SQLITE ? step_sqlite(st) : step_postgres(st);
}

/* Reading needs a current row and a column that exists. */
static bool can_read(struct db_stmt *st, int column, const char *call)
{
    if (st == NULL)
        return false;
    if (st->state != STMT_ROWS) {
        set_error(st->db, "%s: no current row (db_step must return DB_ROW first) (in: %s)",
                  call, st->sql_excerpt);
        return false;
    }
    int columns = st->lite ? sqlite3_data_count(st->lite) : PQnfields(st->pg_result);
    if (column < 0 || column >= columns) {
        set_error(st->db, "%s: column %d is out of range: the row has %d column%s (in: %s)",
                  call, column, columns, columns == 1 ? "" : "s", st->sql_excerpt);
        return false;
    }
    return true;
}

const char *db_column_text(struct db_stmt *st, int column)
{
    if (!can_read(st, column, "db_column_text"))
        return NULL;
    if (st->lite)
        return (const char *)sqlite3_column_text(st->lite, column);
    if (PQgetisnull(st->pg_result, st->pg_row, column))
        return NULL;
    return PQgetvalue(st->pg_result, st->pg_row, column);
}

/* PostgreSQL sends numbers as text. SUM(bigint) is a numeric, still written
   as digits; a fraction is cut off toward zero, as SQLite does. */
int64_t db_column_int64(struct db_stmt *st, int column)
{
    if (!can_read(st, column, "db_column_int64"))
        return 0;
    if (st->lite)
        return sqlite3_column_int64(st->lite, column);
    if (PQgetisnull(st->pg_result, st->pg_row, column))
        return 0;
    const char *text = PQgetvalue(st->pg_result, st->pg_row, column);
    char *end;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (errno != 0 || end == text || (*end != '\0' && *end != '.')) {
        set_error(st->db, "db_column_int64: column %d is not a 64-bit integer: '%.40s' (in: %s)",
                  column, text, st->sql_excerpt);
        return 0;
    }
    return value;
}

int db_reset(struct db_stmt *st)
{
    if (st == NULL)
        return -1;
    if (st->lite)
        sqlite3_reset(st->lite); /* its return repeats the last step's error: already reported */
    PQclear(st->pg_result);
    st->pg_result = NULL;
    st->state = STMT_READY;
    st->spent = 0;
    return 0;
}

void db_finalize(struct db_stmt *st)
{
    if (st != NULL)
        free_stmt(st);
}

/* ------------------------------------------------- the trusted side's note */

/* remote.h: when a call to the worker fails (a crash, a hang), the suite
   reads why where it reads any database error. */
void db_set_failure(struct db *db, const char *message)
{
    if (db != NULL)
        set_error(db, "%s", message);
}
