/*
 * sandbox.c -- the sandbox's own tests (common/sandbox.h): real attacks, run
 * inside it, judged from outside.
 *
 * The attacks are this binary itself: `sandbox-test attack NAME TOKEN ARGS`
 * runs one (attack() below) and reports on stdout what it managed to do.
 * Each test runs an attack through child_run() with a sandbox and checks the
 * result from the outside: the files, the processes, the exit status. Where
 * it is safe, the same attack runs once without the sandbox too, to show that
 * it is a real attack and that the sandbox is what stops it.
 *
 * TOKEN is unique to each run and appears in the command line of every
 * process the attack starts, so "nothing is left running" is checked by
 * looking for it in /proc/[pid]/cmdline afterwards.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "sandbox.h"

#if defined(__SANITIZE_ADDRESS__)
#define ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN 1
#endif
#endif
#ifndef ASAN
#define ASAN 0
#endif

extern char **environ;

/* ==== the attacks (run inside the sandbox) ====================================== */

static int report_errno(const char *what, int err)
{
    printf("%s: %s\n", what, err == 0 ? "ok" : strerrorname_np(err));
    return err;
}

/* Up to 2^8 processes if nothing stops it. Returns the errno of the first
   fork that failed (0: none did). */
static int attack_forkbomb(void)
{
    int forked = 0, err = 0;
    for (int i = 0; i < 8; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            err = errno;
            break;
        }
        if (pid > 0)
            forked++;
    }
    printf("forked %d\n", forked);
    report_errno("fork", err);
    return err;
}

/* Every way to start a process: all must fail. */
static int attack_spawn(void)
{
    errno = 0;
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    report_errno("fork", pid < 0 ? errno : 0);
    long r = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (r == 0)
        _exit(0);
    report_errno("clone", r < 0 ? errno : 0);
    struct clone_args args = { .exit_signal = SIGCHLD };
    r = syscall(SYS_clone3, &args, sizeof args);
    if (r == 0)
        _exit(0);
    report_errno("clone3", r < 0 ? errno : 0);
    char *argv[] = { "true", NULL };
    pid_t spawned;
    report_errno("posix_spawn", posix_spawnp(&spawned, "true", NULL, NULL, argv, environ));
    fflush(stdout);
    int status = system("true");
    printf("system: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1); /* 127: no shell */
    return 0;
}

/* The setsid daemon: fork, setsid, fork, and the grandchild lives on
   (it touches "alive" in the working directory, then sleeps). */
static int attack_daemon(void)
{
    pid_t pid = fork();
    if (pid < 0)
        return report_errno("fork", errno);
    if (pid == 0) {
        setsid();
        if (fork() != 0)
            _exit(0);
        close(STDOUT_FILENO);
        close(STDERR_FILENO);
        close(open("alive", O_WRONLY | O_CREAT, 0644));
        for (;;)
            sleep(1000);
    }
    waitpid(pid, NULL, 0);
    for (int i = 0; i < 500 && access("alive", F_OK) != 0; i++)
        usleep(10000);
    printf("daemon started: %s\n", access("alive", F_OK) == 0 ? "yes" : "no");
    return 0;
}

/* Every kind of write to `file` and its folder. Exit status: how many worked. */
static int attack_write_tree(const char *file)
{
    char dir[4096], other[4200];
    snprintf(dir, sizeof dir, "%s", file);
    *strrchr(dir, '/') = '\0';
    int worked = 0;
    int fd = open(file, O_WRONLY | O_APPEND);
    worked += report_errno("append", fd >= 0 && write(fd, "pwned\n", 6) == 6 ? 0 : errno) == 0;
    if (fd >= 0)
        close(fd);
    fd = open(file, O_WRONLY | O_TRUNC);
    worked += report_errno("truncate", fd >= 0 ? 0 : errno) == 0;
    if (fd >= 0)
        close(fd);
    snprintf(other, sizeof other, "%s/new-file", dir);
    fd = open(other, O_WRONLY | O_CREAT, 0644);
    worked += report_errno("create", fd >= 0 ? 0 : errno) == 0;
    if (fd >= 0)
        close(fd);
    worked += report_errno("chmod", chmod(file, 0777) == 0 ? 0 : errno) == 0;
    snprintf(other, sizeof other, "%s.moved", file);
    worked += report_errno("rename", rename(file, other) == 0 ? 0 : errno) == 0;
    worked += report_errno("unlink", unlink(file) == 0 ? 0 : errno) == 0;
    return worked;
}

/* Exit status 0 when the file could be read (its first line is printed). */
static int attack_read(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return report_errno("read", errno) != 0;
    char line[200] = "";
    if (fgets(line, sizeof line, f) == NULL)
        line[0] = '\0';
    fclose(f);
    printf("read: ok: %s", line);
    return 0;
}

/* Exit status 0 when a TCP connection to address:port was made. */
static int attack_connect(const char *address, const char *port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return report_errno("socket", errno) != 0;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port)) };
    inet_pton(AF_INET, address, &a.sin_addr);
    int rc = connect(s, (struct sockaddr *)&a, sizeof a);
    report_errno("connect", rc == 0 ? 0 : errno);
    close(s);
    return rc != 0;
}

