/*
 * 08-concurrent-io.c -- the Lab 8 contract (lab.h), checked.
 *
 * Run against one implementation at a time: naive, reference, or a student's
 * optimized.c (the grader), which runs in a worker process, never in this
 * one (labs/08-concurrent-io/measure/remote.c). The server the code fetches
 * from runs here, in this trusted process (measure/server.h): every expected
 * body comes from it, with a fresh secret per call, and every count it keeps
 * -- requests per id, 503s, the peak in flight, connections -- is its own.
 * The server's delay is a few milliseconds: long enough to keep requests
 * in flight together, short enough for naive's one-at-a-time to stay fast.
 *
 * `test-<variant> <variant> <sweep> <x>` is the grade's counting mode
 * (remote.h): no tests, one measured call, the server's counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab.h"
#include "remote.h"
#include "rng.h"
#include "server.h"

enum { TEST_DELAY_MS = 3 };

/* One call against the suite's server: its delay and limit, faults, a fresh
   secret; the counts after the call. */
struct call {
    unsigned limit;              /* the server's K (0: none) */
    size_t max_in_flight;        /* passed to fetch_all */
    const uint32_t *ids;
    size_t n;
    struct server_config config; /* faults filled by the test */
    struct response *out;
    int result;
    struct server_counts counts;
};

static uint64_t secret_counter = 0x5eed;

static void run(struct call *c)
{
    struct server *s = suite_server();
    c->config.delay_ms = TEST_DELAY_MS;
    c->config.max_in_flight = c->limit;
    c->config.secret = (secret_counter += 0x9e3779b97f4a7c15u); /* differs per call */
    server_configure(s, &c->config);
    server_reset(s);
    c->out = calloc(c->n + 1, sizeof *c->out);
    assert_non_null(c->out);
    c->result = fetch_all(0, c->ids, c->n, c->max_in_flight, c->out);
    server_counts(s, &c->counts);
}

static enum server_fault fault_of(const struct call *c, uint32_t id)
{
    for (size_t i = 0; i < c->config.n_faults; i++)
        if (c->config.faults[i].id == id)
            return c->config.faults[i].fault;
    return FAULT_NONE;
}

/* Every item's response is the one the server sent for its id, in order. */
static void check_responses(const struct call *c)
{
    unsigned char body[ITEM_MAX_BYTES];
    bool all_ok = true;
    for (size_t i = 0; i < c->n; i++) {
        enum server_fault fault = fault_of(c, c->ids[i]);
        const struct response *r = &c->out[i];
        if (fault == FAULT_NONE) {
            size_t len = item_body(c->config.secret, c->ids[i], body);
            uint64_t sum = body_checksum(BODY_CHECKSUM_START, body, len);
            if (r->status != 200 || r->bytes != len || r->checksum != sum)
                fail_msg("item %zu (id %u): got status %d, %zu bytes, checksum %016llx; the server sent 200, "
                         "%zu bytes, checksum %016llx%s",
                         i, (unsigned)c->ids[i], r->status, r->bytes, (unsigned long long)r->checksum, len,
                         (unsigned long long)sum, r->status == 503 ? " (503: more requests at once than allowed)" : "");
        } else if (fault == FAULT_ERROR_500) {
            all_ok = false;
            size_t len = strlen(server_error_body);
            uint64_t sum = body_checksum(BODY_CHECKSUM_START, server_error_body, len);
            if (r->status != 500 || r->bytes != len || r->checksum != sum)
                fail_msg("item %zu (id %u) was answered 500 with a %zu-byte body: got status %d, %zu bytes, "
                         "checksum %016llx (want %016llx)",
                         i, (unsigned)c->ids[i], len, r->status, r->bytes, (unsigned long long)r->checksum,
                         (unsigned long long)sum);
        } else {
            all_ok = false;
            if (r->status != -1 || r->bytes != 0 || r->checksum != 0)
                fail_msg("item %zu (id %u) got no complete response (%s): want status -1, 0 bytes, checksum 0; "
                         "got status %d, %zu bytes, checksum %016llx",
                         i, (unsigned)c->ids[i], fault == FAULT_RESET ? "reset mid-body" : "never answered",
                         r->status, r->bytes, (unsigned long long)r->checksum);
        }
    }
    if (c->result != (all_ok ? 0 : -1))
        fail_msg("fetch_all returned %d; want %d (%s)", c->result, all_ok ? 0 : -1,
                 all_ok ? "every status is 200" : "some item failed");
}

