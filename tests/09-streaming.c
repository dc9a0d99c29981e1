/*
 * 09-streaming.c -- the Lab 9 contract (lab.h), checked.
 *
 * Run against one implementation at a time: naive, reference, or a student's
 * optimized.c (the grader), which runs in a worker process, never in this one
 * (labs/09-streaming/measure/remote.c): each log is written to a file here,
 * and its bytes travel to the worker. Expected summaries come from an oracle
 * that is too simple to be wrong: the whole text in memory, split with
 * memchr, fields checked one by one, endpoints found by a linear scan.
 *
 * What it covers: exact stats on generated logs (Zipf endpoints, long query
 * strings), every rule of lab.h's format (CRLF, no final newline, empty
 * file, each kind of malformed line, at the first line, in the middle and
 * as an unterminated last line), limits (cap, err_size, UINT64/UINT32
 * maxima), and line ends at every offset around the buffer sizes a streamer
 * is likely to use (4 KiB, 8 KiB, 64 KiB), and lines longer than them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab.h"
#include "loggen.h"
#include "rng.h"

enum { CAP = 1024 };

static char dir[256]; /* this run's folder for its log files */

/* ---- files ------------------------------------------------------------------------------- */

static const char *write_log(const char *text, size_t len)
{
    static char path[400];
    snprintf(path, sizeof path, "%s/test.log", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* ---- the oracle ---------------------------------------------------------------------------- */

static bool digits(const char *p, size_t len, uint64_t max, uint64_t *value)
{
    uint64_t v = 0;
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        uint64_t d = (uint64_t)(p[i] - '0');
        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *value = v;
    return true;
}

/* Adds one well-formed line to stats; false if it is malformed. */
static bool oracle_line(const char *p, size_t len, struct endpoint_stats *stats, size_t *n)
{
    if (len > 0 && p[len - 1] == '\r')
        len--;
    if (len == 0 || memchr(p, '\0', len) != NULL)
        return false;
    const char *field[6];
    size_t flen[6], k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || p[i] == ' ') {
            if (k == 6)
                return false;
            field[k] = p + start;
            flen[k++] = i - start;
            start = i + 1;
        }
    }
    if (k != 6)
        return false;
    for (size_t i = 0; i < 6; i++)
        if (flen[i] == 0)
            return false;
    size_t elen = 0;
    while (elen < flen[2] && field[2][elen] != '?')
        elen++;
    uint64_t status, bytes, latency;
    if (elen == 0 || elen >= LAB9_ENDPOINT_MAX || flen[3] != 3 || !digits(field[3], 3, 999, &status) ||
        !digits(field[4], flen[4], UINT64_MAX, &bytes) || !digits(field[5], flen[5], UINT32_MAX, &latency))
        return false;
    size_t e = 0;
    while (e < *n && !(strlen(stats[e].endpoint) == elen && memcmp(stats[e].endpoint, field[2], elen) == 0))
        e++;
    if (e == *n) {
        assert_true(*n < CAP);
        memset(&stats[e], 0, sizeof stats[e]);
        memcpy(stats[e].endpoint, field[2], elen);
        (*n)++;
    }
    stats[e].requests++;
    stats[e].bytes += bytes;
    if (latency > stats[e].max_latency_ms)
        stats[e].max_latency_ms = (uint32_t)latency;
    return true;
}

static int by_endpoint(const void *a, const void *b)
{
    return strcmp(((const struct endpoint_stats *)a)->endpoint, ((const struct endpoint_stats *)b)->endpoint);
}

/* The summary of a well-formed log (the test's own text: fails if it is not). */
static size_t oracle(const char *text, size_t len, struct endpoint_stats *stats)
{
    size_t n = 0, line = 0;
    for (size_t start = 0; start < len;) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl != NULL ? (size_t)(nl - text) : len;
        line++;
        if (!oracle_line(text + start, end - start, stats, &n))
            fail_msg("the test's own log is malformed at line %zu", line);
        start = end + 1;
    }
    qsort(stats, n, sizeof *stats, by_endpoint);
    return n;
}

/* ---- checks -------------------------------------------------------------------------------- */

