/*
 * naive.c -- Lab 8 baseline: one request after another, libcurl's easy interface.
 * label: sequential, curl easy, a new connection per request
 *
 * This is how most C code talks to an HTTP service: a loop, and in it
 * curl_easy_perform(), which sends one request and blocks until its answer
 * has arrived. It is correct and simple. It is also slow in a way no
 * profiler shows: the CPU does almost nothing, the program waits. N items
 * from a service that takes D to answer take N x D, one wait after another,
 * although the service could have worked on many of them at once. And each
 * request gets a fresh handle, so a fresh TCP connection (a handshake, a
 * socket, a port in TIME_WAIT afterwards).
 */
#include "lab.h"

#include <curl/curl.h>
#include <stdio.h>

static struct response fetch_one(int port, uint32_t id)
{
    struct response r = { -1, 0, 0 };
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return r;
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/items/%u", port, (unsigned)id);
    struct body_sum b = BODY_SUM_START;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, body_sum_write); /* lab.h */
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)FETCH_TIMEOUT_MS);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (curl_easy_perform(curl) == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        r = (struct response){ (int)status, b.checksum, b.bytes };
    }
    curl_easy_cleanup(curl);
    return r;
}

int fetch_all(int port, const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out)
{
    (void)max_in_flight; /* one at a time is always within the limit */
    int result = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = fetch_one(port, ids[i]);
        if (out[i].status != 200)
            result = -1;
    }
    return result;
}
