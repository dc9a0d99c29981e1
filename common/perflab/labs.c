/*
 * labs.c -- which labs exist, and what each says of itself (labs.h).
 */
#include "labs.h"

#include "../child.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

size_t labs_find(int numbers[LABS_MAX])
{
    size_t n = 0;
    DIR *d = opendir("labs");
    if (d == NULL)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < LABS_MAX) {
        int number = folder_number(e->d_name);
        if (number >= 0)
            numbers[n++] = number;
    }
    closedir(d);
    qsort(numbers, n, sizeof numbers[0], compare_ints);
    return n;
}

bool labs_slug(int number, char *slug, size_t size)
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

const char *labs_list_text(char *buf, size_t size)
{
    int numbers[LABS_MAX];
    size_t n = labs_find(numbers), len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%d", i ? " " : "", numbers[i]);
    return buf;
}

/* Parse a lab number and check the lab exists; explains itself on failure. */
bool labs_parse_number(const char *text, int *number)
{
    char *end, slug[128], labs[128];
    errno = 0;
    long n = strtol(text, &end, 10);
    if (*end != '\0' || errno != 0 || n < 0 || n > 99 || !labs_slug((int)n, slug, sizeof slug)) {
        fprintf(stderr, "perflab: there is no lab '%s'. Labs: %s  (see 'make help')\n", text,
                labs_list_text(labs, sizeof labs));
        return false;
    }
    *number = (int)n;
    return true;
}

bool labs_describe(const char *out_dir, struct lab_info *info, char *error, size_t error_size)
{
    char driver[600];
    snprintf(driver, sizeof driver, "%s/driver-trusted", out_dir);
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
    char why[200];
    bool ok = describe_read(r.output, info, why, sizeof why);
    if (!ok)
        snprintf(error, error_size, "%s --describe: %s", driver, why);
    child_result_free(&r);
    return ok;
}