static void check_log(const char *text, size_t len, const char *what)
{
    static struct endpoint_stats want[CAP], got[CAP];
    size_t n = oracle(text, len, want);
    char err[256] = "";
    long result = summarize_log(write_log(text, len), got, CAP, err, sizeof err);
    if (result != (long)n)
        fail_msg("%s (%zu bytes): returned %ld, expected %zu endpoints (err: \"%s\")", what, len, result, n, err);
    for (size_t i = 0; i < n; i++) {
        if (strnlen(got[i].endpoint, LAB9_ENDPOINT_MAX) == LAB9_ENDPOINT_MAX)
            fail_msg("%s: out[%zu].endpoint is not NUL-terminated", what, i);
        if (strcmp(got[i].endpoint, want[i].endpoint) != 0)
            fail_msg("%s: out[%zu] is \"%s\", expected \"%s\" (sorted by strcmp)", what, i, got[i].endpoint,
                     want[i].endpoint);
        if (got[i].requests != want[i].requests || got[i].bytes != want[i].bytes ||
            got[i].max_latency_ms != want[i].max_latency_ms)
            fail_msg("%s: %s: requests %llu, bytes %llu, max latency %lu; expected %llu, %llu, %lu", what,
                     want[i].endpoint, (unsigned long long)got[i].requests, (unsigned long long)got[i].bytes,
                     (unsigned long)got[i].max_latency_ms, (unsigned long long)want[i].requests,
                     (unsigned long long)want[i].bytes, (unsigned long)want[i].max_latency_ms);
    }
}

static void check_text(const char *text, const char *what)
{
    check_log(text, strlen(text), what);
}

/* -1, and an err that starts "line N: ". */
static void check_malformed(const char *text, size_t len, size_t line, const char *what)
{
    static struct endpoint_stats out[CAP];
    char err[256];
    memset(err, 'X', sizeof err);
    long result = summarize_log(write_log(text, len), out, CAP, err, sizeof err);
    if (result != -1)
        fail_msg("%s: returned %ld, expected -1 (malformed line %zu)", what, result, line);
    if (strnlen(err, sizeof err) == sizeof err)
        fail_msg("%s: err is not NUL-terminated", what);
    char prefix[48];
    snprintf(prefix, sizeof prefix, "line %zu: ", line);
    if (strncmp(err, prefix, strlen(prefix)) != 0)
        fail_msg("%s: err is \"%s\", expected it to start \"%s\"", what, err, prefix);
}

/* ---- the contract's examples and generated logs ------------------------------------------- */

static const char *const example =
    "2026-11-21T08:00:00.125Z GET /api/v1/orders?id=42 200 5123 37\n"
    "2026-11-21T08:00:00.131Z GET /health 200 2 1\n"
    "2026-11-21T08:00:00.140Z POST /api/v1/orders 201 800 120\n";

static void test_example_from_the_contract(void **state)
{
    (void)state;
    struct endpoint_stats out[4];
    char err[128] = "";
    assert_int_equal(summarize_log(write_log(example, strlen(example)), out, 4, err, sizeof err), 2);
    assert_string_equal(out[0].endpoint, "/api/v1/orders");
    assert_int_equal(out[0].requests, 2);
    assert_int_equal(out[0].bytes, 5923);
    assert_int_equal(out[0].max_latency_ms, 120);
    assert_string_equal(out[1].endpoint, "/health");
    assert_int_equal(out[1].requests, 1);
    assert_int_equal(out[1].bytes, 2);
    assert_int_equal(out[1].max_latency_ms, 1);
}

static void test_generated_logs(void **state)
{
    (void)state;
    static const size_t sizes[] = { 1, 5000, 100000, 1 << 20, 3 << 20 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t len;
        char *text = loggen_text(PERFLAB_SEED + i, sizes[i], &len);
        assert_non_null(text);
        char what[64];
        snprintf(what, sizeof what, "generated log of %zu bytes", len);
        check_log(text, len, what);
        free(text);
    }
}

static void test_empty_file_has_no_endpoints(void **state)
{
    (void)state;
    struct endpoint_stats out[1];
    char err[64] = "";
    assert_int_equal(summarize_log(write_log("", 0), out, 1, err, sizeof err), 0);
    assert_int_equal(summarize_log(write_log("", 0), out, 0, err, sizeof err), 0);
}

