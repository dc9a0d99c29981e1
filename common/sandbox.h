/*
 * sandbox.h -- run one program, that may be hostile, in a bubblewrap sandbox.
 *
 * Every process that runs student code (test suites, the callgrind driver,
 * benchmarks, profiles) must not be able to touch the tree it is graded
 * from, talk to the network, or leave anything running. child_run() does it
 * when struct child_limits has .sandbox set: instead of argv it execs
 *
 *     bwrap <the view below> -- argv...
 *
 * We do not build a sandbox of our own: bubblewrap (Debian `bubblewrap`, the
 * one Flatpak uses) makes the namespaces and mounts, and libseccomp compiles
 * the system-call filter that bwrap installs (--seccomp FD). What the program
 * gets:
 *
 * - a user that owns nothing: when perflab runs as root, uid/gid 65534
 *   (nobody/nogroup), no supplementary groups, no capabilities; otherwise the
 *   calling user. Either way inside a fresh user namespace, with
 *   no_new_privs (setuid programs do not help) and no nested namespaces;
 * - a read-only view of only what it needs, each at its own path: /usr (and
 *   the /bin, /lib... links of a merged-/usr system), /etc/ld.so.cache, the
 *   caller's read_only paths (the program itself, its data); a fresh /dev and
 *   /proc; private /tmp and /dev/shm of at most tmp_bytes each; and ONE
 *   writable directory, `scratch`, which is also its working directory.
 *   Everything else -- the project tree, solutions/, other
 *   submissions, /home, /root, /etc -- is not there at all;
 * - no network (an empty network namespace: not even 127.0.0.1 outside),
 *   its own IPC, UTS and PID namespace: when the program ends, the kernel
 *   kills whatever it left behind (--die-with-parent, --new-session);
 * - no new processes: fork, vfork and clone without CLONE_THREAD fail with
 *   EPERM, clone3 with ENOSYS (glibc then falls back to clone), so threads
 *   work and execve works (valgrind's launcher execs its tool). Also EPERM:
 *   ptrace, process_vm_*, mount and friends, unshare, setns, keyctl, bpf,
 *   perf_event_open, userfaultfd, io_uring. Denials return an error, never
 *   kill, so student code gets a clean message;
 * - limits: CPU seconds, file size, open files, threads (RLIMIT_NPROC, only
 *   when we switched to the sandbox user: for anyone else it counts all of
 *   their processes) and no core files; the memory cap stays
 *   child_limits.memory_bytes (RLIMIT_AS), 0 under AddressSanitizer;
 * - no inherited file descriptors but stdin (/dev/null), stdout and stderr
 *   (child.c's capped pipe).
 *
 * bwrap reports a program killed by signal N as exit status 128+N;
 * sandbox_exit_signal() turns that back into a crash for child.c. The
 * program is in its own session: perflab's Ctrl-C (SIGTERM to the process
 * group) reaches bwrap, and the program is killed with its namespace, not
 * asked to clean up. The environment is passed through unchanged, even
 * HOME (a folder that is not there): its size moves the instruction counts
 * of some code (lab 1's naive strcat, by 40,000 in 270 million), and a
 * count must not depend on whether it was taken in the sandbox.
 *
 * What it does not do: see "What the sandbox protects against" in README.md.
 */
#ifndef PERFLAB_SANDBOX_H
#define PERFLAB_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

/* Paths are absolute; each is bound at the same path inside, so argv can
   name files exactly as outside. Lists end with NULL; NULL = none. */
struct sandbox {
    const char *scratch;           /* the one writable directory, also the working directory.
                                      The caller creates it; when perflab runs as root it is
                                      handed to uid 65534 (files put in it before stay the
                                      caller's) */
    const char *const *read_only;  /* files and folders the program needs: its binary, its data */
    const char *const *read_write; /* extra writable binds, for lab 5's database socket folder */

    /* Limits; 0 = the default, never "none". */
    double cpu_seconds; /* RLIMIT_CPU, all threads together (default 600) */
    size_t file_bytes;  /* RLIMIT_FSIZE: the largest file it can write (default 64 MiB) */
    size_t tmp_bytes;   /* size of the private /tmp and of /dev/shm (default 64 MiB) */
    int max_files;      /* RLIMIT_NOFILE (default 256) */
    int max_threads;    /* RLIMIT_NPROC for uid 65534 (default 256); unused when not root */

    /* Weaker policies, for callers that need them; both off for grading. The
       PID namespace, the limits and the file system view hold either way. */
    bool allow_processes; /* fork/clone allowed (a trusted launcher such as `perf record`) */
    bool sanitizer;       /* built with AddressSanitizer (make test SANITIZE=1): allow what it
                             needs -- ptrace (LeakSanitizer stops its threads with it) and new
                             processes (clang's runs llvm-symbolizer to name functions) */

    /* Descriptors 3 .. 2 + pass_fds reach the program; every other one but
       0-2 is closed (rpc's request and reply channels: 2). */
    int pass_fds;
};

/* In the parent, before fork: checks that bubblewrap is installed and that
   the kernel lets an unprivileged user create namespaces (tried once per
   process), that every path exists and that the sandbox user can reach it,
   and gives the scratch directory to the sandbox user. On failure writes
   why (one paragraph, with the fix: "install bubblewrap: make deps", the
   sysctl to set) and returns false. child_run() calls it. */
bool sandbox_prepare(const struct sandbox *sb, char *why, size_t size);

/* In the child, after fork and after sandbox_prepare() succeeded in the
   parent: set the limits, switch user, close every file descriptor but 0-2,
   start bwrap around argv, and wait (as a subreaper) until bwrap and every
   process of the sandbox's PID namespace are gone; then exit with bwrap's
   status. Never returns (exit status 127 if bwrap cannot be started). */
_Noreturn void sandbox_exec(const struct sandbox *sb, char *const argv[]);

/* bwrap exits with 128+N when the program was killed by signal N. True (and
   *signal = N) when exit_code says so. A program that itself exits with
   such a status reads as killed by that signal, as in a shell. */
bool sandbox_exit_signal(int exit_code, int *signal);

#endif
