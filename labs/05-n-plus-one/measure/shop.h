/*
 * shop.h -- Lab 5's data: a shop with users and their orders, in a fresh
 * database of either kind.
 *
 * The bench, the grader's driver and the tests all need the same two things:
 * a fresh, empty database of either kind (SQLite in this process, or the
 * lab's private PostgreSQL server), and the same deterministic users and
 * orders in it. This is that code, written once.
 *
 * The tables are exactly the contract's (lab.h): users(id, name) and
 * orders(id, user_id, amount_cents), with no index on orders.user_id --
 * adding one is the student's job, in prepare_schema().
 */
#ifndef LAB05_SHOP_H
#define LAB05_SHOP_H

#include <stddef.h>

#include "db.h"

enum shop_kind { SHOP_SQLITE, SHOP_POSTGRES };

/* Orders each user has in the generated shop (shop_fill). */
enum { SHOP_ORDERS_PER_USER = 10 };

/* The kind named by the environment variable DB: unset, "" or "sqlite" ->
   SQLite; "postgres" or "postgresql" -> PostgreSQL (make lab-5 then measures
   it as well as SQLite). Anything else: -1 and `why` lists the choices. */
int shop_kind_from_env(enum shop_kind *kind, char *why, size_t why_size);

/* "SQLite" / "PostgreSQL", for tables and plots. */
const char *shop_kind_name(enum shop_kind kind);

enum shop_status { SHOP_OK, SHOP_UNAVAILABLE, SHOP_ERROR };

/*
 * shop_connect -- a new connection to a fresh, empty database of `kind`.
 * SQLite: a new in-memory database. PostgreSQL: the private server (started
 * on first use, see pgserver.h), in a schema of its own, so that several
 * connections never see each other's tables. SHOP_UNAVAILABLE means
 * PostgreSQL is not installed (skip, and say so); SHOP_ERROR is a real
 * failure. `why` explains both.
 */
enum shop_status shop_connect(enum shop_kind kind, struct db **out, char *why, size_t why_size);

/* Close a connection from shop_connect, dropping its private schema. */
void shop_disconnect(struct db *db);

/* Create users and orders, empty, without an index on orders.user_id
   (dropping older ones first). Returns 0 or -1 (see db_error). */
int shop_create_tables(struct db *db);

/*
 * shop_fill -- insert `users` users (ids 1..users, names "Ada 1", "Linus 2",
 * ...) and `orders_per_user` orders each, amounts 1.00 to 999.99 drawn from
 * the course seed, then ANALYZE, as a live database would have. Orders are
 * interleaved by user, as orders arriving over time would be: order k
 * belongs to user k % users + 1. Deterministic: same arguments, same rows.
 * Returns 0 or -1.
 */
int shop_fill(struct db *db, long users, long orders_per_user);

/* The name shop_fill gives user `id` (at most 63 bytes). */
void shop_user_name(long id, char *out, size_t size);

/* The amount of the generated shop's order with this 0-based index `k`, so
   that tests can compute the expected totals without a database. */
long long shop_amount_cents(long k);

#endif
