/*
 * env.c -- the build folder and its kind (env.h).
 */
#include "env.h"

#include <stdio.h>
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


const char *env_plots_root(void)
{
    const char *p = getenv("PLOTS");
    if (p != NULL && p[0] != '\0')
        return p;
    static char fallback[600];
    snprintf(fallback, sizeof fallback, "%s/plots", env_build_root());
    return fallback;
}
