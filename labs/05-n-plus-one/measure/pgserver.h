/*
 * pgserver.h -- a private, throw-away PostgreSQL server for Lab 5.
 *
 * `make lab-5 DB=postgres` and the tests need a real server, but must not
 * depend on one being configured on the machine, and must leave nothing
 * behind. So the lab starts its own: initdb into a fresh folder under /tmp,
 * a server that listens only on a unix socket inside that folder (no TCP at
 * all), with durability switched off (fsync, synchronous commit: the data is
 * thrown away anyway), and stops it by its process id when done.
 *
 * One server per process, started on first use, stopped by pgserver_stop(),
 * at exit, on SIGINT/SIGTERM/SIGHUP, and -- through the kernel's
 * parent-death signal -- even if this process is killed outright.
 */
#ifndef LAB05_PGSERVER_H
#define LAB05_PGSERVER_H

#include <stdbool.h>
#include <stddef.h>

enum pgserver_status {
    PGSERVER_RUNNING,       /* started (or already running): the URL is valid */
    PGSERVER_NOT_INSTALLED, /* no /usr/lib/postgresql/<version>/bin/postgres: skip, with a notice */
    PGSERVER_FAILED,        /* installed, but could not start: a real error */
};

/*
 * pgserver_start -- start the server if it is not running yet. On
 * PGSERVER_RUNNING, *url is a db_open() URL of the server's "postgres"
 * database, as the lab's role (see pgserver_new_schema) (valid until pgserver_stop). Otherwise `why` explains, in one or
 * two lines (for FAILED it quotes the end of the server's log).
 */
enum pgserver_status pgserver_start(const char **url, char *why, size_t why_size);

/*
 * pgserver_new_schema -- a new, empty schema owned by the lab's role, the
 * role of pgserver_start's URL (not a superuser: it owns only the schemas
 * made here). Its name ("perflab_<pid>_<n>", at most 40 bytes) goes to
 * `name`. False, with `why`, if the server is not running or refuses.
 */
bool pgserver_new_schema(char *name, size_t size, char *why, size_t why_size);

/* Stop the server (by its pid, waiting for it) and delete its folder. Safe
   to call when nothing runs, and more than once. */
void pgserver_stop(void);

/* How many schemas a hosted server has for bench: one per connection bench
   opens (each setup of a PostgreSQL cell); make lab-5 opens about 60. */
enum { HOSTED_SCHEMAS = 400 };

/*
 * pgserver_host -- for make lab-5's sandboxed bench, which cannot start the
 * server itself (driver-trusted --serve calls it): start the server, make
 * HOSTED_SCHEMAS schemas owned by the lab role, open the folder to the
 * sandbox's user, and put the folder's path (the socket's) in folder_out.
 * bench, given it in PERFLAB_PG_HOSTED, then connects to this server
 * (pgserver_start) and takes those schemas in turn (pgserver_new_schema).
 * False with `why` on failure.
 */
bool pgserver_host(char *folder_out, size_t size, char *why, size_t why_size);

#endif
