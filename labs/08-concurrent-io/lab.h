/*
 * lab.h -- Lab 8 contract: fetch N items from a slow HTTP service.
 *
 * This is the interface every implementation of the lab provides: the naive
 * baseline (naive.c), your version (optimized.c) and the reference
 * (solutions/08-concurrent-io/optimized.c). The tests in
 * tests/08-concurrent-io.c hold every one of them to exactly this text,
 * against the lab's own HTTP server (measure/server.c), which answers every
 * request after a delay and admits only a limited number at once.
 */
#ifndef LAB08_CONCURRENT_IO_H
#define LAB08_CONCURRENT_IO_H

#include <stddef.h>
#include <stdint.h>

/* A request with no complete response this long after it was started (its
   connection included) has failed: its status is -1. */
enum { FETCH_TIMEOUT_MS = 1000 };

/* What came back for one item. */
struct response {
    int status;        /* the HTTP status (200, 500, 503...), or -1: no complete
                          response (connection refused or reset, timed out,
                          not HTTP) */
    uint64_t checksum; /* body_checksum of the whole body, whatever the status;
                          0 when status is -1 */
    size_t bytes;      /* length of the body; 0 when status is -1 */
};

/*
 * fetch_all -- GET http://127.0.0.1:<port>/items/<ids[i]> for every i.
 *
 * out[i] gets the response to ids[i] (the same order as ids). Each id is
 * requested exactly once: no retries, not even after an error. At most
 * max_in_flight requests may be outstanding at any moment (sent and not
 * yet answered; max_in_flight >= 1): the service answers 503 to the
 * requests over its own limit, and the lab's server counts. A request that
 * fails (status -1, or an HTTP error status such as 500) does not stop the
 * others. n may be 0 (ids and out may then be NULL). ids may repeat.
 *
 * Returns 0 when every status is 200, -1 otherwise.
 */
int fetch_all(int port, const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out);

/* The checksum of a body: 64-bit FNV-1a, fed in pieces as they arrive.
   Start with BODY_CHECKSUM_START: body_checksum(BODY_CHECKSUM_START, body, len)
   equals feeding it in any number of consecutive pieces. */
#define BODY_CHECKSUM_START 0xcbf29ce484222325u

static inline uint64_t body_checksum(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

/* A body being received: its checksum and length so far. body_sum_write
   has the shape of libcurl's CURLOPT_WRITEFUNCTION (with CURLOPT_WRITEDATA
   pointing at a struct body_sum that starts as BODY_SUM_START). */
struct body_sum {
    uint64_t checksum;
    size_t bytes;
};
#define BODY_SUM_START ((struct body_sum){ BODY_CHECKSUM_START, 0 })

static inline size_t body_sum_write(char *data, size_t size, size_t count, void *user)
{
    struct body_sum *b = (struct body_sum *)user;
    b->checksum = body_checksum(b->checksum, data, size * count);
    b->bytes += size * count;
    return size * count;
}

#endif
