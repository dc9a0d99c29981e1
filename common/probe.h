/*
 * probe.h -- two fixed loops that measure the machine, not the code.
 *
 * bench.cc times probe_memory() among each size's repetitions, so every table
 * can say how steady the machine itself was while it measured; `make noise`
 * (noise.cc) times both loops side by side to tell whether this machine is
 * quiet enough to trust timings at all.
 *
 * Why two: on a shared virtual machine the noise is not even. A chain of
 * multiplications keeps to the core's own registers and ALU, and other
 * tenants of the host barely move it; loads and stores go through caches
 * and ports that a neighbour on the same physical core shares, and they move
 * with it. The labs' calls load and store, so the memory loop is the one
 * bench.cc uses; the arithmetic loop is its control.
 *
 * Both are inline and header-only so that bench.cc and noise.cc (C++) and any
 * C program time the same instructions.
 */
#ifndef PERFLAB_PROBE_H
#define PERFLAB_PROBE_H

#include <stddef.h>

/* A buffer the size of a small L1 data cache; each caller has its own. */
#define PROBE_BYTES (32 * 1024)

/* Loads and stores through `buffer` (PROBE_BYTES): about 4 us per call.
   Returns a value the caller must use, so the loop is not optimized away. */
static inline unsigned long probe_memory(unsigned char *buffer)
{
    unsigned long sum = 0;
    for (int pass = 0; pass < 4; pass++)
        for (size_t i = 0; i < PROBE_BYTES; i += 16) {
            sum += buffer[i];
            buffer[i + 8] = (unsigned char)sum;
        }
    return sum;
}

/* A dependent chain of 64-bit multiply-adds (a linear congruential
   generator): registers only, about 5 us per call. */
static inline unsigned long probe_arithmetic(unsigned long x)
{
    for (int i = 0; i < 5000; i++)
        x = x * 6364136223846793005u + 1442695040888963407u;
    return x;
}

#endif
