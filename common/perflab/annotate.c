/*
 * annotate.c -- cost per function and per source line, from callgrind_annotate (profile.h).
 *
 * We read the text of the kept tool, callgrind_annotate, rather than the
 * callgrind file itself: its attribution of costs to lines and of calls to
 * the line that makes them is the reference, and a student can run it by
 * hand on the same file. One run gives both tables:
 *
 *   callgrind_annotate --inclusive=no --show=Ir --threshold=100 --auto=yes --context=0 FILE
 *
 *   - "N (p%)  file:function [object]": self instructions of every function
 *     (threshold 100: all of them, so that the naive/yours difference sees
 *     the small ones too);
 *   - "-- Auto-annotated source: file", then for each line with a cost,
 *     "N (p%)  code" (its own instructions), followed by one
 *     "N (p%)  => file:callee (Kx)" per function called from it (their
 *     inclusive cost). A line's cost is its own plus its calls': what the
 *     line costs the program, which is what "line 42 takes 46%" means.
 *     "-- line N ---" says where the next lines start.
 *
 * The variant's own file is the file of its renamed contract functions
 * (naive_join_ints lives in labs/01-string-building/naive.c): no path is
 * passed around, and a YOURS_N=path build is found the same way.
 */
#include "profile.h"

#include "../child.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "   1,234,567 (12.34%)  rest" -> count, and a pointer to rest; NULL if the line is no row. */
static const char *parse_count(const char *line, double *count)
{
    const char *p = line + strspn(line, " ");
    char digits[32];
    size_t n = 0;
    while ((*p >= '0' && *p <= '9') || *p == ',') {
        if (*p != ',' && n + 1 < sizeof digits)
            digits[n++] = *p;
        p++;
    }
    digits[n] = '\0';
    if (n == 0 || strncmp(p, " (", 2) != 0)
        return NULL;
    const char *close = strchr(p, ')');
    if (close == NULL || close - p > 12)
        return NULL;
    *count = strtod(digits, NULL);
    return close + 1 + strspn(close + 1, " ");
}

static int by_cost(const void *a, const void *b)
{
    double x = ((const struct cost *)a)->instructions, y = ((const struct cost *)b)->instructions;
    return (x < y) - (x > y);
}

static bool push(struct cost **list, size_t *n, size_t *cap)
{
    if (*n == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 64;
        struct cost *grown = realloc(*list, grown_cap * sizeof **list);
        if (grown == NULL)
            return false;
        *list = grown;
        *cap = grown_cap;
    }
    memset(&(*list)[*n], 0, sizeof **list);
    return true;
}

/* "file:function [object]" -> file, and the function as compared across
   variants: the variant's prefix removed; the object left out (rows that
   continue one omit it). True when the function is one of the variant's
   renamed ones. */
