/*
 * Scenario: a concurrent client (multi_window.h) that gets one thing wrong.
 * Writes each response to out[] in the order answers arrive. With equal
 * delays that is nearly the ids' order, and many tests pass; a request that
 * hangs finishes last and shifts every later item.
 * Expected: correctness FAIL.
 */
#define COMPLETION_ORDER
#include "multi_window.h"
