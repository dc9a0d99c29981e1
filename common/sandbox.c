/*
 * sandbox.c -- see sandbox.h for what the sandboxed program gets.
 *
 * Design decisions:
 *
 * - bubblewrap does the isolation, libseccomp writes the filter. Namespaces,
 *   mounts and seccomp are easy to get almost right; these two are used by
 *   Flatpak and systemd and kept up to date by Debian. We only choose the
 *   arguments.
 * - Root drops to uid/gid 65534 before bwrap runs, rather than asking bwrap
 *   for --uid 65534: with --uid the process is still root outside its user
 *   namespace (it owns what it writes as root, it can signal root's
 *   processes); after setresuid it is nobody everywhere. bwrap is not
 *   setuid on Debian 12, and unprivileged user namespaces are enabled, so
 *   it works as nobody.
 * - The work is split around fork(). In the parent (sandbox_prepare): look
 *   up bwrap, try it once (so that a kernel without user namespaces gets a
 *   clear message, not a failed test), check the paths, compile the seccomp
 *   filter (once per policy). In the child (sandbox_exec): only system calls
 *   and a little memory, then exec.
 * - The filter is a deny list over a default of "allow". An allow list would
 *   be tighter but breaks whatever valgrind, AddressSanitizer or a database
 *   client library needs next year; the namespaces already take away the
 *   file system, the network and the other processes, and the filter only
 *   has to stop new processes and the kernel interfaces nobody here needs.
 *   Denials are EPERM, not a kill: a student's fork() gets -1 and a message
 *   they can read. Other system-call ABIs (i386 int 0x80, x32) kill the
 *   process: nothing legitimate uses them, and they would bypass the rules.
 * - clone is allowed only with CLONE_THREAD: a thread, never a process (the
 *   kernel requires CLONE_THREAD to come with CLONE_VM and CLONE_SIGHAND).
 *   clone3 passes its flags in memory, which seccomp cannot read, so it gets
 *   ENOSYS, and glibc's pthread_create falls back to clone.
 * - Limits are rlimits set before exec, so bwrap runs under them too (it
 *   needs little). RLIMIT_NPROC counts every process of a user: we set it
 *   only for uid 65534, which we switched to ourselves.
 * - A small supervisor (the process child.c forked) waits for the whole PID
 *   namespace to be gone, not only for bwrap: see supervise().
 * - Every path is bound at its own path, so the caller passes argv as it
 *   would outside. Binds come after the /tmp tmpfs, so a scratch folder under
 *   /tmp is the real one; then bwrap's own root is made read-only, so the
 *   only writable places are scratch, the read_write binds and the two
 *   size-capped tmpfs.
 */
#define _GNU_SOURCE
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { SANDBOX_UID = 65534, SANDBOX_GID = 65534 };

#define DEFAULT_CPU_SECONDS 600.0
#define DEFAULT_FILE_BYTES ((size_t)64 << 20)
#define DEFAULT_TMP_BYTES ((size_t)64 << 20)
#define DEFAULT_MAX_FILES 256
#define DEFAULT_MAX_THREADS 256

#define INSTALL_HINT "install bubblewrap: make deps (or: sudo apt-get install bubblewrap)"

/* Set by sandbox_prepare in the parent, read by sandbox_exec in the child. */
static char bwrap_path[PATH_MAX];

static bool switches_user(void)
{
    return geteuid() == 0;
}

/* ---- the filter ------------------------------------------------------------ */

/* Denied (EPERM) under every policy: no lab needs them, and each is either a
   way to reach outside the sandbox or a kernel interface with a record of
   exploitable bugs. Names the installed libseccomp does not know are skipped. */
static const char *const denied_syscalls[] = {
    /* other processes' memory */
    "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    /* the mount table and the namespaces */
    "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount",
    "fspick", "mount_setattr", "unshare", "setns",
    /* kernel interfaces nobody here needs */
    "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd", "io_uring_setup",
    "io_uring_enter", "io_uring_register", "acct", "swapon", "swapoff", "quotactl",
};

/* The compiled BPF program (struct sock_filter[]) for each policy:
   [allow_processes][sanitizer]. */
static struct {
    unsigned char *bpf;
    size_t len;
} filters[2][2];

