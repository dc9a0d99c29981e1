/*
 * streams.h -- the ids Lab 2 measures: N events to dedupe and N queries to
 * filter, from one id scheme or all four mixed.
 *
 * workload.c (make lab-2) and the side benchmark measure/absl_side.cc
 * (make absl-2) both take their inputs from here, so the reference is set
 * beside absl::flat_hash_set on exactly the ids the lab measures. Every
 * stream is generated from the course seed: the same ids on every run.
 */
#ifndef LAB02_STREAMS_H
#define LAB02_STREAMS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The id schemes, the shapes that break weak hash functions:
 *   random      64 random bits (a UUID-like token)
 *   sequential  10^12 + 0, 1, 2, ... (an auto-increment column)
 *   x1024       1024, 2048, 3072, ... (ids handed out in 1 KiB-aligned blocks)
 *   x2^32       2^32, 2*2^32, ... (a shard or timestamp in the high word, low word 0)
 * The four ranges are disjoint, so a fresh id is never one issued before.
 */
enum id_scheme { RANDOM_IDS, SEQUENTIAL_IDS, X1024_IDS, X2POW32_IDS, N_SCHEMES, ALL_SCHEMES = N_SCHEMES };

/* "random", "sequential", "x1024", "x2^32", then NULL. */
extern const char *const id_scheme_names[];

/*
 * One input of the dedupe + filter workload. events: n user-ids, about half
 * of them a user's first visit (a fresh id), the rest repeats of a user seen
 * before. queries: n user-ids, about half of them known users, the rest fresh
 * ids (misses). With ALL_SCHEMES, new users take their id from each scheme in
 * turn, as a service that merges several upstream systems would.
 */
struct id_stream {
    uint64_t *events;
    uint64_t *queries;
    size_t n;
};

/* Fill s with the stream of n events and n queries; 0 on success, -1 (and
   nothing to free) when memory runs out. */
int id_stream_make(struct id_stream *s, size_t n, enum id_scheme only);

void id_stream_free(struct id_stream *s);

#ifdef __cplusplus
}
#endif

#endif
