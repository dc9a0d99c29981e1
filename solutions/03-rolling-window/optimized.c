/*
 * optimized.c -- Lab 3 reference: O(n) rolling mean and variance from shifted
 * sums that are only ever added to, never subtracted from.
 * label: prefix/suffix blocks, never subtracts
 *
 * The idea. Cut x into blocks of w values. A window x[i-w+1 .. i] that does
 * not fit in one block is a suffix of one block plus a prefix of the next:
 *
 *        block b-1                   block b
 *     [ .......|xxxxxxxxxxxxx ][ xxxxxxxxxxxx|........ ]
 *              i-w+1 ... end of b-1  start of b ... i
 *              \__ suffix ________/  \___ prefix __/
 *
 * The sums of every prefix of a block come from one pass forward over it, the
 * sums of every suffix from one pass backward, and a window is one prefix plus
 * one suffix: two additions. This is the sliding-window trick known as "two
 * stacks" or van Herk / Gil-Werman (it also gives O(1) rolling min and max).
 * What is summed is d = x - a and d*d, where the anchor a is x[start], the
 * first value of the block the window ends in -- a value every window that
 * uses those sums contains.
 *
 * Why it is accurate. Two flaws sink the fast textbook update, and neither
 * can happen here.
 * - Catastrophic cancellation. variance = sum(d^2)/k - (sum(d)/k)^2 subtracts
 *   two numbers of size (mean - a)^2 to get one of size variance; its error
 *   is about k * 1e-16 * (variance + (mean - a)^2). With x = 1e9 + noise and
 *   a = 0 that is 1e18 against 1 (labs/03-rolling-window/measure/sum_of_squares.c).
 *   Here a is one of the window's own values, and no value of a set is
 *   further from its mean than all of them together:
 *   (a - mean)^2 <= sum((x - mean)^2) = k * variance. So the two terms are at
 *   most k + 1 times the answer. Adding up the rounding errors of every step
 *   (each sum of k terms errs by at most k * 1.1e-16 of its terms' total),
 *   the relative error of a variance is at most about
 *   (3k + 9)(k + 1) * 1.1e-16 -- 3.5e-12 at k = 100, 3.4e-10 at k = 1000
 *   (lab.h asks for 1e-9), whatever the data: offset, drifting or stuck.
 * - Leftovers of departed values. A running sum that subtracts the value
 *   leaving the window takes away that value, not the rounding error its
 *   arrival added. When a noisy window turns almost constant (a stuck
 *   sensor), the sum of squares collapses and the leftovers become the
 *   answer. A shifted-sums update re-summed every w steps
 *   (measure/variants/shifted_sums.c) carries them for up to w steps: in the
 *   lab's accuracy sweep (plots/lab-3/accuracy.csv: n = 20,000, w = 100,
 *   against a long-double oracle) its largest relative error of a variance
 *   is <!-- figure 3.shifted_var_constant -->7.4e-13<!-- /figure --> on constant runs and <!-- figure 3.shifted_var_sensor -->5.6e-11<!-- /figure --> on sensor
 *   z-scores, against this code's <!-- figure 3.reference_var_constant -->1.5e-13<!-- /figure --> and <!-- figure 3.reference_var_sensor -->1.8e-13<!-- /figure -->. Here nothing is
 *   ever subtracted from a sum: every window's sums are built from scratch
 *   out of its own values.
 * - A window of equal values (a sensor that is stuck) returns its value and
 *   variance 0 exactly, with no test for it: every d is x - a = 0 exactly, so
 *   every sum is 0. Code downstream divides by that standard deviation; it
 *   must read "no variation", not 1e-30.
 * On the sweep's other two data sets, an offset of 1e9 and a random walk:
 * <!-- figure 3.reference_var_offset -->1.1e-14<!-- /figure --> and <!-- figure 3.reference_var_walk -->1.3e-14<!-- /figure -->. The tests check every output against the same
 * kind of oracle over 10,000 random cases, to lab.h's 1e-9.
 *
 * Why it is fast. Per value: one forward step, one backward step, one
 * addition of the two and the output -- no division (1/w is computed once;
 * only the first block, where windows still grow, divides), no branch on the
 * data. On the lab's 1e6 z-scores at w = 100 (the stages sweep,
 * plots/lab-3/stages.csv) the features stage takes <!-- figure 3.features_reference_over_shifted -->0.88x<!-- /figure --> the time of
 * a shifted-sums update that adds and subtracts
 * (measure/variants/shifted_sums.c); make shifted-3 times the two
 * interleaved at w = 10, 100 and 1,000 and prints the ratios. Three choices
 * make the difference; each was timed that way against a version of this
 * file without it, and those versions are not kept, so no figure of theirs
 * is quoted:
 * 1. The two passes run in ONE loop. While the forward pass walks block b
 *    (writing its outputs), the backward pass walks block b from its end,
 *    computing the suffixes that block b+1 will need. A running sum is a
 *    chain: each addition waits for the one before. Four independent chains
 *    per iteration (prefix sum and squares, suffix sum and squares) let the
 *    CPU overlap them; a pass alone waits on its chain.
 * 2. The parked suffix sums live in a small buffer on the stack (16 KB, for
 *    w up to 1025), which stays in the L1 cache, and each slot is reused at
 *    once: the forward pass reads the suffix for output t and the backward
 *    pass, in the same iteration, writes into that slot the suffix the next
 *    block's output w-2-t will need. The next block reads the buffer in the
 *    opposite direction. Parking them in the output arrays, as the previous
 *    reference did, writes every output line twice, the first time walking
 *    backward through memory nobody has touched yet. For longer windows this code still parks them there, with the two passes
 *    one after the other.
 * 3. The backward pass reads each block from its end, a stream the hardware
 *    prefetcher does not pick up from a cold start; the forward pass
 *    therefore prefetches the next block as it goes, so that every value of
 *    x comes from memory once, in order, and is then read twice from cache.
 */
