/*
 * keeps_every_line.c -- Lab 9 scenario: streams with getline, and keeps a copy of every line in a list "for later": memory grows with the file again
 */
#define KEEP_EVERY_LINE
#include "getline_streamer.h"
