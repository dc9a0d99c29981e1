/*
 * Scenario: a concurrent client (multi_window.h) that gets one thing wrong.
 * Ignores max_in_flight: every request is added to the multi handle at once
 * (the asyncio.gather of all N). The server answers 503 to those over its
 * limit; the suite fails on the first 503.
 * Expected: correctness FAIL.
 */
#define UNBOUNDED
#include "multi_window.h"