/* Exit status 0 when a Unix socket at path could be connected to. */
static int attack_unix(const char *path)
{
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    int rc = connect(s, (struct sockaddr *)&a, sizeof a);
    report_errno("connect", rc == 0 ? 0 : errno);
    close(s);
    return rc != 0;
}

/* Write `mib` MiB to ./big. With "ignore", SIGXFSZ is ignored and the write
   fails with EFBIG instead of the process being killed. */
static int attack_big_file(const char *mib, const char *mode)
{
    if (strcmp(mode, "ignore") == 0)
        signal(SIGXFSZ, SIG_IGN);
    static char chunk[1 << 20];
    memset(chunk, 'x', sizeof chunk);
    int fd = open("big", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return report_errno("open", errno);
    long long written = 0;
    int err = 0;
    for (int i = 0; i < atoi(mib); i++) {
        ssize_t got = write(fd, chunk, sizeof chunk);
        if (got < 0) {
            err = errno;
            break;
        }
        written += got;
        if (got < (ssize_t)sizeof chunk) { /* the limit cut this write short */
            got = write(fd, chunk, sizeof chunk);
            err = got < 0 ? errno : 0;
            break;
        }
    }
    close(fd);
    printf("wrote %lld bytes\n", written);
    return report_errno("write", err) != 0 ? 0 : 1;
}

static int attack_spin(void)
{
    for (volatile unsigned long i = 0;; i++)
        ;
    return 0;
}

static int attack_malloc(const char *gib)
{
    /* Through a volatile pointer: compilers may drop a malloc whose result
       is only compared and freed (clang does). Never touched: if the cap
       failed, 10 GiB of writes could take the machine down. */
    void *(*volatile allocate)(size_t) = malloc;
    void *p = allocate((size_t)atoi(gib) << 30);
    printf("malloc(%s GiB): %s\n", gib, p == NULL ? "NULL" : "got it");
    free(p);
    return p != NULL;
}

static void *thread_work(void *arg)
{
    long sum = 0;
    for (long i = 0; i < 1000000; i++)
        sum += i ^ (long)(intptr_t)arg;
    return (void *)(intptr_t)(sum & 1);
}

static int attack_threads(void)
{
    pthread_t t[8];
    int started = 0;
    for (int i = 0; i < 8; i++) {
        int rc = pthread_create(&t[i], NULL, thread_work, (void *)(intptr_t)i);
        if (rc != 0) {
            report_errno("pthread_create", rc);
            break;
        }
        started++;
    }
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    printf("threads: %d ran\n", started);
    return started != 8;
}

static int attack_flood(void)
{
    static char line[4096];
    memset(line, 'x', sizeof line - 1);
    printf("first\n");
    for (int i = 0; i < 5000; i++) /* 20 MB */
        fputs(line, stdout);
    printf("\nlast\n");
    return 0;
}

/* Fixed work for callgrind, counted with --toggle-collect=sandbox_test_work. */
__attribute__((noinline)) unsigned long sandbox_test_work(unsigned long n)
{
    unsigned long x = 1;
    for (unsigned long i = 0; i < n; i++)
        x = x * 6364136223846793005UL + i;
    return x;
}

static int attack_work(const char *n)
{
    printf("work: %lu\n", sandbox_test_work(strtoul(n, NULL, 10)));
    return 0;
}

/* Who am I, what can I do, what did I inherit. */
static int attack_inspect(void)
{
    printf("uid=%d gid=%d\n", (int)getuid(), (int)getgid());
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "CapEff:", 7) == 0 || strncmp(line, "NoNewPrivs:", 11) == 0 ||
            strncmp(line, "Seccomp:", 8) == 0)
            fputs(line, stdout);
    if (f != NULL)
        fclose(f);
    int open_fds = 0;
    for (int fd = 3; fd < 1024; fd++)
        open_fds += fcntl(fd, F_GETFD) >= 0;
    printf("inherited fds: %d\n", open_fds);
    report_errno("ptrace", ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0 ? 0 : errno);
    report_errno("unshare", syscall(SYS_unshare, CLONE_NEWUSER) == 0 ? 0 : errno);
    report_errno("mount", mount("none", "/tmp", "tmpfs", 0, NULL) == 0 ? 0 : errno);
    report_errno("keyctl", syscall(SYS_keyctl, 0, 0, 0, 0, 0) == 0 ? 0 : errno);
    report_errno("bpf", syscall(SYS_bpf, 0, NULL, 0) == 0 ? 0 : errno);
    report_errno("perf_event_open", syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0) == 0 ? 0 : errno);
    report_errno("io_uring_setup", syscall(SYS_io_uring_setup, 1, NULL) == 0 ? 0 : errno);
    int fd = open("/tmp/x", O_WRONLY | O_CREAT, 0644);
    report_errno("write /tmp", fd >= 0 ? 0 : errno);
    fd = open("/x", O_WRONLY | O_CREAT, 0644);
    report_errno("write /", fd >= 0 ? 0 : errno);
    fd = open("scratch-file", O_WRONLY | O_CREAT, 0644);
    report_errno("write scratch", fd >= 0 ? 0 : errno);
    char cwd[4096];
    printf("cwd=%s home=%s\n", getcwd(cwd, sizeof cwd) ? cwd : "?", getenv("HOME") ? getenv("HOME") : "?");
    return 0;
}

