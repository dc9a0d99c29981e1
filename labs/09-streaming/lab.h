/*
 * lab.h -- Lab 9 contract: summarize an access log, per endpoint.
 *
 * This is the interface every implementation of the lab provides: the naive
 * baseline (naive.c), your version (optimized.c) and the reference
 * (solutions/09-streaming/optimized.c). The tests in tests/09-streaming.c
 * hold every one of them to exactly this text.
 *
 * The log: one request per line, six fields separated by ONE space each:
 *
 *     TIMESTAMP METHOD TARGET STATUS BYTES LATENCY_MS
 *     2026-11-21T08:00:00.125Z GET /api/v1/orders?id=42 200 5123 37
 *
 * - TIMESTAMP and METHOD: any non-empty text without spaces (not checked
 *   further).
 * - TARGET: the endpoint, optionally followed by '?' and a query string of
 *   any length. The ENDPOINT is TARGET up to its first '?': 1 to
 *   LAB9_ENDPOINT_MAX - 1 (63) bytes.
 * - STATUS: exactly three digits. BYTES: decimal digits only (no sign), at
 *   most UINT64_MAX. LATENCY_MS: decimal digits only, at most UINT32_MAX.
 * - A line ends with '\n'; the last line may lack it. A '\r' just before a
 *   line's end is dropped (CRLF files read the same). A line of any length
 *   is valid.
 *
 * Malformed, each an error naming its line: an empty line, fewer or more
 * than six fields (two spaces in a row make an empty field), an empty or
 * too long endpoint, a STATUS, BYTES or LATENCY_MS that is not as above
 * (non-numeric, too large), a NUL byte anywhere in the line.
 */
#ifndef LAB09_STREAMING_H
#define LAB09_STREAMING_H

#include <stddef.h>
#include <stdint.h>

enum { LAB9_ENDPOINT_MAX = 64 }; /* bytes of an endpoint, with its NUL */

struct endpoint_stats {
    char endpoint[LAB9_ENDPOINT_MAX]; /* NUL-terminated */
    uint64_t requests;                /* lines with this endpoint */
    uint64_t bytes;                   /* sum of their BYTES (wraps modulo 2^64) */
    uint32_t max_latency_ms;          /* largest LATENCY_MS among them */
};

/*
 * summarize_log -- read the log at `path` and fill out[0..k) with one entry
 * per distinct endpoint, sorted by endpoint (strcmp order). Returns k, the
 * number of distinct endpoints (0 for an empty file).
 *
 * Returns -1 and writes a one-line message to err (at most err_size bytes,
 * NUL-terminated; err may be NULL when err_size is 0) when:
 *   - the file cannot be opened or read: the message names the path;
 *   - a line is malformed (above): the message starts "line N: " with N the
 *     first malformed line (1 = the first line) and says what is wrong;
 *   - the file has more than `cap` distinct endpoints: the message says
 *     "more than CAP endpoints" (a malformed line may be reported instead).
 * On -1 the contents of out are unspecified. The file is only read.
 */
long summarize_log(const char *path, struct endpoint_stats *out, size_t cap, char *err, size_t err_size);

#endif
