/*
 * server.h -- Lab 8's slow HTTP service: the "internal API" every variant
 * fetches from, and the referee that counts what they did.
 *
 * A small HTTP/1.1 server on loopback, run as one thread of a trusted
 * process. GET /items/<id> is answered `delay_ms` after the request has
 * arrived, with a body that only the server can make (it depends on a
 * secret), so a client cannot answer itself. At most `max_in_flight`
 * requests are held at once; one more is answered 503 at once, as a rate-
 * limited API would. Faults are configured per id: a 500, a connection
 * reset in the middle of the body, a request that is never answered.
 *
 * What it counts (server_counts) is what the lab grades, so it never comes
 * from the process that runs student code: connections accepted, requests,
 * 503s, the peak number of requests held at once, and the *rounds*: the
 * length of the longest chain of requests each of which arrived after the
 * previous one had been answered. A client that waits for each answer before
 * sending the next request makes a chain of N; one that keeps K requests
 * outstanding makes about ceil(N/K). No chain is shorter than N / (peak in
 * flight), whatever the clock does: requests that all overlap share a moment
 * (intervals on a line), so at most "peak" of them fit in one round.
 *
 * Where the socket comes from (see the lab README, "What is protected"):
 * - server_start(..., -1, NULL): the server listens on 127.0.0.1:<any free
 *   port> itself (make lab-8: bench and driver, one process).
 * - server_start(..., -1, path): it listens on a Unix socket at `path` for
 *   listeners handed over (server_hand_over). The suite's worker runs in the
 *   sandbox, in a network namespace of its own whose 127.0.0.1 the trusted
 *   process cannot reach; so the worker makes a TCP listener there before it
 *   runs any lab code and passes the descriptor to the trusted server
 *   (SCM_RIGHTS), which then accepts and answers on it. The newest listener
 *   handed over wins (a worker restarted after a crash brings a new one);
 *   anything that is not a listening TCP socket is refused.
 */
#ifndef LAB08_SERVER_H
#define LAB08_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum server_fault {
    FAULT_NONE = 0,
    FAULT_ERROR_500, /* after the delay: a 500 with a short body */
    FAULT_RESET,     /* after the delay: headers and half the body, then a TCP reset */
    FAULT_HANG,      /* never answered; held (and counted in flight) until the client closes */
};

enum { SERVER_MAX_FAULTS = 8, ITEM_MAX_BYTES = 2048 };

struct server_config {
    unsigned delay_ms;      /* D: how long each request is held before its answer */
    unsigned max_in_flight; /* K: requests held at once; more get 503 (0: no limit) */
    uint64_t secret;        /* the key of the bodies (item_body) */
    struct {
        uint32_t id;
        enum server_fault fault;
    } faults[SERVER_MAX_FAULTS];
    size_t n_faults;
};

struct server_counts {
    uint64_t connections;    /* TCP connections accepted */
    uint64_t requests;       /* complete requests read */
    uint64_t ok;             /* 200s sent */
    uint64_t rejected;       /* 503s sent: over max_in_flight */
    uint64_t bad;            /* 400s sent: not GET /items/<id> */
    uint64_t peak_in_flight; /* most requests held at once */
    uint64_t rounds;         /* longest chain of requests, each after the last one's answer */
    double cpu_s;            /* CPU time of the server's thread */
};

struct server;

/* Starts the server's thread (see above for listener and handover_path).
   NULL with why filled on failure. */
struct server *server_start(const struct server_config *config, const char *handover_path, char *why, size_t size);
/* The TCP port of the current listener, 0 before one was handed over. */
int server_port(struct server *s);
/* Waits (up to timeout_s) until a listener is there; false if none came. */
bool server_wait_listener(struct server *s, double timeout_s);
/* New delay, limit, secret and faults, for the requests that arrive next. */
void server_configure(struct server *s, const struct server_config *config);
/* Zero the counts and the per-id tallies. */
void server_reset(struct server *s);
/* The counts so far, after the server has read everything already sent to
   it (so a call's counts are complete once the call has returned). */
void server_counts(struct server *s, struct server_counts *out);
/* How many requests for id arrived since the last reset. */
unsigned server_times_requested(struct server *s, uint32_t id);
/* Stops the thread, closes every socket, removes the handover socket. */
void server_stop(struct server *s);

/* The body of item id under secret: its length (64..ITEM_MAX_BYTES) and,
   into out (ITEM_MAX_BYTES bytes), its bytes. */
size_t item_body(uint64_t secret, uint32_t id, unsigned char *out);
/* The body of a 500: fixed text. */
extern const char server_error_body[];

/* The worker's side of the handover: a TCP listener on 127.0.0.1:<any>,
   sent to the server at path and closed here. Returns its port, or -1 with
   why filled. */
int server_hand_over(const char *path, char *why, size_t size);

#endif
