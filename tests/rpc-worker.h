/*
 * rpc-worker.h -- the ops of the harness's test worker (tests/rpc-worker.c).
 */
#ifndef PERFLAB_TEST_RPC_WORKER_H
#define PERFLAB_TEST_RPC_WORKER_H

enum {
    TEST_ECHO = 1,      /* reply: the request */
    TEST_PID,           /* reply: u32 getpid() */
    TEST_NOISE,         /* prints to stdout and stderr, replies u32 42 */
    TEST_SEGV,          /* says so on stderr, then dies of SIGSEGV */
    TEST_BAD_FREE,      /* free() of a pointer malloc never returned */
    TEST_HANG,          /* never replies */
    TEST_FLOOD,         /* 20 MB to stdout and to stderr, then replies u32 7 */
    TEST_FLOOD_FOREVER, /* prints without end, never replies */
    TEST_BAD_LENGTH,    /* a reply header claiming 4 GiB */
    TEST_GARBAGE,       /* bytes that are not a reply header */
    TEST_EXIT,          /* prints a cmocka summary and _exit(0)s */
    TEST_GETENV,        /* reply: $RPC_TEST_WRAPPED */
    TEST_FAIL_AT_END,   /* the worker will exit with status 3 at its end */
    TEST_PASSED_FDS,    /* writes "fd5" to fd 5; reply: u8 per fd 5..9, open or not */
    TEST_UNKNOWN = 99,  /* refused */
};

#endif