static bool parse_function(const char *where, const char *variant, char *file, size_t file_size, char *name,
                           size_t name_size)
{
    size_t len = strcspn(where, "\n");
    const char *object = memchr(where, '[', len);
    size_t head = object ? (size_t)(object - where) : len;
    while (head > 0 && where[head - 1] == ' ')
        head--;
    const char *colon = memchr(where, ':', head);
    const char *func = colon ? colon + 1 : where;
    size_t func_len = head - (size_t)(func - where);
    snprintf(file, file_size, "%.*s", colon ? (int)(colon - where) : 0, where);
    size_t prefix = strlen(variant);
    bool own = func_len > prefix + 1 && strncmp(func, variant, prefix) == 0 && func[prefix] == '_';
    if (own) {
        func += prefix + 1;
        func_len -= prefix + 1;
    }
    snprintf(name, name_size, "%.*s", (int)func_len, func);
    return own;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The annotated lines of `source`: from its "-- Auto-annotated source:" header to the next header. */
static void read_lines(const char *text, const char *source, struct annotation *a, size_t *cap)
{
    char header[700];
    snprintf(header, sizeof header, "-- Auto-annotated source: %s\n", source);
    const char *p = strstr(text, header);
    if (p == NULL)
        return;
    p += strlen(header);
    /* A rule, the column title "Ir", then the lines: until the next rule
       (the "events annotated" total, or the next file's header). */
    long next_line = 0;
    bool started = false;
    struct cost *current = NULL;
    for (; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
        if (strncmp(p, "-----", 5) == 0) {
            if (started)
                break;
            continue;
        }
        if (!started) {
            started = strncmp(p, "Ir", 2) == 0;
            next_line = 1; /* no "-- line" mark when the file's first line has a cost */
            continue;
        }
        long number;
        if (sscanf(p, "-- line %ld -", &number) == 1) {
            next_line = number;
            current = NULL;
            continue;
        }
        double count;
        const char *rest = parse_count(p, &count);
        if (rest == NULL) {
            if (p[strspn(p, " ")] == '.') /* a line without cost: still a line */
                next_line++;
            continue;
        }
        if (strncmp(rest, "=> ", 3) == 0) { /* a call made on the current line */
            if (current != NULL)
                current->instructions += count;
            continue;
        }
        if (next_line <= 0 || !push(&a->lines, &a->n_lines, cap))
            continue;
        current = &a->lines[a->n_lines++];
        current->instructions = count;
        snprintf(current->name, sizeof current->name, "%.150s:%ld", base_name(source), next_line++);
        snprintf(current->code, sizeof current->code, "%.*s", (int)strcspn(rest, "\n"), rest);
    }
}

bool annotate_read(const char *callgrind_file, const char *variant, const char *text_path, struct annotation *a,
                   char *why, size_t why_size)
{
    memset(a, 0, sizeof *a);
    char *argv[] = { "callgrind_annotate", "--inclusive=no", "--show=Ir", "--threshold=100", "--auto=yes",
                     "--context=0", (char *)callgrind_file, NULL };
    struct child_limits limits = { .timeout_s = 60 };
    struct child_result r;
    if (!child_run(argv, &limits, &r)) {
        char how[160];
        snprintf(why, why_size, "callgrind_annotate %s: %.200s", child_describe(&r, how, sizeof how),
                 child_output_tail(&r, 2));
        child_result_free(&r);
        return false;
    }
    FILE *f = fopen(text_path, "w");
    if (f != NULL) {
        fwrite(r.output, 1, r.output_len, f);
        fclose(f);
    }
    const char *totals = strstr(r.output, "PROGRAM TOTALS");
    const char *line = strstr(r.output, "file:function");
    size_t cap = 0;
    if (totals != NULL) {
        const char *start = totals;
        while (start > r.output && start[-1] != '\n')
            start--;
        parse_count(start, &a->total);
    }
    /* The function rows end where annotated source begins; valgrinds that
       group the rows by file put blank lines between groups. */
    for (line = line ? strchr(line, '\n') : NULL; line != NULL; line = strchr(line + 1, '\n')) {
        if (strncmp(line + 1, "-- ", 3) == 0 && strstr(line, "annotated source") != NULL)
            break;
        double count;
        const char *rest = parse_count(line + 1, &count);
        if (rest == NULL)
            continue;
        char file[600], name[200];
        bool own = parse_function(rest, variant, file, sizeof file, name, sizeof name);
        if (own && a->source[0] == '\0')
            snprintf(a->source, sizeof a->source, "%s", file);
        /* One function can appear once per file it has code from (inlined headers): merge. */
        size_t i = 0;
        while (i < a->n_functions && strcmp(a->functions[i].name, name) != 0)
            i++;
        if (i == a->n_functions) {
            if (!push(&a->functions, &a->n_functions, &cap))
                break;
            snprintf(a->functions[a->n_functions++].name, sizeof a->functions[i].name, "%s", name);
        }
        a->functions[i].instructions += count;
    }
    cap = 0;
    if (a->source[0] != '\0')
        read_lines(r.output, a->source, a, &cap);
    child_result_free(&r);
    if (a->n_functions > 0)
        qsort(a->functions, a->n_functions, sizeof *a->functions, by_cost);
    if (a->n_lines > 0)
        qsort(a->lines, a->n_lines, sizeof *a->lines, by_cost);
    if (!(a->total > 0) || a->n_functions == 0) {
        snprintf(why, why_size, "callgrind_annotate listed no functions for %s", callgrind_file);
        return false;
    }
    return true;
}

void annotate_free(struct annotation *a)
{
    free(a->functions);
    free(a->lines);
    memset(a, 0, sizeof *a);
}

static double self_cost(const struct annotation *a, const char *name)
{
    for (size_t i = 0; i < a->n_functions; i++)
        if (strcmp(a->functions[i].name, name) == 0)
            return a->functions[i].instructions;
    return 0;
}

static int by_change(const void *a, const void *b)
{
    double x = ((const struct cost *)a)->instructions, y = ((const struct cost *)b)->instructions;
    return (x > y) - (x < y);
}

size_t annotate_diff(const struct annotation *naive, const struct annotation *yours, struct cost **out)
{
    /* Every function of either side, once, with yours - naive. */
    size_t n = 0, cap = 0;
    struct cost *all = NULL;
    const struct annotation *sides[] = { naive, yours };
    for (size_t s = 0; s < 2; s++)
        for (size_t i = 0; i < sides[s]->n_functions; i++) {
            const char *name = sides[s]->functions[i].name;
            if (s == 1 && self_cost(naive, name) > 0)
                continue; /* already there from naive's side */
            double change = self_cost(yours, name) - self_cost(naive, name);
            if (change == 0 || !push(&all, &n, &cap))
                continue;
            all[n].instructions = change;
            snprintf(all[n++].name, sizeof all->name, "%s", name);
        }
    if (n > 0)
        qsort(all, n, sizeof *all, by_change);
    *out = all;
    return n;
}
