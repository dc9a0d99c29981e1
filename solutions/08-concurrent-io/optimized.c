/*
 * optimized.c -- Lab 8 reference: overlap the waits, a bounded window on a
 * pool of reused connections (libcurl's multi interface).
 * label: concurrent, curl multi, a bounded window on reused connections
 *
 * Why it is fast. The work is not computation, it is waiting: each answer
 * takes the service D, whatever the client does. One request after another
 * waits N x D. With W requests outstanding at once the waits overlap, and N
 * items take about ceil(N / W) x D: Little's law (throughput = requests in
 * flight / latency) with latency fixed by the service, so the only lever is
 * how many are in flight, and the service caps that (K; over it, 503).
 *
 * How.
 * - One thread and an event loop: libcurl's multi interface drives every
 *   transfer from one poll() (curl_multi_poll), so W outstanding requests
 *   cost W sockets and W small structs, not W threads and their stacks.
 * - A sliding window, not batches: the moment a transfer completes, its
 *   slot takes the next item. Batches of W would wait for the slowest of
 *   each batch (and a request that hangs would stall a whole batch until
 *   its timeout); the window keeps W in flight until the end.
 * - At most W = max_in_flight transfers are ever added to the multi handle,
 *   so at most W requests are outstanding: the limit is kept by
 *   construction, never by reacting to 503s.
 * - Reused connections: the easy handles are a pool of W, recycled, and the
 *   multi handle keeps up to W idle connections (CURLMOPT_MAXCONNECTS) and
 *   never opens more than W (CURLMOPT_MAX_TOTAL_CONNECTIONS). The first W
 *   requests open W connections; every later one reuses an idle one (HTTP/1.1
 *   keep-alive): no handshake, no new socket, no port left in TIME_WAIT.
 * - Partial failure stays partial: each transfer has its own timeout
 *   (CURLOPT_TIMEOUT_MS) and its own result; a 500, a reset or a hang fails
 *   that item only, is never retried (no item fetched twice), and its slot
 *   goes on with the next item. Results go to out[index], so the order of
 *   completion does not matter.
 */
#include "lab.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* One slot of the window: an easy handle and the item it is fetching. */
struct slot {
    CURL *curl;
    size_t index;
    struct body_sum body; /* filled by lab.h's body_sum_write as the body arrives */
    char url[64];
};

/* Point the slot's handle at item i (the handle and its settings are reused). */
static void start(CURLM *multi, struct slot *s, int port, const uint32_t *ids, size_t i)
{
    s->index = i;
    s->body = BODY_SUM_START;
    snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d/items/%u", port, (unsigned)ids[i]);
    curl_easy_setopt(s->curl, CURLOPT_URL, s->url);
    curl_multi_add_handle(multi, s->curl);
}

static struct response finish(struct slot *s, CURLcode code)
{
    long status = 0;
    if (code != CURLE_OK || curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status == 0)
        return (struct response){ -1, 0, 0 };
    return (struct response){ (int)status, s->body.checksum, s->body.bytes };
}

int fetch_all(int port, const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out)
{
    if (n == 0)
        return 0;
    size_t window = max_in_flight < n ? max_in_flight : n;
    if (window == 0)
        window = 1;
    static int initialised;
    if (!initialised)
        initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;

    int result = 0;
    CURLM *multi = curl_multi_init();
    struct slot *slots = calloc(window, sizeof *slots);
    bool ready = multi != NULL && slots != NULL;
    for (size_t k = 0; ready && k < window; k++) {
        struct slot *s = &slots[k];
        ready = (s->curl = curl_easy_init()) != NULL;
        if (!ready)
            break;
        curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, body_sum_write);
        curl_easy_setopt(s->curl, CURLOPT_WRITEDATA, &s->body);
        curl_easy_setopt(s->curl, CURLOPT_PRIVATE, s);
        curl_easy_setopt(s->curl, CURLOPT_TIMEOUT_MS, (long)FETCH_TIMEOUT_MS);
        curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
    }
    if (!ready) {
        for (size_t i = 0; i < n; i++)
            out[i] = (struct response){ -1, 0, 0 };
        result = -1;
        goto done;
    }
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)window);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)window);

    size_t next = 0, finished = 0;
    for (; next < window; next++)
        start(multi, &slots[next], port, ids, next);
    while (finished < n) {
        int running = 0;
        curl_multi_perform(multi, &running);
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            struct slot *s;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
            CURLcode code = msg->data.result; /* msg is invalid once the handle is removed */
            out[s->index] = finish(s, code);
            if (out[s->index].status != 200)
                result = -1;
            finished++;
            curl_multi_remove_handle(multi, s->curl);
            if (next < n)
                start(multi, s, port, ids, next++); /* the slot takes the next item at once */
        }
        if (finished < n)
            curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
done:
    for (size_t k = 0; slots != NULL && k < window; k++)
        if (slots[k].curl != NULL)
            curl_easy_cleanup(slots[k].curl);
    free(slots);
    if (multi != NULL)
        curl_multi_cleanup(multi);
    return result;
}
