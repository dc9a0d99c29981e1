/*
 * provenance.h -- which machine, compiler, libraries and commit made a figure.
 *
 * Every results.json carries a "provenance" object and every plot a one-line
 * footer built from it, so a reader can tell the course's figures (measured
 * on the machine the footer names) from their own run's. Everything is read
 * from the system at run time (cache sizes as the kernel reports them, Debian's
 * package versions, git's commit), except the compiler and flags, which are
 * the build's own (the Makefile passes them in).
 */
#ifndef PERFLAB_PROVENANCE_H
#define PERFLAB_PROVENANCE_H

#include <stddef.h>

#include "json.h"

#ifdef __cplusplus
extern "C" {
#endif

struct provenance {
    char cpu[160];       /* /proc/cpuinfo's model name */
    long cores;          /* online */
    long l1d, l2, l3;    /* bytes, cpu0's, as the kernel reports them (sysfs; else sysconf; 0: unknown) */
    double memory_gib;   /* MemTotal */
    char os[96];         /* PRETTY_NAME of /etc/os-release */
    char compiler[96];   /* e.g. "gcc 12.2.0" */
    char flags[160];     /* CFLAGS of the build */
    char libraries[400]; /* "libbenchmark-dev 1.7.1-1, libsqlite3-dev 3.40.1-2, ..." (installed ones) */
    char commit[64];     /* short hash, "+changes" when the tree differs; "unknown" without git */
    char date[32];       /* UTC, ISO 8601 */
};

/* Everything, read from the system; except that the OS, commit and
   libraries come from PERFLAB_PROVENANCE when it holds all three, and each
   cache size when it holds that one (what provenance_export wrote: the front
   end's, for a sandboxed bench, which sees no /sys). */
void provenance_collect(struct provenance *p);
/* The OS, commit, libraries and cache sizes as PERFLAB_PROVENANCE's "key=value" lines. */
void provenance_export(const struct provenance *p, char *buf, size_t size);
/* One line for a plot's footer: machine, compiler, commit, date. */
void provenance_line(const struct provenance *p, char *buf, size_t size);
/* "provenance": { ... } inside the open JSON object. */
void provenance_json(const struct provenance *p, struct json *j);
/* Cache sizes in words: "32 KiB L1d, 1 MiB L2, 32 MiB L3". */
void provenance_caches(const struct provenance *p, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