void *volatile sandbox_test_lost;

static int attack_leak(void)
{
    sandbox_test_lost = malloc(1000);
    sandbox_test_lost = NULL;
    return 0;
}

static int attack(int argc, char **argv)
{
    /* argv: self attack NAME TOKEN [ARG...] */
    const char *name = argv[2];
    const char *arg = argc > 4 ? argv[4] : "";
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (strcmp(name, "forkbomb") == 0) {
        attack_forkbomb();
        for (;;) /* every process the bomb made stays until killed */
            pause();
    }
    if (strcmp(name, "forkbomb-once") == 0)
        return attack_forkbomb() != EPERM;
    if (strcmp(name, "spawn") == 0)
        return attack_spawn();
    if (strcmp(name, "daemon") == 0)
        return attack_daemon();
    if (strcmp(name, "write-tree") == 0)
        return attack_write_tree(arg);
    if (strcmp(name, "read") == 0)
        return attack_read(arg);
    if (strcmp(name, "connect") == 0)
        return attack_connect(arg, argc > 5 ? argv[5] : "");
    if (strcmp(name, "unix") == 0)
        return attack_unix(arg);
    if (strcmp(name, "big-file") == 0)
        return attack_big_file(arg, argc > 5 ? argv[5] : "");
    if (strcmp(name, "spin") == 0)
        return attack_spin();
    if (strcmp(name, "malloc") == 0)
        return attack_malloc(arg);
    if (strcmp(name, "threads") == 0)
        return attack_threads();
    if (strcmp(name, "flood") == 0)
        return attack_flood();
    if (strcmp(name, "work") == 0)
        return attack_work(arg);
    if (strcmp(name, "inspect") == 0)
        return attack_inspect();
    if (strcmp(name, "leak") == 0)
        return attack_leak();
    fprintf(stderr, "no attack named %s\n", name);
    return 2;
}

/* ==== the tests (outside) ========================================================== */

struct fixture {
    char self[4096];    /* this binary, bound read-only so it can run inside */
    char root[48];      /* a temporary folder for this test */
    char scratch[64];   /* root/scratch: the sandbox's writable folder */
    const char *read_only[4];
    struct sandbox sb;
    char token[64];
    char *asan_options; /* ASAN_OPTIONS before strict_policy(), to restore */
    bool asan_options_set;
};

static int counter;

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    ssize_t n = readlink("/proc/self/exe", f->self, sizeof f->self - 1);
    assert_true(n > 0);
    snprintf(f->root, sizeof f->root, "/tmp/perflab-sandbox-test-XXXXXX");
    assert_non_null(mkdtemp(f->root));
    chmod(f->root, 0755); /* reachable by the sandbox user: only the sandbox may stop it */
    snprintf(f->scratch, sizeof f->scratch, "%s/scratch", f->root);
    assert_int_equal(mkdir(f->scratch, 0700), 0);
    f->read_only[0] = f->self;
    f->sb.scratch = f->scratch;
    f->sb.read_only = f->read_only;
    f->sb.sanitizer = ASAN;
    snprintf(f->token, sizeof f->token, "perflab-attack-%d-%d", (int)getpid(), ++counter);
    *state = f;
    return 0;
}

/* The grading policy, also in a sanitized build (whose policy allows
   processes and ptrace): LeakSanitizer cannot run under it, so it is off. */
static void strict_policy(struct fixture *f)
{
    f->sb.sanitizer = false;
    if (ASAN && !f->asan_options_set) {
        const char *now = getenv("ASAN_OPTIONS");
        f->asan_options = now != NULL ? strdup(now) : NULL;
        f->asan_options_set = true;
        setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    }
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    if (f->asan_options_set) {
        if (f->asan_options != NULL)
            setenv("ASAN_OPTIONS", f->asan_options, 1);
        else
            unsetenv("ASAN_OPTIONS");
        free(f->asan_options);
    }
    char *argv[] = { "rm", "-rf", f->root, NULL };
    struct child_limits limits = { .timeout_s = 30 };
    struct child_result r;
    child_run(argv, &limits, &r);
    child_result_free(&r);
    free(f);
    return 0;
}

