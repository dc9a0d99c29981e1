/*
 * child.h -- run a program in a child process, with a time and memory limit.
 *
 * Student code can crash, hang or eat all memory; the grader and make lab-N
 * must survive all three and say what happened. So every test suite, every
 * callgrind run and every benchmark runs in a child process:
 *
 * - in its own process group, so that on a timeout we kill it and anything it
 *   started (valgrind, a database server) with one kill(-pgid);
 * - with PR_SET_PDEATHSIG and a forwarded SIGINT/SIGTERM, so that if perflab
 *   itself is stopped (Ctrl-C) the child gets SIGTERM (and can clean up)
 *   instead of living on in an infinite loop;
 * - with an optional RLIMIT_AS cap, so runaway allocation fails inside the
 *   child (malloc returns NULL, or the child dies) instead of swapping the
 *   machine;
 * - with stdout and stderr captured (and optionally echoed live, the first
 *   4 MiB), at most the first 256 KiB and the last 64 KiB of it: a program
 *   that prints without end cannot run perflab out of memory, nor flood the
 *   terminal or a log;
 * - with the time limit kept even after the child closes its output;
 * - optionally inside a sandbox (sandbox.h) for student code: then argv runs
 *   under bubblewrap, and a crash still reads as a crash.
 */
#ifndef PERFLAB_CHILD_H
#define PERFLAB_CHILD_H

#include <stdbool.h>
#include <stddef.h>

enum child_outcome {
    CHILD_EXITED,    /* exit_code is valid */
    CHILD_SIGNALED,  /* signal is valid: crashed (SIGSEGV, SIGABRT, ...) */
    CHILD_TIMED_OUT, /* killed by us after timeout_s */
    CHILD_NOT_RUN,   /* could not start (fork/exec failed): output says why */
};

struct sandbox;

struct child_limits {
    double timeout_s;    /* 0 = no limit */
    size_t memory_bytes; /* address-space cap; 0 = no limit */
    bool echo;           /* copy the child's output to our stdout as it comes */
    const struct sandbox *sandbox; /* run argv in this sandbox; NULL = as is */
};

struct child_result {
    enum child_outcome outcome;
    int exit_code;
    int signal;
    double seconds; /* wall-clock time the child ran */
    char *output;   /* stdout and stderr, interleaved, NUL-terminated; free with child_result_free */
    size_t output_len;
};

/* Run argv[0] (searched in PATH) with argv. Always fills *result. Returns true
   when the child exited with status 0. */
bool child_run(char *const argv[], const struct child_limits *limits, struct child_result *result);

void child_result_free(struct child_result *result);

/* A one-line description: "exited with status 1", "crashed: SIGSEGV
   (segmentation fault)", "timed out after 20 s (infinite loop?)". */
const char *child_describe(const struct child_result *result, char *buf, size_t size);

/* The last `lines` lines of the output (a pointer into it). */
const char *child_output_tail(const struct child_result *result, int lines);

#endif