#include "lab.h"

#include <stddef.h>

/* Suffix sums of up to this many values are parked on the stack. */
enum { PARK_SLOTS = 1024 };

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)(address))
#endif

/* The sums a pass accumulates over some values, of d = x - anchor. */
struct sums {
    double sum;
    double squares;
};

static inline void add(struct sums *s, double d)
{
    s->sum += d;
    s->squares += d * d;
}

/* Output i from the sums of its whole window, relative to `anchor`.
   inv_count = 1 / (values in the window): a multiply, not a division. */
static inline void write_output(double *mean, double *var, size_t i, double anchor, double sum,
                                double squares, double inv_count)
{
    double m = sum * inv_count;
    double v = squares * inv_count - m * m;
    mean[i] = anchor + m;
    var[i] = v > 0.0 ? v : 0.0; /* never negative: see the bound above; this is for NaN and huge w */
}

/*
 * Where the suffix sums of one block wait for the next block: step t of a pass
 * uses sums[k] and squares[k], k = first + t * step. The backward pass over
 * block b produces, at step t, the suffix that output w-2-t of block b+1
 * needs; the forward pass over block b+1 consumes the suffix of output t at
 * its step t. So the reader walks the slots in the writer's reverse order.
 */
struct park {
    double *sums, *squares;
    ptrdiff_t first, step;
};

static inline struct park reversed(struct park writer, size_t w)
{
    return (struct park){ writer.sums, writer.squares, writer.first + (ptrdiff_t)(w - 2) * writer.step,
                          -writer.step };
}

/* Backward pass over the block that ends at `end` (< n): the suffix sums the
   next block needs, anchored at x[end], the first value of that block. Only
   suffixes whose user exists (output < n) are parked. */
static void park_suffixes(const double *x, size_t end, size_t n, size_t w, struct park to)
{
    double anchor = x[end];
    struct sums suffix = { 0.0, 0.0 };
    ptrdiff_t k = to.first;
    for (size_t t = 0; t + 1 < w; t++, k += to.step) {
        add(&suffix, x[end - 1 - t] - anchor);
        if (end + (w - 2 - t) < n) {
            to.sums[k] = suffix.sum;
            to.squares[k] = suffix.squares;
        }
    }
}

