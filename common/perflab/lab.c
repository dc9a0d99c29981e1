/*
 * lab.c -- `make lab-N`: is every variant correct, and how fast is it?
 *
 * Correctness first, because a fast wrong answer is not a result: each
 * variant's cmocka suite runs in a child process with the lab's time limit.
 * Then bench measures the variants that passed, side by side. A student whose
 * code crashes or fails still sees naive and the reference measured, and is
 * told what went wrong (code that passes its tests but brings bench down:
 * bench runs again without it).
 *
 * Student code runs only in the sandbox (sandbox.h), as in a grade:
 * - The suites are trusted: each calls its variant's code in a worker
 *   (rpc.h), and yours' worker runs in the sandbox, its one writable folder
 *   build/lab-N/scratch-test-yours (emptied first).
 * - bench links yours, so bench runs in the sandbox, its one writable folder
 *   build/lab-N/scratch-bench (emptied before, removed after; PERFLAB_KEEP=1
 *   keeps it). It writes what it always wrote at the same relative path,
 *   $(PLOTS)/lab-N, which now resolves inside its scratch folder: the
 *   tables and the lines that name the files read as before. Its plots'
 *   data go to work/ there. It cannot start gnuplot (no process starts in
 *   the sandbox), so it queues each plot (gnuplot.h), and after it has
 *   exited this side draws the queue -- with gnuplot in a sandbox of its
 *   own, because the queue was written by a process that ran student code.
 *   Then the files are copied into $(PLOTS)/lab-N: regular files only (no
 *   link followed, no fifo opened), with plain names, at most FILE_BYTES
 *   each and MAX_FILES in all. Nothing that ran student code had write
 *   access to the tree or to $(PLOTS).
 * - bench can neither run git and dpkg-query nor read /etc there: the
 *   provenance's OS, commit, libraries and cache sizes are collected here and handed
 *   over in PERFLAB_PROVENANCE (provenance.h).
 * Why not let the bench start gnuplot (allow_processes)? Then student code
 * could start any process, inside the view; the queue keeps "no process
 * starts" true for every process that runs student code.
 *
 * A report that needs one call per process (Lab 9's memory table: massif,
 * and the peak RSS of a fresh process) names those runs in its lab's
 * per_process (workload.h); this side makes them before bench, each in the
 * sandbox, and hands bench the numbers in per-process.txt in its scratch
 * folder. Bench's $TMPDIR is its scratch folder too (on disk: Lab 9's logs
 * reach 256 MiB, the sandbox's /tmp holds 64 MiB).
 *
 * A service bench needs that only a trusted process can start (Lab 5's
 * PostgreSQL server under DB=postgres) is started by driver-trusted --serve
 * (no student code) for the time bench runs; bench gets what it says: an
 * environment variable (the server's folder) and a writable bind (that
 * folder, for the socket). Bench connects as the lab's role, which is no
 * superuser and owns only the schemas made for it (pgserver.h).
 */
#define _GNU_SOURCE /* realpath, pipe2 */
#include "commands.h"

#include "../child.h"
#include "../gnuplot.h"
#include "../provenance.h"
#include "../sandbox.h"
#include "env.h"
#include "files.h"
#include "lab.h"
#include "labs.h"
#include "measure.h"
#include "prediction.h"
#include "suite.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
    BENCH_TIMEOUT_S = 600,
    FILE_BYTES = 64 << 20, /* the largest file copied out: the sandbox's default RLIMIT_FSIZE */
    BENCH_FILE_BYTES = 512 << 20, /* bench's largest: Lab 9's logs reach 256 MiB */
    MAX_FILES = 200,       /* a lab writes at most about 20 */
};

/* The bench's sandbox, and gnuplot's after it: one scratch folder. */
struct bench_run {
    char root[PATH_MAX];    /* the tree (our working folder) */
    char binary[PATH_MAX];  /* build/lab-N/bench, absolute */
    char scratch[PATH_MAX]; /* build/lab-N/scratch-bench, absolute */
    char inside[PATH_MAX];  /* where bench writes, relative to scratch: $(PLOTS)/lab-N */
    char scripts[2][PATH_MAX];
    const char *read_only[8];
    struct sandbox bench, gnuplot;
};

