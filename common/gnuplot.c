/*
 * gnuplot.c -- drawing plots with gnuplot, at once or from a queue (see
 * gnuplot.h for why a queue).
 *
 * Design decisions
 * - No shell anywhere: gnuplot gets its argv from us, the assignments as
 *   one -e argument.
 * - The queue is a plain file of records "SCRIPT\0ASSIGNMENTS\0", appended
 *   by the bench as it goes, read whole by the front end after the bench
 *   exited. It is written by a process that ran student code, so it is read
 *   as hostile: opened without following links, a regular file of at most
 *   GNUPLOT_QUEUE_BYTES, at most GNUPLOT_QUEUE_PLOTS records, each script
 *   a name of the course's own scripts (checked character by character, no
 *   "..") and each assignment string at most GNUPLOT_ASSIGNMENTS_BYTES. What
 *   the assignments say is only ever read by a sandboxed gnuplot.
 */
#include "gnuplot.h"

#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    GNUPLOT_QUEUE_BYTES = 1 << 20,
    GNUPLOT_QUEUE_PLOTS = 64,          /* the most plots one lab draws today: 8 */
    GNUPLOT_ASSIGNMENTS_BYTES = 16384, /* the longest today: about 1,500 */
    GNUPLOT_SCRIPT_BYTES = 200,
    GNUPLOT_PLOT_SECONDS = 60,         /* one plot; the slowest today takes under a second */
    GNUPLOT_QUEUE_SECONDS = 120,       /* the whole queue: a hostile one must not hold make lab-N for an hour */
};

/* program: "gnuplot" (searched in PATH) or its absolute path. */
/* program: "gnuplot" (searched in PATH) or its absolute path. *seconds
   (if not NULL) receives how long it ran. */
static bool draw(const char *program, const char *footer_gp, const char *script, const char *assignments,
                 const struct sandbox *sb, double timeout_s, double *seconds)
{
    char *argv[] = { (char *)program, "-e", (char *)assignments, (char *)footer_gp, (char *)script, NULL };
    struct child_limits limits = { .timeout_s = timeout_s, .sandbox = sb };
    struct child_result r;
    bool ok = child_run(argv, &limits, &r);
    for (char *line = strtok(r.output, "\n"); line != NULL; line = strtok(NULL, "\n"))
        if (strstr(line, "no valid points") == NULL) /* an all-NaN column: nothing was extrapolated */
            fprintf(stderr, "gnuplot: %s\n", line);
    if (!ok && r.outcome == CHILD_TIMED_OUT)
        fprintf(stderr, "warning: gnuplot %s took over %.0f s: not drawn\n", script, timeout_s);
    else if (!ok && r.outcome == CHILD_NOT_RUN)
        fprintf(stderr, "warning: gnuplot %s: gnuplot could not start (is it installed? make deps)\n", script);
    else if (!ok) {
        char how[200];
        fprintf(stderr, "warning: gnuplot %s %s\n", script, child_describe(&r, how, sizeof how));
    }
    if (seconds != NULL)
        *seconds = r.seconds;
    child_result_free(&r);
    return ok;
}

bool gnuplot_draw(const char *footer_gp, const char *script, const char *assignments, const struct sandbox *sb)
{
    return draw("gnuplot", footer_gp, script, assignments, sb, GNUPLOT_PLOT_SECONDS, NULL);
}

bool gnuplot_queue(const char *queue, const char *script, const char *assignments)
{
    size_t script_len = strlen(script) + 1, assignments_len = strlen(assignments) + 1;
    FILE *f = NULL;
    if (script_len <= GNUPLOT_SCRIPT_BYTES && assignments_len <= GNUPLOT_ASSIGNMENTS_BYTES)
        f = fopen(queue, "ab");
    bool ok = f != NULL && fwrite(script, 1, script_len, f) == script_len &&
              fwrite(assignments, 1, assignments_len, f) == assignments_len;
    if (f != NULL && fclose(f) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "warning: cannot queue the plot %s in %s\n", script, queue);
    return ok;
}