/* How many processes have `token` in their command line. */
static int processes_with(const char *token)
{
    int found = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        char path[300], cmdline[8192];
        snprintf(path, sizeof path, "/proc/%s/cmdline", e->d_name);
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            continue;
        ssize_t n = read(fd, cmdline, sizeof cmdline);
        close(fd);
        if (n > 0 && memmem(cmdline, (size_t)n, token, strlen(token)) != NULL)
            found++;
    }
    if (d != NULL)
        closedir(d);
    return found;
}

/* After a timeout the process group is killed and child_run returns at once;
   the kernel then ends the sandbox's PID namespace, which takes a moment.
   (After a normal exit, child_run returns only once the namespace is gone.) */
static bool gone_soon(const char *token)
{
    for (int i = 0; i < 100; i++) {
        if (processes_with(token) == 0) {
            if (i > 0)
                printf("(the sandbox's processes were gone %d ms after the timeout)\n", i * 10);
            return true;
        }
        usleep(10000);
    }
    return false;
}

/* Run attack `name` with up to two arguments, in the sandbox (sb) or not (NULL). */
static bool run_attack(struct fixture *f, const struct sandbox *sb, struct child_limits limits, const char *name,
                       const char *arg, const char *arg2, struct child_result *r)
{
    char *argv[] = { f->self, "attack", (char *)name, f->token, (char *)arg, (char *)arg2, NULL };
    limits.sandbox = sb;
    if (limits.timeout_s == 0)
        limits.timeout_s = 30;
    bool ok = child_run(argv, &limits, r);
    if (getenv("SANDBOX_TEST_VERBOSE") != NULL) {
        char how[200];
        printf("---- %s %s (%s): %s\n%.2000s\n", name, sb ? "sandboxed" : "not sandboxed", arg ? arg : "",
               child_describe(r, how, sizeof how), r->output);
    }
    return ok;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    chmod(path, mode);
}

static bool file_is(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return strcmp(buf, text) == 0;
}

static void assert_output_has(const struct child_result *r, const char *text)
{
    if (strstr(r->output, text) == NULL)
        fail_msg("expected \"%s\" in the output:\n%s", text, r->output);
}

/* ---- processes -------------------------------------------------------------------- */

static void test_fork_bomb_gets_eperm(void **state)
{
    struct fixture *f = *state;
    strict_policy(f);
    struct child_result r;
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "forkbomb-once", NULL, NULL, &r));
    assert_output_has(&r, "forked 0\nfork: EPERM");
    child_result_free(&r);

    /* Every other way: clone without CLONE_THREAD, clone3 (ENOSYS, so glibc
       would fall back to clone), posix_spawn, system(). */
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "spawn", NULL, NULL, &r));
    assert_output_has(&r, "fork: EPERM\nclone: EPERM\nclone3: ENOSYS\nposix_spawn: EPERM\nsystem: exit 127\n");
    child_result_free(&r);

    /* A shell's fork bomb: the shell cannot fork at all. */
    char *sh[] = { "/bin/sh", "-c", "f() { f | f & }; f", f->token, NULL };
    struct child_limits limits = { .timeout_s = 10, .sandbox = &f->sb };
    assert_false(child_run(sh, &limits, &r));
    assert_int_not_equal(r.outcome, CHILD_TIMED_OUT);
    assert_output_has(&r, "Cannot fork");
    child_result_free(&r);
    assert_int_equal(processes_with(f->token), 0);
}

static void test_fork_bomb_ends_with_the_run_when_processes_are_allowed(void **state)
{
    /* With fork allowed (perf record needs it), the bomb runs into the process
       limit, and the PID namespace ends every process it made. */
    struct fixture *f = *state;
    f->sb.allow_processes = true;
    f->sb.max_threads = 32;
    struct child_result r;
    run_attack(f, &f->sb, (struct child_limits){ .timeout_s = 2 }, "forkbomb", NULL, NULL, &r);
    assert_int_equal(r.outcome, CHILD_TIMED_OUT);
    if (geteuid() == 0)
        assert_output_has(&r, "fork: EAGAIN"); /* RLIMIT_NPROC for uid 65534 */
    child_result_free(&r);
    assert_true(gone_soon(f->token));
}

static void test_setsid_daemon_does_not_outlive_the_run(void **state)
{
    struct fixture *f = *state;
    strict_policy(f);
    struct child_result r;
    /* Under the normal policy it cannot even start. */
    assert_false(run_attack(f, &f->sb, (struct child_limits){ 0 }, "daemon", NULL, NULL, &r));
    assert_output_has(&r, "fork: EPERM");
    child_result_free(&r);

    /* With processes allowed it starts, and ends with the run. */
    f->sb.allow_processes = true;
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "daemon", NULL, NULL, &r));
    assert_output_has(&r, "daemon started: yes");
    child_result_free(&r);
    char alive[128];
    snprintf(alive, sizeof alive, "%s/alive", f->scratch);
    assert_int_equal(access(alive, F_OK), 0); /* it did run */
    assert_int_equal(processes_with(f->token), 0);
}

