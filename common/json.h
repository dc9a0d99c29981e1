/*
 * json.h -- a small streaming JSON writer for the harness's reports.
 *
 * Every human-readable report perflab prints has a JSON twin (results.json,
 * grade reports, results.json for Gradescope). We only ever write JSON, never
 * read it, so a writer that tracks nesting and commas is all we need.
 */
#ifndef PERFLAB_JSON_H
#define PERFLAB_JSON_H

#include <stdbool.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { JSON_MAX_DEPTH = 32 };

struct json {
    FILE *out;
    int depth;
    bool has_items[JSON_MAX_DEPTH]; /* does the open container need a comma? */
};

void json_start(struct json *j, FILE *out);          /* then exactly one top-level value */
void json_finish(struct json *j);                    /* writes the final newline */
/* `key` names the member inside an object; pass NULL inside an array. */
void json_object_begin(struct json *j, const char *key);
void json_object_end(struct json *j);
void json_array_begin(struct json *j, const char *key);
void json_array_end(struct json *j);
void json_string(struct json *j, const char *key, const char *value); /* NULL writes null */
void json_number(struct json *j, const char *key, double value);      /* NaN/inf write null */
void json_bool(struct json *j, const char *key, bool value);
void json_null(struct json *j, const char *key);

#ifdef __cplusplus
}
#endif
#endif
