/*
 * targets.c -- `make targets`: copy each lab's targets into its README
 * (readme.h says how and why).
 */
#include "commands.h"

#include "labs.h"
#include "readme.h"

int cmd_targets(int argc, char **argv)
{
    int failures = 0;
    for (int i = 0; i < argc; i++) {
        int lab;
        if (!labs_parse_number(argv[i], &lab))
            return 2;
        failures += !readme_write_targets(lab);
    }
    return failures > 0;
}
