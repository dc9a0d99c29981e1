/*
 * rpc.h -- call a function in another process: framed requests and replies
 * over pipes, between a trusted caller and a worker process.
 *
 * Why: a lab's cmocka suite decides the verdict, so it must not share an
 * address space with the code it judges. Linked with the student's object, a
 * suite can be fooled from inside: the student's join_ints() prints a fake
 * "[  PASSED  ]" summary and calls _exit(0), or defines cmocka's _assert_*
 * functions as no-ops. So for a lab that has them, the suite (test-<variant>)
 * runs in a trusted process with no student code, and reaches the lab's
 * contract through a small per-lab marshalling layer:
 *
 *   labs/NN-slug/measure/remote.c  trusted side: defines the contract's
 *                                  functions (lab.h); each one packs its
 *                                  arguments, rpc_call()s the worker and
 *                                  unpacks the result, or fails the running
 *                                  test with rpc_error()'s description;
 *   labs/NN-slug/measure/worker.c  worker side: main() is rpc_serve(handler);
 *                                  the handler unpacks, calls the real
 *                                  function (the variant's object is linked
 *                                  into worker-<variant>) and packs the result.
 *
 * The protocol: each message is a 16-byte header {RPC_MAGIC, op (request) or
 * status (reply), sequence number, payload length}, all uint32_t, then the
 * payload. The caller sends one request and waits for its reply; the reply
 * echoes the request's sequence number. A payload is what the two sides'
 * rpc_put_* and rpc_get_* calls make of it; a lab documents its own.
 *
 * Design decisions
 * - Dedicated channels: the worker reads requests on fd 3 and writes replies
 *   on fd 4. Its stdout and stderr are two other pipes, so that a printf in
 *   student code cannot corrupt the protocol. The caller keeps the last
 *   RPC_TAIL_BYTES of each (rpc_output_tail): a flood costs time, not memory.
 * - One deadline per call, covering the worker's start, the request and the
 *   reply. Past it, the worker's process group is killed. Built with
 *   AddressSanitizer (SANITIZE=1), deadlines are 4 times longer, as the front
 *   end's limit on a whole suite is.
 * - A failed call (the worker crashed, exited, hung, or replied something
 *   that is not a reply to this call) returns false and leaves a one-line
 *   description (rpc_error): "crashed: SIGSEGV (Segmentation fault)", "timed
 *   out after 10 s (...)", then the last lines of the worker's stderr (where
 *   glibc says "free(): invalid pointer"). One line, with control characters
 *   replaced: nothing the worker prints can start a line of the caller's
 *   output (a fake cmocka summary). The next call starts a fresh worker.
 *   What a failure means is the caller's business (remote.c: fail the test).
 * - Sizes are bounded: a payload over RPC_MAX_MESSAGE is refused at both ends
 *   before anything is allocated for it.
 * - Native byte order and sizes: both ends are built together, for one machine.
 * - The worker runs in its own process group (a timeout kills what it
 *   started too) with PR_SET_PDEATHSIG, so it never outlives its caller, no
 *   core dumps, stdin on /dev/null, and no file descriptors but 0-4 (and
 *   the ones the caller passes on: rpc_options.pass_fds).
 * - The caller ignores SIGPIPE (when it was the default): a worker that dies
 *   while we write must fail the call, not kill the caller.
 * - The sandbox hook: rpc_options.wrapper, words put before the worker's
 *   argv (bubblewrap's options, ending in "--"). The wrapper must pass fds
 *   3 and 4 on to the worker (bubblewrap does). Behind a wrapper, an exit
 *   status 128 + N reads as death by signal N: bubblewrap and shells report
 *   a crashed child so.
 * - The worker runs where the caller says: rpc_options.sandbox (sandbox.h)
 *   puts it in bubblewrap, which the grader does; without one it runs with
 *   the caller's user and privileges. rpc_suite_client() takes the sandbox's
 *   scratch folder from PERFLAB_WORKER_SANDBOX, set by the grader.
 */
#ifndef PERFLAB_RPC_H
#define PERFLAB_RPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    RPC_REQUEST_FD = 3,   /* the worker reads requests here */
    RPC_REPLY_FD = 4,     /* and writes replies here */
    RPC_TAIL_BYTES = 4096, /* of the worker's stdout and of its stderr, kept */
    RPC_FIRST_PASSED_FD = 5, /* rpc_options.pass_fds reach the worker from here on */
    RPC_MAX_PASSED_FDS = 4
};

#define RPC_MAGIC 0x31435052u /* "RPC1" in the bytes of a little-endian header */
#define RPC_MAX_MESSAGE ((size_t)256 << 20)
#define RPC_DEFAULT_TIMEOUT_S 10.0

/* ---- messages ------------------------------------------------------------------- */

/* A payload being written. Zero-initialize; a failed allocation or a payload
   over RPC_MAX_MESSAGE sets `failed` (rpc_call then refuses it). */
struct rpc_buffer {
    unsigned char *data;
    size_t len, cap;
    bool failed;
};

void rpc_put(struct rpc_buffer *b, const void *data, size_t len);
void rpc_put_u8(struct rpc_buffer *b, uint8_t v);
void rpc_put_u32(struct rpc_buffer *b, uint32_t v);
void rpc_put_u64(struct rpc_buffer *b, uint64_t v);
void rpc_buffer_free(struct rpc_buffer *b);

