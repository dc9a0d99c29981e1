/*
 * loggen.h -- Lab 9's access logs, generated from the course seed.
 *
 * Every run and every student reads the same logs: a service with
 * LOGGEN_ENDPOINTS endpoints whose traffic is Zipf-distributed (a few hot
 * endpoints take most requests, a long tail takes the rest), response sizes
 * and latencies with long right tails, and query strings on a third of the
 * requests, a few of them kilobytes long (tracking parameters): lines of
 * about 90 bytes on average, some far longer. The format is lab.h's.
 *
 * The suite generates logs in memory (loggen_text); the workload writes them
 * to a file (loggen_file), in its own /tmp: the sandbox's private one when
 * graded. Generation is never timed or counted (setup, not run).
 */
#ifndef LAB09_LOGGEN_H
#define LAB09_LOGGEN_H

#include <stddef.h>
#include <stdint.h>

#include "rng.h"

enum { LOGGEN_ENDPOINTS = 300, LOGGEN_LINE_MAX = 4096 };

struct loggen {
    struct rng rng;
    uint64_t line;                      /* lines written so far */
    double cumulative[LOGGEN_ENDPOINTS]; /* Zipf CDF over the endpoints */
};

void loggen_init(struct loggen *g, uint64_t seed);
/* The name of endpoint k (0 is the hottest). */
const char *loggen_endpoint(size_t k, char *buf, size_t size);
/* The next line, '\n' included, into buf (at least LOGGEN_LINE_MAX bytes).
   Returns its length. */
size_t loggen_line(struct loggen *g, char *buf);

/* Whole lines from `seed` until at least `bytes` bytes: a malloc'd buffer
   (NUL-terminated, *len without it), or NULL when out of memory. */
char *loggen_text(uint64_t seed, size_t bytes, size_t *len);
/* The same lines written to path (created or truncated). Returns 0, or -1
   with errno set. */
int loggen_file(const char *path, uint64_t seed, size_t bytes);

#endif
