/*
 * report.c -- Lab 5's own tables and plots after the sweeps (make lab-N
 * only): round trips per strategy, the statements each sends, SQLite beside
 * PostgreSQL, and the query plans with and without the index.
 */
#include "measure.h"

#include "format.h"
#include "workload.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the report: round trips ------------------------------------------------------------ */

static double median_or_nan(const struct perflab_results *r, const struct database *d,
                            const char *variant, long n)
{
    double t = perflab_median(r, d->scaling, variant, n);
    return t > 0 ? t : NAN;
}

static double statements_or_nan(const struct perflab_results *r, const struct database *d,
                                const char *variant, long n)
{
    double s = perflab_counter_value(r, d->scaling, variant, n, "statements");
    return s >= 0 ? s : NAN;
}

/* The time of one statement that finds nothing, or -1 if not measured. */
static double round_trip_floor(const struct perflab_results *r, const struct database *d)
{
    return perflab_median(r, d->round_trip, "naive", 1);
}

/* The sizes of a database's scaling sweep. */
static const long *scaling_xs(const struct database *d)
{
    for (size_t i = 0; i < perflab_lab.n_sweeps; i++)
        if (strcmp(perflab_lab.sweeps[i].name, d->scaling) == 0)
            return perflab_lab.sweeps[i].xs;
    static const long none[] = { 0 };
    return none;
}

/* DELAY_MS as a number, or 0 when unset or not a number (db_open refuses
   such a value anyway, with a message). */
static double delay_ms(void)
{
    const char *text = getenv("DELAY_MS");
    char *end;
    double ms = text != NULL ? strtod(text, &end) : 0;
    return text != NULL && end != text && *end == '\0' && ms > 0 ? ms : 0;
}

/* " + a 0.5 ms simulated network (DELAY_MS)", or "" without DELAY_MS. */
static const char *delay_text(char *out, size_t size)
{
    out[0] = '\0';
    if (delay_ms() > 0)
        snprintf(out, size, " + %g ms simulated network (DELAY_MS)", delay_ms());
    return out;
}

/* "SQLite 3.40.1" / "PostgreSQL 15.2", asked of the database itself. */
static void database_version(const struct database *d, char *out, size_t size)
{
    snprintf(out, size, "%s", database_name(d));
    struct db *db = connect_database(d);
    if (db == NULL)
        return;
    struct db_stmt *st = db_prepare(db, d->kind == SHOP_SQLITE
                                            ? "SELECT sqlite_version()"
                                            : "SELECT current_setting('server_version')");
    if (st != NULL && db_step(st) == DB_ROW && db_column_text(st, 0) != NULL)
        snprintf(out, size, "%s %s", database_name(d), db_column_text(st, 0));
    db_finalize(st);
    shop_disconnect(db);
}

static void report_round_trips(const struct perflab_results *r, const struct database *d,
                               bool postgres_ran, FILE *out)
{
    char a[32], b[32], c[32], e[32], version[128];
    double floor_s = round_trip_floor(r, d);
    database_version(d, version, sizeof version);
    fprintf(out, "\nRound trips on %s (%s)", version,
            d->kind == SHOP_SQLITE ? "in this process: a statement is a function call"
                                   : "the lab's private server, over a unix socket");
    if (delay_ms() > 0)
        fprintf(out, "\n  + a SIMULATED network delay of DELAY_MS=%g ms per statement", delay_ms());
    fprintf(out, "\n  one statement, no rows (naive with 0 users): %s\n",
            floor_s > 0 ? format_seconds(floor_s, a, sizeof a) : "not measured");
    fprintf(out, "  at N = %s users:\n", format_count(SUMMARY_N, a, sizeof a));
    fprintf(out, "  %-12s %12s %12s %16s %22s\n", "", "statements", "time", "time/statement",
            "statements x floor");
    for (size_t i = 0; i < perflab_lab.n_variants; i++) {
        const char *name = perflab_lab.variants[i].name;
        double t = median_or_nan(r, d, name, SUMMARY_N);
        double n = statements_or_nan(r, d, name, SUMMARY_N);
        if (isnan(t) || isnan(n)) {
            fprintf(out, "  %-12s %12s\n", name, "(not measured)");
            continue;
        }
        fprintf(out, "  %-12s %12s %12s %16s %22s\n", name, format_count(n, a, sizeof a),
                format_seconds(t, b, sizeof b), format_seconds(t / n, c, sizeof c),
                floor_s > 0 ? format_seconds(n * floor_s, e, sizeof e) : "-");
    }
    fprintf(out, "  When time/statement is close to the floor, the statements ARE the cost:\n"
                 "  only sending fewer of them helps. When it is far above, each statement\n"
                 "  does real work (a table scan, without the index).\n");
    if (d->kind == SHOP_SQLITE)
        fprintf(out, "  On SQLite the floor is mostly compiling the SQL (db_prepare); running an\n"
                     "  already prepared statement again costs less -- see index_only. Nothing\n"
                     "  travels anywhere: %s\n",
                postgres_ran ? "compare PostgreSQL below." : "try DB=postgres to see what a server adds.");
}

