/*
 * massif.c -- peak memory by valgrind's massif (massif.h).
 */
#include "massif.h"

#include "child.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The largest mem_heap_B + mem_heap_extra_B over massif's snapshots, or -1. */
static double peak_of(const char *data)
{
    double peak = -1;
    for (const char *p = strstr(data, "\nmem_heap_B="); p != NULL; p = strstr(p + 1, "\nmem_heap_B=")) {
        double heap = strtod(p + strlen("\nmem_heap_B="), NULL);
        const char *extra = strstr(p, "\nmem_heap_extra_B=");
        if (extra != NULL)
            heap += strtod(extra + strlen("\nmem_heap_extra_B="), NULL);
        if (heap > peak)
            peak = heap;
    }
    return peak;
}

/* The whole regular file at path (not through a link), or NULL. */
static char *read_regular(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return NULL;
    FILE *f = fopen(path, "rb");
    char *data = f != NULL ? malloc((size_t)st.st_size + 1) : NULL;
    size_t n = data != NULL ? fread(data, 1, (size_t)st.st_size, f) : 0;
    if (data != NULL)
        data[n] = '\0';
    if (f != NULL)
        fclose(f);
    return data;
}

bool massif_peak(char *const argv[], bool pages_as_heap, const char *out_file, const struct child_limits *limits,
                 double *bytes, char *why, size_t why_size)
{
    enum { MAX_ARGS = 64 };
    char out_arg[1100];
    snprintf(out_arg, sizeof out_arg, "--massif-out-file=%s", out_file);
    /* Only the peak's size is read, never a stack: one frame, no detailed
       snapshots, and no inline debug info (massif reads it by default, a
       quarter of a short run's time, for stacks nobody looks at). */
    char *args[MAX_ARGS + 8] = { "valgrind", "--tool=massif", out_arg, "--depth=1", "--detailed-freq=1000000",
                                 "--read-inline-info=no",
                                 pages_as_heap ? "--pages-as-heap=yes" : "--pages-as-heap=no" };
    size_t n = 7;
    for (size_t i = 0; argv[i] != NULL && i < MAX_ARGS; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    struct child_result r;
    unlink(out_file);
    if (!child_run(args, limits, &r)) {
        char how[160];
        snprintf(why, why_size, "%s: %.300s", child_describe(&r, how, sizeof how), child_output_tail(&r, 3));
        for (char *p = why; *p; p++)
            if (*p == '\n')
                *p = ' ';
        child_result_free(&r);
        return false;
    }
    bool refused = strstr(r.output, "can not open xtree output file") != NULL;
    child_result_free(&r);
    char *data = refused ? NULL : read_regular(out_file);
    if (data == NULL) {
        snprintf(why, why_size, "massif could not write its file %s", out_file);
        return false;
    }
    *bytes = peak_of(data);
    free(data);
    if (!(*bytes > 0)) {
        snprintf(why, why_size, "massif's file %s holds no snapshot", out_file);
        return false;
    }
    return true;
}
