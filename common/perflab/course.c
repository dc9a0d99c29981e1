/*
 * course.c -- `make course`: rewrite every figure the course quotes from its
 * committed data (plots/lab-N/), and every lab's targets (readme.h). The
 * check that they agree runs in `make test` (the "figures" part).
 */
#include "commands.h"
#include "figures.h"

#include <stdio.h>

int cmd_course(void)
{
    int seen = 0;
    int bad = figures_run(true, &seen);
    printf("make course: %d figure blocks in README.md, course.md, the lab READMEs and the references, %d cannot be computed\n",
           seen, bad);
    return bad ? 1 : 0;
}