static void test_last_line_without_newline_counts(void **state)
{
    (void)state;
    check_text("t GET /a 200 1 1\nt GET /b 200 2 2", "last line without '\\n'");
    check_text("t GET /only 200 7 9", "one line, no '\\n'");
}

static void test_crlf_reads_as_lf(void **state)
{
    (void)state;
    check_text("t GET /a 200 1 1\r\nt GET /b 200 2 2\r\nt GET /a 200 3 5\r\n", "CRLF line ends");
    check_text("t GET /a 200 1 1\r\nt GET /b 200 2 2\r", "CRLF, last line without '\\n'");
}

static void test_limits_of_numbers_and_endpoints(void **state)
{
    (void)state;
    char line[256];
    char name[LAB9_ENDPOINT_MAX];
    memset(name, 'e', sizeof name - 1);
    name[0] = '/';
    name[sizeof name - 1] = '\0'; /* 63 bytes: the longest allowed */
    snprintf(line, sizeof line, "t GET %s?q=%s 200 1 1\n", name, name);
    check_text(line, "an endpoint of 63 bytes");
    check_text("t GET /max 200 18446744073709551615 4294967295\n", "UINT64_MAX bytes, UINT32_MAX latency");
    check_text("t GET /w 200 18446744073709551615 0\nt GET /w 200 2 0\n", "the bytes sum wraps modulo 2^64");
    check_text("t GET /zero 000 0 0\nt GET /z 999 00000000000000000000000000012 0000000000000000007\n",
               "zeros, and leading zeros");
}

static void test_sorted_by_strcmp(void **state)
{
    (void)state;
    check_text("t GET /b 200 1 1\nt GET /B 200 1 1\nt GET /\xc3\xa9t\xc3\xa9 200 1 1\nt GET /a/b 200 1 1\n"
               "t GET /a 200 1 1\nt GET /a- 200 1 1\nt GET /~ 200 1 1\n",
               "endpoints in strcmp order (bytes over 127 last)");
}

/* ---- long lines and buffer boundaries ------------------------------------------------------ */

/* A line whose query string is `query` bytes long. */
static size_t long_line(char *buf, const char *endpoint, size_t query, unsigned latency)
{
    size_t n = (size_t)sprintf(buf, "2026-11-21T08:00:00.000Z GET %s?", endpoint);
    memset(buf + n, 'q', query);
    n += query;
    return n + (size_t)sprintf(buf + n, " 200 %zu %u\n", query, latency);
}

static void test_lines_longer_than_any_buffer(void **state)
{
    (void)state;
    static const size_t queries[] = { 4095, 4096, 8192, 65535, 65536, 65537, 200000, 1 << 20 };
    size_t cap = 3 * (1 << 20), len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        len += (size_t)sprintf(text + len, "t GET /short 200 1 %zu\n", i);
        len += long_line(text + len, i % 2 ? "/long/odd" : "/long/even", queries[i], (unsigned)i);
    }
    check_log(text, len, "lines of 4 KiB to 1 MiB");
    len += long_line(text + len, "/last", 70000, 9);
    check_log(text, len - 1, "a 70 KB last line without '\\n'");
    free(text);
}

/* Line ends at every offset around 4 KiB, 8 KiB and 64 KiB (and their
   multiples): a first line padded by 0..99 bytes shifts every later line
   end by one byte per case, over ~100-byte lines. Each log also ends
   without '\n' half the time. */
static void test_line_ends_at_every_buffer_offset(void **state)
{
    (void)state;
    size_t cap = 80 * 1024, len;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t pad = 0; pad < 100; pad++) {
        len = long_line(text, "/first", pad, 1);
        struct rng rng;
        rng_seed(&rng, pad);
        for (unsigned i = 0; len < 66 * 1024; i++) {
            char endpoint[16];
            snprintf(endpoint, sizeof endpoint, "/e%u", (unsigned)rng_below(&rng, 7));
            len += long_line(text + len, endpoint, 40 + (size_t)rng_below(&rng, 3) * 10, i);
        }
        char what[80];
        snprintf(what, sizeof what, "line ends shifted by %zu bytes", pad);
        check_log(text, pad % 2 ? len - 1 : len, what);
    }
    free(text);
}

