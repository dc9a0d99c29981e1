/*
 * Scenario: the first fix most people try -- keep one curl handle for all
 * the requests, so its connection is reused. Every request now skips the
 * handshake (1 connection instead of N), but they still go one after
 * another: N rounds of waiting, as slow as before when the wait dominates.
 * Expected: correctness PASS, performance FAIL (rounds).
 */
#include "lab.h"

#include <curl/curl.h>
#include <stdio.h>

struct body {
    uint64_t checksum;
    size_t bytes;
};

static size_t on_data(char *data, size_t size, size_t count, void *user)
{
    struct body *b = user;
    b->checksum = body_checksum(b->checksum, data, size * count);
    b->bytes += size * count;
    return size * count;
}

int fetch_all(int port, const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out)
{
    (void)max_in_flight;
    if (n == 0)
        return 0;
    CURL *curl = curl_easy_init();
    struct body b;
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)FETCH_TIMEOUT_MS);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    int result = 0;
    for (size_t i = 0; i < n; i++) {
        char url[64];
        snprintf(url, sizeof url, "http://127.0.0.1:%d/items/%u", port, (unsigned)ids[i]);
        curl_easy_setopt(curl, CURLOPT_URL, url);
        b = (struct body){ BODY_CHECKSUM_START, 0 };
        long status = 0;
        out[i] = (struct response){ -1, 0, 0 };
        if (curl_easy_perform(curl) == CURLE_OK && curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK)
            out[i] = (struct response){ (int)status, b.checksum, b.bytes };
        if (out[i].status != 200)
            result = -1;
    }
    curl_easy_cleanup(curl);
    return result;
}
