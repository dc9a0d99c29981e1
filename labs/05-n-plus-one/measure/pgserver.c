/*
 * pgserver.c -- start and stop the lab's private PostgreSQL server (see
 * pgserver.h for what it promises).
 *
 * Design decisions
 * - We run the server binary ourselves (fork + exec of `postgres`, not
 *   pg_ctl), so its pid is our child's pid: we stop exactly that process,
 *   and waitpid() tells us when it is gone.
 * - PostgreSQL refuses to run as root. When we are root (CI, containers) the
 *   child drops to the `postgres` user that Debian's package creates, and
 *   the folder is handed to that user first.
 * - Nothing may outlive us. Four layers: pgserver_stop() when the caller is
 *   done; atexit() for a normal exit; handlers for SIGINT/SIGTERM/SIGHUP that
 *   stop the server with only async-signal-safe calls; and the kernel's
 *   parent-death signal (PR_SET_PDEATHSIG), which sends the server SIGQUIT
 *   if we die in a way no handler sees (SIGKILL, a crash). A folder left by a
 *   killed run is removed by the next start, once its owner is gone.
 * - The server listens on no TCP address (listen_addresses=''), only on a
 *   unix socket inside its private folder: nothing else on the machine can
 *   reach it, and no port can clash with another run. The folder is in /tmp,
 *   not $TMPDIR, because a socket's path must fit in 107 bytes.
 * - Two roles. The superuser `perflab` (initdb's) only creates the lab
 *   role and, for each connection, a schema owned by it
 *   (pgserver_new_schema). Every connection handed out is the role
 *   `perflab_lab`: not a superuser, no CREATEDB, CREATEROLE, replication or
 *   RLS bypass, no CREATE on the database nor on schema public -- it owns
 *   only the schemas made for it. The lab's SQL (student code, executed by a
 *   trusted process: see remote.c) so cannot COPY ... TO PROGRAM, read or
 *   write server files (pg_read_file, COPY to a file, lo_import), or touch
 *   another connection's tables.
 * - Hosted: make lab-5 runs bench in the sandbox, where no process can
 *   start. There the trusted driver-trusted starts the server
 *   (pgserver_host: also HOSTED_SCHEMAS empty schemas owned by the lab role,
 *   and the folder opened to the sandbox's user, for the socket) and hands
 *   bench the folder in PERFLAB_PG_HOSTED; bench's pgserver_start then only
 *   connects, as the lab role, and pgserver_new_schema hands out those
 *   schemas in turn: the lab role still creates nothing, and bench never
 *   holds the superuser's connection.
 * - fsync, synchronous_commit and full_page_writes are off: durability costs
 *   disk flushes, and this data is thrown away. autovacuum is off so that no
 *   background job runs during a measurement (the loader runs ANALYZE
 *   itself); jit is off so that no query pays a compile in one run and not
 *   in the next.
 */
#define _GNU_SOURCE
#include "pgserver.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#define FOLDER_PREFIX "perflab-pg-"

static pid_t server_pid;    /* > 0 while our server runs */
static char folder[64];     /* /tmp/perflab-pg-XXXXXX while it exists */
static char url[160];        /* the lab role's URL: what pgserver_start hands out */
static bool hosted;          /* the server is driver-trusted's (PERFLAB_PG_HOSTED), not ours */
static unsigned long hosted_next; /* the next of its schemas to hand out */
static PGconn *admin;        /* the superuser's connection: makes the lab role and its schemas */
static bool hooks_installed;

/* Who runs the server: ourselves, or `postgres` when we are root. */
struct account {
    bool switch_user;
    uid_t uid;
    gid_t gid;
};

/* ------------------------------------------------------------- helpers */

static void sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

/* Wait up to `seconds` for child `pid` to exit. Returns true if it did. */
static bool wait_for_exit(pid_t pid, double seconds, int *status)
{
    for (double waited = 0; waited <= seconds; waited += 0.01) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD))
            return true;
        sleep_ms(10);
    }
    return false;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The last `size`-1 bytes of a log file, on one line, for error messages. */
static void log_tail(const char *path, char *out, size_t size)
{
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    long keep = (long)size - 1;
    if (fseek(f, 0, SEEK_END) == 0 && ftell(f) > keep)
        fseek(f, -keep, SEEK_END);
    else
        fseek(f, 0, SEEK_SET);
    size_t n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    fclose(f);
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
}

/* ------------------------------------------------------ finding things */

