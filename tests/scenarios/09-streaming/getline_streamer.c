/*
 * getline_streamer.c -- Lab 9 scenario: a good streaming version: getline's one reused buffer, lines parsed in place, a linear scan of the endpoints
 */

#include "getline_streamer.h"