/* Both databases at N = SUMMARY_N: the same code, the same statements. */
static void report_side_by_side(const struct perflab_results *r, FILE *out)
{
    const struct database *s = &sqlite_database, *p = &postgresql_database;
    char a[32], b[32], c[32], e[32], delay[64];
    fprintf(out, "\nSQLite vs PostgreSQL at N = %s users%s\n", format_count(SUMMARY_N, a, sizeof a),
            delay_text(delay, sizeof delay));
    fprintf(out, "  %-12s %12s %12s %12s %18s\n", "", "statements", "SQLite", "PostgreSQL",
            "PostgreSQL/SQLite");
    for (size_t i = 0; i < perflab_lab.n_variants; i++) {
        const char *name = perflab_lab.variants[i].name;
        double n = statements_or_nan(r, s, name, SUMMARY_N);
        double pn = statements_or_nan(r, p, name, SUMMARY_N);
        double ts = median_or_nan(r, s, name, SUMMARY_N), tp = median_or_nan(r, p, name, SUMMARY_N);
        fprintf(out, "  %-12s %12s %12s %12s %18s\n", name,
                isnan(n) ? "-" : format_count(n, a, sizeof a),
                isnan(ts) ? "-" : format_seconds(ts, b, sizeof b),
                isnan(tp) ? "-" : format_seconds(tp, c, sizeof c),
                isnan(ts) || isnan(tp) ? "-" : format_ratio(tp / ts, e, sizeof e));
        /* The layer counts the same way on both, so equal code sends equal
           counts; if not, the SQL itself differs by database: say so. */
        if (!isnan(n) && !isnan(pn) && n != pn)
            fprintf(out, "  %-12s   (but %s statements on PostgreSQL)\n", "",
                    format_count(pn, a, sizeof a));
    }
    fprintf(out, "  Same code, same statements, same answers: only where the database\n"
                 "  runs differs.\n");
}

/* A CSV file in the lab's plot folder, or NULL with a warning. */
static FILE *open_csv(const struct perflab_results *r, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s.csv", perflab_out_dir(r), name);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        fprintf(stderr, "warning: cannot write %s\n", path);
    return f;
}

/* statements.csv/png: the graded sweep's counts (SQLite; the counts are the
   same on PostgreSQL, as report_side_by_side checks). */
static void draw_statements(const struct perflab_results *r)
{
    const struct database *d = &sqlite_database;
    const long *xs = scaling_xs(d);
    char path[1024], vars[2048];
    FILE *f = open_csv(r, "statements", path, sizeof path);
    if (f == NULL)
        return;
    fprintf(f, "N,1 + N (one per user),target: 1 + ceil(N/100)");
    for (size_t v = 0; v < perflab_lab.n_variants; v++)
        fprintf(f, ",%s", perflab_lab.variants[v].name);
    fputc('\n', f);
    for (size_t i = 0; i < PERFLAB_MAX_XS && xs[i] != 0; i++) {
        fprintf(f, "%ld,%ld,%g", xs[i], 1 + xs[i], batched_bound(xs[i]));
        for (size_t v = 0; v < perflab_lab.n_variants; v++)
            fprintf(f, ",%.9g", statements_or_nan(r, d, perflab_lab.variants[v].name, xs[i]));
        fputc('\n', f);
    }
    fclose(f);
    snprintf(vars, sizeof vars, "data='%s'; out='%s/statements.png'; n=%d", path,
             perflab_out_dir(r), (int)perflab_lab.n_variants);
    perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/statements.gp", vars);
}

/* round-trips-<database>[-delay].csv/png: time per call beside (1 + N) x floor. */
static void draw_round_trips(const struct perflab_results *r, const struct database *d)
{
    const long *xs = scaling_xs(d);
    double floor_s = round_trip_floor(r, d);
    char name[64], path[1024], vars[4096], floor_text[32], heading[256], delay[64];
    snprintf(name, sizeof name, "round-trips-%s%s", d->slug, delay_ms() > 0 ? "-delay" : "");
    FILE *f = open_csv(r, name, path, sizeof path);
    if (f == NULL)
        return;
    fprintf(f, "N,(1 + N) x floor");
    for (size_t v = 0; v < perflab_lab.n_variants; v++)
        fprintf(f, ",%s", perflab_lab.variants[v].name);
    fputc('\n', f);
    for (size_t i = 0; i < PERFLAB_MAX_XS && xs[i] != 0; i++) {
        fprintf(f, "%ld,%.9g", xs[i], floor_s > 0 ? (1 + xs[i]) * floor_s : NAN);
        for (size_t v = 0; v < perflab_lab.n_variants; v++)
            fprintf(f, ",%.9g", median_or_nan(r, d, perflab_lab.variants[v].name, xs[i]));
        fputc('\n', f);
    }
    fclose(f);
    snprintf(heading, sizeof heading, "Lab 5 on %s%s: time per call vs (1 + N) statements",
             database_name(d), delay_text(delay, sizeof delay));
    snprintf(vars, sizeof vars, "data='%s'; out='%s/%s.png'; n=%d; heading='%s'; floor='%s'",
             path, perflab_out_dir(r), name, (int)perflab_lab.n_variants, heading,
             floor_s > 0 ? format_seconds(floor_s, floor_text, sizeof floor_text) : "?");
    perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/round-trips.gp", vars);
}