/* mkdir -p. */
static void make_folders(const char *path)
{
    char part[PATH_MAX];
    snprintf(part, sizeof part, "%s", path);
    for (char *slash = strchr(part + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(part, 0777);
        *slash = '/';
    }
    mkdir(part, 0777);
}

/* A path that stays below the folder it is taken from: relative, no "..". */
static bool stays_below(const char *path)
{
    if (path[0] == '/' || path[0] == '\0')
        return false;
    for (const char *part = path;;) {
        if (strncmp(part, "..", 2) == 0 && (part[2] == '/' || part[2] == '\0'))
            return false;
        const char *slash = strchr(part, '/');
        if (slash == NULL)
            return true;
        part = slash + 1;
    }
}

static bool bench_run_init(struct bench_run *run, const char *out_dir, const char *plots, const char *slug)
{
    memset(run, 0, sizeof *run);
    char dir[PATH_MAX];
    if (getcwd(run->root, sizeof run->root) == NULL || realpath(out_dir, dir) == NULL)
        return false;
    snprintf(run->binary, sizeof run->binary, "%.3000s/bench", dir);
    snprintf(run->scratch, sizeof run->scratch, "%.3000s/scratch-bench", dir);
    /* $(PLOTS)/lab-N as bench names it: relative, inside the scratch folder.
       An absolute one in the tree becomes relative; one elsewhere keeps its
       last part (the lines that name it then show that). */
    size_t root_len = strlen(run->root);
    if (stays_below(plots))
        snprintf(run->inside, sizeof run->inside, "%s", plots);
    else if (strncmp(plots, run->root, root_len) == 0 && plots[root_len] == '/' && stays_below(plots + root_len + 1))
        snprintf(run->inside, sizeof run->inside, "%s", plots + root_len + 1);
    else
        snprintf(run->inside, sizeof run->inside, "%s", strrchr(plots, '/') ? strrchr(plots, '/') + 1 : "out");
    file_remove_tree(run->scratch); /* a killed run's leftovers */
    if (mkdir(run->scratch, 0700) != 0)
        return false;

    size_t n = 0;
    run->read_only[n++] = run->binary;
    if (access("/sys/devices/system/cpu", R_OK) == 0)
        run->read_only[n++] = "/sys/devices/system/cpu"; /* google-benchmark reads the CPU's facts */
    run->read_only[n++] = NULL;
    run->bench = (struct sandbox){ .scratch = run->scratch,
                                   .read_only = run->read_only,
                                   .cpu_seconds = 2.0 * BENCH_TIMEOUT_S, /* two cores' worth */
                                   .file_bytes = BENCH_FILE_BYTES,
                                   .sanitizer = env_sanitized() };

    /* gnuplot: the course's scripts and the fonts, read-only. */
    const char **gp = run->read_only + n;
    size_t k = 0;
    snprintf(run->scripts[0], sizeof run->scripts[0], "%.3000s/common", run->root);
    snprintf(run->scripts[1], sizeof run->scripts[1], "%.3000s/labs/%.200s/measure", run->root, slug);
    gp[k++] = run->scripts[0];
    gp[k++] = run->scripts[1];
    if (access("/etc/fonts", R_OK) == 0)
        gp[k++] = "/etc/fonts";
    if (access("/var/cache/fontconfig", R_OK) == 0)
        gp[k++] = "/var/cache/fontconfig";
    gp[k] = NULL;
    run->gnuplot = (struct sandbox){ .scratch = run->scratch, .read_only = gp };
    return true;
}

/* Copy one file the bench wrote, `name` in folder fd `from`, to to/name. */
static bool copy_one(int from, const char *name, const char *to)
{
    int in = openat(from, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (in < 0 || fstat(in, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > FILE_BYTES) {
        fprintf(stderr, "perflab: %s is not a regular file of at most %d MiB: not copied\n", name, FILE_BYTES >> 20);
        if (in >= 0)
            close(in);
        return false;
    }
    char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%.4000s/%s", to, name);
    int out = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    bool ok = out >= 0;
    char buf[65536];
    for (off_t left = st.st_size; ok && left > 0;) {
        ssize_t got = read(in, buf, sizeof buf);
        ok = got > 0 && write(out, buf, (size_t)got) == got;
        left -= got;
    }
    if (out >= 0 && close(out) != 0)
        ok = false;
    close(in);
    if (!ok)
        fprintf(stderr, "perflab: cannot copy %s to %s: %s\n", name, to, strerror(errno));
    return ok;
}

/* scratch/inside as a folder descriptor, each part of `inside` opened below
   the one before without following a link: bench made those folders, and a
   link among them (build/plots -> /root) would have us copy out whatever it
   names, which the sandbox never showed it. -1 when a part is missing or is
   not a folder. */
static int open_inside(const struct bench_run *run)
{
    int fd = open(run->scratch, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    char parts[PATH_MAX];
    snprintf(parts, sizeof parts, "%s", run->inside);
    char *save = NULL;
    for (char *part = strtok_r(parts, "/", &save); fd >= 0 && part != NULL; part = strtok_r(NULL, "/", &save)) {
        if (strcmp(part, ".") == 0)
            continue;
        int next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0 && errno != ENOENT)
            fprintf(stderr, "perflab: the benchmark's %s is not a folder (a link?): nothing copied\n", run->inside);
        close(fd);
        fd = next;
    }
    return fd;
}

/* Every file bench wrote into scratch/inside, into $(PLOTS)/lab-N. */
static void copy_out(const struct bench_run *run, const char *plots)
{
    int fd = open_inside(run);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (d == NULL) {
        if (fd >= 0)
            close(fd);
        return; /* bench wrote nothing */
    }
    make_folders(plots);
    int files = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        bool plain = name[0] != '.' && name[strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                          "0123456789._-")] == '\0';
        if (!plain || ++files > MAX_FILES) {
            fprintf(stderr, "perflab: the benchmark wrote a file with another name than a course file's, "
                            "or more than %d: not copied\n", MAX_FILES);
            continue;
        }
        copy_one(dirfd(d), name, plots);
    }
    closedir(d);
}

/* driver-trusted --serve (workload.h, bench_service), running while bench
   runs: what it started (Lab 5's PostgreSQL server) stops when its stdin
   closes. It links no student code; what it says goes into bench's
   environment (PERFLAB_* names only) and writable binds (folders). */
struct service {
    pid_t pid;
    int to_driver;
    char names[8][64];
    size_t n_names;
    char binds[4][PATH_MAX];
    const char *read_write[5];
};

static void service_line(struct service *sv, char *line)
{
    if (strncmp(line, "env PERFLAB_", 12) == 0 && strchr(line, '=') != NULL && sv->n_names < 8) {
        char *name = line + 4, *value = strchr(name, '=');
        *value++ = '\0';
        if (name[strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_")] == '\0' && strlen(name) < sizeof sv->names[0]) {
            setenv(name, value, 1);
            snprintf(sv->names[sv->n_names++], sizeof sv->names[0], "%s", name);
        }
    } else if (strncmp(line, "bind /", 6) == 0) {
        size_t n = 0;
        while (n < 4 && sv->read_write[n] != NULL)
            n++;
        struct stat st;
        if (n < 4 && strlen(line + 5) < sizeof sv->binds[n] && stat(line + 5, &st) == 0 && S_ISDIR(st.st_mode)) {
            memcpy(sv->binds[n], line + 5, strlen(line + 5) + 1);
            sv->read_write[n] = sv->binds[n];
        }
    }
}

/* Start it and read what it says, up to "ready" (true) or "none". */
static bool service_start(struct service *sv, const char *out_dir)
{
    memset(sv, 0, sizeof *sv);
    sv->to_driver = -1;
    char driver[PATH_MAX];
    snprintf(driver, sizeof driver, "%.3000s/driver-trusted", out_dir);
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0)
        return false;
    if (pipe2(out, O_CLOEXEC) != 0) {
        close(in[0]);
        close(in[1]);
        return false;
    }
    pid_t parent = getpid();
    sv->pid = fork();
    if (sv->pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* its service stops with us */
        if (getppid() != parent)
            _exit(125);
        dup2(in[0], 0);
        dup2(out[1], 1);
        execl(driver, driver, "--serve", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    sv->to_driver = in[1];
    bool ready = false, done = sv->pid <= 0;
    /* Its lines, read as they come: no stdio buffer between poll and the
       pipe. Starting a server takes seconds: 120 at most in all. */
    char buf[2 * PATH_MAX];
    size_t have = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (!done) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left_ms = 120000 - ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
        struct pollfd p = { .fd = out[0], .events = POLLIN };
        ssize_t got = left_ms > 0 && poll(&p, 1, (int)left_ms) > 0 ? read(out[0], buf + have, sizeof buf - 1 - have) : 0;
        if (got <= 0)
            break; /* it exited, or too slow: no service */
        have += (size_t)got;
        buf[have] = '\0';
        char *line = buf, *end;
        while (!done && (end = strchr(line, '\n')) != NULL) {
            *end = '\0';
            if (strcmp(line, "ready") == 0 || strcmp(line, "none") == 0) {
                ready = strcmp(line, "ready") == 0;
                done = true;
            } else {
                service_line(sv, line);
            }
            line = end + 1;
        }
        have -= (size_t)(line - buf);
        memmove(buf, line, have);
        if (have == sizeof buf - 1)
            break; /* a line longer than any it writes */
    }
    close(out[0]);
    return ready;
}

static void service_stop(struct service *sv)
{
    for (size_t i = 0; i < sv->n_names; i++)
        unsetenv(sv->names[i]);
    if (sv->to_driver >= 0)
        close(sv->to_driver);
    if (sv->pid <= 0)
        return;
    int status;
    for (int i = 0; i < 3000; i++) { /* 30 s to stop its server, then no more */
        if (waitpid(sv->pid, &status, WNOHANG) != 0)
            return;
        struct timespec t = { 0, 10000000L };
        nanosleep(&t, NULL);
    }
    kill(sv->pid, SIGTERM);
    waitpid(sv->pid, &status, 0);
}

/* The lab's per_process runs (workload.h) of `variants` (comma-separated)
   before bench: out_dir/driver once per variant, x and metric, each in the
   sandbox (its scratch folder: build/lab-N/scratch-per-process), the numbers
   into bench's scratch folder as per-process.txt for perflab_per_process(). */
static void per_process_runs(const struct lab_info *info, const char *out_dir, const char *variants,
                             const struct bench_run *run)
{
    char dir[PATH_MAX], driver[PATH_MAX], scratch[PATH_MAX], path[PATH_MAX + 32], list[1024];
    if (realpath(out_dir, dir) == NULL)
        return;
    snprintf(driver, sizeof driver, "%.3000s/driver", dir);
    snprintf(scratch, sizeof scratch, "%.3000s/scratch-per-process", dir);
    snprintf(path, sizeof path, "%s/per-process.txt", run->scratch);
    file_remove_tree(scratch);
    mkdir(scratch, 0700);
    const char *read_only[] = { driver, NULL };
    struct sandbox sb = { .scratch = scratch, .read_only = read_only, .sanitizer = env_sanitized() };
    FILE *out = fopen(path, "w");
    if (out == NULL) {
        fprintf(stderr, "perflab: cannot write %s: %s\n", path, strerror(errno));
        return;
    }
    fprintf(stderr, "one call per process, for the report (%s sweep: %zu sizes, in the sandbox)...\n",
            info->per_process_sweep, info->n_per_process_xs);
    snprintf(list, sizeof list, "%s", variants);
    char *save = NULL;
    for (char *v = strtok_r(list, ",", &save); v != NULL; v = strtok_r(NULL, ",", &save))
        for (size_t i = 0; i < info->n_per_process_xs; i++)
            for (size_t m = 0; m < info->n_per_process_metrics; m++) {
                const char *metric = info->per_process_metrics[m];
                long x = info->per_process_xs[i];
                double value = -1;
                char why[400];
                bool ok = measure_is_memory_metric(metric)
                              ? measure_memory(driver, &sb, v, info->per_process_sweep, x, metric,
                                               info->perf_timeout_s, &value, why, sizeof why)
                              : measure_counter(driver, &sb, v, info->per_process_sweep, x, metric,
                                                info->perf_timeout_s, &value, NULL, why, sizeof why);
                if (!ok) {
                    fprintf(stderr, "perflab: %s of %s at %s = %ld: %s\n", metric, v, info->per_process_sweep, x,
                            why);
                    value = -1;
                }
                fprintf(out, "%s %s %ld %.17g\n", metric, v, x, value);
            }
    fclose(out);
    const char *keep = getenv("PERFLAB_KEEP");
    if (keep == NULL || strcmp(keep, "1") != 0)
        file_remove_tree(scratch);
}

bool lab_bench(const char *out_dir, const char *slug, const char *plots, const char *variants,
               const char *const *extra, const struct lab_info *info)
{
    struct bench_run run;
    if (!bench_run_init(&run, out_dir, plots, slug)) {
        printf("\nperflab: cannot prepare the benchmark's folder %s/scratch-bench: %s\n", out_dir, strerror(errno));
        return false;
    }
    if (info != NULL && info->per_process_sweep[0] != '\0' && variants != NULL)
        per_process_runs(info, out_dir, variants, &run);
    struct service service = { .pid = 0, .to_driver = -1 };
    if (info != NULL && info->bench_service && service_start(&service, out_dir))
        run.bench.read_write = service.read_write;
    char *argv[32] = { run.binary, "--out", run.inside, "--work", "work", "--plot-queue", "plots.queue" };
    size_t argc = 7;
    if (variants != NULL) {
        argv[argc++] = "--variants";
        argv[argc++] = (char *)variants;
    }
    for (size_t i = 0; extra != NULL && extra[i] != NULL && argc + 1 < sizeof argv / sizeof *argv; i++)
        argv[argc++] = (char *)extra[i];
    argv[argc] = NULL;
    struct provenance p;
    char handed[sizeof p.os + sizeof p.commit + sizeof p.libraries + 64];
    provenance_collect(&p);
    provenance_export(&p, handed, sizeof handed);
    setenv("PERFLAB_PROVENANCE", handed, 1);
    /* A lab's large inputs (Lab 9's logs, up to 256 MiB) go to $TMPDIR: the
       scratch folder, on disk, rather than the sandbox's 64 MiB /tmp. */
    const char *tmpdir = getenv("TMPDIR");
    char *saved_tmpdir = tmpdir != NULL ? strdup(tmpdir) : NULL;
    setenv("TMPDIR", run.scratch, 1);
    struct child_limits limits = { .timeout_s = BENCH_TIMEOUT_S, .echo = true, .sandbox = &run.bench };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
    unsetenv("PERFLAB_PROVENANCE");
    service_stop(&service);
    if (saved_tmpdir != NULL)
        setenv("TMPDIR", saved_tmpdir, 1);
    else
        unsetenv("TMPDIR");
    free(saved_tmpdir);
    if (!ok) {
        char how[200];
        printf("\nperflab: the benchmark %s\n", child_describe(&r, how, sizeof how));
    }
    child_result_free(&r);

    /* What a failed bench left is drawn and copied too, as when it wrote
       into $(PLOTS) itself. */
    fflush(stdout);
    char queue[PATH_MAX + 16], gnuplot[PATH_MAX];
    snprintf(queue, sizeof queue, "%s/plots.queue", run.scratch);
    if (!file_find_program("gnuplot", gnuplot, sizeof gnuplot))
        snprintf(gnuplot, sizeof gnuplot, "gnuplot"); /* the warning then says: make deps */
    gnuplot_queue_draw(queue, gnuplot, run.root, slug, &run.gnuplot);
    copy_out(&run, plots);
    const char *keep = getenv("PERFLAB_KEEP");
    if (keep == NULL || strcmp(keep, "1") != 0)
        file_remove_tree(run.scratch);
    return ok;
}

/* "naive,yours,reference" -> "naive,reference"; false when yours is not
   there or nothing else is. */
static bool without_yours(const char *variants, char *out, size_t size)
{
    char list[1024];
    snprintf(list, sizeof list, "%s", variants);
    size_t len = 0;
    bool had = false;
    out[0] = '\0';
    char *save = NULL;
    for (char *v = strtok_r(list, ",", &save); v != NULL; v = strtok_r(NULL, ",", &save)) {
        if (strcmp(v, "yours") == 0)
            had = true;
        else if (len < size)
            len += (size_t)snprintf(out + len, size - len, "%s%s", len ? "," : "", v);
    }
    return had && out[0] != '\0';
}

int cmd_lab(const char *lab_text)
{
    int lab;
    if (!labs_parse_number(lab_text, &lab))
        return 2;
    char out_dir[600], error[400];
    snprintf(out_dir, sizeof out_dir, "%s/lab-%d", env_build_root(), lab);
    struct lab_info info;
    if (!labs_describe(out_dir, &info, error, sizeof error)) {
        fprintf(stderr, "perflab: %s\n", error);
        return 1;
    }
    printf("Lab %d: %s -- %s\n\n", lab, info.title, info.trap);
    printf("1. correctness: tests/%s.c against each variant (child process, %.0f s limit)\n", info.slug,
           info.test_timeout_s);
    /* The lab's variants as driver-trusted tells them have no yours (it
       links none): yours comes second, after naive, as in bench. */
    const char *variants[PERFLAB_MAX_VARIANTS + 1];
    size_t n = 0;
    for (size_t i = 0; i < info.n_variants && n < PERFLAB_MAX_VARIANTS; i++) {
        if (strcmp(info.variants[i], "yours") == 0)
            continue;
        variants[n++] = info.variants[i];
        if (n == 1)
            variants[n++] = "yours";
    }
    char worker_scratch[PATH_MAX], dir[PATH_MAX];
    if (realpath(out_dir, dir) == NULL) {
        fprintf(stderr, "perflab: %s: %s\n", out_dir, strerror(errno));
        return 1;
    }
    snprintf(worker_scratch, sizeof worker_scratch, "%.3000s/scratch-test-yours", dir);
    file_remove_tree(worker_scratch); /* nothing of a previous run's worker */
    mkdir(worker_scratch, 0700);
    char measured[1024] = "";
    size_t len = 0;
    bool yours_ok = true;
    for (size_t i = 0; i < n; i++) {
        int passed = 0, failed = 0;
        bool yours = strcmp(variants[i], "yours") == 0;
        bool ok = suite_run(out_dir, variants[i], info.test_timeout_s, &passed, &failed, yours,
                            yours ? worker_scratch : NULL);
        if (yours)
            yours_ok = ok;
        if (ok && len < sizeof measured)
            len += (size_t)snprintf(measured + len, sizeof measured - len, "%s%s", len ? "," : "", variants[i]);
    }
    if (!yours_ok)
        printf("\n  yours is not correct yet, so it is left out of the measurements below.\n"
               "  Fix it first: the failing tests are named above (tests/%s.c).\n", info.slug);

    if (measured[0] == '\0') {
        printf("\nno variant passed its tests: nothing to measure.\n");
        return 1;
    }
    printf("\n2. measuring the correct variants side by side\n");
    fflush(stdout);
    char plots[700];
    snprintf(plots, sizeof plots, "%s/lab-%d", env_plots_root(), lab);
    /* (bench measures the variants it is given: naming every variant when
       all passed measures the same as naming none) */
    bool ok = lab_bench(out_dir, info.slug, plots, measured, NULL, &info);
    char without[sizeof measured];
    if (!ok && without_yours(measured, without, sizeof without)) {
        /* yours passed its tests but brought bench down (a crash or hang at
           a size the suite does not reach): the others are still worth seeing */
        printf("\nmeasuring again without yours: %s\n", without);
        fflush(stdout);
        lab_bench(out_dir, info.slug, plots, without, NULL, &info);
    }
    if (ok) {
        char results[800];
        snprintf(results, sizeof results, "%s/results.json", plots);
        prediction_show(lab, info.slug, results);
    }
    printf("\nnext: make profile-%d (where the work goes), make grade-%d (the verdict)\n", lab, lab);
    return ok && yours_ok ? 0 : 1;
}