/* The newest /usr/lib/postgresql/<version>/bin that has a server. */
static bool find_bindir(char *out, size_t size)
{
    glob_t g;
    if (glob("/usr/lib/postgresql/*/bin/postgres", 0, NULL, &g) != 0)
        return false;
    const char *best = NULL;
    double best_version = -1;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        double version = strtod(g.gl_pathv[i] + strlen("/usr/lib/postgresql/"), NULL);
        if (version > best_version && access(g.gl_pathv[i], X_OK) == 0) {
            best_version = version;
            best = g.gl_pathv[i];
        }
    }
    bool found = best != NULL;
    if (found) {
        snprintf(out, size, "%s", best);
        *strrchr(out, '/') = '\0';
    }
    globfree(&g);
    return found;
}

static bool choose_account(struct account *who, char *why, size_t why_size)
{
    *who = (struct account){ false, getuid(), getgid() };
    if (geteuid() != 0)
        return true;
    struct passwd *pw = getpwnam("postgres");
    if (pw == NULL) {
        snprintf(why, why_size, "we run as root, PostgreSQL refuses to, and there is no "
                                "'postgres' user to run it as (the postgresql package creates one)");
        return false;
    }
    *who = (struct account){ true, pw->pw_uid, pw->pw_gid };
    return true;
}

/* ------------------------------------------------------- stale folders */

static long read_pid(const char *path)
{
    FILE *f = fopen(path, "r");
    long pid = 0;
    if (f) {
        if (fscanf(f, "%ld", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    return pid;
}

static bool alive(long pid)
{
    return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno != ESRCH);
}

/* A run killed with SIGKILL leaves its folder (its server died with it).
   Remove such folders: only when both the owner and its server are gone. */
static void remove_stale_folders(void)
{
    DIR *dir = opendir("/tmp");
    if (dir == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strncmp(e->d_name, FOLDER_PREFIX, strlen(FOLDER_PREFIX)) != 0)
            continue;
        char path[300], owner[320], postmaster[320];
        snprintf(path, sizeof path, "/tmp/%s", e->d_name);
        snprintf(owner, sizeof owner, "%s/owner", path);
        snprintf(postmaster, sizeof postmaster, "%s/data/postmaster.pid", path);
        long owner_pid = read_pid(owner);
        if (owner_pid > 0 && !alive(owner_pid) && !alive(read_pid(postmaster)))
            remove_tree(path);
    }
    closedir(dir);
}

/* ------------------------------------------------------------ stopping */

/* A fatal signal: stop the server and delete the folder with only
   async-signal-safe calls (kill, waitpid, fork, execve), then die of the
   same signal as if we had not been here. */
static void on_signal(int sig)
{
    pid_t pid = server_pid;
    if (pid > 0) {
        kill(pid, SIGQUIT); /* immediate shutdown: the data is thrown away */
        waitpid(pid, NULL, 0);
        server_pid = 0;
    }
    if (folder[0] != '\0') {
        pid_t rm = fork();
        if (rm == 0) {
            char *argv[] = { "rm", "-rf", folder, NULL };
            char *envp[] = { NULL };
            execve("/bin/rm", argv, envp);
            _exit(127);
        }
        if (rm > 0)
            waitpid(rm, NULL, 0);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void pgserver_stop(void)
{
    if (admin != NULL) {
        PQfinish(admin);
        admin = NULL;
    }
    if (server_pid > 0) {
        int status;
        kill(server_pid, SIGINT); /* "fast" shutdown: ends sessions, exits cleanly */
        if (!wait_for_exit(server_pid, 20, &status)) {
            kill(server_pid, SIGQUIT);
            if (!wait_for_exit(server_pid, 5, &status)) {
                kill(server_pid, SIGKILL);
                waitpid(server_pid, &status, 0);
            }
        }
        server_pid = 0;
    }
    if (folder[0] != '\0') {
        remove_tree(folder);
        folder[0] = '\0';
    }
}

/* Catch only the signals nobody else handles: we must not steal a handler
   the program installed itself. */
static void install_hooks(void)
{
    if (hooks_installed)
        return;
    hooks_installed = true;
    atexit(pgserver_stop);
    const int signals[] = { SIGINT, SIGTERM, SIGHUP };
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
            struct sigaction sa = { .sa_handler = on_signal };
            sigemptyset(&sa.sa_mask);
            sigaction(signals[i], &sa, NULL);
        }
    }
}

/* ------------------------------------------------------------ starting */

/* Run argv[0] as `who` with its output in `log`; returns the child's pid.
   The child dies with us (PR_SET_PDEATHSIG), set after the user switch
   because changing credentials clears it. */
static pid_t spawn(char *const argv[], const char *log, const struct account *who)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid != 0)
        return pid;

    setpgid(0, 0); /* a Ctrl-C reaches us, and we stop the server in order */
    if (who->switch_user &&
        (setgroups(0, NULL) != 0 || setgid(who->gid) != 0 || setuid(who->uid) != 0))
        _exit(126);
    prctl(PR_SET_PDEATHSIG, SIGQUIT);
    if (getppid() != parent) /* we died before the line above took effect */
        _exit(125);
    int out = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
    int in = open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0)
        _exit(124);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    execv(argv[0], argv);
    dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

