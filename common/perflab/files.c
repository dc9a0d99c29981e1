/*
 * files.c -- reading whole files, finding programs, removing folders (files.h).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "files.h"

#include "../child.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

char *file_read(const char *path, size_t *length)
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


void file_remove_tree(const char *path)
{
    char *argv[] = { "rm", "-rf", "--", (char *)path, NULL };
    struct child_limits limits = { .timeout_s = 60 };
    struct child_result r;
    child_run(argv, &limits, &r);
    child_result_free(&r);
}

/* name's real path: itself if it holds a '/', else the first in PATH. */
bool file_find_program(const char *name, char *out, size_t size)
{
    if (strchr(name, '/') != NULL)
        return realpath(name, out) != NULL && size >= PATH_MAX;
    const char *path = getenv("PATH");
    char dirs[8192];
    snprintf(dirs, sizeof dirs, "%s", path != NULL ? path : "/usr/bin:/bin");
    char *save = NULL;
    for (char *dir = strtok_r(dirs, ":", &save); dir != NULL; dir = strtok_r(NULL, ":", &save)) {
        char candidate[PATH_MAX];
        snprintf(candidate, sizeof candidate, "%.3000s/%.200s", dir, name);
        if (access(candidate, X_OK) == 0 && size >= PATH_MAX && realpath(candidate, out) != NULL)
            return true;
    }
    return false;
}