/* A payload being read. Reading past its end sets `failed` and gives zeros
   (or NULL): check once, at the end, with rpc_reader_done. */
struct rpc_reader {
    const unsigned char *data;
    size_t left;
    bool failed;
};

bool rpc_get(struct rpc_reader *r, void *out, size_t len);
uint8_t rpc_get_u8(struct rpc_reader *r);
uint32_t rpc_get_u32(struct rpc_reader *r);
uint64_t rpc_get_u64(struct rpc_reader *r);
/* The next len bytes, in place (not aligned for any type), or NULL. */
const void *rpc_get_view(struct rpc_reader *r, size_t len);
/* Everything was read, and nothing more was there. */
bool rpc_reader_done(const struct rpc_reader *r);

/* ---- the caller --------------------------------------------------------------------- */

struct sandbox;

struct rpc_options {
    double timeout_s;           /* per call; 0 = RPC_DEFAULT_TIMEOUT_S */
    const char *const *wrapper; /* NULL-ended words run before the worker's argv, or NULL */
    const struct sandbox *sandbox; /* run the worker in this sandbox (sandbox.h), or NULL;
                                      its channels pass in (pass_fds is set to 2) */
    /* Descriptors of the caller's that every worker this client starts gets
       as RPC_FIRST_PASSED_FD, +1, ... (at most RPC_MAX_PASSED_FDS): a lab
       whose contract takes a descriptor passes one end of a Unix socket
       here and sends the real ones over it (Lab 7). Read when the client is
       made; the caller keeps them open for the client's life. */
    const int *pass_fds;
    int n_pass_fds;
};

struct rpc_client;

/* A client for the worker argv (argv[0] searched in PATH); options may be
   NULL. Nothing starts until the first call. NULL only if out of memory. */
struct rpc_client *rpc_client_new(char *const argv[], const struct rpc_options *options);

/* Send op and the request's payload; wait for the reply. On success *reply
   reads the reply's payload, valid until the next call. On failure (false)
   rpc_error says why; the next call starts a fresh worker. */
bool rpc_call(struct rpc_client *c, uint32_t op, const struct rpc_buffer *request, struct rpc_reader *reply);

/* The last failure, one line: "crashed: SIGSEGV (Segmentation fault) -- its
   stderr ends: ...". "" before any. */
const char *rpc_error(const struct rpc_client *c);

/* The last RPC_TAIL_BYTES the current (or last) worker wrote to fd 1
   (stdout) or 2 (stderr), NUL-terminated, as written. */
const char *rpc_output_tail(struct rpc_client *c, int fd);

/* ---- calls back: the worker asks its caller, in the middle of a call ---------------- */

/* A caller's answer to one call back: read op's arguments from request and
   write the answer to reply. Return false when the request is malformed or
   op unknown: the call then fails ("sent a malformed call back") and the
   worker is killed -- the worker is not trusted, a refusal is final. */
typedef bool rpc_callback(void *context, uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply);

/* rpc_call, during which the worker may call back (rpc_call_back) any number
   of times: each call back is answered by callback(context, ...), in this
   thread, before the call goes on. Why: a lab whose contract calls services
   of the trusted side (Lab 5: the worker's db_* functions execute each
   statement in the trusted process, which counts them there). The call's
   deadline covers the call backs. Without a callback (rpc_call), a call
   back is a malformed reply. */
bool rpc_call_with_callbacks(struct rpc_client *c, uint32_t op, const struct rpc_buffer *request,
                             struct rpc_reader *reply, rpc_callback *callback, void *context);

/* End the worker in order: close its request channel and wait (one call's
   deadline) for it to exit. False, with rpc_error, when it did not exit with
   status 0 (a crash at exit, LeakSanitizer's report...). */
bool rpc_client_end(struct rpc_client *c);
void rpc_client_free(struct rpc_client *c);

/* The client of a lab's test program: test-<X> calls worker-<X> (and the
   grader's driver-remote calls worker-yours), the program of that name in its own folder (found through /proc/self/exe), so a test
   program runs the same whoever starts it (make, perflab, a person). Made at
   the first use with these options (NULL: defaults); ended at exit, and a
   worker that ends badly makes the program exit with status 1. If there is
   no such worker, every call fails and says so. */
struct rpc_client *rpc_suite_client(const struct rpc_options *options);

/* ---- the worker ----------------------------------------------------------------------- */

/* Read one call's arguments from request and write its results to reply.
   Return false when the request cannot be read or op is unknown: the call
   then fails on the caller's side (the worker carries on). */
typedef bool rpc_handler(uint32_t op, struct rpc_reader *request, struct rpc_buffer *reply);

/* A worker's main loop: serve calls until the caller closes the request
   channel (returns 0) or sends something that is not a request (returns 1).
   Returns 2, saying so, when run without fds 3 and 4 (by hand). stdout is
   made line-buffered, so that debug output survives a crash. */
int rpc_serve(rpc_handler *handler);

/* In a worker, inside a handler: ask the caller (its rpc_callback) op with
   this request, and wait for the answer, which *reply reads until the next
   call back. A call back message is a reply header with status 2
   (STATUS_CALL_BACK), the call's sequence number, and as payload u32 op then
   the request; the answer comes on the request channel with op 0xFFFFFFFF.
   False outside a handler, or when the caller is gone or answers out of
   protocol (the worker should then give up: exit). */
bool rpc_call_back(uint32_t op, const struct rpc_buffer *request, struct rpc_reader *reply);

#endif