/* The server's counts agree: each id requested as often as it is listed,
   no 503, never more than max_in_flight held at once. */
static void check_counts(const struct call *c)
{
    struct server *s = suite_server();
    for (size_t i = 0; i < c->n; i++) {
        unsigned listed = 0;
        for (size_t k = 0; k < c->n; k++)
            listed += c->ids[k] == c->ids[i];
        unsigned got = server_times_requested(s, c->ids[i]);
        if (got != listed)
            fail_msg("id %u is listed %u time(s) and was requested %u time(s): each item exactly once, no retries",
                     (unsigned)c->ids[i], listed, got);
    }
    if (c->counts.requests != c->n)
        fail_msg("%llu requests reached the server for %zu items", (unsigned long long)c->counts.requests, c->n);
    if (c->counts.rejected != 0)
        fail_msg("%llu request(s) answered 503: more than the server's limit of %u at once (max_in_flight = %zu)",
                 (unsigned long long)c->counts.rejected, c->limit, c->max_in_flight);
    if (c->counts.peak_in_flight > c->max_in_flight)
        fail_msg("%llu requests were in flight at once; max_in_flight is %zu",
                 (unsigned long long)c->counts.peak_in_flight, c->max_in_flight);
    if (c->counts.bad != 0)
        fail_msg("%llu request(s) were not GET /items/<id>", (unsigned long long)c->counts.bad);
}

static void check(struct call *c)
{
    check_responses(c);
    check_counts(c);
    free(c->out);
}

/* n distinct ids from seed. */
static uint32_t *distinct_ids(size_t n, uint64_t seed)
{
    uint32_t *ids = malloc(n * sizeof *ids + 1);
    assert_non_null(ids);
    struct rng rng;
    rng_seed(&rng, seed);
    uint32_t id = (uint32_t)rng_below(&rng, 1u << 30);
    for (size_t i = 0; i < n; i++) {
        ids[i] = id;
        id += 1 + (uint32_t)rng_below(&rng, 5000);
    }
    return ids;
}

/* ---- the tests ------------------------------------------------------------------------- */

static void test_no_items(void **state)
{
    (void)state;
    struct call c = { .limit = 4, .max_in_flight = 4, .ids = NULL, .n = 0 };
    run(&c);
    assert_int_equal(c.result, 0);
    if (c.counts.connections != 0 || c.counts.requests != 0)
        fail_msg("n = 0 opened %llu connection(s) and sent %llu request(s); want none",
                 (unsigned long long)c.counts.connections, (unsigned long long)c.counts.requests);
    free(c.out);
}

static void test_one_item(void **state)
{
    (void)state;
    uint32_t id = 42;
    struct call c = { .limit = 4, .max_in_flight = 4, .ids = &id, .n = 1 };
    run(&c);
    check(&c);
}

static void test_id_zero_and_largest(void **state)
{
    (void)state;
    uint32_t ids[] = { 0, UINT32_MAX, 7 };
    struct call c = { .limit = 4, .max_in_flight = 4, .ids = ids, .n = 3 };
    run(&c);
    check(&c);
}

static void test_every_item_once_in_order(void **state)
{
    (void)state;
    uint32_t *ids = distinct_ids(40, 1);
    struct call c = { .limit = 8, .max_in_flight = 8, .ids = ids, .n = 40 };
    run(&c);
    check(&c);
    free(ids);
}

static void test_many_items(void **state)
{
    (void)state;
    uint32_t *ids = distinct_ids(200, 2);
    struct call c = { .limit = 16, .max_in_flight = 16, .ids = ids, .n = 200 };
    run(&c);
    check(&c);
    free(ids);
}

