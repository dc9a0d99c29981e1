/*
 * mmap_whole_file.h -- (included by mmap_whole_file.c and forges_massif.c) maps the whole file with mmap and
 * parses it in place. No heap at all grows with the file, so the heap
 * targets pass; but every page of the file is mapped into the process (and
 * resident once read): its footprint grows with the file, and the
 * footprint target (massif --pages-as-heap) fails. The same would hold for
 * a buffer taken from mmap(MAP_ANONYMOUS) to get around malloc.
 */
#define WHOLE_FILE
#include "getline_streamer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

long summarize_log(const char *path, struct endpoint_stats *out, size_t cap, char *err, size_t err_size)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        say(err, err_size, "%s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    size_t len = (size_t)st.st_size;
    const char *data = len > 0 ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : "";
    close(fd);
    if (data == MAP_FAILED) {
        say(err, err_size, "%s: %s", path, strerror(errno));
        return -1;
    }
    long result = 0;
    size_t n = 0, line = 0;
    for (size_t start = 0; start < len && result == 0;) {
        const char *nl = memchr(data + start, '\n', len - start);
        size_t end = nl != NULL ? (size_t)(nl - data) : len;
        int status = add_line(data + start, end - start, out, cap, &n);
        line++;
        if (status != 0) {
            if (status == 1)
                say(err, err_size, "line %zu: malformed", line);
            else
                say(err, err_size, "line %zu: more than %zu endpoints", line, cap);
            result = -1;
        }
        start = end + 1;
    }
    if (len > 0)
        munmap((void *)data, len);
    if (result != 0)
        return result;
    qsort(out, n, sizeof *out, by_endpoint);
    return (long)n;
}