static bool make_folder(const struct account *who, char *why, size_t why_size)
{
    snprintf(folder, sizeof folder, "/tmp/" FOLDER_PREFIX "XXXXXX");
    if (mkdtemp(folder) == NULL) {
        snprintf(why, why_size, "cannot create a folder in /tmp: %s", strerror(errno));
        folder[0] = '\0';
        return false;
    }
    char owner[96];
    snprintf(owner, sizeof owner, "%s/owner", folder);
    FILE *f = fopen(owner, "w");
    if (f) {
        fprintf(f, "%ld\n", (long)getpid());
        fclose(f);
    }
    if (who->switch_user && chown(folder, who->uid, who->gid) != 0) {
        snprintf(why, why_size, "cannot give %s to the postgres user: %s", folder, strerror(errno));
        return false;
    }
    return true;
}

/* Where one program's files go: the binary, the data folder, its log. */
struct paths {
    char program[300], data[96], log[96];
};

static void make_paths(struct paths *p, const char *bindir, const char *program, const char *log)
{
    snprintf(p->program, sizeof p->program, "%s/%s", bindir, program);
    snprintf(p->data, sizeof p->data, "%s/data", folder);
    snprintf(p->log, sizeof p->log, "%s/%s", folder, log);
}

static bool run_initdb(const char *bindir, const struct account *who, char *why, size_t why_size)
{
    struct paths p;
    make_paths(&p, bindir, "initdb", "initdb.log");
    char *argv[] = { p.program, "-D", p.data, "-U", "perflab", "-A", "trust", "-E", "UTF8",
                     "--locale=C", "--no-sync", "--no-instructions", NULL };
    pid_t pid = spawn(argv, p.log, who);
    int status = 0;
    if (pid < 0 || !wait_for_exit(pid, 120, &status) || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        char tail[200];
        log_tail(p.log, tail, sizeof tail);
        snprintf(why, why_size, "initdb failed (exit status %d): ...%s",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1, tail);
        return false;
    }
    return true;
}

/* The superuser's connection (url is still its URL) makes the lab role;
   from now on url names the lab role. */
static bool make_lab_role(char *why, size_t why_size)
{
    admin = PQconnectdb(url);
    PGresult *r = NULL;
    if (admin != NULL && PQstatus(admin) == CONNECTION_OK)
        r = PQexec(admin, "CREATE ROLE perflab_lab LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                          " NOREPLICATION NOBYPASSRLS;"
                          "REVOKE ALL ON SCHEMA public FROM PUBLIC;"
                          "REVOKE CREATE ON DATABASE postgres FROM PUBLIC");
    bool ok = r != NULL && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        snprintf(why, why_size, "cannot make the lab's database role: %s",
                 admin != NULL ? PQerrorMessage(admin) : "out of memory");
    PQclear(r);
    snprintf(url, sizeof url, "postgresql:///postgres?host=%s&user=perflab_lab", folder);
    return ok;
}