static void test_infinite_loop_is_killed(void **state)
{
    struct fixture *f = *state;
    struct child_result r;
    assert_false(run_attack(f, &f->sb, (struct child_limits){ .timeout_s = 1 }, "spin", NULL, NULL, &r));
    assert_int_equal(r.outcome, CHILD_TIMED_OUT);
    assert_true(r.seconds < 5);
    child_result_free(&r);
    assert_true(gone_soon(f->token));

    /* The CPU limit holds on its own (should the parent's timer fail). */
    f->sb.cpu_seconds = 1;
    assert_false(run_attack(f, &f->sb, (struct child_limits){ .timeout_s = 20 }, "spin", NULL, NULL, &r));
    assert_int_equal(r.outcome, CHILD_SIGNALED);
    assert_true(r.signal == SIGXCPU || r.signal == SIGKILL);
    child_result_free(&r);
}

static void test_threads_work(void **state)
{
    struct fixture *f = *state;
    struct child_result r;
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "threads", NULL, NULL, &r));
    assert_output_has(&r, "threads: 8 ran");
    child_result_free(&r);
}

/* ---- files -------------------------------------------------------------------------- */

static void test_project_tree_is_read_only(void **state)
{
    struct fixture *f = *state;
    /* A stand-in for the project tree, writable by anyone outside: only the
       read-only bind can stop the writes. */
    char tree[128], file[160];
    snprintf(tree, sizeof tree, "%s/tree", f->root);
    snprintf(file, sizeof file, "%s/tests.c", tree);
    assert_int_equal(mkdir(tree, 0777), 0);
    chmod(tree, 0777);
    write_file(file, "original\n", 0666);
    f->read_only[1] = tree;

    struct child_result r;
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "write-tree", file, NULL, &r));
    assert_output_has(&r, "append: EROFS\ntruncate: EROFS\ncreate: EROFS\n"
                          "chmod: EROFS\nrename: EROFS\nunlink: EROFS\n");
    child_result_free(&r);
    assert_true(file_is(file, "original\n"));
    char created[200];
    snprintf(created, sizeof created, "%s/new-file", tree);
    assert_int_not_equal(access(created, F_OK), 0);

    /* Not bound at all: not even there. */
    f->read_only[1] = NULL;
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "write-tree", file, NULL, &r));
    assert_output_has(&r, "append: ENOENT");
    child_result_free(&r);
    assert_true(file_is(file, "original\n"));

    /* The same attack outside the sandbox works: it is a real one. */
    assert_false(run_attack(f, NULL, (struct child_limits){ 0 }, "write-tree", file, NULL, &r));
    assert_output_has(&r, "append: ok");
    child_result_free(&r);
}

static void test_unbound_paths_cannot_be_read(void **state)
{
    struct fixture *f = *state;
    char secret_dir[128], secret[160];
    snprintf(secret_dir, sizeof secret_dir, "%s/solutions", f->root);
    snprintf(secret, sizeof secret, "%s/optimized.c", secret_dir);
    assert_int_equal(mkdir(secret_dir, 0755), 0);
    write_file(secret, "the answer\n", 0644); /* readable by anyone outside */

    struct child_result r;
    assert_false(run_attack(f, &f->sb, (struct child_limits){ 0 }, "read", secret, NULL, &r));
    assert_output_has(&r, "read: ENOENT");
    child_result_free(&r);
    assert_true(run_attack(f, NULL, (struct child_limits){ 0 }, "read", secret, NULL, &r));
    assert_output_has(&r, "read: ok: the answer");
    child_result_free(&r);

    /* The project's own files (the folder above this binary's), and /etc. */
    char readme[4200];
    snprintf(readme, sizeof readme, "%s", f->self);
    for (int up = 0; up < 2; up++)
        *strrchr(readme, '/') = '\0';
    strcat(readme, "/README.md");
    const char *paths[] = { readme, "/etc/passwd", "/root/.bashrc", "/home" };
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        assert_false(run_attack(f, &f->sb, (struct child_limits){ 0 }, "read", paths[i], NULL, &r));
        assert_output_has(&r, "read: ENOENT");
        child_result_free(&r);
    }
}

