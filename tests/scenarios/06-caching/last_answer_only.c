/*
 * A "cache" of one answer: the last request's, reused when the same key
 * comes twice in a row (and the price has not changed). Correct, and
 * nearly as slow as no cache: in real traffic the same key rarely comes
 * twice in a row, so it stands for every cache too small or too narrow to
 * matter (the naive code with a fig leaf).
 * Expected: correctness PASS, performance FAIL (work ratio near 1x).
 */
#include "lab.h"

#include <stdlib.h>

struct quote_cache {
    const struct catalog *catalog;
    size_t capacity;
    int held;
    uint32_t product, region;
    uint64_t version;
    double value;
};

struct quote_cache *quote_cache_new(const struct catalog *c, size_t capacity)
{
    struct quote_cache *qc = calloc(1, sizeof *qc);
    if (qc != NULL) {
        qc->catalog = c;
        qc->capacity = capacity;
    }
    return qc;
}

double quote_cache_get(struct quote_cache *qc, uint32_t product, uint32_t region)
{
    uint64_t version = catalog_version(qc->catalog, product);
    if (qc->held && qc->product == product && qc->region == region && qc->version == version)
        return qc->value;
    double value = quote(qc->catalog, product, region);
    if (qc->capacity > 0 && region < CATALOG_REGIONS && version != UINT64_MAX) {
        qc->held = 1;
        qc->product = product;
        qc->region = region;
        qc->version = version;
        qc->value = value;
    }
    return value;
}

void quote_cache_free(struct quote_cache *qc)
{
    free(qc);
}
