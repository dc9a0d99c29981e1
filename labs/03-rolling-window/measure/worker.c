/*
 * worker.c -- Lab 3's worker: serves rolling_mean_var calls (remote.h) with
 * the implementation it is linked with. See common/rpc.h.
 */
#include <stdlib.h>

#include "lab.h"
#include "remote.h"
#include "rpc.h"

/* A given array in its own allocation, sized exactly, so that a read or
   write past its end is caught (AddressSanitizer) as it would be in the
   suite's process; NULL when not given. false: out of memory. */
static bool take_array(struct rpc_reader *r, bool given, size_t n, double **out)
{
    *out = NULL;
    if (!given)
        return true;
    if ((*out = malloc(n > 0 ? n * sizeof **out : 1)) == NULL)
        return false;
    rpc_get(r, *out, n * sizeof **out);
    return true;
}

static bool handle(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply)
{
    if (op != LAB3_ROLLING_MEAN_VAR)
        return false;
    uint64_t n = rpc_get_u64(request);
    uint64_t w = rpc_get_u64(request);
    uint8_t given = rpc_get_u8(request);
    size_t arrays = (size_t)((given & LAB3_GIVEN_X) != 0) + ((given & LAB3_GIVEN_MEAN) != 0) +
                    ((given & LAB3_GIVEN_VAR) != 0);
    if (request->failed || (given & ~7u) != 0 || n > request->left / sizeof(double) + 1 ||
        request->left != arrays * n * sizeof(double))
        return false;
    double *x = NULL, *mean = NULL, *var = NULL;
    bool ok = take_array(request, given & LAB3_GIVEN_X, n, &x) &&
              take_array(request, given & LAB3_GIVEN_MEAN, n, &mean) &&
              take_array(request, given & LAB3_GIVEN_VAR, n, &var);
    if (ok) {
        int result = rolling_mean_var(x, (size_t)n, (size_t)w, mean, var);
        rpc_put_u32(reply, (uint32_t)result);
        if (x != NULL)
            rpc_put(reply, x, n * sizeof *x);
        if (mean != NULL)
            rpc_put(reply, mean, n * sizeof *mean);
        if (var != NULL)
            rpc_put(reply, var, n * sizeof *var);
    }
    free(x);
    free(mean);
    free(var);
    return ok;
}

int main(void)
{
    return rpc_serve(handle);
}
