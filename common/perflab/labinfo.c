/*
 * labinfo.c -- finding, building, describing and measuring labs (labinfo.h).
 */
#include "labinfo.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- discovery ------------------------------------------------------------- */

static int compare_ints(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* "07-name" -> 7; -1 if the name is not NN-something. */
static int folder_number(const char *name)
{
    if (!isdigit((unsigned char)name[0]) || !isdigit((unsigned char)name[1]) || name[2] != '-')
        return -1;
    return (name[0] - '0') * 10 + (name[1] - '0');
}

size_t find_labs(int numbers[MAX_LABS])
{
    size_t n = 0;
    DIR *d = opendir("labs");
    if (d == NULL)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < MAX_LABS) {
        int number = folder_number(e->d_name);
        if (number >= 0)
            numbers[n++] = number;
    }
    closedir(d);
    qsort(numbers, n, sizeof numbers[0], compare_ints);
    return n;
}

bool lab_slug(int number, char *slug, size_t size)
{
    DIR *d = opendir("labs");
    if (d == NULL)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (folder_number(e->d_name) == number) {
            snprintf(slug, size, "%s", e->d_name);
            found = true;
        }
    }
    closedir(d);
    return found;
}

const char *lab_list_text(char *buf, size_t size)
{
    int numbers[MAX_LABS];
    size_t n = find_labs(numbers), len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%d", i ? " " : "", numbers[i]);
    return buf;
}

bool sanitized_build(void)
{
    const char *s = getenv("SANITIZE");
    return s != NULL && strcmp(s, "1") == 0;
}

size_t test_memory_limit(void)
{
    return sanitized_build() ? 0 : (size_t)4 << 30;
}

const char *build_root(void)
{
    const char *b = getenv("BUILD");
    return b != NULL && b[0] != '\0' ? b : "build";
}

bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

char *read_file(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 4096) {
            cap = cap ? cap * 2 : 8192;
            char *grown = realloc(data, cap);
            if (grown == NULL) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = grown;
        }
        size_t got = fread(data + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    data[len] = '\0';
    if (length != NULL)
        *length = len;
    return data;
}

/* ---- building ---------------------------------------------------------------- */

bool build_lab(int number, const char *out_dir, const char *yours, const char *targets,
               struct child_result *result)
{
    /* -W: treat the graded file as new, so that a file with an old time
       stamp (a copied submission, a restored backup) is never taken for an
       object that was built from another one. */
    char command[2400];
    snprintf(command, sizeof command, "make --no-print-directory -s -j2 -W '%s' OUT_%d='%s' YOURS_%d='%s' %s", yours,
             number, out_dir, number, yours, targets);
    char *argv[] = { "sh", "-c", command, NULL };
    struct child_limits limits = { .timeout_s = 300, .memory_bytes = test_memory_limit() };
    return child_run(argv, &limits, result);
}

/* ---- describing ----------------------------------------------------------------- */

static enum criterion_kind kind_from(const char *name)
{
    if (strcmp(name, "exponent") == 0)
        return EXPONENT;
    if (strcmp(name, "at_most") == 0)
        return AT_MOST;
    return WORK_RATIO;
}

static void parse_criterion(struct lab_info *info, char *rest)
{
    int index;
    char kind[32];
    int used = 0;
    struct criterion c;
    memset(&c, 0, sizeof c);
    if (sscanf(rest, "%d %31s %63s %63s %lf%n", &index, kind, c.sweep, c.metric, &c.bound, &used) != 5 ||
        index < 0 || index >= MAX_CRITERIA)
        return;
    c.kind = kind_from(kind);
    char *p = rest + used;
    while (c.n_xs < MAX_CRITERION_XS) {
        char *end;
        long x = strtol(p, &end, 10);
        if (end == p)
            break;
        c.xs[c.n_xs++] = x;
        p = end;
    }
    info->criteria[index] = c;
    if ((size_t)index + 1 > info->n_criteria)
        info->n_criteria = (size_t)index + 1;
}

static void parse_bound(struct lab_info *info, const char *rest)
{
    int index;
    long x;
    double bound;
    if (sscanf(rest, "%d %ld %lf", &index, &x, &bound) != 3 || index < 0 || index >= MAX_CRITERIA)
        return;
    struct criterion *c = &info->criteria[index];
    for (size_t i = 0; i < c->n_xs; i++)
        if (c->xs[i] == x)
            c->bound_at[i] = bound;
}

/* "text 2 ..." or "xname 2 ...": the rest of the line belongs to criterion 2. */
static void parse_criterion_words(struct lab_info *info, const char *key, const char *rest)
{
    int index, used = 0;
    if (sscanf(rest, "%d %n", &index, &used) != 1 || index < 0 || index >= MAX_CRITERIA)
        return;
    struct criterion *c = &info->criteria[index];
    if (strcmp(key, "text") == 0)
        snprintf(c->text, sizeof c->text, "%s", rest + used);
    else
        snprintf(c->x_name, sizeof c->x_name, "%s", rest + used);
}

