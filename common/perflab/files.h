/*
 * files.h -- reading whole files, finding programs, removing folders.
 */
#ifndef PERFLAB_FILES_H
#define PERFLAB_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* A file's contents, malloc'd and NUL-terminated; NULL if unreadable. */
char *file_read(const char *path, size_t *length);
bool file_exists(const char *path);
/* name's real path (links resolved, out: PATH_MAX bytes): itself if it
   holds a '/', else the first in PATH. False when there is none. */
bool file_find_program(const char *name, char *out, size_t size);
/* rm -rf path (a child process, no shell). */
void file_remove_tree(const char *path);

#endif