static int deny(scmp_filter_ctx ctx, const char *name, int error)
{
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR)
        return 0; /* newer than this libseccomp (and so than the kernel headers it knows) */
    return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(error), nr, 0);
}

static bool compile_filter(bool allow_processes, bool sanitizer, char *why, size_t size)
{
    if (filters[allow_processes][sanitizer].bpf != NULL)
        return true;
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (ctx == NULL) {
        snprintf(why, size, "perflab: cannot start a seccomp filter (libseccomp)\n");
        return false;
    }
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    for (size_t i = 0; rc == 0 && i < sizeof denied_syscalls / sizeof *denied_syscalls; i++)
        rc = deny(ctx, denied_syscalls[i], EPERM);
    if (rc == 0 && !sanitizer)
        rc = deny(ctx, "ptrace", EPERM);
    if (rc == 0 && !allow_processes && !sanitizer) {
        rc = deny(ctx, "fork", EPERM);
        if (rc == 0)
            rc = deny(ctx, "vfork", EPERM);
        if (rc == 0)
            rc = deny(ctx, "clone3", ENOSYS);
        if (rc == 0) /* clone: a thread, or nothing */
            rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                                  SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
    }
    /* libseccomp writes the program to a file descriptor: use a memfd and
       keep the bytes, which each child writes to bwrap through a pipe. */
    int fd = rc == 0 ? memfd_create("perflab-seccomp", MFD_CLOEXEC) : -1;
    if (fd >= 0)
        rc = seccomp_export_bpf(ctx, fd);
    seccomp_release(ctx);
    off_t len = fd >= 0 && rc == 0 ? lseek(fd, 0, SEEK_END) : -1;
    unsigned char *bpf = len > 0 && len <= 60000 ? malloc((size_t)len) : NULL;
    if (bpf == NULL || pread(fd, bpf, (size_t)len, 0) != len) {
        snprintf(why, size, "perflab: cannot build the sandbox's seccomp filter (libseccomp: %s)\n",
                 strerror(rc < 0 ? -rc : errno));
        free(bpf);
        if (fd >= 0)
            close(fd);
        return false;
    }
    close(fd);
    filters[allow_processes][sanitizer].bpf = bpf;
    filters[allow_processes][sanitizer].len = (size_t)len;
    return true;
}

/* ---- bwrap's command line ---------------------------------------------------- */

/* The system part of the view: /usr, and /bin, /lib... as the host has them
   (links on a merged-/usr system like Debian 12, folders elsewhere). */
static const char *const top_dirs[] = { "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32" };

static size_t count(const char *const *list)
{
    size_t n = 0;
    while (list != NULL && list[n] != NULL)
        n++;
    return n;
}

/* Builds bwrap's argv (in the child, or for the probe when sb is NULL: the
   same view with no caller paths and no filter, running `true`). */
