/*
 * getline_streamer.h -- a student's good streaming summarize_log, shared by
 * Lab 9's scenarios (make test inlines it into each graded file). Each
 * scenario defines READ_LINE_OPTIONS before including it to change one
 * thing, the way a student's slip would.
 *
 * getline() reuses one buffer that grows to the longest line; each line is
 * checked and parsed in place; endpoints are found by a linear scan of out
 * (a few hundred, the hot ones first), sorted at the end.
 *
 *   SKIP_MALFORMED       a malformed line is skipped, not reported
 *   KEEP_EVERY_LINE      every line is also kept (strdup'd into a list)
 *   STOP_AT_UNTERMINATED a last line without '\n' is dropped
 *   TRUNCATE_AT          lines are read with fgets into a buffer of this
 *                        size; the rest of a longer line is silently dropped
 *   WHOLE_FILE           no streaming: the includer defines summarize_log
 *                        itself on top of say(), add_line() and by_endpoint
 */
#include "lab.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void say(char *err, size_t err_size, const char *format, ...)
{
    if (err_size == 0)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(err, err_size, format, args);
    va_end(args);
}

static bool number(const char *p, size_t len, uint64_t max, uint64_t *value)
{
    uint64_t v = 0;
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9' || v > (max - (uint64_t)(p[i] - '0')) / 10)
            return false;
        v = v * 10 + (uint64_t)(p[i] - '0');
    }
    *value = v;
    return true;
}

/* 0: added; 1: malformed; 2: too many endpoints. */
static int add_line(const char *p, size_t len, struct endpoint_stats *out, size_t cap, size_t *n)
{
    if (len > 0 && p[len - 1] == '\r')
        len--;
    if (len == 0 || memchr(p, '\0', len) != NULL)
        return 1;
    const char *f[6];
    size_t fl[6], k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || p[i] == ' ') {
            if (k == 6 || i == start)
                return 1;
            f[k] = p + start;
            fl[k++] = i - start;
            start = i + 1;
        }
    }
    uint64_t status, bytes, latency;
    size_t elen = strcspn(f[2], "? ");
    if (k != 6 || elen == 0 || elen >= LAB9_ENDPOINT_MAX || fl[3] != 3 || !number(f[3], 3, 999, &status) ||
        !number(f[4], fl[4], UINT64_MAX, &bytes) || !number(f[5], fl[5], UINT32_MAX, &latency))
        return 1;
    size_t e = 0;
    while (e < *n && !(memcmp(out[e].endpoint, f[2], elen) == 0 && out[e].endpoint[elen] == '\0'))
        e++;
    if (e == *n) {
        if (*n == cap)
            return 2;
        memset(&out[e], 0, sizeof out[e]);
        memcpy(out[e].endpoint, f[2], elen);
        (*n)++;
    }
    out[e].requests++;
    out[e].bytes += bytes;
    if (latency > out[e].max_latency_ms)
        out[e].max_latency_ms = (uint32_t)latency;
    return 0;
}

static int by_endpoint(const void *a, const void *b)
{
    return strcmp(((const struct endpoint_stats *)a)->endpoint, ((const struct endpoint_stats *)b)->endpoint);
}

#ifndef WHOLE_FILE
/* One line, '\n' included, like getline. */
static ssize_t read_line(char **line, size_t *size, FILE *f)
{
#ifdef TRUNCATE_AT
    if (*line == NULL && (*line = malloc(*size = TRUNCATE_AT)) == NULL)
        return -1;
    if (fgets(*line, TRUNCATE_AT, f) == NULL)
        return -1;
    size_t len = strlen(*line);
    if (len > 0 && (*line)[len - 1] != '\n')
        for (int c; (c = getc(f)) != EOF && c != '\n';) /* the rest: "no line is that long" */
            ;
    return (ssize_t)len;
#else
    return getline(line, size, f);
#endif
}

struct kept {
    struct kept *next;
    char *text;
};

long summarize_log(const char *path, struct endpoint_stats *out, size_t cap, char *err, size_t err_size)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        say(err, err_size, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t size = 0, n = 0, number_of_line = 0;
    long result = 0;
    struct kept *kept = NULL;
    ssize_t got;
    while (result == 0 && (got = read_line(&line, &size, f)) >= 0) {
        size_t len = (size_t)got;
        number_of_line++;
        bool terminated = len > 0 && line[len - 1] == '\n';
        if (terminated)
            len--;
#ifdef STOP_AT_UNTERMINATED
        if (!terminated)
            break;
#endif
#ifdef KEEP_EVERY_LINE
        struct kept *k = malloc(sizeof *k);
        if (k != NULL && (k->text = strdup(line)) != NULL) {
            k->next = kept;
            kept = k;
        } else {
            free(k);
        }
#endif
        int status = add_line(line, len, out, cap, &n);
#ifdef SKIP_MALFORMED
        if (status == 1)
            continue;
#endif
        if (status != 0) {
            if (status == 1)
                say(err, err_size, "line %zu: malformed", number_of_line);
            else
                say(err, err_size, "line %zu: more than %zu endpoints", number_of_line, cap);
            result = -1;
        }
    }
    if (result == 0 && ferror(f)) {
        say(err, err_size, "%s: read error", path);
        result = -1;
    }
    while (kept != NULL) {
        struct kept *next = kept->next;
        free(kept->text);
        free(kept);
        kept = next;
    }
    free(line);
    fclose(f);
    if (result != 0)
        return result;
    qsort(out, n, sizeof *out, by_endpoint);
    return (long)n;
}
#endif
