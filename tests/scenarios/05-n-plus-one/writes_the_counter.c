/*
 * Scenario: an attack on the statement count. N+1 code that rewrites the
 * counter inside the connection: it copies measure/db.c's private layout of
 * struct db and sets `statements` back to what it was plus one, so a
 * difference taken around the call says 1. In the caller's process that
 * worked; in the worker the handle is a proxy and the count lives on the
 * trusted side. Expected: correctness PASS, performance FAIL.
 */
#include "lab.h"

#include "n_plus_one.h"

/* measure/db.c's struct db, as it was when the code was linked in-process. */
struct db_layout {
    int backend;
    void *lite, *pg;
    long statements;
    double delay_ms;
    char error[512];
};

int prepare_schema(struct db *db)
{
    return create_index(db);
}

long user_order_totals(struct db *db, struct user_total *out, size_t cap)
{
    long before = ((struct db_layout *)db)->statements;
    long n = n_plus_one(db, out, cap);
    ((struct db_layout *)db)->statements = before + 1;
    return n;
}