static char **bwrap_argv(const struct sandbox *sb, int seccomp_fd, char *const argv[])
{
    static char links[sizeof top_dirs / sizeof *top_dirs][PATH_MAX];
    static char tmp_size[32], fd_text[16];
    size_t n_paths = sb != NULL ? count(sb->read_only) + count(sb->read_write) : 0;
    size_t n_argv = count((const char *const *)argv);
    char **a = malloc((80 + 3 * n_paths + n_argv + 1) * sizeof *a); /* 63 fixed ones below */
    if (a == NULL)
        return NULL;
    size_t n = 0;
#define ARG(x) (a[n++] = (char *)(x))
    ARG(bwrap_path);
    ARG("--unshare-all"); /* user, pid, net, ipc, uts, cgroup */
    ARG("--unshare-user");
    ARG("--disable-userns");
    ARG("--die-with-parent");
    ARG("--new-session");

    ARG("--ro-bind"), ARG("/usr"), ARG("/usr");
    for (size_t i = 0; i < sizeof top_dirs / sizeof *top_dirs; i++) {
        struct stat st;
        if (lstat(top_dirs[i], &st) != 0)
            continue;
        ssize_t len;
        if (S_ISLNK(st.st_mode) && (len = readlink(top_dirs[i], links[i], PATH_MAX - 1)) > 0) {
            links[i][len] = '\0';
            ARG("--symlink"), ARG(links[i]), ARG(top_dirs[i]);
        } else if (S_ISDIR(st.st_mode)) {
            ARG("--ro-bind"), ARG(top_dirs[i]), ARG(top_dirs[i]);
        }
    }
    ARG("--ro-bind-try"), ARG("/etc/ld.so.cache"), ARG("/etc/ld.so.cache");

    size_t tmp_bytes = sb != NULL && sb->tmp_bytes > 0 ? sb->tmp_bytes : DEFAULT_TMP_BYTES;
    snprintf(tmp_size, sizeof tmp_size, "%zu", tmp_bytes);
    ARG("--dev"), ARG("/dev");
    ARG("--size"), ARG(tmp_size), ARG("--tmpfs"), ARG("/dev/shm");
    ARG("--remount-ro"), ARG("/dev");
    ARG("--proc"), ARG("/proc");
    ARG("--size"), ARG(tmp_size), ARG("--tmpfs"), ARG("/tmp");

    if (sb != NULL) {
        for (size_t i = 0; sb->read_only != NULL && sb->read_only[i] != NULL; i++)
            ARG("--ro-bind"), ARG(sb->read_only[i]), ARG(sb->read_only[i]);
        for (size_t i = 0; sb->read_write != NULL && sb->read_write[i] != NULL; i++)
            ARG("--bind"), ARG(sb->read_write[i]), ARG(sb->read_write[i]);
        ARG("--bind"), ARG(sb->scratch), ARG(sb->scratch);
    }
    ARG("--remount-ro"), ARG("/"); /* bwrap's own root tmpfs: no other writable place */

    if (sb != NULL) {
        ARG("--chdir"), ARG(sb->scratch);
        snprintf(fd_text, sizeof fd_text, "%d", seccomp_fd);
        ARG("--seccomp"), ARG(fd_text);
    }
    ARG("--");
    for (size_t i = 0; i < n_argv; i++)
        ARG(argv[i]);
    a[n] = NULL;
#undef ARG
    return a;
}

/* ---- the child's side ------------------------------------------------------------ */

/* Root becomes uid/gid 65534 with no supplementary groups (and so no
   capabilities). Exits on failure: never run student code as root. */
static void become_sandbox_user(void)
{
    if (!switches_user())
        return;
    int deathsig = 0;
    prctl(PR_GET_PDEATHSIG, &deathsig);
    pid_t parent = getppid();
    if (setgroups(0, NULL) != 0 || setresgid(SANDBOX_GID, SANDBOX_GID, SANDBOX_GID) != 0 ||
        setresuid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID) != 0) {
        fprintf(stderr, "perflab: cannot switch to the sandbox user (uid %d): %s\n", SANDBOX_UID, strerror(errno));
        _exit(127);
    }
    /* A change of credentials clears the parent-death signal: set it again,
       and check the parent did not die in between. */
    if (deathsig != 0) {
        prctl(PR_SET_PDEATHSIG, deathsig);
        if (getppid() != parent)
            _exit(127);
    }
}

/* Lower a limit (never raise it past what we were given). */
static void limit(int resource, rlim_t soft, rlim_t hard)
{
    struct rlimit now;
    if (getrlimit(resource, &now) == 0) {
        if (now.rlim_max != RLIM_INFINITY && hard > now.rlim_max)
            hard = now.rlim_max;
        if (soft > hard)
            soft = hard;
    }
    struct rlimit r = { soft, hard };
    setrlimit(resource, &r);
}

static void set_limits(const struct sandbox *sb)
{
    double cpu = sb->cpu_seconds > 0 ? sb->cpu_seconds : DEFAULT_CPU_SECONDS;
    rlim_t cpu_s = (rlim_t)ceil(cpu);
    limit(RLIMIT_CPU, cpu_s, cpu_s + 1); /* SIGXCPU, then SIGKILL a second later */
    rlim_t fsize = sb->file_bytes > 0 ? sb->file_bytes : DEFAULT_FILE_BYTES;
    limit(RLIMIT_FSIZE, fsize, fsize);
    rlim_t files = sb->max_files > 0 ? (rlim_t)sb->max_files : DEFAULT_MAX_FILES;
    limit(RLIMIT_NOFILE, files, files);
    limit(RLIMIT_CORE, 0, 0);
    if (switches_user()) { /* (still root here: the switch comes after) */
        rlim_t threads = sb->max_threads > 0 ? (rlim_t)sb->max_threads : DEFAULT_MAX_THREADS;
        limit(RLIMIT_NPROC, threads, threads);
    }
}

