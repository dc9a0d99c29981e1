/*
 * jsonread.c -- a small recursive-descent JSON reader. See jsonread.h.
 */
#include "jsonread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
    const char *start, *p;
    char *error;
    size_t error_size;
    bool failed;
};

static void fail(struct parser *ps, const char *what)
{
    if (!ps->failed) {
        int line = 1;
        for (const char *q = ps->start; q < ps->p; q++)
            line += *q == '\n';
        snprintf(ps->error, ps->error_size, "line %d: %s", line, what);
    }
    ps->failed = true;
}

static void skip_space(struct parser *ps)
{
    ps->p += strspn(ps->p, " \t\r\n");
}

static bool parse_value(struct parser *ps, struct jv *v, int depth);

static char *parse_string(struct parser *ps)
{
    if (*ps->p != '"') {
        fail(ps, "expected a string");
        return NULL;
    }
    ps->p++;
    size_t cap = 16, len = 0;
    char *s = malloc(cap);
    while (s != NULL && *ps->p != '"') {
        char c = *ps->p++;
        if (c == '\0') {
            fail(ps, "unterminated string");
            free(s);
            return NULL;
        }
        if (c == '\\') {
            char e = *ps->p++;
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': {
                /* exactly four hex digits: sscanf would take fewer (then
                   we would step past the text's end), a sign or spaces */
                unsigned code = 0;
                if (strspn(ps->p, "0123456789abcdefABCDEF") < 4 || sscanf(ps->p, "%4x", &code) != 1) {
                    fail(ps, "bad \\u escape");
                    free(s);
                    return NULL;
                }
                ps->p += 4;
                c = code < 0x80 ? (char)code : '?';
                break;
            }
            case '"': case '\\': case '/': c = e; break;
            default:
                fail(ps, "bad escape in a string");
                free(s);
                return NULL;
            }
        }
        if (len + 2 > cap) {
            char *bigger = realloc(s, cap *= 2);
            if (bigger == NULL)
                free(s);
            s = bigger;
            if (s == NULL)
                break;
        }
        s[len++] = c;
    }
    if (s == NULL) {
        fail(ps, "out of memory");
        return NULL;
    }
    s[len] = '\0';
    ps->p++; /* the closing quote */
    return s;
}

/* Items of an array or object, grown as they come. */
static bool push_item(struct parser *ps, struct jv *v, size_t *cap, char *key)
{
    if (v->n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        struct jv *items = realloc(v->items, *cap * sizeof *items);
        char **keys = v->kind == JV_OBJECT ? realloc(v->keys, *cap * sizeof *keys) : NULL;
        if (items != NULL)
            v->items = items;
        if (keys != NULL)
            v->keys = keys;
        if (items == NULL || (v->kind == JV_OBJECT && keys == NULL)) {
            fail(ps, "out of memory");
            free(key);
            return false;
        }
    }
    if (v->kind == JV_OBJECT)
        v->keys[v->n] = key;
    memset(&v->items[v->n], 0, sizeof v->items[v->n]);
    v->n++;
    return true;
}

static bool parse_container(struct parser *ps, struct jv *v, int depth)
{
    bool object = *ps->p == '{';
    char close = object ? '}' : ']';
    v->kind = object ? JV_OBJECT : JV_ARRAY;
    ps->p++;
    skip_space(ps);
    size_t cap = 0;
    if (*ps->p == close) {
        ps->p++;
        return true;
    }
    for (;;) {
        char *key = NULL;
        skip_space(ps);
        if (object) {
            key = parse_string(ps);
            if (key == NULL)
                return false;
            skip_space(ps);
            if (*ps->p != ':') {
                free(key);
                fail(ps, "expected ':'");
                return false;
            }
            ps->p++;
        }
        if (!push_item(ps, v, &cap, key) || !parse_value(ps, &v->items[v->n - 1], depth + 1))
            return false;
        skip_space(ps);
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == close) {
            ps->p++;
            return true;
        }
        fail(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
        return false;
    }
}

static bool parse_value(struct parser *ps, struct jv *v, int depth)
{
    memset(v, 0, sizeof *v);
    if (depth > 64) {
        fail(ps, "nested too deeply");
        return false;
    }
    skip_space(ps);
    char c = *ps->p;
    if (c == '{' || c == '[')
        return parse_container(ps, v, depth);
    if (c == '"') {
        v->kind = JV_STRING;
        v->string = parse_string(ps);
        return v->string != NULL;
    }
    static const struct { const char *word; enum jv_kind kind; double value; } words[] = {
        { "null", JV_NULL, 0 }, { "true", JV_BOOL, 1 }, { "false", JV_BOOL, 0 },
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strncmp(ps->p, words[i].word, strlen(words[i].word)) == 0) {
            ps->p += strlen(words[i].word);
            v->kind = words[i].kind;
            v->number = words[i].value;
            return true;
        }
    char *end;
    v->number = strtod(ps->p, &end);
    if (end == ps->p) {
        fail(ps, "expected a value");
        return false;
    }
    v->kind = JV_NUMBER;
    ps->p = end;
    return true;
}

bool jv_parse(const char *text, struct jv *out, char *error, size_t error_size)
{
    struct parser ps = { text, text, error, error_size, false };
    bool ok = parse_value(&ps, out, 0);
    skip_space(&ps);
    if (ok && *ps.p != '\0') {
        fail(&ps, "text after the value");
        ok = false;
    }
    if (!ok)
        jv_free(out);
    return ok;
}

void jv_free(struct jv *v)
{
    for (size_t i = 0; i < v->n; i++) {
        jv_free(&v->items[i]);
        if (v->kind == JV_OBJECT)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
    memset(v, 0, sizeof *v);
}

const struct jv *jv_get(const struct jv *object, const char *key)
{
    if (object == NULL || object->kind != JV_OBJECT)
        return NULL;
    for (size_t i = 0; i < object->n; i++)
        if (strcmp(object->keys[i], key) == 0)
            return &object->items[i];
    return NULL;
}
