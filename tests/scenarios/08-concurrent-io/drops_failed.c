/*
 * Scenario: a concurrent client (multi_window.h) that gets one thing wrong.
 * Leaves out[i] as it was when item i fails, and returns 0 as if all went
 * well: the failed items are lost.
 * Expected: correctness FAIL.
 */
#define DROPS_FAILED
#include "multi_window.h"