bool pgserver_new_schema(char *name, size_t size, char *why, size_t why_size)
{
    static unsigned long next;
    if (hosted) {
        if (hosted_next >= HOSTED_SCHEMAS) {
            snprintf(why, why_size, "all %d schemas of the hosted server are used", HOSTED_SCHEMAS);
            return false;
        }
        snprintf(name, size, "perflab_hosted_%lu", hosted_next++);
        return true;
    }
    if (admin == NULL) {
        snprintf(why, why_size, "the PostgreSQL server is not running");
        return false;
    }
    snprintf(name, size, "perflab_%ld_%lu", (long)getpid(), next++);
    char sql[200];
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s AUTHORIZATION perflab_lab", name);
    PGresult *r = PQexec(admin, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        snprintf(why, why_size, "cannot make a schema: %s", PQerrorMessage(admin));
    PQclear(r);
    return ok;
}

static bool run_server(const char *bindir, const struct account *who, char *why, size_t why_size)
{
    struct paths p;
    make_paths(&p, bindir, "postgres", "server.log");
    char *argv[] = { p.program, "-D", p.data, "-k", folder,
                     "-c", "listen_addresses=", "-c", "fsync=off",
                     "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                     "-c", "autovacuum=off", "-c", "jit=off", NULL };
    server_pid = spawn(argv, p.log, who);
    if (server_pid < 0) {
        server_pid = 0;
        snprintf(why, why_size, "fork failed: %s", strerror(errno));
        return false;
    }
    snprintf(url, sizeof url, "postgresql:///postgres?host=%s&user=perflab", folder);

    /* Ready when it answers; give up if it exits or after 60 s. */
    for (int tries = 0; tries < 6000; tries++) {
        if (PQping(url) == PQPING_OK)
            return make_lab_role(why, why_size);
        int status;
        if (waitpid(server_pid, &status, WNOHANG) == server_pid) {
            server_pid = 0;
            break;
        }
        sleep_ms(10);
    }
    char tail[240];
    log_tail(p.log, tail, sizeof tail);
    snprintf(why, why_size, "the PostgreSQL server did not start: ...%s", tail);
    return false;
}

enum pgserver_status pgserver_start(const char **url_out, char *why, size_t why_size)
{
    *url_out = NULL;
    if (server_pid > 0 || hosted) {
        *url_out = url;
        return PGSERVER_RUNNING;
    }
    char bindir[256];
    const char *host = getenv("PERFLAB_PG_HOSTED");
    if (host != NULL && host[0] == '/' && strlen(host) < sizeof folder && strchr(host, '&') == NULL) {
        /* driver-trusted's server (see the note at the top): connect only */
        snprintf(url, sizeof url, "postgresql:///postgres?host=%s&user=perflab_lab", host);
        if (PQping(url) != PQPING_OK) {
            snprintf(why, why_size, "the PostgreSQL server at %s does not answer", host);
            return PGSERVER_FAILED;
        }
        hosted = true;
        server_pid = 0;
        *url_out = url;
        return PGSERVER_RUNNING;
    }
    if (getenv("PERFLAB_SQLITE_ONLY") != NULL) {
        /* The grader's sandbox lets no process start: no server there. */
        snprintf(why, why_size, "PERFLAB_SQLITE_ONLY is set (the grader's sandbox): SQLite only");
        return PGSERVER_NOT_INSTALLED;
    }
    if (!find_bindir(bindir, sizeof bindir)) {
        snprintf(why, why_size, "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres;"
                                " on Debian: apt-get install postgresql)");
        return PGSERVER_NOT_INSTALLED;
    }
    struct account who;
    if (!choose_account(&who, why, why_size))
        return PGSERVER_FAILED;

    remove_stale_folders();
    install_hooks();
    if (!make_folder(&who, why, why_size) || !run_initdb(bindir, &who, why, why_size) ||
        !run_server(bindir, &who, why, why_size)) {
        pgserver_stop();
        return PGSERVER_FAILED;
    }
    *url_out = url;
    return PGSERVER_RUNNING;
}

bool pgserver_host(char *folder_out, size_t size, char *why, size_t why_size)
{
    const char *url_unused;
    if (pgserver_start(&url_unused, why, why_size) != PGSERVER_RUNNING)
        return false;
    if (hosted) {
        snprintf(why, why_size, "PERFLAB_PG_HOSTED is set: this process is not the host");
        return false;
    }
    for (int i = 0; i < HOSTED_SCHEMAS; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "CREATE SCHEMA perflab_hosted_%d AUTHORIZATION perflab_lab", i);
        PGresult *r = PQexec(admin, sql);
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (!ok) {
            snprintf(why, why_size, "cannot make the hosted schemas: %s", PQerrorMessage(admin));
            return false;
        }
    }
    /* The sandbox's user must reach the socket; inside, data/ stays the
       server's alone (0700) and the logs are 0600. */
    if (chmod(folder, 0755) != 0) {
        snprintf(why, why_size, "cannot open %s to the sandbox: %s", folder, strerror(errno));
        return false;
    }
    snprintf(folder_out, size, "%s", folder);
    return true;
}