/* Close every descriptor from `first` on: perflab's own open files (a
   report being written) must not reach the sandbox. Below `first`: stdin,
   stdout, stderr and the ones the caller passes on (pass_fds). */
static void close_inherited_fds(int first)
{
    if (close_range((unsigned)first, ~0U, 0) == 0)
        return;
    long max = sysconf(_SC_OPEN_MAX);
    for (int fd = first; fd < (max > 0 ? max : 1024); fd++)
        close(fd);
}

/* The filter goes to bwrap through a pipe: it is far smaller than a pipe's
   buffer, so the write cannot block. */
static int filter_fd(const struct sandbox *sb)
{
    int p[2];
    const unsigned char *bpf = filters[sb->allow_processes][sb->sanitizer].bpf;
    size_t len = filters[sb->allow_processes][sb->sanitizer].len;
    if (bpf == NULL || pipe(p) != 0 || write(p[1], bpf, len) != (ssize_t)len) {
        fprintf(stderr, "perflab: cannot hand the seccomp filter to bubblewrap (was sandbox_prepare called?)\n");
        _exit(127);
    }
    close(p[1]);
    return p[0];
}

/* We stay between child.c and bwrap, as a subreaper: bwrap returns as soon
   as the program exits, while its PID namespace may still be dying (a daemon
   the program left is killed when the namespace's init goes, a moment
   later). The namespace's init comes to us when bwrap exits, and the kernel
   makes it a zombie only once every process in the namespace is gone: so
   when we have reaped everything, nothing of the run is left, and only then
   does child_run() see us exit, with bwrap's status. */
