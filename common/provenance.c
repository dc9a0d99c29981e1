/*
 * provenance.c -- which machine, compiler, libraries and commit made a figure.
 * See provenance.h. Children (git, dpkg-query) run without a shell.
 *
 * In make lab-N's sandbox the bench can start no process and sees neither
 * the tree nor /etc, so the front end collects what needs those (the OS,
 * the commit, the libraries) and hands it over in PERFLAB_PROVENANCE
 * (provenance_export); the rest (CPU, memory, compiler, date) the bench
 * still reads itself, as before.
 *
 * Cache sizes come from the kernel (/sys/devices/system/cpu/cpu0/cache, what
 * lscpu shows), not from glibc's sysconf(_SC_LEVEL3_CACHE_SIZE): on the
 * course's AMD EPYC virtual machines sysconf reported 320 and 508 MiB of L3
 * where the kernel and lscpu say 32 MiB, and a text that compares a table's
 * size with the L3 must not be misled. The sandbox has no /sys, so the
 * front end hands the sizes over too; sysconf is the last resort.
 */
#include "provenance.h"

#include "child.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef PERFLAB_CFLAGS
#define PERFLAB_CFLAGS "unknown flags"
#endif

/* The libraries whose versions can move a figure, where installed. */
static const char *const PACKAGES[] = {
    "libbenchmark-dev", "libsqlite3-dev", "libpq-dev", "postgresql", "libglib2.0-dev",
    "libabsl-dev",      "libcurl4-openssl-dev", "valgrind",
};

static void read_field(const char *path, const char *key, char *out, size_t size)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    char line[512];
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, key, klen) == 0) {
            const char *v = line + klen;
            v += strspn(v, " \t:=\"");
            snprintf(out, size, "%s", v);
            out[strcspn(out, "\"\n")] = '\0';
            break;
        }
    fclose(f);
}

/* The size in bytes of cpu0's cache of `level` whose type is `type` ("Data",
   "Unified"), as the kernel reports it; 0 when it does not. */
static long kernel_cache(int level, const char *type)
{
    for (int index = 0; index < 16; index++) {
        char path[128], text[32] = "", kind[32] = "", size[32] = "";
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/level", index);
        FILE *f = fopen(path, "r");
        if (f == NULL)
            break;
        bool read = fgets(text, sizeof text, f) != NULL;
        fclose(f);
        if (!read || atoi(text) != level)
            continue;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/type", index);
        read_field(path, "", kind, sizeof kind);
        if (strcmp(kind, type) != 0)
            continue;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", index);
        read_field(path, "", size, sizeof size);
        char *unit;
        long value = strtol(size, &unit, 10);
        if (value <= 0)
            return 0;
        return *unit == 'K' ? value * 1024 : *unit == 'M' ? value * 1024 * 1024 : value;
    }
    return 0;
}

/* A child's first line of output, or "" when it failed. */
static void run_line(char **argv, char *out, size_t size, bool whole)
{
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    out[0] = '\0';
    if (child_run(argv, &limits, &r) && r.output != NULL) {
        snprintf(out, size, "%s", r.output);
        if (!whole)
            out[strcspn(out, "\n")] = '\0';
    }
    child_result_free(&r);
}

/* The field `key` of PERFLAB_PROVENANCE's "key=value" lines, if there. */
static bool handed_over(const char *text, const char *key, char *out, size_t size)
{
    size_t klen = strlen(key);
    for (const char *line = text; *line;) {
        if (strncmp(line, key, klen) == 0 && line[klen] == '=') {
            const char *v = line + klen + 1;
            snprintf(out, size, "%.*s", (int)strcspn(v, "\n"), v);
            return true;
        }
        const char *end = strchr(line, '\n');
        if (end == NULL)
            break;
        line = end + 1;
    }
    return false;
}

/* The parts a sandboxed program cannot find itself (see the note at the top). */
static void collect_system(struct provenance *p);

void provenance_export(const struct provenance *p, char *buf, size_t size)
{
    snprintf(buf, size, "os=%s\ncommit=%s\nlibraries=%s\nl1d=%ld\nl2=%ld\nl3=%ld\n", p->os, p->commit,
             p->libraries, p->l1d, p->l2, p->l3);
}

/* One cache size: handed over, else the kernel's, else glibc's. */
static long cache_size(const char *given, const char *key, int level, const char *type, int sysconf_name)
{
    char text[32];
    if (given != NULL && handed_over(given, key, text, sizeof text) && atol(text) > 0)
        return atol(text);
    long bytes = kernel_cache(level, type);
    return bytes > 0 ? bytes : sysconf(sysconf_name);
}

void provenance_collect(struct provenance *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->cpu, sizeof p->cpu, "unknown CPU");
    read_field("/proc/cpuinfo", "model name", p->cpu, sizeof p->cpu);
    p->cores = sysconf(_SC_NPROCESSORS_ONLN);
    const char *given = getenv("PERFLAB_PROVENANCE");
    p->l1d = cache_size(given, "l1d", 1, "Data", _SC_LEVEL1_DCACHE_SIZE);
    p->l2 = cache_size(given, "l2", 2, "Unified", _SC_LEVEL2_CACHE_SIZE);
    p->l3 = cache_size(given, "l3", 3, "Unified", _SC_LEVEL3_CACHE_SIZE);
    char mem[64] = "";
    read_field("/proc/meminfo", "MemTotal", mem, sizeof mem);
    p->memory_gib = atof(mem) / (1024.0 * 1024.0);
