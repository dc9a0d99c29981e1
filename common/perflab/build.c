/*
 * build.c -- building a lab with make (build.h), and compiling a student's
 * file in the sandbox.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "build.h"

#include "env.h"
#include "files.h"

#include "../sandbox.h"

#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool build_lab(int number, const char *out_dir, const char *yours, const char *targets, bool yours_is_new,
               struct child_result *result)
{
    /* make runs with an argument list, no shell in between: a path with
       spaces, quotes or backticks is a name, never a command. -W treats the
       graded file as new, so that a file with an old time stamp (a copied
       submission, a restored backup) is never taken for an object that was
       built from another one -- unless its object was just compiled from it
       (build_compile_yours), which must then stay. */
    char out_var[700], yours_var[700], targets_copy[2400];
    snprintf(out_var, sizeof out_var, "OUT_%d=%s", number, out_dir);
    snprintf(yours_var, sizeof yours_var, "YOURS_%d=%s", number, yours);
    snprintf(targets_copy, sizeof targets_copy, "%s", targets);
    char *argv[64] = { "make", "--no-print-directory", "-s", "-j2", out_var, yours_var };
    size_t argc = 6;
    if (yours_is_new) {
        argv[argc++] = "-W";
        argv[argc++] = (char *)yours;
    }
    char *save = NULL;
    for (char *t = strtok_r(targets_copy, " ", &save); t != NULL && argc + 1 < 64; t = strtok_r(NULL, " ", &save))
        argv[argc++] = t;
    argv[argc] = NULL;
    struct child_limits limits = { .timeout_s = 300, .memory_bytes = env_memory_limit() };
    return child_run(argv, &limits, result);
}

/* ---- the student's file, compiled in the sandbox --------------------------------------- */

enum { MAX_WORDS = 64 };

/* An absolute form of a relative path (under the tree's root). */
static void absolute(const char *root, const char *path, char *out, size_t size)
{
    if (path[0] == '/')
        snprintf(out, size, "%s", path);
    else
        snprintf(out, size, "%.3000s/%.900s", root, path);
}

/* Replace every `from` in text with `to`, which is not longer, in place. */
static void replace_all(char *text, const char *from, const char *to)
{
    size_t from_len = strlen(from), to_len = strlen(to);
    if (text == NULL || from_len == 0 || to_len > from_len)
        return;
    char *write = text;
    for (const char *read = text; *read;) {
        if (strncmp(read, from, from_len) == 0) {
            memmove(write, to, to_len);
            write += to_len;
            read += from_len;
        } else {
            *write++ = *read++;
        }
    }
    *write = '\0';
}

static void fail_with(struct child_result *result, const char *fmt, const char *detail)
{
    memset(result, 0, sizeof *result);
    result->outcome = CHILD_NOT_RUN;
    char text[1200];
    snprintf(text, sizeof text, fmt, detail);
    result->output = strdup(text);
    result->output_len = result->output != NULL ? strlen(result->output) : 0;
}

bool build_compile_yours(int number, const char *slug, const char *out_dir, const char *yours, bool *grader_error,
                         struct child_result *result)
{
    *grader_error = true;
    char root[PATH_MAX], out_abs[PATH_MAX], yours_abs[PATH_MAX], object[PATH_MAX + 32];
    if (getcwd(root, sizeof root) == NULL || realpath(out_dir, out_abs) == NULL ||
        realpath(yours, yours_abs) == NULL) {
        fail_with(result, "cannot resolve the grade's paths: %s", strerror(errno));
        return false;
    }
    /* The compile command, as make would run it (make -n runs nothing). */
    snprintf(object, sizeof object, "%s/variants/yours.o", out_dir);
    char out_var[700], yours_var[700];
    snprintf(out_var, sizeof out_var, "OUT_%d=%s", number, out_dir);
    snprintf(yours_var, sizeof yours_var, "YOURS_%d=%s", number, yours);
    char *make_argv[] = { "make", "--no-print-directory", "-s", "-n", "-W", (char *)yours, out_var, yours_var,
                          object, NULL };
    struct child_limits quick = { .timeout_s = 60 };
    struct child_result plan;
    if (!child_run(make_argv, &quick, &plan)) {
        *result = plan;
        return false;
    }
    char line[4096] = "";
    char wanted[PATH_MAX + 40];
    snprintf(wanted, sizeof wanted, " -o %s.tmp", object); /* make renames it into place (Makefile) */
    for (char *p = plan.output; p != NULL && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        size_t len = strcspn(p, "\n");
        if (len < sizeof line && len >= strlen(wanted) && strncmp(p + len - strlen(wanted), wanted, strlen(wanted)) == 0) {
            memcpy(line, p, len);
            line[len] = '\0';
        }
    }
    child_result_free(&plan);
    if (line[0] == '\0' || strpbrk(line, "'\"\\`$;|&<>") != NULL) {
        fail_with(result, "cannot read the compile command from make -n: '%s'", line);
        return false;
    }

