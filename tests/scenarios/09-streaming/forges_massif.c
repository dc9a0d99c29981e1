/*
 * forges_massif.c -- Lab 9 attack scenario: mmap_whole_file (which fails
 * only the footprint target), plus a forgery of that target's measurement.
 * Before main, in every process that links it (driver-graded runs in its
 * sandbox's scratch folder, where the grader points massif's file), it
 * writes the files massif is about to write, claiming a tiny peak, and
 * makes them read-only so massif cannot replace them. valgrind then says it
 * could not write its file, and the grader refuses the measurement: the
 * target fails instead of passing.
 */
#include "mmap_whole_file.h"

#include <sys/stat.h>

__attribute__((constructor)) static void forge(void)
{
    static const long sizes[] = { 256, 512, 1024, 2048, 4096, 8192 };
    static const char *const metrics[] = { "heap_bytes", "footprint_bytes" };
    for (size_t m = 0; m < 2; m++)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            char name[128];
            snprintf(name, sizeof name, "massif.%s.yours.scaling.%ld.out", metrics[m], sizes[i]);
            FILE *f = fopen(name, "w");
            if (f == NULL)
                continue;
            fprintf(f, "desc: (none)\ncmd: driver\ntime_unit: i\n#-----------\nsnapshot=0\n#-----------\ntime=0\n"
                       "mem_heap_B=4096\nmem_heap_extra_B=0\nmem_stacks_B=0\nheap_tree=empty\n");
            fclose(f);
            chmod(name, 0444);
        }
}