/* ---- the report: query plans -------------------------------------------------------- */

static const char per_user_sql[] = "SELECT amount_cents FROM orders WHERE user_id = ?";
static const char join_sql[] =
    "SELECT u.id, u.name, COALESCE(t.n, 0), COALESCE(t.total, 0) FROM users u"
    " LEFT JOIN (SELECT user_id, COUNT(*) AS n, SUM(amount_cents) AS total"
    " FROM orders GROUP BY user_id) t ON t.user_id = u.id ORDER BY u.id";

/* Print the plan of `sql` (with 42 bound to its `?`, if any), indented. */
static void print_plan(struct db *db, const char *sql, FILE *out)
{
    bool sqlite = strcmp(db_backend(db), "sqlite") == 0;
    char explain[1024];
    snprintf(explain, sizeof explain, "%s %s", sqlite ? "EXPLAIN QUERY PLAN" : "EXPLAIN (COSTS OFF)",
             sql);
    struct db_stmt *st = db_prepare(db, explain);
    if (st != NULL && strchr(sql, '?') != NULL)
        db_bind_int64(st, 1, 42);
    /* SQLite's rows are (id, parent, notused, detail): indent by depth. */
    long ids[64], depth[64];
    size_t seen = 0;
    int rc;
    while (st != NULL && (rc = db_step(st)) == DB_ROW) {
        const char *text;
        long level = 0;
        if (sqlite) {
            long id = (long)db_column_int64(st, 0), parent = (long)db_column_int64(st, 1);
            for (size_t i = 0; i < seen; i++)
                if (ids[i] == parent)
                    level = depth[i] + 1;
            if (seen < 64) {
                ids[seen] = id;
                depth[seen++] = level;
            }
            text = db_column_text(st, 3);
        } else {
            text = db_column_text(st, 0);
        }
        fprintf(out, "      %*s%s\n", (int)(2 * level), "", text ? text : "");
    }
    if (st == NULL || rc == DB_ERROR)
        fprintf(out, "      (EXPLAIN failed: %s)\n", db_error(db));
    db_finalize(st);
}

static void report_plans(const struct database *d, FILE *out)
{
    struct db *db = connect_database(d);
    if (db == NULL)
        return;
    char n[32];
    fprintf(out, "\nQuery plans on %s (EXPLAIN; %s users x %d orders)\n", database_name(d),
            format_count(EXPLAIN_N, n, sizeof n), SHOP_ORDERS_PER_USER);
    if (shop_create_tables(db) != 0 || shop_fill(db, EXPLAIN_N, SHOP_ORDERS_PER_USER) != 0) {
        fprintf(out, "  (cannot load the data: %s)\n", db_error(db));
        shop_disconnect(db);
        return;
    }
    for (int with_index = 0; with_index <= 1; with_index++) {
        if (with_index && db_exec(db, "CREATE INDEX orders_user_id ON orders (user_id)") != 0) {
            fprintf(out, "  (cannot create the index: %s)\n", db_error(db));
            break;
        }
        fprintf(out, "  %s the index on orders.user_id:\n", with_index ? "WITH" : "WITHOUT");
        fprintf(out, "    naive's per-user query, %s\n", per_user_sql);
        print_plan(db, per_user_sql, out);
        fprintf(out, "    the reference's one query (aggregate orders per user, LEFT JOIN users)\n");
        print_plan(db, join_sql, out);
    }
    shop_disconnect(db);
}

/* Runs after every enabled sweep: SQLite always, PostgreSQL under DB=postgres. */
void perflab_report(const struct perflab_results *r, FILE *out)
{
    const struct database *ran[2] = { &sqlite_database, &postgresql_database };
    size_t n_ran = postgresql_enabled() ? 2 : 1;
    for (size_t i = 0; i < n_ran; i++) {
        report_round_trips(r, ran[i], n_ran == 2, out);
        draw_round_trips(r, ran[i]);
    }
    if (n_ran == 2)
        report_side_by_side(r, out);
    draw_statements(r);
    for (size_t i = 0; i < n_ran; i++)
        report_plans(ran[i], out);
}

