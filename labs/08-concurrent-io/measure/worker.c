/*
 * worker.c -- worker-<variant>: serves Lab 8's calls for the suite
 * (remote.c) with the fetch_all of the variant linked in. See common/rpc.h.
 *
 * Before it serves anything, it makes the TCP listener the variant will
 * fetch from and hands it to the suite's server (server.h): in the sandbox
 * this process has a network of its own, which only it can listen in. That
 * happens before any call reaches lab code (student constructors aside: see
 * the README, "What is protected").
 */
#include <stdio.h>
#include <stdlib.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"
#include "server.h"

static int port;

static bool handle(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply)
{
    if (op != LAB8_FETCH_ALL)
        return false;
    uint64_t n = rpc_get_u64(request);
    uint64_t max_in_flight = rpc_get_u64(request);
    if (request->failed || n != request->left / sizeof(uint32_t) || request->left % sizeof(uint32_t) != 0)
        return false;
    /* Their own allocations, sized exactly (AddressSanitizer sees overruns). */
    uint32_t *ids = n > 0 ? malloc(n * sizeof *ids) : NULL;
    struct response *out = n > 0 ? malloc(n * sizeof *out) : NULL;
    if (n > 0 && (ids == NULL || out == NULL)) {
        free(ids);
        free(out);
        return false;
    }
    if (n > 0)
        rpc_get(request, ids, n * sizeof *ids);
    for (uint64_t i = 0; i < n; i++)
        out[i] = (struct response){ 0, 0, 0 }; /* what a variant that fills nothing leaves */

    int result = fetch_all(port, ids, (size_t)n, (size_t)max_in_flight, out);

    rpc_put_u32(reply, (uint32_t)result);
    for (uint64_t i = 0; i < n; i++) {
        rpc_put_u32(reply, (uint32_t)out[i].status);
        rpc_put_u64(reply, out[i].checksum);
        rpc_put_u64(reply, (uint64_t)out[i].bytes);
    }
    free(ids);
    free(out);
    return true;
}

int main(void)
{
    const char *path = getenv(LAB8_SERVER_SOCKET);
    char why[300];
    if (path == NULL) {
        fprintf(stderr, "worker: %s is not set: run me from the lab's test program\n", LAB8_SERVER_SOCKET);
        return 2;
    }
    if ((port = server_hand_over(path, why, sizeof why)) < 0) {
        fprintf(stderr, "worker: %s\n", why);
        return 2;
    }
    return rpc_serve(handle);
}