static void test_file_sizes_at_buffer_sizes(void **state)
{
    (void)state;
    static const size_t sizes[] = { 4095, 4096, 4097, 8191, 8192, 8193, 65535, 65536, 65537, 131072 };
    char *text = malloc(140000);
    assert_non_null(text);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        /* Short lines, then one line that ends exactly at sizes[i]. */
        size_t len = 0;
        while (len + 200 < sizes[i])
            len += (size_t)sprintf(text + len, "t GET /s%zu 200 %zu 3\n", len % 5, len);
        size_t head = (size_t)sprintf(text + len, "t GET /end?");
        size_t tail = strlen(" 200 1 1\n");
        memset(text + len + head, 'p', sizes[i] - len - head - tail);
        memcpy(text + sizes[i] - tail, " 200 1 1\n", tail);
        char what[64];
        snprintf(what, sizeof what, "a file of exactly %zu bytes", sizes[i]);
        check_log(text, sizes[i], what);
        snprintf(what, sizeof what, "a file of %zu bytes, no final '\\n'", sizes[i] - 1);
        check_log(text, sizes[i] - 1, what);
    }
    free(text);
}

/* ---- bad input ------------------------------------------------------------------------------ */

static const struct {
    const char *line; /* without its '\n' */
    size_t len;       /* 0: strlen(line) */
    const char *what;
} malformed[] = {
    { "", 0, "an empty line" },
    { "\r", 0, "a line that is only '\\r'" },
    { "t GET /a 200 1", 0, "five fields" },
    { "t GET /a 200 1 1 extra", 0, "seven fields" },
    { "t GET /a 200 1 1 ", 0, "a trailing space (an empty 7th field)" },
    { " t GET /a 200 1 1", 0, "a leading space" },
    { "t GET  /a 200 1 1", 0, "two spaces in a row" },
    { "t\tGET /a 200 1 1", 0, "a tab, not a space" },
    { "t GET ?q=1 200 1 1", 0, "an empty endpoint" },
    { "t GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 200 1 1", 0,
      "an endpoint of 64 bytes" },
    { "t GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?q=1 200 1 1",
      0, "an endpoint of 150 bytes, then a query" },
    { "t GET /a 20 1 1", 0, "a two-digit status" },
    { "t GET /a 2000 1 1", 0, "a four-digit status" },
    { "t GET /a 2x0 1 1", 0, "a non-numeric status" },
    { "t GET /a 200 -1 1", 0, "negative bytes" },
    { "t GET /a 200 +1 1", 0, "bytes with a '+'" },
    { "t GET /a 200 12a 1", 0, "non-numeric bytes" },
    { "t GET /a 200 1.5 1", 0, "fractional bytes" },
    { "t GET /a 200 18446744073709551616 1", 0, "bytes over UINT64_MAX" },
    { "t GET /a 200 99999999999999999999999 1", 0, "bytes far over UINT64_MAX" },
    { "t GET /a 200 1 4294967296", 0, "latency over UINT32_MAX" },
    { "t GET /a 200 1 ms", 0, "non-numeric latency" },
    { "t GET /a 200 1 1\r\r", 0, "two '\\r' at the end" },
    { "t GET /a 200 1 1\0", 17, "a NUL byte at the end" },
    { "t GET /a?q=\0x 200 1 1", 21, "a NUL byte in the query" },
    { "\0 GET /a 200 1 1", 16, "a NUL byte as the timestamp" },
};

/* Each malformed line as line 1, line 3, and as an unterminated last line. */
static void test_malformed_lines_are_named(void **state)
{
    (void)state;
    static const char good[] = "t GET /ok 200 10 10\n";
    char text[512];
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        size_t len = malformed[i].len ? malformed[i].len : strlen(malformed[i].line);
        for (size_t at = 1; at <= 3; at += 2) {
            size_t n = 0;
            for (size_t k = 1; k < at; k++)
                n += (size_t)sprintf(text + n, "%s", good);
            memcpy(text + n, malformed[i].line, len);
            n += len;
            text[n++] = '\n';
            n += (size_t)sprintf(text + n, "%s", good);
            char what[160];
            snprintf(what, sizeof what, "%s, at line %zu", malformed[i].what, at);
            check_malformed(text, n, at, what);
        }
        if (len == 0)
            continue; /* an empty last line without '\n' is no line at all */
        size_t n = (size_t)sprintf(text, "%s%s", good, good);
        memcpy(text + n, malformed[i].line, len);
        char what[160];
        snprintf(what, sizeof what, "%s, as the last line without '\\n'", malformed[i].what);
        check_malformed(text, n + len, 3, what);
    }
}

