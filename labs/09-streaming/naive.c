/*
 * naive.c -- Lab 9 baseline: load the whole log, split it into records, then
 * aggregate.
 * label: read all + records
 *
 * This is how most first versions look, and it is correct: read the whole
 * file into one buffer, split it into an array of line records (each a
 * malloc'd struct of strdup'd fields: easy to print, to debug, to pass
 * around), then walk the records and add them up. It is also the trap:
 * memory grows with the file. A 1 MB log costs the 1 MB buffer plus, for
 * each of its ~11,000 lines, a record, seven strings and a pointer, each a
 * heap block with its own header and rounding: several times the file's
 * size, all alive at once, to compute a table of a few hundred rows. A 2 GB
 * production log needs some 11 GB of RAM -- or kills the service.
 */
#include "lab.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record {
    size_t line;
    char *timestamp, *method, *target, *status, *bytes, *latency;
    char *endpoint; /* target up to its '?' */
    uint64_t bytes_sent;
    uint32_t latency_ms;
};

static void set_error(char *err, size_t err_size, const char *format, ...)
{
    if (err_size == 0)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(err, err_size, format, args);
    va_end(args);
}

static char *read_whole_file(const char *path, size_t *len, char *err, size_t err_size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        set_error(err, err_size, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *data = malloc(cap);
    while (data != NULL) {
        n += fread(data + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *grown = realloc(data, cap * 2);
        if (grown == NULL) {
            free(data);
            data = NULL;
            break;
        }
        data = grown;
        cap *= 2;
    }
    if (data == NULL || ferror(f)) {
        set_error(err, err_size, "%s: %s", path, data == NULL ? "out of memory" : "read error");
        free(data);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = n;
    return data;
}

static bool is_number(const char *s, uint64_t max, uint64_t *value)
{
    if (*s == '\0')
        return false;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        unsigned digit = (unsigned)(*s - '0');
        if (v > (max - digit) / 10)
            return false;
        v = v * 10 + digit;
    }
    *value = v;
    return true;
}

static void free_record(struct record *r)
{
    if (r == NULL)
        return;
    free(r->timestamp);
    free(r->method);
    free(r->target);
    free(r->status);
    free(r->bytes);
    free(r->latency);
    free(r->endpoint);
    free(r);
}

static bool check_record(const struct record *r, uint64_t *bytes, uint32_t *latency, char *err, size_t err_size);

/* Split one line (without its '\n') into a checked record; NULL with err on error. */
static struct record *parse_line(const char *text, size_t len, size_t line, char *err, size_t err_size)
{
    if (len > 0 && text[len - 1] == '\r')
        len--;
    if (memchr(text, '\0', len) != NULL) {
        set_error(err, err_size, "line %zu: NUL byte", line);
        return NULL;
    }
    if (len == 0) {
        set_error(err, err_size, "line %zu: empty line", line);
        return NULL;
    }
    char *copy = strndup(text, len);
    if (copy == NULL) {
        set_error(err, err_size, "line %zu: out of memory", line);
        return NULL;
    }
    char *fields[7];
    int n = 0;
    char *p = copy;
    while (n < 7) {
        fields[n++] = p;
        p = strchr(p, ' ');
        if (p == NULL)
            break;
        *p++ = '\0';
    }
    struct record *r = calloc(1, sizeof *r);
    bool ok = r != NULL;
    if (!ok)
        set_error(err, err_size, "line %zu: out of memory", line);
    else if (n != 6)
        ok = false, set_error(err, err_size, "line %zu: %s fields, not 6", line, n < 6 ? "fewer" : "more");
    for (int i = 0; ok && i < 6; i++)
        if (fields[i][0] == '\0')
            ok = false, set_error(err, err_size, "line %zu: field %d is empty", line, i + 1);
    if (ok) {
        r->line = line;
        r->timestamp = strdup(fields[0]);
        r->method = strdup(fields[1]);
        r->target = strdup(fields[2]);
        r->status = strdup(fields[3]);
        r->bytes = strdup(fields[4]);
        r->latency = strdup(fields[5]);
        r->endpoint = strndup(fields[2], strcspn(fields[2], "?"));
        ok = r->timestamp && r->method && r->target && r->status && r->bytes && r->latency && r->endpoint;
        if (!ok)
            set_error(err, err_size, "line %zu: out of memory", line);
        else
            ok = check_record(r, &r->bytes_sent, &r->latency_ms, err, err_size);
    }
    free(copy);
    if (!ok) {
        free_record(r);
        return NULL;
    }
    return r;
}

/* Check one record's fields; false with err on the first problem. */
static bool check_record(const struct record *r, uint64_t *bytes, uint32_t *latency, char *err, size_t err_size)
{
    uint64_t status, value;
    size_t len = strlen(r->endpoint);
    if (len == 0 || len >= LAB9_ENDPOINT_MAX) {
        set_error(err, err_size, "line %zu: endpoint of %zu bytes (1 to %d allowed)", r->line, len,
                  LAB9_ENDPOINT_MAX - 1);
        return false;
    }
    if (strlen(r->status) != 3 || !is_number(r->status, 999, &status)) {
        set_error(err, err_size, "line %zu: status '%.20s' is not three digits", r->line, r->status);
        return false;
    }
    if (!is_number(r->bytes, UINT64_MAX, bytes)) {
        set_error(err, err_size, "line %zu: bytes '%.30s' is not a number", r->line, r->bytes);
        return false;
    }
    if (!is_number(r->latency, UINT32_MAX, &value)) {
        set_error(err, err_size, "line %zu: latency '%.30s' is not a number", r->line, r->latency);
        return false;
    }
    *latency = (uint32_t)value;
    return true;
}

static int by_endpoint(const void *a, const void *b)
{
    return strcmp(((const struct endpoint_stats *)a)->endpoint, ((const struct endpoint_stats *)b)->endpoint);
}

long summarize_log(const char *path, struct endpoint_stats *out, size_t cap, char *err, size_t err_size)
{
    size_t len;
    char *data = read_whole_file(path, &len, err, err_size);
    if (data == NULL)
        return -1;

    /* Split: one record per line. */
    size_t n = 0, records_cap = 1024;
    struct record **records = malloc(records_cap * sizeof *records);
    long result = records == NULL ? -1 : 0;
    if (records == NULL)
        set_error(err, err_size, "out of memory");
    for (size_t start = 0; result == 0 && start < len;) {
        const char *newline = memchr(data + start, '\n', len - start);
        size_t end = newline != NULL ? (size_t)(newline - data) : len;
        if (n == records_cap) {
            struct record **grown = realloc(records, 2 * records_cap * sizeof *records);
            if (grown == NULL) {
                set_error(err, err_size, "out of memory");
                result = -1;
                break;
            }
            records = grown;
            records_cap *= 2;
        }
        records[n] = parse_line(data + start, end - start, n + 1, err, err_size);
        if (records[n] == NULL)
            result = -1;
        else
            n++;
        start = end + 1;
    }

    /* Aggregate: find each record's endpoint among those seen so far. */
    size_t found = 0;
    for (size_t i = 0; result == 0 && i < n; i++) {
        size_t k = 0;
        while (k < found && strcmp(out[k].endpoint, records[i]->endpoint) != 0)
            k++;
        if (k == found) {
            if (found == cap) {
                set_error(err, err_size, "line %zu: more than %zu endpoints", records[i]->line, cap);
                result = -1;
                break;
            }
            memset(&out[k], 0, sizeof out[k]);
            strcpy(out[k].endpoint, records[i]->endpoint);
            found++;
        }
        out[k].requests++;
        out[k].bytes += records[i]->bytes_sent;
        if (records[i]->latency_ms > out[k].max_latency_ms)
            out[k].max_latency_ms = records[i]->latency_ms;
    }
    if (result == 0) {
        qsort(out, found, sizeof *out, by_endpoint);
        result = (long)found;
    }

    for (size_t i = 0; i < n; i++)
        free_record(records[i]);
    free(records);
    free(data);
    return result;
}
