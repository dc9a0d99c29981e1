/*
 * skips_malformed.c -- Lab 9 scenario: streams well, but skips a malformed line instead of reporting it ("be liberal in what you accept")
 */
#define SKIP_MALFORMED
#include "getline_streamer.h"