/* common/NAME.gp or labs/<slug>/measure/NAME.gp, NAME of [A-Za-z0-9_-]. */
static bool course_script(const char *script, const char *slug)
{
    char lab_dir[300];
    snprintf(lab_dir, sizeof lab_dir, "labs/%s/measure/", slug);
    const char *name = NULL;
    if (strncmp(script, "common/", 7) == 0)
        name = script + 7;
    else if (strncmp(script, lab_dir, strlen(lab_dir)) == 0)
        name = script + strlen(lab_dir);
    if (name == NULL)
        return false;
    size_t len = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
    return len > 0 && strcmp(name + len, ".gp") == 0;
}

/* The queue file, whole: a regular file (no link followed) within the limit. */
static char *read_queue(const char *queue, size_t *len)
{
    /* O_NONBLOCK: opening a fifo would otherwise wait for a writer, forever */
    int fd = open(queue, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *data = NULL;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return NULL;
    }
    if (S_ISREG(st.st_mode) && st.st_size <= GNUPLOT_QUEUE_BYTES && (data = malloc((size_t)st.st_size + 1)) != NULL) {
        ssize_t got = read(fd, data, (size_t)st.st_size);
        if (got != st.st_size) {
            free(data);
            data = NULL;
        } else {
            data[got] = '\0';
            *len = (size_t)got;
        }
    } else if (S_ISREG(st.st_mode) && st.st_size > GNUPLOT_QUEUE_BYTES) {
        fprintf(stderr, "perflab: the plot queue %s is over %d bytes: no plot drawn\n", queue,
                GNUPLOT_QUEUE_BYTES);
    }
    close(fd);
    return data;
}

int gnuplot_queue_draw(const char *queue, const char *program, const char *root, const char *slug,
                       const struct sandbox *sb)
{
    struct stat st;
    if (lstat(queue, &st) != 0 && errno == ENOENT)
        return 0; /* nothing was plotted */
    size_t len = 0;
    char *data = read_queue(queue, &len);
    if (data == NULL) {
        fprintf(stderr, "perflab: cannot read the plot queue %s (not a regular file, or too large)\n", queue);
        return 1;
    }
    int failed = 0, plots = 0;
    double spent = 0; /* seconds of gnuplot so far, against GNUPLOT_QUEUE_SECONDS */
    char footer[4200], script_path[4400];
    snprintf(footer, sizeof footer, "%.4000s/common/footer.gp", root);
    for (size_t at = 0; at < len;) {
        const char *script = data + at;
        size_t script_len = strnlen(script, len - at);
        const char *assignments = script + script_len + 1;
        size_t assignments_len = at + script_len + 1 < len ? strnlen(assignments, len - at - script_len - 1) : 0;
        bool whole = at + script_len + 1 + assignments_len < len; /* both ended by their NUL */
        if (!whole || ++plots > GNUPLOT_QUEUE_PLOTS || script_len >= GNUPLOT_SCRIPT_BYTES ||
            assignments_len >= GNUPLOT_ASSIGNMENTS_BYTES || !course_script(script, slug)) {
            fprintf(stderr, "perflab: the plot queue %s holds a record that is not a course plot "
                            "(or more than %d): the rest is not drawn\n", queue, GNUPLOT_QUEUE_PLOTS);
            failed++;
            break;
        }
        if (spent >= GNUPLOT_QUEUE_SECONDS) {
            fprintf(stderr, "perflab: the plots of %s took over %d s in all: the rest is not drawn\n", queue,
                    GNUPLOT_QUEUE_SECONDS);
            failed++;
            break;
        }
        snprintf(script_path, sizeof script_path, "%.4000s/%s", root, script);
        double took = 0, left = GNUPLOT_QUEUE_SECONDS - spent;
        if (!draw(program, footer, script_path, assignments, sb,
                  left < GNUPLOT_PLOT_SECONDS ? left : GNUPLOT_PLOT_SECONDS, &took))
            failed++;
        spent += took;
        at += script_len + 1 + assignments_len + 1;
    }
    free(data);
    return failed;
}
