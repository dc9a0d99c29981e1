/*
 * mmap_whole_file.c -- Lab 9 scenario: maps the whole file and parses it in
 * place (mmap_whole_file.h says why the footprint target fails it).
 */
#include "mmap_whole_file.h"