/* Forward pass over x[start .. end), a block after the first: every output's
   window is this prefix plus the parked suffix of the block before, except the
   one that ends at start + w - 1, which is the whole block. */
static void block_outputs(const double *x, size_t start, size_t end, size_t w, struct park from,
                          double *mean, double *var, double inv_w)
{
    double anchor = x[start];
    struct sums prefix = { 0.0, 0.0 };
    size_t t = 0;
    ptrdiff_t k = from.first;
    for (; t + 1 < w && start + t < end; t++, k += from.step) {
        add(&prefix, x[start + t] - anchor);
        write_output(mean, var, start + t, anchor, prefix.sum + from.sums[k],
                     prefix.squares + from.squares[k], inv_w);
    }
    if (start + t < end) {
        add(&prefix, x[start + t] - anchor);
        write_output(mean, var, start + t, anchor, prefix.sum, prefix.squares, inv_w);
    }
}

int rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var)
{
    if (w == 0 || (n > 0 && (x == NULL || mean == NULL || var == NULL)))
        return -1;
    if (n == 0)
        return 0;

    /* Block 0: the windows x[0..i] grow from 1 to w values; x[0] is in all. */
    size_t end = n < w ? n : w;
    {
        double anchor = x[0];
        struct sums prefix = { 0.0, 0.0 };
        for (size_t i = 0; i < end; i++) {
            add(&prefix, x[i] - anchor);
            write_output(mean, var, i, anchor, prefix.sum, prefix.squares, 1.0 / (double)(i + 1));
        }
    }
    if (end == n)
        return 0;

    /* From here on every window holds exactly w values. The suffixes wait in
       `park` (sums at even indices, squares at odd ones) when they fit, else
       in the outputs they are for: mean[i] and var[i] hold output i's suffix
       until the forward pass replaces them with the answer. */
    double inv_w = 1.0 / (double)w;
    double park[2 * PARK_SLOTS];
    int on_stack = w - 1 <= PARK_SLOTS;
    struct park to = on_stack ? (struct park){ park, park + 1, 2 * ((ptrdiff_t)w - 2), -2 }
                              : (struct park){ mean, var, (ptrdiff_t)(2 * w - 2), -1 };
    park_suffixes(x, w, n, w, to);

    size_t start = w;
    if (on_stack) {
        /* The main loop: blocks followed by at least w - 1 more values, so that
           every suffix this block parks has its user. Both passes in one loop
           (see 1 above); the slot read for output t is refilled at once with
           the suffix for output w-2-t of the next block (see 2). */
        for (; n - start > w && n - start - w >= w - 1; start += w) {
            struct park slot = reversed(to, w);
            to = slot;
            end = start + w;
            double anchor = x[start], next_anchor = x[end];
            struct sums prefix = { 0.0, 0.0 }, suffix = { 0.0, 0.0 };
            ptrdiff_t k = slot.first;
            for (size_t t = 0; t + 1 < w; t++, k += slot.step) {
                PREFETCH(&x[end + t]); /* see 3 */
                add(&prefix, x[start + t] - anchor);
                add(&suffix, x[end - 1 - t] - next_anchor);
                double sum = prefix.sum + slot.sums[k], squares = prefix.squares + slot.squares[k];
                slot.sums[k] = suffix.sum;
                slot.squares[k] = suffix.squares;
                write_output(mean, var, start + t, anchor, sum, squares, inv_w);
            }
            add(&prefix, x[end - 1] - anchor);
            write_output(mean, var, end - 1, anchor, prefix.sum, prefix.squares, inv_w);
        }
    }
    /* The last blocks (and every block, for windows too long for the stack):
       the two passes one after the other. */
    for (;; start += w) {
        struct park from = reversed(to, w);
        if (n - start <= w) {
            block_outputs(x, start, n, w, from, mean, var, inv_w);
            return 0;
        }
        end = start + w;
        to = on_stack ? from : (struct park){ mean, var, (ptrdiff_t)(end + w - 2), -1 };
        block_outputs(x, start, end, w, from, mean, var, inv_w);
        park_suffixes(x, end, n, w, to);
    }
}
