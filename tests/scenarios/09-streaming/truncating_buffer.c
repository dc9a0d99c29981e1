/*
 * truncating_buffer.c -- Lab 9 scenario: streams with fgets into a fixed
 * 256-byte buffer, and when a line does not fit, silently drops the rest of
 * it ("no line is that long"). A line with a long query string then loses
 * its STATUS, BYTES and LATENCY_MS: a valid log is reported malformed.
 */
#define TRUNCATE_AT 256
#include "getline_streamer.h"