static void test_file_size_is_capped(void **state)
{
    struct fixture *f = *state;
    char big[128];
    snprintf(big, sizeof big, "%s/big", f->scratch);
    struct stat st;
    struct child_result r;
    /* 200 MiB, ignoring SIGXFSZ: the writes stop at 64 MiB with EFBIG. */
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "big-file", "200", "ignore", &r));
    assert_output_has(&r, "wrote 67108864 bytes\nwrite: EFBIG");
    child_result_free(&r);
    assert_int_equal(stat(big, &st), 0);
    assert_int_equal(st.st_size, 64 << 20);
    /* Not ignoring it: killed by SIGXFSZ, reported as such through bwrap. */
    assert_false(run_attack(f, &f->sb, (struct child_limits){ 0 }, "big-file", "200", "", &r));
    assert_int_equal(r.outcome, CHILD_SIGNALED);
    assert_int_equal(r.signal, SIGXFSZ);
    child_result_free(&r);
    assert_int_equal(stat(big, &st), 0);
    assert_int_equal(st.st_size, 64 << 20);
}

/* ---- network ---------------------------------------------------------------------------- */

static void test_no_network(void **state)
{
    struct fixture *f = *state;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    assert_int_equal(bind(listener, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(listener, 4), 0);
    assert_int_equal(getsockname(listener, (struct sockaddr *)&a, &len), 0);
    char port[16];
    snprintf(port, sizeof port, "%d", ntohs(a.sin_port));

    struct child_result r;
    /* Inside, 127.0.0.1 is the sandbox's own loopback: nobody listens there. */
    assert_false(run_attack(f, &f->sb, (struct child_limits){ 0 }, "connect", "127.0.0.1", port, &r));
    assert_output_has(&r, "connect: ECONNREFUSED");
    child_result_free(&r);
    assert_true(run_attack(f, NULL, (struct child_limits){ 0 }, "connect", "127.0.0.1", port, &r));
    assert_output_has(&r, "connect: ok");
    child_result_free(&r);
    close(listener);
    /* And there is no route anywhere else (192.0.2.1: TEST-NET-1). */
    assert_false(run_attack(f, &f->sb, (struct child_limits){ 0 }, "connect", "192.0.2.1", "80", &r));
    assert_output_has(&r, "connect: ENETUNREACH");
    child_result_free(&r);
}

static void test_a_bound_socket_folder_is_reachable(void **state)
{
    /* Lab 5's case: the database's socket folder is bound in read_write. */
    struct fixture *f = *state;
    char dir[64];
    snprintf(dir, sizeof dir, "%s/db", f->root);
    assert_int_equal(mkdir(dir, 0755), 0);
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    snprintf(a.sun_path, sizeof a.sun_path, "%s/.s.PGSQL.5432", dir);
    assert_int_equal(bind(listener, (struct sockaddr *)&a, sizeof a), 0);
    chmod(a.sun_path, 0777);
    assert_int_equal(listen(listener, 4), 0);

    struct child_result r;
    assert_false(run_attack(f, &f->sb, (struct child_limits){ 0 }, "unix", a.sun_path, NULL, &r));
    assert_output_has(&r, "connect: ENOENT");
    child_result_free(&r);
    const char *rw[] = { dir, NULL };
    f->sb.read_write = rw;
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "unix", a.sun_path, NULL, &r));
    assert_output_has(&r, "connect: ok");
    child_result_free(&r);
    close(listener);
}

/* ---- memory and output ---------------------------------------------------------------- */

static void test_memory_cap(void **state)
{
    struct fixture *f = *state;
    if (ASAN)
        skip(); /* AddressSanitizer reserves terabytes: no address-space cap then */
    struct child_result r;
    struct child_limits limits = { .memory_bytes = (size_t)1 << 30 };
    assert_true(run_attack(f, &f->sb, limits, "malloc", "10", NULL, &r));
    assert_output_has(&r, "malloc(10 GiB): NULL");
    child_result_free(&r);
}

static void test_output_flood_is_capped(void **state)
{
    struct fixture *f = *state;
    struct child_result r;
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "flood", NULL, NULL, &r));
    assert_true(r.output_len < 400 * 1024);
    assert_true(strncmp(r.output, "first\n", 6) == 0);
    assert_output_has(&r, "bytes of output left out");
    assert_string_equal(child_output_tail(&r, 1), "last\n");
    child_result_free(&r);
}

/* ---- who runs, with what ---------------------------------------------------------------- */