static _Noreturn void supervise(char **bwrap_args, int filter)
{
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    pid_t me = getpid();
    pid_t bwrap = fork();
    if (bwrap == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* if we are killed (timeout), bwrap goes too */
        if (getppid() != me)
            _exit(127);
        execv(bwrap_path, bwrap_args);
        fprintf(stderr, "perflab: cannot run bubblewrap (%s): %s -- " INSTALL_HINT "\n", bwrap_path,
                strerror(errno));
        _exit(127);
    }
    if (bwrap < 0) {
        fprintf(stderr, "perflab: cannot start the sandbox: fork: %s\n", strerror(errno));
        _exit(127);
    }
    close(filter);
    int status = 0, st;
    pid_t got;
    while ((got = wait(&st)) > 0 || errno == EINTR)
        if (got == bwrap)
            status = st;
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

_Noreturn void sandbox_exec(const struct sandbox *sb, char *const argv[])
{
    set_limits(sb);
    become_sandbox_user();
    close_inherited_fds(3 + (sb->pass_fds > 0 ? sb->pass_fds : 0));
    int fd = filter_fd(sb);
    /* A relative program path would be looked up from scratch, inside. */
    char *resolved = NULL;
    char **args = (char **)argv;
    if (argv[0] != NULL && argv[0][0] != '/' && strchr(argv[0], '/') != NULL &&
        (resolved = realpath(argv[0], NULL)) != NULL) {
        size_t n = count((const char *const *)argv);
        args = malloc((n + 1) * sizeof *args);
        if (args != NULL) {
            memcpy(args, argv, (n + 1) * sizeof *args);
            args[0] = resolved;
        } else {
            args = (char **)argv;
        }
    }
    char **a = bwrap_argv(sb, fd, args);
    if (a == NULL) {
        fprintf(stderr, "perflab: out of memory starting the sandbox\n");
        _exit(127);
    }
    supervise(a, fd);
}

bool sandbox_exit_signal(int exit_code, int *signal)
{
    if (exit_code <= 128 || exit_code >= 128 + NSIG)
        return false;
    *signal = exit_code - 128;
    return true;
}

/* ---- the parent's side: checks ------------------------------------------------------- */

static bool find_bwrap(char *why, size_t size)
{
    const char *path = getenv("PATH");
    if (path == NULL || path[0] == '\0')
        path = "/usr/bin:/bin";
    for (const char *p = path; *p != '\0';) {
        size_t len = strcspn(p, ":");
        if (len > 0 && p[0] == '/' && len + sizeof "/bwrap" < sizeof bwrap_path) {
            snprintf(bwrap_path, sizeof bwrap_path, "%.*s/bwrap", (int)len, p);
            if (access(bwrap_path, X_OK) == 0)
                return true;
        }
        p += len + (p[len] == ':');
    }
    bwrap_path[0] = '\0';
    snprintf(why, size,
             "perflab: student code runs in a bubblewrap sandbox, and bwrap is not installed -- " INSTALL_HINT "\n");
    return false;
}

/* May uid/gid 65534, with no other groups, do `want` (an R_OK|X_OK mix) on st? */
static bool sandbox_user_may(const struct stat *st, int want)
{
    mode_t bits = (want & R_OK ? 4 : 0) | (want & X_OK ? 1 : 0);
    mode_t have = st->st_uid == SANDBOX_UID   ? (st->st_mode >> 6) & 7
                  : st->st_gid == SANDBOX_GID ? (st->st_mode >> 3) & 7
                                              : st->st_mode & 7;
    return (have & bits) == bits;
}

/* Checks that path is absolute and exists, and, when we switch users, that
   uid 65534 can reach it (search every folder above it) and use it. */
static bool check_path(const char *what, const char *path, char *why, size_t size)
{
    struct stat st;
    if (path == NULL || path[0] != '/') {
        snprintf(why, size, "perflab: the sandbox's %s must be an absolute path, not '%s'\n", what,
                 path != NULL ? path : "(none)");
        return false;
    }
    if (stat(path, &st) != 0) {
        snprintf(why, size, "perflab: the sandbox's %s %s: %s\n", what, path, strerror(errno));
        return false;
    }
    if (!switches_user())
        return true;
    char prefix[PATH_MAX];
    for (const char *slash = path; slash != NULL; slash = strchr(slash + 1, '/')) {
        size_t len = slash == path ? 1 : (size_t)(slash - path);
        if (len >= sizeof prefix)
            break;
        memcpy(prefix, path, len);
        prefix[len] = '\0';
        struct stat dir;
        if (stat(prefix, &dir) == 0 && !sandbox_user_may(&dir, X_OK)) {
            snprintf(why, size,
                     "perflab: the sandbox runs as uid %d, which cannot reach the %s %s: the folder %s is closed "
                     "to other users (chmod o+x %s, or choose another place)\n",
                     SANDBOX_UID, what, path, prefix, prefix);
            return false;
        }
    }
    if (!sandbox_user_may(&st, S_ISDIR(st.st_mode) ? R_OK | X_OK : R_OK)) {
        snprintf(why, size, "perflab: the sandbox runs as uid %d, which cannot read the %s %s (chmod o+r%s it)\n",
                 SANDBOX_UID, what, path, S_ISDIR(st.st_mode) ? "x" : "");
        return false;
    }
    return true;
}

static bool check_paths(const struct sandbox *sb, char *why, size_t size)
{
    struct stat st;
    if (sb->scratch == NULL || sb->scratch[0] != '/' || stat(sb->scratch, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(why, size, "perflab: the sandbox needs an existing scratch folder, given by its absolute path (got '%s')\n",
                 sb->scratch != NULL ? sb->scratch : "(none)");
        return false;
    }
    /* Hand it over first, then check it like the others. */
    if (switches_user() && (st.st_uid != SANDBOX_UID || st.st_gid != SANDBOX_GID) &&
        chown(sb->scratch, SANDBOX_UID, SANDBOX_GID) != 0) {
        snprintf(why, size, "perflab: cannot give the scratch folder %s to the sandbox user: %s\n", sb->scratch,
                 strerror(errno));
        return false;
    }
    if (!check_path("scratch folder", sb->scratch, why, size))
        return false;
    for (size_t i = 0; sb->read_only != NULL && sb->read_only[i] != NULL; i++)
        if (!check_path("read-only path", sb->read_only[i], why, size))
            return false;
    for (size_t i = 0; sb->read_write != NULL && sb->read_write[i] != NULL; i++)
        if (!check_path("writable path", sb->read_write[i], why, size))
            return false;
    return true;
}

/* ---- the parent's side: does bwrap work here? --------------------------------------- */

static long read_sysctl(const char *path)
{
    FILE *f = fopen(path, "r");
    long v = -1;
    if (f != NULL) {
        if (fscanf(f, "%ld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

/* The sysctl to set when the kernel refuses user namespaces to ordinary users. */
static const char *userns_hint(void)
{
    if (read_sysctl("/proc/sys/kernel/unprivileged_userns_clone") == 0)
        return "The kernel does not let unprivileged users create user namespaces. Allow it with:\n"
               "    sudo sysctl -w kernel.unprivileged_userns_clone=1\n"
               "(and put that setting in a file in /etc/sysctl.d/ to keep it after a reboot).\n";
    if (read_sysctl("/proc/sys/user/max_user_namespaces") == 0)
        return "The kernel allows no user namespaces (user.max_user_namespaces = 0). Allow them with:\n"
               "    sudo sysctl -w user.max_user_namespaces=10000\n"
               "(and put that setting in a file in /etc/sysctl.d/ to keep it after a reboot).\n";
    if (read_sysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == 1)
        return "AppArmor keeps unprivileged users from using user namespaces. Allow it with:\n"
               "    sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0\n"
               "(or give /usr/bin/bwrap an AppArmor profile that allows userns).\n";
    return "If that is about namespaces or 'Operation not permitted', the kernel (or the container perflab runs\n"
           "in) refuses user namespaces to unprivileged users: the sysctls kernel.unprivileged_userns_clone\n"
           "must be 1, user.max_user_namespaces above 0 and, on Ubuntu, kernel.apparmor_restrict_unprivileged_userns 0.\n";
}

/* Run bwrap once, as the sandbox user, around `true`. Returns its exit status
   (-1: could not run it) and its output in out. */
static int probe_bwrap(char *out, size_t size)
{
    char *const argv[] = { "true", NULL };
    char **a = bwrap_argv(NULL, -1, argv);
    int p[2];
    out[0] = '\0';
    if (a == NULL || pipe(p) != 0) {
        free(a);
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        become_sandbox_user();
        dup2(p[1], STDOUT_FILENO);
        dup2(p[1], STDERR_FILENO);
        close_inherited_fds(3);
        execv(bwrap_path, a);
        fprintf(stderr, "cannot run %s: %s\n", bwrap_path, strerror(errno));
        _exit(127);
    }
    free(a);
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        return -1;
    }
    size_t used = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) { /* at most 10 s: a probe must not hang the grader */
        struct pollfd pfd = { p[0], POLLIN, 0 };
        if (poll(&pfd, 1, 10000) <= 0)
            break;
        ssize_t got = read(p[0], out + used, size - 1 - used);
        if (got <= 0 || (used += (size_t)got) >= size - 1)
            break;
    }
    out[used] = '\0';
    close(p[0]);
    kill(pid, SIGKILL); /* a no-op unless it hung */
    int status = 0;
    pid_t got;
    while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        ;
    if (got != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static bool bwrap_works(char *why, size_t size)
{
    static char probed[PATH_MAX]; /* the bwrap that worked; tried again if PATH changes */
    if (strcmp(probed, bwrap_path) == 0)
        return true;
    char out[1024];
    int status = probe_bwrap(out, sizeof out);
    if (status == 0) {
        snprintf(probed, sizeof probed, "%s", bwrap_path);
        return true;
    }
    out[strcspn(out, "\n")] = '\0';
    snprintf(why, size, "perflab: bubblewrap (%s) cannot create a sandbox on this machine%s%s%s.\n%s",
             bwrap_path, out[0] ? " -- it says: \"" : "", out, out[0] ? "\"" : "", userns_hint());
    return false;
}

bool sandbox_prepare(const struct sandbox *sb, char *why, size_t size)
{
    return check_paths(sb, why, size) && find_bwrap(why, size) &&
           compile_filter(sb->allow_processes, sb->sanitizer, why, size) && bwrap_works(why, size);
}
