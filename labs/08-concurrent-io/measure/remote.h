/*
 * remote.h -- Lab 8's call as remote.c (the suite's side) and worker.c (the
 * worker's side) put it on the wire (common/rpc.h says why), and what the
 * suite's side offers the suite besides: the trusted server.
 *
 * LAB8_FETCH_ALL
 *   request  u64 n, u64 max_in_flight, then n u32 ids
 *   reply    u32 the return value (as int), then per item
 *            u32 status (as int), u64 checksum, u64 bytes
 *
 * The port: the worker calls fetch_all with the port of the listener it
 * made and handed over to the suite's server (server.h); the port the suite
 * passes is not sent. The worker finds the server's handover socket in
 * the environment variable LAB8_SERVER_SOCKET, which remote.c sets.
 */
#ifndef LAB08_REMOTE_H
#define LAB08_REMOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "server.h"

enum { LAB8_FETCH_ALL = 1 };

#define LAB8_SERVER_SOCKET "LAB8_SERVER_SOCKET"

/* The suite's server (started at the first use, stopped at exit). The
   suite configures and resets it around each call. Fails the running test
   when it cannot start. */
struct server *suite_server(void);

/* `test-<variant> <variant> <sweep> <x>`: the grade's counting mode. One
   fetch_all of the sweep's call (scenario.h) in the worker, against the
   server here; prints "calls 1" and "counter <name> <value>" lines as the
   driver does (the grader reads them), and returns the exit status. */
int suite_count(int argc, char **argv);

#endif
