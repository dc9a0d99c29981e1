/*
 * jsonread.h -- read a JSON file into a tree, and find values in it.
 *
 * The course's figures (common/perflab/figures.c) are computed from the
 * committed results.json files, so perflab reads back what json.h wrote.
 * A small tree parser is enough: the files are a few hundred KB at most.
 * Numbers are doubles; strings keep their escapes decoded for \" \\ \/ \n
 * \t and \uXXXX below 0x80 (all json.h ever writes).
 */
#ifndef PERFLAB_JSONREAD_H
#define PERFLAB_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

enum jv_kind { JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT };

struct jv {
    enum jv_kind kind;
    double number;       /* JV_NUMBER; JV_BOOL: 0 or 1 */
    char *string;        /* JV_STRING */
    char **keys;         /* JV_OBJECT: keys[i] names items[i] */
    struct jv *items;    /* JV_ARRAY, JV_OBJECT */
    size_t n;
};

/* Parses text; on failure returns false and says where in `error`. */
bool jv_parse(const char *text, struct jv *out, char *error, size_t error_size);
void jv_free(struct jv *v);
/* The member `key` of an object, or NULL. */
const struct jv *jv_get(const struct jv *object, const char *key);

#endif