bool describe_lab(const char *out_dir, struct lab_info *info, char *error, size_t error_size)
{
    char driver[600];
    snprintf(driver, sizeof driver, "%s/driver", out_dir);
    char *argv[] = { driver, "--describe", NULL };
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    memset(info, 0, sizeof *info);
    if (!child_run(argv, &limits, &r)) {
        char how[160];
        snprintf(error, error_size, "%s --describe %s", driver, child_describe(&r, how, sizeof how));
        child_result_free(&r);
        return false;
    }
    for (char *line = strtok(r.output, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char *rest = strchr(line, ' ');
        if (rest == NULL)
            continue;
        *rest++ = '\0';
        if (strcmp(line, "lab") == 0)
            info->number = atoi(rest);
        else if (strcmp(line, "slug") == 0)
            snprintf(info->slug, sizeof info->slug, "%s", rest);
        else if (strcmp(line, "title") == 0)
            snprintf(info->title, sizeof info->title, "%s", rest);
        else if (strcmp(line, "trap") == 0)
            snprintf(info->trap, sizeof info->trap, "%s", rest);
        else if (strcmp(line, "test_timeout") == 0)
            info->test_timeout_s = atof(rest);
        else if (strcmp(line, "perf_timeout") == 0)
            info->perf_timeout_s = atof(rest);
        else if (strcmp(line, "variants") == 0)
            for (char *v = strtok_r(rest, " ", &rest); v != NULL && info->n_variants < MAX_LAB_VARIANTS;
                 v = strtok_r(NULL, " ", &rest))
                snprintf(info->variants[info->n_variants++], sizeof info->variants[0], "%s", v);
        else if (strcmp(line, "criterion") == 0)
            parse_criterion(info, rest);
        else if (strcmp(line, "bound") == 0)
            parse_bound(info, rest);
        else if (strcmp(line, "text") == 0 || strcmp(line, "xname") == 0)
            parse_criterion_words(info, line, rest);
    }
    child_result_free(&r);
    return true;
}

/* ---- measuring -------------------------------------------------------------------- */

static void describe_failure(const struct child_result *r, char *why, size_t why_size)
{
    char how[160];
    snprintf(why, why_size, "%s: %.300s", child_describe(r, how, sizeof how), child_output_tail(r, 3));
    for (char *p = why; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

bool count_instructions(const char *out_dir, const char *variant, const char *sweep, long x,
                        double timeout_s, double *instructions, char *why, size_t why_size)
{
    char driver[600], out_file[700], out_arg[800], x_text[32];
    snprintf(driver, sizeof driver, "%s/driver", out_dir);
    snprintf(out_file, sizeof out_file, "%s/callgrind.%s.%s.%ld.out", out_dir, variant, sweep, x);
    snprintf(out_arg, sizeof out_arg, "--callgrind-out-file=%s", out_file);
    snprintf(x_text, sizeof x_text, "%ld", x);
    char *argv[] = { "valgrind", "--tool=callgrind", "--instr-atstart=no", out_arg, driver,
                     (char *)variant, (char *)sweep, x_text, NULL };
    struct child_limits limits = { .timeout_s = timeout_s, .memory_bytes = test_memory_limit() };
    struct child_result r;
    unlink(out_file);
    bool ok = child_run(argv, &limits, &r);
    if (!ok) {
        describe_failure(&r, why, why_size);
        child_result_free(&r);
        return false;
    }
    child_result_free(&r);

    /* The "totals:" line holds the events counted while the driver had
       switched instrumentation on: the measured calls, in every thread. */
    char *data = read_file(out_file, NULL);
    const char *totals = data ? strstr(data, "\ntotals:") : NULL;
    if (totals == NULL) {
        snprintf(why, why_size, "callgrind wrote no totals to %s", out_file);
        free(data);
        return false;
    }
    *instructions = strtod(totals + strlen("\ntotals:"), NULL);
    free(data);
    if (!(*instructions > 0)) {
        snprintf(why, why_size, "callgrind counted no instructions in the measured call");
        return false;
    }
    return true;
}

bool read_counter(const char *out_dir, const char *variant, const char *sweep, long x,
                  const char *counter, double timeout_s, double *value, char *why, size_t why_size)
{
    char driver[600], x_text[32];
    snprintf(driver, sizeof driver, "%s/driver", out_dir);
    snprintf(x_text, sizeof x_text, "%ld", x);
    char *argv[] = { driver, (char *)variant, (char *)sweep, x_text, NULL };
    struct child_limits limits = { .timeout_s = timeout_s, .memory_bytes = test_memory_limit() };
    struct child_result r;
    if (!child_run(argv, &limits, &r)) {
        describe_failure(&r, why, why_size);
        child_result_free(&r);
        return false;
    }
    bool found = false;
    char key[128];
    snprintf(key, sizeof key, "counter %s ", counter);
    for (const char *p = r.output; p != NULL && *p; p = strchr(p, '\n')) {
        if (*p == '\n')
            p++;
        if (strncmp(p, key, strlen(key)) == 0) {
            *value = strtod(p + strlen(key), NULL);
            found = true;
            break;
        }
    }
    if (!found)
        snprintf(why, why_size, "the driver reported no counter '%s'", counter);
    child_result_free(&r);
    return found;
}

/* ---- reading cmocka's summary ------------------------------------------------------ */

void cmocka_counts(const char *output, int *passed, int *failed, char *failed_names, size_t size)
{
    *passed = *failed = 0;
    size_t len = 0;
    bool listing = false; /* cmocka names the failed tests again after "listed below" */
    if (size > 0)
        failed_names[0] = '\0';
    for (const char *p = output; p != NULL && *p; p = strchr(p + 1, '\n')) {
        const char *line = *p == '\n' ? p + 1 : p;
        int count;
        char name[128];
        if (sscanf(line, "[  PASSED  ] %d test", &count) == 1)
            *passed += count;
        else if (sscanf(line, "[  FAILED  ] %d test", &count) == 1) {
            *failed += count;
            listing = true;
        } else if (listing && sscanf(line, "[  FAILED  ] %127s", name) == 1 && len < size)
            len += (size_t)snprintf(failed_names + len, size - len, "%s%s", len ? ", " : "", name);
    }
}