#if defined(__clang__)
    snprintf(p->compiler, sizeof p->compiler, "clang %d.%d.%d", __clang_major__, __clang_minor__,
             __clang_patchlevel__);
#elif defined(__GNUC__)
    snprintf(p->compiler, sizeof p->compiler, "gcc %d.%d.%d", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
    snprintf(p->compiler, sizeof p->compiler, "unknown compiler");
#endif
    snprintf(p->flags, sizeof p->flags, "%s", PERFLAB_CFLAGS);

    if (given == NULL || !handed_over(given, "os", p->os, sizeof p->os) ||
        !handed_over(given, "commit", p->commit, sizeof p->commit) ||
        !handed_over(given, "libraries", p->libraries, sizeof p->libraries))
        collect_system(p);

    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(p->date, sizeof p->date, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void collect_system(struct provenance *p)
{
    snprintf(p->os, sizeof p->os, "unknown OS");
    read_field("/etc/os-release", "PRETTY_NAME", p->os, sizeof p->os);

    char *git[] = { "git", "rev-parse", "--short=10", "HEAD", NULL };
    run_line(git, p->commit, sizeof p->commit, false);
    if (p->commit[0] == '\0')
        snprintf(p->commit, sizeof p->commit, "unknown");
    else {
        char changes[64];
        /* plots/ is what a run writes (make course-data rewrites the
           course's copy while it measures): not a change to the code. */
        char *status[] = { "git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!plots", NULL };
        run_line(status, changes, sizeof changes, false);
        if (changes[0] != '\0')
            strncat(p->commit, "+changes", sizeof p->commit - strlen(p->commit) - 1);
    }

    char *query[4 + sizeof PACKAGES / sizeof *PACKAGES] = { "dpkg-query", "-W", "-f=${db:Status-Abbrev}${Package} ${Version}\n" };
    size_t n = 3;
    for (size_t i = 0; i < sizeof PACKAGES / sizeof *PACKAGES; i++)
        query[n++] = (char *)PACKAGES[i];
    query[n] = NULL;
    char listing[2048];
    struct child_limits limits = { .timeout_s = 10 };
    struct child_result r;
    /* dpkg-query exits 1 when some package is unknown: read its output anyway */
    child_run(query, &limits, &r);
    snprintf(listing, sizeof listing, "%s", r.output != NULL ? r.output : "");
    child_result_free(&r);
    size_t len = 0;
    for (char *line = strtok(listing, "\n"); line != NULL; line = strtok(NULL, "\n"))
        if (strncmp(line, "ii ", 3) == 0 && len < sizeof p->libraries)
            len += (size_t)snprintf(p->libraries + len, sizeof p->libraries - len, "%s%s", len ? ", " : "",
                                    line + 3 + strspn(line + 3, " "));
}

static void size_words(long bytes, char *buf, size_t size)
{
    if (bytes <= 0)
        snprintf(buf, size, "?");
    else if (bytes >= 1024L * 1024 && bytes % (1024L * 1024) == 0)
        snprintf(buf, size, "%ld MiB", bytes / (1024L * 1024));
    else if (bytes >= 1024L * 1024)
        snprintf(buf, size, "%.1f MiB", (double)bytes / (1024.0 * 1024.0));
    else
        snprintf(buf, size, "%ld KiB", bytes / 1024);
}

void provenance_caches(const struct provenance *p, char *buf, size_t size)
{
    char a[32], b[32], c[32];
    size_words(p->l1d, a, sizeof a);
    size_words(p->l2, b, sizeof b);
    size_words(p->l3, c, sizeof c);
    snprintf(buf, size, "%s L1d, %s L2, %s L3", a, b, c);
}

void provenance_line(const struct provenance *p, char *buf, size_t size)
{
    char caches[96];
    provenance_caches(p, caches, sizeof caches);
    char day[16];
    snprintf(day, sizeof day, "%.10s", p->date);
    snprintf(buf, size, "%s, %ld cores (%s), %.0f GiB; %s %s; commit %s, %s", p->cpu, p->cores, caches,
             p->memory_gib, p->compiler, p->flags, p->commit, day);
}

void provenance_json(const struct provenance *p, struct json *j)
{
    json_object_begin(j, "provenance");
    json_string(j, "cpu", p->cpu);
    json_number(j, "cores", (double)p->cores);
    json_number(j, "l1d_bytes", (double)p->l1d);
    json_number(j, "l2_bytes", (double)p->l2);
    json_number(j, "l3_bytes", (double)p->l3);
    json_number(j, "memory_gib", p->memory_gib);
    json_string(j, "os", p->os);
    json_string(j, "compiler", p->compiler);
    json_string(j, "flags", p->flags);
    json_string(j, "libraries", p->libraries);
    json_string(j, "commit", p->commit);
    json_string(j, "date", p->date);
    json_object_end(j);
}
