/*
 * worker.c -- worker-<variant>: serves Lab 9's call for the suite
 * (remote.c) with the summarize_log of the variant linked in. The log's
 * bytes come with the call; they are written to a file in $TMPDIR or /tmp
 * (the sandbox's own, when graded), summarized, and the file is removed.
 * See remote.h and common/rpc.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

/* Write the content to a fresh file; its name goes to path. */
static bool write_file(const void *content, size_t len, char *path, size_t size)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/perflab-lab9-XXXXXX", dir != NULL && dir[0] ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return false;
    FILE *f = fdopen(fd, "wb");
    bool ok = f != NULL && fwrite(content, 1, len, f) == len;
    if (f != NULL)
        ok = fclose(f) == 0 && ok;
    else
        close(fd);
    if (!ok)
        remove(path);
    return ok;
}

static bool handle(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply)
{
    if (op != LAB9_SUMMARIZE_LOG)
        return false;
    bool exists = rpc_get_u8(request) != 0;
    uint64_t path_len = rpc_get_u64(request);
    const char *given = path_len < 4096 ? rpc_get_view(request, path_len) : NULL;
    uint64_t len = rpc_get_u64(request);
    const void *content = exists && len <= request->left ? rpc_get_view(request, len) : NULL;
    uint64_t cap = rpc_get_u64(request);
    uint64_t err_size = rpc_get_u64(request);
    if (!rpc_reader_done(request) || given == NULL || (exists && content == NULL && len > 0) || cap > 1 << 20 ||
        err_size > 1 << 20)
        return false;

    char path[4200];
    if (exists) {
        if (!write_file(content, len, path, sizeof path))
            return false;
    } else {
        snprintf(path, sizeof path, "%.*s", (int)path_len, given);
    }
    /* out and err exactly as large as the caller said (AddressSanitizer
       sees an overrun), plus one guard entry for out that must not change. */
    struct endpoint_stats *out = malloc((cap + 1) * sizeof *out);
    char *err = err_size > 0 ? malloc(err_size) : NULL;
    if (out == NULL || (err_size > 0 && err == NULL)) {
        free(out);
        free(err);
        if (exists)
            remove(path);
        return false;
    }
    memset(out, 0xA5, (cap + 1) * sizeof *out);
    if (err != NULL)
        memset(err, 'X', err_size);

    long result = summarize_log(path, out, (size_t)cap, err, (size_t)err_size);

    if (exists)
        remove(path);
    unsigned char guard[sizeof *out];
    memset(guard, 0xA5, sizeof guard);
    size_t err_len = err != NULL ? strnlen(err, err_size) : 0;
    uint64_t entries = result > 0 ? ((uint64_t)result < cap ? (uint64_t)result : cap) : 0;
    rpc_put_u64(reply, (uint64_t)(int64_t)result);
    rpc_put_u8(reply, memcmp(&out[cap], guard, sizeof guard) != 0);
    rpc_put_u64(reply, err_len);
    rpc_put(reply, err, err_len);
    rpc_put(reply, out, entries * sizeof *out);
    free(out);
    free(err);
    return true;
}

int main(void)
{
    return rpc_serve(handle);
}
