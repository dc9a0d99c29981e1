/*
 * rpc-worker.c -- a worker for the harness's rpc tests (tests/harness.c):
 * each op is one way a worker behaves, well or badly.
 */
#define _GNU_SOURCE
#include "rpc-worker.h"
#include "rpc.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int status_at_end;

static void write_raw(const void *data, size_t len)
{
    if (write(RPC_REPLY_FD, data, len) < 0)
        _exit(9);
}

static void flood(FILE *f, const char *last)
{
    static char line[1001];
    memset(line, 'x', sizeof line - 1);
    for (int i = 0; i < 20000; i++) /* 20 MB */
        fputs(line, f);
    fputs(last, f);
    fflush(f);
}

static bool handle(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply)
{
    switch (op) {
    case TEST_ECHO: {
        size_t len = request->left;
        rpc_put(reply, rpc_get_view(request, len), len);
        return true;
    }
    case TEST_PID:
        rpc_put_u32(reply, (uint32_t)getpid());
        return true;
    case TEST_NOISE:
        printf("[  PASSED  ] 1 test(s).\n");
        fprintf(stderr, "noise on stderr\n");
        rpc_put_u32(reply, 42);
        return true;
    case TEST_SEGV:
        fprintf(stderr, "about to crash\n");
        signal(SIGSEGV, SIG_DFL); /* AddressSanitizer's handler would exit instead */
        raise(SIGSEGV);
        return true;
    case TEST_BAD_FREE: {
        /* Through volatiles: gcc would warn, clang would drop the pair. */
        static char *volatile block;
        static volatile size_t off = 1;
        block = malloc(16);
        free(block + off);
        return true;
    }
    case TEST_HANG:
        for (;;)
            pause();
    case TEST_FLOOD:
        flood(stdout, "end of stdout flood\n");
        flood(stderr, "end of stderr flood\n");
        rpc_put_u32(reply, 7);
        return true;
    case TEST_FLOOD_FOREVER:
        for (;;)
            flood(stdout, "again\n");
    case TEST_BAD_LENGTH: {
        uint32_t head[4] = { RPC_MAGIC, 0, 0, 0xffffffffu };
        write_raw(head, sizeof head);
        pause();
        return true;
    }
    case TEST_GARBAGE:
        write_raw("this is not a reply, just bytes\n", 32);
        pause();
        return true;
    case TEST_EXIT:
        printf("[==========] 10 test(s) run.\n[  PASSED  ] 10 test(s).\n");
        fflush(stdout);
        _exit(0);
    case TEST_GETENV: {
        const char *v = getenv("RPC_TEST_WRAPPED");
        rpc_put(reply, v ? v : "(unset)", strlen(v ? v : "(unset)"));
        return true;
    }
    case TEST_FAIL_AT_END:
        status_at_end = 3;
        fprintf(stderr, "I will exit with status 3\n");
        return true;
    case TEST_PASSED_FDS:
        if (write(RPC_FIRST_PASSED_FD, "fd5", 3) != 3)
            return false;
        for (int fd = RPC_FIRST_PASSED_FD; fd < RPC_FIRST_PASSED_FD + 5; fd++)
            rpc_put_u8(reply, fcntl(fd, F_GETFD) != -1);
        return true;
    default:
        return false; /* refused: the worker carries on */
    }
}

int main(void)
{
    int status = rpc_serve(handle);
    return status != 0 ? status : status_at_end;
}