static void test_repeated_ids_are_fetched_each_time(void **state)
{
    (void)state;
    uint32_t ids[] = { 5, 9, 5, 5, 11, 9, 12, 5 };
    struct call c = { .limit = 4, .max_in_flight = 4, .ids = ids, .n = 8 };
    run(&c);
    check(&c);
}

static void test_max_in_flight_below_the_server_limit(void **state)
{
    (void)state;
    uint32_t *ids = distinct_ids(30, 3);
    struct call c = { .limit = 64, .max_in_flight = 3, .ids = ids, .n = 30 };
    run(&c);
    check(&c);
    free(ids);
}

static void test_max_in_flight_one(void **state)
{
    (void)state;
    uint32_t *ids = distinct_ids(12, 4);
    struct call c = { .limit = 64, .max_in_flight = 1, .ids = ids, .n = 12 };
    run(&c);
    check(&c);
    free(ids);
}

static void test_more_in_flight_allowed_than_items(void **state)
{
    (void)state;
    uint32_t *ids = distinct_ids(5, 5);
    struct call c = { .limit = 100, .max_in_flight = 100, .ids = ids, .n = 5 };
    run(&c);
    check(&c);
    free(ids);
}

static void add_fault(struct call *c, uint32_t id, enum server_fault fault)
{
    c->config.faults[c->config.n_faults].id = id;
    c->config.faults[c->config.n_faults].fault = fault;
    c->config.n_faults++;
}

static void test_server_errors_are_reported_not_retried(void **state)
{
    (void)state;
    uint32_t *ids = distinct_ids(20, 6);
    struct call c = { .limit = 4, .max_in_flight = 4, .ids = ids, .n = 20 };
    add_fault(&c, ids[0], FAULT_ERROR_500);
    add_fault(&c, ids[13], FAULT_ERROR_500);
    run(&c);
    check(&c);
    free(ids);
}

static void test_connection_reset_mid_body(void **state)
{
    (void)state;
    uint32_t *ids = distinct_ids(20, 7);
    struct call c = { .limit = 4, .max_in_flight = 4, .ids = ids, .n = 20 };
    add_fault(&c, ids[3], FAULT_RESET);
    add_fault(&c, ids[19], FAULT_RESET);
    run(&c);
    check(&c);
    free(ids);
}

/* Requests that never answer, among every other fault, in one call: each
   hang must end by its own timeout (FETCH_TIMEOUT_MS) in its own slot while
   the rest of the window moves on; the first item's hang finishes last, so
   a client that writes results in arrival order is caught; resets and 500s
   around them keep their own slots. One call with two hangs, not a test per
   hang: each hang costs the suite a whole timeout, and the two start within
   one window of each other, so both cost one. */
static void test_hung_requests_time_out_among_every_fault(void **state)
{
    (void)state;
    uint32_t *ids = distinct_ids(24, 9);
    struct call c = { .limit = 6, .max_in_flight = 6, .ids = ids, .n = 24 };
    add_fault(&c, ids[0], FAULT_HANG);
    add_fault(&c, ids[13], FAULT_HANG);
    add_fault(&c, ids[1], FAULT_RESET);
    add_fault(&c, ids[2], FAULT_ERROR_500);
    add_fault(&c, ids[23], FAULT_RESET);
    add_fault(&c, ids[11], FAULT_ERROR_500);
    run(&c);
    check(&c);
    free(ids);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return suite_count(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_items),
        cmocka_unit_test(test_one_item),
        cmocka_unit_test(test_id_zero_and_largest),
        cmocka_unit_test(test_every_item_once_in_order),
        cmocka_unit_test(test_many_items),
        cmocka_unit_test(test_repeated_ids_are_fetched_each_time),
        cmocka_unit_test(test_max_in_flight_below_the_server_limit),
        cmocka_unit_test(test_max_in_flight_one),
        cmocka_unit_test(test_more_in_flight_allowed_than_items),
        cmocka_unit_test(test_server_errors_are_reported_not_retried),
        cmocka_unit_test(test_connection_reset_mid_body),
        cmocka_unit_test(test_hung_requests_time_out_among_every_fault),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
