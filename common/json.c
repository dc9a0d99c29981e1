/*
 * json.c -- see json.h. Output is indented two spaces a level, so that the
 * files are pleasant to read and to diff.
 */
#include "json.h"

#include <math.h>

void json_start(struct json *j, FILE *out)
{
    j->out = out;
    j->depth = 0;
    j->has_items[0] = false;
}

void json_finish(struct json *j)
{
    fputc('\n', j->out);
}

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if it is not one.
   Test output can hold anything (a student's unterminated string, a detail
   cut in the middle of a character); JSON must be valid UTF-8. */
static int utf8_length(const unsigned char *p)
{
    int len = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 && p[0] < 0xE0 ? 2 : 0;
    for (int i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((len == 3 && p[0] == 0xE0 && p[1] < 0xA0) || (len == 3 && p[0] == 0xED && p[1] >= 0xA0) ||
        (len == 4 && p[0] == 0xF0 && p[1] < 0x90) || (len == 4 && p[0] == 0xF4 && p[1] >= 0x90))
        return 0; /* overlong, surrogate, or past U+10FFFF */
    return len;
}

static void write_escaped(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80) {
            int len = utf8_length(p);
            if (len == 0) {
                fputs("\\ufffd", out); /* the replacement character */
            } else {
                fwrite(p, 1, (size_t)len, out);
                p += len - 1;
            }
            continue;
        }
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

/* Comma, newline and indentation before a value, then its key if any. */
static void begin_value(struct json *j, const char *key)
{
    if (j->depth > 0) {
        if (j->has_items[j->depth])
            fputc(',', j->out);
        fputc('\n', j->out);
        for (int i = 0; i < j->depth; i++)
            fputs("  ", j->out);
    }
    j->has_items[j->depth] = true;
    if (key != NULL) {
        write_escaped(j->out, key);
        fputs(": ", j->out);
    }
}

static void open_container(struct json *j, const char *key, char bracket)
{
    begin_value(j, key);
    fputc(bracket, j->out);
    if (j->depth + 1 < JSON_MAX_DEPTH)
        j->depth++;
    j->has_items[j->depth] = false;
}

static void close_container(struct json *j, char bracket)
{
    bool had_items = j->has_items[j->depth];
    if (j->depth > 0)
        j->depth--;
    if (had_items) {
        fputc('\n', j->out);
        for (int i = 0; i < j->depth; i++)
            fputs("  ", j->out);
    }
    fputc(bracket, j->out);
}

void json_object_begin(struct json *j, const char *key) { open_container(j, key, '{'); }
void json_object_end(struct json *j) { close_container(j, '}'); }
void json_array_begin(struct json *j, const char *key) { open_container(j, key, '['); }
void json_array_end(struct json *j) { close_container(j, ']'); }

void json_string(struct json *j, const char *key, const char *value)
{
    begin_value(j, key);
    if (value == NULL)
        fputs("null", j->out);
    else
        write_escaped(j->out, value);
}

void json_number(struct json *j, const char *key, double value)
{
    begin_value(j, key);
    if (isfinite(value))
        fprintf(j->out, "%.10g", value);
    else
        fputs("null", j->out);
}

void json_bool(struct json *j, const char *key, bool value)
{
    begin_value(j, key);
    fputs(value ? "true" : "false", j->out);
}

void json_null(struct json *j, const char *key)
{
    begin_value(j, key);
    fputs("null", j->out);
}