static void test_first_malformed_line_is_named(void **state)
{
    (void)state;
    check_malformed("t GET /a 200 1 1\nt GET /a 2000 1 1\nt GET /a 200 1\n", 49, 2, "bad status, then 5 fields");
    check_malformed("t GET /a 200 1 1\nt GET /a 200 1\nt GET /a 2000 1 1\n", 49, 2, "5 fields, then bad status");
    check_malformed("t GET /a 200 1 1\r\nt GET /a 200 1 1\r\nt GET /a 200 x 1\r\n", 54, 3, "CRLF, bad at line 3");
    /* A malformed line after a generated megabyte (~11,000 lines): counted right. */
    size_t len;
    char *text = loggen_text(PERFLAB_SEED, 1 << 20, &len);
    assert_non_null(text);
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    char *bad = malloc(len + 64);
    assert_non_null(bad);
    memcpy(bad, text, len);
    memcpy(bad + len, "t GET /a 200 1\n", 15);
    check_malformed(bad, len + 15, lines + 1, "a bad line after a generated megabyte");
    free(bad);
    free(text);
}

static void test_missing_file(void **state)
{
    (void)state;
    struct endpoint_stats out[1];
    char err[256] = "";
    char path[400];
    snprintf(path, sizeof path, "%s/no-such-folder/no-such.log", dir);
    assert_int_equal(summarize_log(path, out, 1, err, sizeof err), -1);
    if (strstr(err, "no-such.log") == NULL)
        fail_msg("err \"%s\" does not name the file", err);
}

static void test_more_endpoints_than_cap(void **state)
{
    (void)state;
    static const char text[] = "t GET /a 200 1 1\nt GET /b 200 1 1\nt GET /a 200 1 1\nt GET /c 200 1 1\n";
    struct endpoint_stats out[3];
    char err[128] = "";
    assert_int_equal(summarize_log(write_log(text, strlen(text)), out, 3, err, sizeof err), 3);
    assert_int_equal(summarize_log(write_log(text, strlen(text)), out, 2, err, sizeof err), -1);
    if (strstr(err, "more than 2 endpoints") == NULL)
        fail_msg("err is \"%s\", expected it to say \"more than 2 endpoints\"", err);
    assert_int_equal(summarize_log(write_log(text, strlen(text)), out, 0, err, sizeof err), -1);
}

static void test_small_or_no_err_buffer(void **state)
{
    (void)state;
    static const char text[] = "t GET /a 200 1 1\nt GET /a 200 1\n";
    struct endpoint_stats out[2];
    char err[8];
    memset(err, 'X', sizeof err);
    assert_int_equal(summarize_log(write_log(text, strlen(text)), out, 2, err, sizeof err), -1);
    if (strnlen(err, sizeof err) == sizeof err)
        fail_msg("with err_size 8, err is not NUL-terminated within 8 bytes");
    assert_int_equal(summarize_log(write_log(text, strlen(text)), out, 2, NULL, 0), -1);
}

/* ---- the run -------------------------------------------------------------------------------- */

static int make_dir(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/perflab-lab9-suite-XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
    return mkdtemp(dir) != NULL ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char path[400];
    snprintf(path, sizeof path, "%s/test.log", dir);
    remove(path);
    return rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_from_the_contract),
        cmocka_unit_test(test_generated_logs),
        cmocka_unit_test(test_empty_file_has_no_endpoints),
        cmocka_unit_test(test_last_line_without_newline_counts),
        cmocka_unit_test(test_crlf_reads_as_lf),
        cmocka_unit_test(test_limits_of_numbers_and_endpoints),
        cmocka_unit_test(test_sorted_by_strcmp),
        cmocka_unit_test(test_lines_longer_than_any_buffer),
        cmocka_unit_test(test_line_ends_at_every_buffer_offset),
        cmocka_unit_test(test_file_sizes_at_buffer_sizes),
        cmocka_unit_test(test_malformed_lines_are_named),
        cmocka_unit_test(test_first_malformed_line_is_named),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_more_endpoints_than_cap),
        cmocka_unit_test(test_small_or_no_err_buffer),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
