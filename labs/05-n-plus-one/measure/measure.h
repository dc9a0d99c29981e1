/*
 * measure.h -- what Lab 5's workload.c shares with its report.c.
 */
#ifndef LAB05_MEASURE_H
#define LAB05_MEASURE_H

#include "lab.h"
#include "shop.h"

/* The contract as a table of function pointers: one per variant. */
struct impl {
    int (*prepare_schema)(struct db *);
    long (*user_order_totals)(struct db *, struct user_total *, size_t);
};

/* The sizes of the report's summary and the grader's checks. */
enum { SUMMARY_N = 1000, EXPLAIN_N = 1000 };

/* One database the lab runs on, and the names of its sweeps and files. */
struct database {
    enum shop_kind kind;
    const char *slug;       /* "sqlite": in sweep and plot file names */
    const char *scaling;    /* its sweeps */
    const char *round_trip;
};

extern const struct database sqlite_database, postgresql_database;

/* "SQLite" or "PostgreSQL". */
const char *database_name(const struct database *d);
/* A fresh, empty database of this kind, or NULL with the reason on stderr
   (once per distinct reason). */
struct db *connect_database(const struct database *d);
/* The grader's bound on statements per call: 1 + ceil(N/100), what both a
   JOIN (1) and DataLoader batching achieve. */
double batched_bound(long n);

/* Does make lab-5 run the PostgreSQL sweeps? (DB=postgres and a server that starts) */
int postgresql_enabled(void);

#endif