static void test_unprivileged_and_nothing_inherited(void **state)
{
    struct fixture *f = *state;
    /* An open file of ours, not close-on-exec: the sandbox must not get it. */
    char report[128];
    snprintf(report, sizeof report, "%s/report.json", f->root);
    int leak = open(report, O_WRONLY | O_CREAT, 0644);
    assert_true(leak >= 3);
    strict_policy(f);
    struct child_result r;
    assert_true(run_attack(f, &f->sb, (struct child_limits){ 0 }, "inspect", NULL, NULL, &r));
    close(leak);
    char line[300];
    int uid = geteuid() == 0 ? 65534 : (int)getuid();
    int gid = geteuid() == 0 ? 65534 : (int)getgid();
    snprintf(line, sizeof line, "uid=%d gid=%d\n", uid, gid);
    assert_output_has(&r, line);
    assert_output_has(&r, "CapEff:\t0000000000000000\n");
    assert_output_has(&r, "NoNewPrivs:\t1\n");
    assert_output_has(&r, "Seccomp:\t2\n");
    assert_output_has(&r, "inherited fds: 0\n");
    assert_output_has(&r, "ptrace: EPERM\n");
    assert_output_has(&r, "unshare: EPERM\nmount: EPERM\nkeyctl: EPERM\nbpf: EPERM\nperf_event_open: EPERM\n"
                          "io_uring_setup: EPERM\n");
    assert_output_has(&r, "write /tmp: ok\nwrite /: EROFS\nwrite scratch: ok\n");
    /* The environment is ours, unchanged (see sandbox.h). */
    snprintf(line, sizeof line, "cwd=%s home=%.100s\n", f->scratch, getenv("HOME") ? getenv("HOME") : "?");
    assert_output_has(&r, line);
    child_result_free(&r);
}

static void test_crash_and_exit_status_come_through(void **state)
{
    struct fixture *f = *state;
    struct child_limits limits = { .timeout_s = 10, .sandbox = &f->sb };
    struct child_result r;
    char how[200];
    char *crash[] = { "sh", "-c", "kill -SEGV $$", NULL };
    assert_false(child_run(crash, &limits, &r));
    assert_int_equal(r.outcome, CHILD_SIGNALED);
    assert_non_null(strstr(child_describe(&r, how, sizeof how), "SIGSEGV"));
    child_result_free(&r);
    char *status[] = { "sh", "-c", "echo out; exit 3", NULL };
    assert_false(child_run(status, &limits, &r));
    assert_int_equal(r.outcome, CHILD_EXITED);
    assert_int_equal(r.exit_code, 3);
    assert_string_equal(r.output, "out\n");
    child_result_free(&r);
}

static void test_leak_sanitizer_works_inside(void **state)
{
    struct fixture *f = *state;
    if (!ASAN)
        skip();
    struct child_result r;
    assert_false(run_attack(f, &f->sb, (struct child_limits){ 0 }, "leak", NULL, NULL, &r));
    assert_output_has(&r, "ERROR: LeakSanitizer: detected memory leaks");
    assert_output_has(&r, "attack_leak");
    child_result_free(&r);
    /* Why struct sandbox has .sanitizer: without it, no leak check. */
    f->sb.sanitizer = false;
    assert_false(run_attack(f, &f->sb, (struct child_limits){ 0 }, "leak", NULL, NULL, &r));
    assert_output_has(&r, "LeakSanitizer has encountered a fatal error");
    child_result_free(&r);
}

/* ---- valgrind ---------------------------------------------------------------------------- */

/* The "totals:" (or "summary:") of a callgrind output file; -1 if none. */
static long long callgrind_total(const char *path)
{
    FILE *fp = fopen(path, "r");
    char line[512];
    long long total = -1;
    while (fp != NULL && fgets(line, sizeof line, fp) != NULL)
        if (sscanf(line, "totals: %lld", &total) == 1 || sscanf(line, "summary: %lld", &total) == 1)
            break;
    if (fp != NULL)
        fclose(fp);
    return total;
}

/* callgrind on `sandbox-test attack work 100000`, inside or outside; returns
   the count and leaves the output file at out_path. */
static long long count_work(struct fixture *f, const struct sandbox *sb, const char *out_arg, const char *out_path,
                            bool whole_program)
{
    char *argv[] = { "valgrind", "--tool=callgrind", (char *)out_arg,
                     whole_program ? "--toggle-collect=main" : "--toggle-collect=sandbox_test_work",
                     f->self, "attack", "work", f->token, "100000", NULL };
    if (whole_program) /* everything from the first instruction */
        argv[3] = "--collect-atstart=yes";
    struct child_limits limits = { .timeout_s = 120, .sandbox = sb };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
    if (!ok)
        fail_msg("callgrind %s the sandbox failed:\n%s", sb ? "inside" : "outside", r.output);
    child_result_free(&r);
    return callgrind_total(out_path);
}

static void test_callgrind_runs_inside_with_the_same_count(void **state)
{
    struct fixture *f = *state;
    if (ASAN)
        skip(); /* callgrind cannot run sanitized code */
    char inside[128], outside_arg[160], outside[128];
    /* Inside: a relative output file, in the working directory = scratch. */
    snprintf(inside, sizeof inside, "%s/callgrind.out", f->scratch);
    long long in = count_work(f, &f->sb, "--callgrind-out-file=callgrind.out", inside, false);
    snprintf(outside, sizeof outside, "%s/outside.out", f->root);
    snprintf(outside_arg, sizeof outside_arg, "--callgrind-out-file=%s", outside);
    long long out = count_work(f, NULL, outside_arg, outside, false);
    printf("callgrind, sandbox_test_work(100000): %lld instructions inside the sandbox, %lld outside\n", in, out);
    assert_true(in >= 100000); /* at least one instruction per iteration */
    assert_int_equal(in, out);

    /* The whole program, start-up included, for the record. */
    long long in_all = count_work(f, &f->sb, "--callgrind-out-file=callgrind.out", inside, true);
    long long out_all = count_work(f, NULL, outside_arg, outside, true);
    printf("callgrind, whole program: %lld instructions inside the sandbox, %lld outside\n", in_all, out_all);
    assert_true(in_all > in);
}

