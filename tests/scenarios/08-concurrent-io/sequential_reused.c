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

int fetch_all(int port, const uint32_t *ids, size_t n, size_t max_in_flight, struct response *out)
{
    (void)max_in_flight;
    if (n == 0)
        return 0;
    CURL *curl = curl_easy_init();
    struct body_sum b;
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, body_sum_write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)FETCH_TIMEOUT_MS);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    int result = 0;
    for (size_t i = 0; i < n; i++) {
        char url[64];
        snprintf(url, sizeof url, "http://127.0.0.1:%d/items/%u", port, (unsigned)ids[i]);
        curl_easy_setopt(curl, CURLOPT_URL, url);
        b = BODY_SUM_START;
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
