/*
 * drops_last_line.c -- Lab 9 scenario: streams well, but drops a last line without a final newline (it stops at the first line getline returns unterminated)
 */
#define STOP_AT_UNTERMINATED
#include "getline_streamer.h"