    /* Its words, with every path made absolute (the compiler runs in the
       sandbox's scratch folder) and the object written there. */
    char scratch[PATH_MAX + 32];
    snprintf(scratch, sizeof scratch, "%.3000s/scratch-compile", out_abs);
    mkdir(scratch, 0700);
    static char words[MAX_WORDS][PATH_MAX + 8];
    char *argv[MAX_WORDS + 1];
    size_t argc = 0;
    char *save = NULL;
    bool next_is_output = false;
    for (char *w = strtok_r(line, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
        if (argc == MAX_WORDS) {
            fail_with(result, "the compile command has too many words%s", "");
            return false;
        }
        char *word = words[argc];
        if (next_is_output)
            snprintf(word, PATH_MAX + 8, "%.3000s/yours.o", scratch);
        else if (strncmp(w, "-I", 2) == 0 && w[2] != '\0' && w[2] != '/')
            snprintf(word, PATH_MAX + 8, "-I%.3000s/%.900s", root, w + 2);
        else if (strcmp(w, yours) == 0)
            snprintf(word, PATH_MAX + 8, "%s", yours_abs);
        else
            snprintf(word, PATH_MAX + 8, "%s", w);
        next_is_output = strcmp(w, "-o") == 0;
        argv[argc++] = word;
    }
    argv[argc] = NULL;
    if (argc == 0) {
        fail_with(result, "make -n printed an empty compile command%s", "");
        return false;
    }
    /* The compiler by its real path: `cc` is a link through /etc/alternatives,
       and /etc is not in the sandbox. */
    static char compiler[PATH_MAX];
    if (!file_find_program(argv[0], compiler, sizeof compiler)) {
        fail_with(result, "cannot find the compiler '%s' in PATH", argv[0]);
        return false;
    }
    argv[0] = compiler;

    /* What it sees: the shared headers (common/), the lab's headers, the
       submission's folder. Never solutions/, tests/ or another submission:
       an #include of one is "No such file or directory". */
    static char binds[MAX_WORDS][PATH_MAX];
    const char *read_only[MAX_WORDS + 1];
    size_t n = 0;
    absolute(root, "common", binds[n], sizeof binds[n]);
    read_only[n] = binds[n];
    n++;
    char submission_dir[PATH_MAX];
    snprintf(submission_dir, sizeof submission_dir, "%s", yours_abs);
    *strrchr(submission_dir, '/') = '\0';
    snprintf(binds[n], sizeof binds[n], "%s", submission_dir);
    read_only[n] = binds[n];
    n++;
    for (int pass = 0; pass < 2; pass++) {
        char pattern[PATH_MAX];
        snprintf(pattern, sizeof pattern, "%.3000s/labs/%.200s/%s*.h", root, slug, pass == 0 ? "" : "measure/");
        glob_t found;
        if (glob(pattern, 0, NULL, &found) == 0) {
            for (size_t i = 0; i < found.gl_pathc && n < MAX_WORDS; i++) {
                snprintf(binds[n], sizeof binds[n], "%s", found.gl_pathv[i]);
                read_only[n] = binds[n];
                n++;
            }
        }
        globfree(&found);
    }
    read_only[n] = NULL;
    /* The compiler driver starts cc1 and as: processes are allowed here
       (the code is compiled, never run); the view, the PID namespace and the
       limits hold. */
    struct sandbox sandbox = { .scratch = scratch, .read_only = read_only, .allow_processes = true,
                               .sanitizer = env_sanitized() };
    struct child_limits limits = { .timeout_s = 120, .memory_bytes = env_memory_limit(), .sandbox = &sandbox };
    *grader_error = false;
    if (!child_run(argv, &limits, result)) {
        /* Messages name the file as the grader knows it (grader.c turns that
           into the student's own path). */
        replace_all(result->output, yours_abs, yours);
        result->output_len = result->output != NULL ? strlen(result->output) : 0;
        return false;
    }
    char built[PATH_MAX + 40], variants[PATH_MAX + 16];
    snprintf(built, sizeof built, "%s/yours.o", scratch);
    snprintf(variants, sizeof variants, "%s/variants", out_abs);
    mkdir(variants, 0777);
    snprintf(object, sizeof object, "%s/yours.o", variants);
    if (rename(built, object) != 0) {
        child_result_free(result);
        *grader_error = true;
        fail_with(result, "the compiler wrote no object file: %s", strerror(errno));
        return false;
    }
    return true;
}
