/*
 * report_read.c -- one lab's grade from a perflab report.json (report_read.h).
 */
#include "report_read.h"

#include "files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value after the next "key": at or after from; NULL if there is none. */
static const char *value_of(const char *from, const char *key)
{
    char needle[80];
    snprintf(needle, sizeof needle, "\"%s\":", key);
    const char *at = from ? strstr(from, needle) : NULL;
    if (at == NULL)
        return NULL;
    at += strlen(needle);
    while (*at == ' ' || *at == '\n' || *at == '\t' || *at == '\r')
        at++;
    return at;
}

static void put_utf8(unsigned code, char *buf, size_t size, size_t *len)
{
    unsigned char bytes[4];
    size_t n;
    if (code < 0x80) {
        bytes[0] = (unsigned char)code;
        n = 1;
    } else if (code < 0x800) {
        bytes[0] = (unsigned char)(0xC0 | (code >> 6));
        bytes[1] = (unsigned char)(0x80 | (code & 0x3F));
        n = 2;
    } else {
        bytes[0] = (unsigned char)(0xE0 | (code >> 12));
        bytes[1] = (unsigned char)(0x80 | ((code >> 6) & 0x3F));
        bytes[2] = (unsigned char)(0x80 | (code & 0x3F));
        n = 3;
    }
    for (size_t i = 0; i < n && *len + 1 < size; i++)
        buf[(*len)++] = (char)bytes[i];
}

/* A JSON string value (the escapes json.c writes), truncated to size. */
static const char *read_string(const char *v, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    if (v == NULL || *v != '"')
        return NULL;
    for (v++; *v && *v != '"'; v++) {
        char c = *v;
        if (c == '\\') {
            v++;
            switch (*v) {
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': {
                unsigned code = 0;
                if (sscanf(v + 1, "%4x", &code) != 1)
                    return NULL;
                v += 4;
                put_utf8(code, buf, size, &len);
                continue;
            }
            case '\0': return NULL;
            default: c = *v; /* \" \\ \/ */
            }
        }
        if (len + 1 < size)
            buf[len++] = c;
    }
    buf[len] = '\0';
    return *v == '"' ? v + 1 : NULL;
}

static bool read_bool(const char *v)
{
    return v != NULL && strncmp(v, "true", 4) == 0;
}

static double read_number(const char *v)
{
    return v != NULL ? strtod(v, NULL) : 0;
}

bool report_read(const char *path, struct lab_report *out)
{
    memset(out, 0, sizeof *out);
    char *text = file_read(path, NULL);
    const char *p = text ? value_of(text, "labs") : NULL;
    bool ok = p != NULL && (p = value_of(p, "lab")) != NULL;
    if (ok) {
        out->lab = (int)read_number(p);
        read_string(value_of(p, "name"), out->name, sizeof out->name);
        out->passed = read_bool(value_of(p, "passed"));
        out->built = read_bool(value_of(p, "built"));
        out->grader_error = read_bool(value_of(p, "grader_error"));
        out->review = read_bool(value_of(p, "review"));
        out->not_started = read_bool(value_of(p, "not_started"));
        out->score = read_number(value_of(p, "score"));
        out->max_score = read_number(value_of(p, "max_score"));
        const char *c = value_of(p, "correctness");
        read_string(value_of(c, "verdict"), out->correctness, sizeof out->correctness);
        read_string(value_of(c, "detail"), out->correctness_detail, sizeof out->correctness_detail);
        const char *perf = value_of(c, "performance");
        ok = perf != NULL && out->correctness[0] != '\0';
        read_string(value_of(perf, "verdict"), out->performance, sizeof out->performance);
        const char *cr = value_of(perf, "criteria");
        while (ok && out->n_criteria < PERFLAB_MAX_CRITERIA && (cr = value_of(cr, "target")) != NULL) {
            struct criterion_report *r = &out->criteria[out->n_criteria++];
            read_string(cr, r->target, sizeof r->target);
            read_string(value_of(cr, "verdict"), r->verdict, sizeof r->verdict);
            read_string(value_of(cr, "detail"), r->detail, sizeof r->detail);
            r->points = read_number(value_of(cr, "points"));
            r->max_points = read_number(value_of(cr, "max_points"));
        }
    }
    free(text);
    return ok;
}
