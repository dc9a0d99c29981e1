/*
 * Scenario: one thread per item, each with libcurl's easy interface, all
 * started at once -- the "just use threads" answer to waiting. It overlaps
 * the waits, but nothing bounds them: N threads, N connections, N requests
 * in flight, and the server answers 503 to all those over its limit.
 * Expected: correctness FAIL (503s).
 */
#include "lab.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    int port;
    uint32_t id;
    struct response *out;
    struct body_sum body;
};

static void *fetch_one(void *arg)
{
    struct job *j = arg;
    CURL *curl = curl_easy_init();
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/items/%u", j->port, (unsigned)j->id);
    j->body = BODY_SUM_START;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, body_sum_write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &j->body);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)FETCH_TIMEOUT_MS);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    long status = 0;
    *j->out = (struct response){ -1, 0, 0 };
    if (curl_easy_perform(curl) == CURLE_OK && curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK)
        *j->out = (struct response){ (int)status, j->body.checksum, j->body.bytes };
    curl_easy_cleanup(curl);
    return NULL;
}

int fetch_all(int port, const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out)
{
    (void)max_in_flight;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    pthread_t *threads = calloc(n + 1, sizeof *threads);
    struct job *jobs = calloc(n + 1, sizeof *jobs);
    for (size_t i = 0; i < n; i++) {
        jobs[i] = (struct job){ port, ids[i], &out[i], BODY_SUM_START };
        pthread_create(&threads[i], NULL, fetch_one, &jobs[i]);
    }
    int result = 0;
    for (size_t i = 0; i < n; i++) {
        pthread_join(threads[i], NULL);
        if (out[i].status != 200)
            result = -1;
    }
    free(threads);
    free(jobs);
    return result;
}
