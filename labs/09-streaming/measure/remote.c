/*
 * remote.c -- Lab 9's contract for the cmocka suite, called in a worker.
 *
 * tests/09-streaming.c links this summarize_log instead of an
 * implementation. It reads the file here (the suite's files are not in the
 * worker's sandbox), sends its bytes to worker-<variant> (worker.c), which
 * writes them to a file of its own and calls the variant on it, and copies
 * the results back into the caller's out and err. A call that fails (a
 * crash, a hang, a malformed reply) fails the running test with fail_msg,
 * naming the test. See remote.h for the wire format, common/rpc.h for why.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

/* The slowest honest call (naive on the suite's largest log, a few MB)
   takes well under a second; a hang is named long before the suite's limit. */
static const struct rpc_options options = { .timeout_s = 10 };

/* The whole file, or NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap);
    while (data != NULL) {
        n += fread(data + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *grown = realloc(data, cap *= 2);
        if (grown == NULL)
            free(data);
        data = grown;
    }
    fclose(f);
    *len = n;
    return data;
}

long summarize_log(const char *path, struct endpoint_stats *out, size_t cap, char *err, size_t err_size)
{
    struct rpc_client *worker = rpc_suite_client(&options);
    size_t len = 0;
    char *content = slurp(path, &len);
    struct rpc_buffer request = { 0 };
    rpc_put_u8(&request, content != NULL);
    rpc_put_u64(&request, strlen(path));
    rpc_put(&request, path, strlen(path));
    rpc_put_u64(&request, len);
    if (content != NULL)
        rpc_put(&request, content, len);
    rpc_put_u64(&request, cap);
    rpc_put_u64(&request, err_size);
    free(content);
    struct rpc_reader reply;
    bool called = rpc_call(worker, LAB9_SUMMARIZE_LOG, &request, &reply);
    rpc_buffer_free(&request);
    if (!called)
        fail_msg("summarize_log(%zu bytes, cap %zu) %s", len, cap, rpc_error(worker));

    int64_t result = (int64_t)rpc_get_u64(&reply);
    bool wrote_past_cap = rpc_get_u8(&reply) != 0;
    uint64_t err_len = rpc_get_u64(&reply);
    const char *err_text = err_len <= err_size ? rpc_get_view(&reply, err_len) : NULL;
    uint64_t entries = result > 0 ? ((uint64_t)result < cap ? (uint64_t)result : cap) : 0;
    const void *stats = entries > 0 ? rpc_get_view(&reply, entries * sizeof *out) : NULL;
    if (err_len > err_size || !rpc_reader_done(&reply))
        fail_msg("summarize_log: the worker's reply is not a reply to this call");
    if (wrote_past_cap)
        fail_msg("summarize_log(cap %zu) wrote past out[cap - 1]", cap);
    if (err_size > 0) {
        memcpy(err, err_text, err_len);
        if (err_len < err_size)
            err[err_len] = '\0'; /* as the callee left it: the suite checks the NUL is there */
    }
    if (stats != NULL)
        memcpy(out, stats, entries * sizeof *out);
    return (long)result;
}
