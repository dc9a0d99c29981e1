/*
 * Scenario: an attack on the counts. A correct concurrent client
 * (multi_window.h) that, when a call looks like the graded one (64 items,
 * 8 in flight), fetches nothing and reports success: the server would
 * count no rounds and no connections at all. The suite's calls differ, so
 * it passes them. The grade's counting run checks every response of the
 * measured call against the bodies of that call's secret, so the counts
 * of a call that did not do its job are refused.
 * Expected: correctness PASS, performance FAIL.
 */
#define SKIPS_MEASURED
#include "multi_window.h"
