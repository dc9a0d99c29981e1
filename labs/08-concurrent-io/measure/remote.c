/*
 * remote.c -- Lab 8's contract for the cmocka suite, called in a worker, and
 * the trusted server the worker's code fetches from.
 *
 * tests/08-concurrent-io.c links this fetch_all instead of an
 * implementation: it sends the ids to worker-<variant> (worker.c, linked
 * with that implementation) and copies the responses back. A call that
 * fails (a crash, a hang, an exit, a malformed reply) fails the running
 * test with cmocka's fail_msg, so cmocka names the test. See common/rpc.h.
 *
 * The server runs here, as a thread of this trusted process, so what it
 * counts (server.h) never passes through the process that runs the code
 * under test. The worker reaches it through the listener it hands over on
 * a Unix socket: in the grade's sandbox scratch folder (PERFLAB_WORKER_SANDBOX,
 * the one place both sides see), otherwise in a private folder under /tmp.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"
#include "scenario.h"
#include "server.h"

/* The slowest honest call of the suite (naive, 200 items of 3 ms, one
   connection each) takes well under a second; the grade's (naive, 64 items
   of 10 ms) under 2 s. A hung call is named long before the suite's limit. */
static const struct rpc_options options = { .timeout_s = 20 };

static struct server *server;
static char folder[200], socket_path[300];

static void stop_server(void)
{
    server_stop(server);
    server = NULL;
    if (folder[0] != '\0')
        rmdir(folder);
}

/* NULL with why filled when it cannot start. */
static struct server *start_server(char *why, size_t size)
{
    if (server != NULL)
        return server;
    const char *scratch = getenv("PERFLAB_WORKER_SANDBOX");
    if (scratch != NULL && scratch[0] != '\0') {
        snprintf(socket_path, sizeof socket_path, "%s/lab8-server.sock", scratch);
    } else {
        snprintf(folder, sizeof folder, "/tmp/perflab-lab8.XXXXXX");
        if (mkdtemp(folder) == NULL) {
            snprintf(why, size, "cannot make a folder in /tmp: %s", strerror(errno));
            folder[0] = '\0';
            return NULL;
        }
        snprintf(socket_path, sizeof socket_path, "%s/server.sock", folder);
    }
    struct server_config config = { .delay_ms = 1, .max_in_flight = 8 };
    server = server_start(&config, socket_path, why, size);
    if (server == NULL) {
        if (folder[0] != '\0')
            rmdir(folder);
        return NULL;
    }
    setenv(LAB8_SERVER_SOCKET, socket_path, 1); /* before the worker starts: it inherits it */
    atexit(stop_server);
    return server;
}

struct server *suite_server(void)
{
    char why[400];
    struct server *s = start_server(why, sizeof why);
    if (s == NULL)
        fail_msg("the lab's server cannot start: %s", why);
    return s;
}

/* The call itself; false with why filled when the worker failed. */
static bool call(const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out, int *result, char *why,
                 size_t size)
{
    struct rpc_client *worker = rpc_suite_client(&options);
    struct rpc_buffer request = { 0 };
    rpc_put_u64(&request, n);
    rpc_put_u64(&request, max_in_flight);
    if (n > 0)
        rpc_put(&request, ids, n * sizeof *ids);
    struct rpc_reader reply;
    bool called = rpc_call(worker, LAB8_FETCH_ALL, &request, &reply);
    rpc_buffer_free(&request);
    if (!called) {
        snprintf(why, size, "%s", rpc_error(worker));
        return false;
    }
    *result = (int)rpc_get_u32(&reply);
    for (size_t i = 0; i < n; i++) {
        out[i].status = (int)rpc_get_u32(&reply);
        out[i].checksum = rpc_get_u64(&reply);
        out[i].bytes = (size_t)rpc_get_u64(&reply);
    }
    if (!rpc_reader_done(&reply)) {
        snprintf(why, size, "the worker's reply is not a reply to this call");
        return false;
    }
    return true;
}

int fetch_all(int port, const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out)
{
    (void)port; /* the worker's own listener's (remote.h) */
    suite_server();
    int result;
    char why[600];
    if (!call(ids, n, max_in_flight, out, &result, why, sizeof why))
        fail_msg("fetch_all(n = %zu, max_in_flight = %zu) %s", n, max_in_flight, why);
    return result;
}

/* ---- the grade's counting mode ---------------------------------------------------- */

static uint64_t fresh_secret(void)
{
    uint64_t secret = 0;
    if (getrandom(&secret, sizeof secret, 0) != (ssize_t)sizeof secret)
        secret ^= (uint64_t)getpid() * 0x9e3779b97f4a7c15u;
    return secret;
}

int suite_count(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s VARIANT SWEEP X (the grade's counting mode)\n", argv[0]);
        return 2;
    }
    char *end;
    long x = strtol(argv[3], &end, 10);
    struct scenario sc;
    if (*end != '\0' || !scenario_make(argv[2], x, &sc)) {
        fprintf(stderr, "%s: no call for sweep '%s' at x = '%s'\n", argv[0], argv[2], argv[3]);
        return 2;
    }
    char why[600];
    struct server *s = start_server(why, sizeof why);
    if (s == NULL) {
        fprintf(stderr, "the lab's server cannot start: %s\n", why);
        scenario_free(&sc);
        return 3;
    }
    struct response *out = calloc(sc.n + 1, sizeof *out);
    sc.server.secret = fresh_secret();
    server_configure(s, &sc.server);
    server_reset(s);
    int result;
    bool ok = out != NULL && call(sc.ids, sc.n, sc.max_in_flight, out, &result, why, sizeof why);
    if (!ok) {
        fprintf(stderr, "fetch_all(n = %zu, max_in_flight = %zu) %s\n", sc.n, sc.max_in_flight,
                out == NULL ? "out of memory" : why);
        free(out);
        scenario_free(&sc);
        return 1;
    }
    /* The counts are only worth something for a call that did its job: code
       that skips the fetches when it recognizes the measured call would
       count no rounds at all. The bodies depend on this call's secret, so
       only a real fetch gets them right. */
    unsigned char body[ITEM_MAX_BYTES];
    for (size_t i = 0; i < sc.n; i++) {
        size_t len = item_body(sc.server.secret, sc.ids[i], body);
        if (out[i].status != 200 || out[i].bytes != len ||
            out[i].checksum != body_checksum(BODY_CHECKSUM_START, body, len)) {
            fprintf(stderr, "the measured call (%zu items) returned a wrong response for item %zu: status %d, %zu bytes\n",
                    sc.n, i, out[i].status, out[i].bytes);
            free(out);
            scenario_free(&sc);
            return 1;
        }
    }
    struct server_counts c;
    server_counts(s, &c);
    printf("calls 1\n");
    printf("counter rounds %llu\n", (unsigned long long)c.rounds);
    printf("counter connections %llu\n", (unsigned long long)c.connections);
    printf("counter 503s %llu\n", (unsigned long long)c.rejected);
    printf("counter peak_in_flight %llu\n", (unsigned long long)c.peak_in_flight);
    printf("counter requests %llu\n", (unsigned long long)c.requests);
    free(out);
    scenario_free(&sc);
    return 0;
}