/* ---- errors the caller can act on ---------------------------------------------------------- */

static void test_missing_bwrap_says_how_to_install_it(void **state)
{
    struct fixture *f = *state;
    char *saved = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    setenv("PATH", "/nonexistent", 1);
    char *argv[] = { "/bin/true", NULL };
    struct child_limits limits = { .timeout_s = 10, .sandbox = &f->sb };
    struct child_result r;
    assert_false(child_run(argv, &limits, &r));
    setenv("PATH", saved, 1);
    free(saved);
    assert_int_equal(r.outcome, CHILD_NOT_RUN);
    assert_output_has(&r, "install bubblewrap: make deps");
    child_result_free(&r);
}

static void test_bad_paths_are_refused_before_running(void **state)
{
    struct fixture *f = *state;
    char *argv[] = { "/bin/true", NULL };
    struct child_limits limits = { .timeout_s = 10, .sandbox = &f->sb };
    struct child_result r;
    f->read_only[1] = "relative/path";
    assert_false(child_run(argv, &limits, &r));
    assert_int_equal(r.outcome, CHILD_NOT_RUN);
    assert_output_has(&r, "must be an absolute path");
    child_result_free(&r);
    f->read_only[1] = "/nonexistent/file";
    assert_false(child_run(argv, &limits, &r));
    assert_int_equal(r.outcome, CHILD_NOT_RUN);
    assert_output_has(&r, "/nonexistent/file: No such file or directory");
    child_result_free(&r);
    if (geteuid() == 0) { /* a folder closed to others: uid 65534 could not bind it */
        char closed[128], inner[160];
        snprintf(closed, sizeof closed, "%s/closed", f->root);
        snprintf(inner, sizeof inner, "%s/closed/data", f->root);
        assert_int_equal(mkdir(closed, 0700), 0);
        write_file(inner, "x", 0644);
        f->read_only[1] = inner;
        assert_false(child_run(argv, &limits, &r));
        assert_int_equal(r.outcome, CHILD_NOT_RUN);
        assert_output_has(&r, "cannot reach");
        child_result_free(&r);
    }
    f->read_only[1] = NULL;
    assert_true(child_run(argv, &limits, &r));
    child_result_free(&r);
}

/* ---- cost ------------------------------------------------------------------------------ */

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_startup_cost(void **state)
{
    struct fixture *f = *state;
    enum { RUNS = 20 };
    double plain[RUNS], boxed[RUNS];
    char *argv[] = { "/bin/true", NULL };
    for (int i = 0; i < RUNS; i++) {
        struct child_result r;
        struct child_limits limits = { .timeout_s = 10 };
        assert_true(child_run(argv, &limits, &r));
        plain[i] = r.seconds;
        child_result_free(&r);
        limits.sandbox = &f->sb;
        assert_true(child_run(argv, &limits, &r));
        boxed[i] = r.seconds;
        child_result_free(&r);
    }
    qsort(plain, RUNS, sizeof *plain, by_value);
    qsort(boxed, RUNS, sizeof *boxed, by_value);
    double p = (plain[RUNS / 2 - 1] + plain[RUNS / 2]) / 2, b = (boxed[RUNS / 2 - 1] + boxed[RUNS / 2]) / 2;
    printf("/bin/true, median of %d: %.2f ms plain, %.2f ms sandboxed (+%.2f ms)\n", RUNS, p * 1e3, b * 1e3,
           (b - p) * 1e3);
    assert_true(b < 1.0); /* a sandbox start must stay cheap next to a test run */
}

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "attack") == 0)
        return attack(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fork_bomb_gets_eperm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fork_bomb_ends_with_the_run_when_processes_are_allowed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_setsid_daemon_does_not_outlive_the_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_infinite_loop_is_killed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads_work, setup, teardown),
        cmocka_unit_test_setup_teardown(test_project_tree_is_read_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unbound_paths_cannot_be_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_size_is_capped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_network, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_bound_socket_folder_is_reachable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_flood_is_capped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unprivileged_and_nothing_inherited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_and_exit_status_come_through, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leak_sanitizer_works_inside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_callgrind_runs_inside_with_the_same_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_bwrap_says_how_to_install_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_paths_are_refused_before_running, setup, teardown),
        cmocka_unit_test_setup_teardown(test_startup_cost, setup, teardown),
    };
    return cmocka_run_group_tests_name("sandbox", tests, NULL, NULL);
}
