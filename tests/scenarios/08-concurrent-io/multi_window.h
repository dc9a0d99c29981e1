/*
 * multi_window.h -- a student's libcurl multi client, with the knobs the
 * scenarios turn: a sliding window of requests over reused connections,
 * like the reference, written the way a student might. Each scenario
 * defines what it gets wrong, then includes this file (make test inlines it:
 * tests/scenarios/README.md).
 *
 *   UNBOUNDED          add every request at once, no connection limit
 *                      (ignores max_in_flight)
 *   COMPLETION_ORDER   write out[] in the order answers arrive, not ids' order
 *   DROPS_FAILED       leave out[i] untouched when item i fails, return 0
 *   SKIPS_MEASURED     fetch nothing when the call looks like the graded one
 *                      (64 items, 8 in flight): an attack on the counts
 */
#include "lab.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

struct transfer {
    CURL *curl;
    size_t index;
    struct body_sum body;
    char url[64];
};

static void add(CURLM *multi, struct transfer *t, int port, const uint32_t *ids, size_t i)
{
    t->index = i;
    t->body = BODY_SUM_START;
    snprintf(t->url, sizeof t->url, "http://127.0.0.1:%d/items/%u", port, (unsigned)ids[i]);
    curl_easy_setopt(t->curl, CURLOPT_URL, t->url);
    curl_multi_add_handle(multi, t->curl);
}

int fetch_all(int port, const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out)
{
    if (n == 0)
        return 0;
#ifdef SKIPS_MEASURED
    if (n == 64 && max_in_flight == 8) {
        for (size_t i = 0; i < n; i++)
            out[i] = (struct response){ 200, 0, 1024 };
        return 0;
    }
#endif
#ifdef UNBOUNDED
    (void)max_in_flight;
    size_t window = n;
#else
    size_t window = max_in_flight < n ? max_in_flight : n;
#endif
    CURLM *multi = curl_multi_init();
    struct transfer *ts = calloc(window, sizeof *ts);
    for (size_t k = 0; k < window; k++) {
        ts[k].curl = curl_easy_init();
        curl_easy_setopt(ts[k].curl, CURLOPT_WRITEFUNCTION, body_sum_write);
        curl_easy_setopt(ts[k].curl, CURLOPT_WRITEDATA, &ts[k].body);
        curl_easy_setopt(ts[k].curl, CURLOPT_PRIVATE, &ts[k]);
        curl_easy_setopt(ts[k].curl, CURLOPT_TIMEOUT_MS, (long)FETCH_TIMEOUT_MS);
    }
#ifndef UNBOUNDED
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)window);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)window);
#endif
    size_t next = 0, done = 0;
    int result = 0;
    for (; next < window; next++)
        add(multi, &ts[next], port, ids, next);
    while (done < n) {
        int running;
        curl_multi_perform(multi, &running);
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            struct transfer *t;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
            long status = 0;
            curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
            struct response r = { -1, 0, 0 };
            if (msg->data.result == CURLE_OK && status != 0)
                r = (struct response){ (int)status, t->body.checksum, t->body.bytes };
#ifdef COMPLETION_ORDER
            size_t slot = done;
#else
            size_t slot = t->index;
#endif
#ifdef DROPS_FAILED
            if (r.status == 200)
                out[slot] = r;
#else
            out[slot] = r;
            if (r.status != 200)
                result = -1;
#endif
            done++;
            curl_multi_remove_handle(multi, t->curl);
            if (next < n)
                add(multi, t, port, ids, next++);
        }
        if (done < n)
            curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
    for (size_t k = 0; k < window; k++)
        curl_easy_cleanup(ts[k].curl);
    free(ts);
    curl_multi_cleanup(multi);
    return result;
}
