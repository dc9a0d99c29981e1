/*
 * env.c -- the build folder and its kind (env.h).
 */
#include "env.h"

#include <stdlib.h>
#include <string.h>

bool env_sanitized(void)
{
    const char *s = getenv("SANITIZE");
    return s != NULL && strcmp(s, "1") == 0;
}

size_t env_memory_limit(void)
{
    return env_sanitized() ? 0 : (size_t)4 << 30;
}

const char *env_build_root(void)
{
    const char *b = getenv("BUILD");
    return b != NULL && b[0] != '\0' ? b : "build";
}

