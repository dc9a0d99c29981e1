/*
 * optimized.c (reference) -- Lab 2: an open-addressing hash set of uint64_t,
 * Swiss-table style, in portable C.
 * label: open addressing + mixer
 *
 * A lookup in the naive list costs O(size). Here it costs O(1) on average:
 * a hash of the key says where in a table to look. Every choice below is
 * about making that one look cheap -- in instructions, in branches the CPU
 * guesses wrong, and above all in waiting for memory.
 *
 * 1. Open addressing: the keys live directly in one flat array of slots. No
 *    nodes, no pointers, no malloc per key. A chained table (a linked list
 *    per bucket, as in textbooks, and GLib's key pointers) pays a pointer
 *    chase -- a likely cache miss -- and 16+ bytes of overhead per key.
 *
 * 2. Control bytes, apart from the keys. Slots come in groups of 8, and each
 *    group has one 64-bit control word: byte i is 0 if slot i is empty, else
 *    0x80 | a 7-bit tag taken from the key's hash. The control words form their
 *    own array, 1 byte per slot against 8 for the keys, so it stays in cache
 *    when the keys do not: 1 MB for a million slots, beside 8 MB of keys. A
 *    lookup reads the control word of the key's group and compares the 8 tags
 *    at once with a few integer operations (match(): SWAR, "SIMD within a
 *    register", no vector instructions). Only a slot whose tag matches has its
 *    key compared; a different key has the same tag 1 time in 128. A miss --
 *    half the lookups of the lab's filter -- is decided by the control word
 *    alone. This is the design of Abseil's Swiss tables (absl::flat_hash_set),
 *    which compare 16 tags with SSE2; 8 in an ordinary register give the same
 *    effect in portable C.
 *
 * 3. Two memory accesses at once. A hit needs the control word and then a
 *    key. The key is in the group's line of the key array (8 keys x 8 bytes,
 *    allocated 64-byte aligned), so add and contains ask for that line
 *    (PREFETCH) as they read the control word: the two trips to memory
 *    overlap instead of following each other. The price is a line fetched for
 *    nothing on a miss, which costs bandwidth the workload has to spare.
 *
 * 4. A short common path. The home group usually holds the answer, so
 *    intset_contains and intset_add decide it there, in a few dozen
 *    instructions (`make profile-2 REFERENCE=1` counts them per function),
 *    and hand the rarer rest (a full group, two tag matches, growth) to
 *    separate functions. The lab calls the set once per key, through a function
 *    pointer: every instruction of the common path is paid a million times,
 *    and a shorter one lets the CPU keep more independent lookups in flight,
 *    waiting for memory together. The branch
 *    "did a tag match?" is a coin toss in the filter, but it depends only on
 *    the control word, which arrives from cache first: a wrong guess costs
 *    a pipeline flush, not a memory round trip.
 *
 * 5. The number of groups is a power of two, so "which group" is
 *    `hash & mask`, one AND. A modulo by a prime (what GLib does) costs a
 *    division, tens of cycles. The price is that only the LOW bits of the hash
 *    choose the group (and the top 7 bits make the tag), so the hash must push
 *    every bit of the key into the low and the high bits. Hence:
 *
 * 6. A strong mixer, in mix(): multiply the key (plus a constant) by a 64-bit
 *    odd constant into a 128-bit product and fold its two halves together with
 *    an xor -- the "mum" of wyhash and of absl::Hash for integers. The high
 *    half depends on every bit of the key, the low half spreads consecutive
 *    keys evenly, and the xor gives both to every bit of the hash, for one
 *    multiply (MurmurHash3's finalizer, the previous choice, costs two, one
 *    after the other). Real ids are not random: sequential ids,
 *    multiples of 1024 (block allocators), multiples of 2^32 (a shard or a
 *    timestamp in the high word). With the identity as hash, every multiple of
 *    2^32 lands in group 0 and lookups degrade to the naive scan. `make lab-2`
 *    measures exactly that (variant identity_hash).
 *
 * 7. Linear probing, a group at a time: when a key's home group is full, the
 *    key goes to the next group, and so on; a group with an empty slot ends
 *    every search (there is no delete, so no tombstones, and a group fills
 *    from slot 0 up: its first empty slot is where add puts a key). The next
 *    group's control word is usually in the same cache line.
 *
 * 8. Load factor at most 3/4: the table doubles before it is more than 3/4
 *    full. At 7/8 (absl's choice) full groups, and so second probes, are
 *    more frequent; 3/4 trades memory for fewer of them. The table costs 9 bytes per slot: 12 to 24 bytes per key, depending on
 *    where the size falls between doublings.
 *
 * 9. Growth re-places every key in a table twice as large (amortized O(1) per
 *    add), in table order. A key of old group g has its home in new group g
 *    or g + old_groups (one more bit of the same hash), so walking the old
 *    table from start to end writes the new one in two forward streams, which
 *    caches and prefetchers handle at full speed -- where placing the keys in
 *    any other order (absl's resize, for one) is a cache miss per key. If the
 *    new table cannot be allocated, the old one is kept untouched and add
 *    returns false, as lab.h promises.
 *
 * 10. Memory is zeroed only where it must be. The control words come from
 *    calloc: a large block is fresh memory from the operating system, which
 *    is zero already, so a big table costs no memset. The keys are not
 *    initialized at all: a key slot is read only after its control byte says
 *    it holds a key. And since occupancy lives in the control bytes, no key
 *    value is reserved: 0 and UINT64_MAX are keys like the others.
 *
 * Beside absl::flat_hash_set: make absl-2 (labs/02-membership/measure/
 * absl_side.cc) times both on the lab's workload, interleaved, at 1e6 and
 * 4e6 mixed ids and on every id scheme alone, and prints absl's time over
 * this one's per case (above 1: this one is faster); run it for your
 * machine's figures. Beside GLib's GHashTable and the other variants, the
 * lab's own sweeps (plots/lab-2/, make lab-2). The choices above were
 * chosen by timing versions of this file without them; those versions are
 * not kept, so this comment quotes no figure of theirs.
 */
#include "lab.h"

#include <stdlib.h>

enum {
    GROUP_SLOTS = 8,   /* slots per group: one control byte each, one 64-bit control word */
    FIRST_GROUPS = 2,  /* 16 slots: small sets stay small */
    LINE = 64,         /* one group's keys: GROUP_SLOTS * 8 bytes, one cache line */
};

#define LOW_BITS UINT64_C(0x0101010101010101)  /* bit 0 of every byte */
#define HIGH_BITS UINT64_C(0x8080808080808080) /* bit 7 of every byte: "slot full" */

/* Hints to the compiler and the CPU; the code is correct without them. */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#define NOINLINE __attribute__((noinline))
#else
#define PREFETCH(address) ((void)(address))
#define NOINLINE
#endif

struct intset {
    uint64_t *control;  /* one word per group: byte i = 0 (slot i empty) or 0x80 | tag */
    uint64_t *keys;     /* GROUP_SLOTS keys per group, LINE-aligned; only full slots are read */
    size_t group_mask;  /* number of groups - 1; a power of two minus one */
    size_t used;        /* keys in the set */
    size_t grow_at;     /* the table doubles before `used` exceeds this */
};

/* The 128-bit product a * b, its two 64-bit halves xored together. */
static inline uint64_t multiply_fold(uint64_t a, uint64_t b)
{
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 u128; /* one MUL instruction on 64-bit CPUs */
    u128 product = (u128)a * b;
    return (uint64_t)product ^ (uint64_t)(product >> 64);
#else /* the same from 32-bit halves */
    uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
    uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi;
    uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;
    uint64_t high = a_hi * b_hi + (hi_lo >> 32) + (cross >> 32);
    return a * b ^ high;
#endif
}

/*
 * mix -- the hash (see 6 above). The added constant keeps key 0 away from
 * hash 0 and breaks the product's structure; the multiplier is absl's and
 * CityHash's kMul.
 *
 * variants/identity_hash.c compiles this very file with its own mix(), the
 * identity, to measure what these lines buy.
 */
#ifndef INTSET_OWN_MIX
static inline uint64_t mix(uint64_t key)
{
    return multiply_fold(key + UINT64_C(0x2d358dccaa6c78a5), UINT64_C(0x9ddfea08eb382d69));
}
#endif

/* The control byte of a full slot: 0x80 and the hash's top 7 bits (the low
   bits already chose the group). Shifted into place for slot i by the caller. */
static inline uint64_t tag_of(uint64_t hash)
{
    return 0x80 | hash >> 57;
}

/* 0x80 in the bytes of `control` that equal `tag`. The classic "which bytes
   are zero" trick on control ^ tag: the lowest flagged byte is always a true
   match, a byte above a true match can be flagged falsely (a borrow), and no
   match gives 0. Every flagged slot gets its key compared, so a false flag
   only costs a compare. */
static inline uint64_t match(uint64_t control, uint64_t tag)
{
    uint64_t x = control ^ tag * LOW_BITS; /* bytes equal to tag become 0 */
    return (x - LOW_BITS) & ~x & HIGH_BITS;
}

/* 0x80 in every byte of an empty slot. */
static inline uint64_t empties(uint64_t control)
{
    return ~control & HIGH_BITS;
}

/* The slot of the lowest byte flagged in `mask` (nonzero, flags in bit 7 of
   bytes). Byte i of a control word is bits 8i..8i+7 of the uint64_t on every
   machine: the words are only ever handled as numbers, never as bytes. */
static inline unsigned first_slot(uint64_t mask)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctzll(mask) / 8; /* one instruction */
#else
    unsigned slot = 0;
    while ((mask & 0x80) == 0) {
        mask >>= 8;
        slot++;
    }
    return slot;
#endif
}

static size_t load_limit(size_t groups)
{
    return groups * GROUP_SLOTS / 4 * 3;
}

/* A table of `groups` groups, all slots empty; false if out of memory (or if
   the size does not fit in a size_t). */
static bool new_table(size_t groups, uint64_t **control, uint64_t **keys)
{
    if (groups > SIZE_MAX / LINE)
        return false;
    *control = calloc(groups, sizeof(uint64_t)); /* zero: every slot empty (see 10 above) */
    *keys = aligned_alloc(LINE, groups * LINE);  /* a group's keys in one line (see 3) */
    if (*control == NULL || *keys == NULL) {
        free(*control);
        free(*keys);
        return false;
    }
    return true;
}

struct intset *intset_new(void)
{
    struct intset *s = malloc(sizeof *s);
    uint64_t *control, *keys;
    if (s == NULL || !new_table(FIRST_GROUPS, &control, &keys)) {
        free(s);
        return NULL;
    }
    *s = (struct intset){ control, keys, FIRST_GROUPS - 1, 0, load_limit(FIRST_GROUPS) };
    return s;
}

/* The whole search, from the home group on: every tag match compared, group
   after group until one has an empty slot. */
NOINLINE static bool contains_from_home(const struct intset *s, uint64_t key, uint64_t hash)
{
    uint64_t tag = tag_of(hash);
    for (size_t g = (size_t)hash & s->group_mask;; g = (g + 1) & s->group_mask) {
        uint64_t control = s->control[g];
        for (uint64_t m = match(control, tag); m != 0; m &= m - 1)
            if (s->keys[g * GROUP_SLOTS + first_slot(m)] == key)
                return true;
        if (empties(control) != 0) /* the key would be in this group: it is not in the set */
            return false;
    }
}

bool intset_contains(const struct intset *s, uint64_t key)
{
    uint64_t hash = mix(key);
    size_t g = (size_t)hash & s->group_mask;
    PREFETCH(&s->keys[g * GROUP_SLOTS]); /* see 3 */
    uint64_t control = s->control[g];
    uint64_t m = match(control, tag_of(hash));
    if (m != 0 && s->keys[g * GROUP_SLOTS + first_slot(m)] == key)
        return true;
    if ((m & (m - 1)) == 0 && empties(control) != 0) /* no other candidate, and the search ends here */
        return false;
    return contains_from_home(s, key, hash);
}

/* Put a key that is not in the table into the first empty slot from its home
   group. Terminates: the load limit always leaves empty slots. */
static void place(uint64_t *control, uint64_t *keys, size_t group_mask, uint64_t hash, uint64_t key)
{
    size_t g = (size_t)hash & group_mask;
    while (empties(control[g]) == 0)
        g = (g + 1) & group_mask;
    unsigned i = first_slot(empties(control[g]));
    control[g] |= tag_of(hash) << 8 * i;
    keys[g * GROUP_SLOTS + i] = key;
}

/* Double the table: re-place every key in a new one, in table order (see 9
   above), and free the old one. False (and the set untouched) if memory runs
   out. */
static bool grow(struct intset *s)
{
    size_t groups = s->group_mask + 1;
    uint64_t *control, *keys;
    if (groups > SIZE_MAX / 2 || !new_table(2 * groups, &control, &keys))
        return false;

    size_t new_mask = 2 * groups - 1;
    for (size_t g = 0; g < groups; g++) {
        uint64_t full = s->control[g] & HIGH_BITS;
        for (; full != 0; full &= full - 1) {
            uint64_t key = s->keys[g * GROUP_SLOTS + first_slot(full)];
            place(control, keys, new_mask, mix(key), key);
        }
    }
    free(s->control);
    free(s->keys);
    s->control = control;
    s->keys = keys;
    s->group_mask = new_mask;
    s->grow_at = load_limit(2 * groups);
    return true;
}

/* intset_add beyond its common case: the whole search, then growth if the
   key is new and the table is at its load limit. */
NOINLINE static bool add_from_home(struct intset *s, uint64_t key, uint64_t hash)
{
    uint64_t tag = tag_of(hash);
    size_t g = (size_t)hash & s->group_mask;
    uint64_t control;
    for (;; g = (g + 1) & s->group_mask) { /* as contains_from_home, but remember where it stopped */
        control = s->control[g];
        for (uint64_t m = match(control, tag); m != 0; m &= m - 1)
            if (s->keys[g * GROUP_SLOTS + first_slot(m)] == key)
                return false;
        if (empties(control) != 0)
            break;
    }
    /* Grow only for a key that is really new: re-adding a present key never
       allocates, so it cannot fail. */
    if (s->used == s->grow_at) {
        if (!grow(s))
            return false;
        place(s->control, s->keys, s->group_mask, hash, key);
    } else { /* the group where the search stopped has room: the key goes there */
        unsigned i = first_slot(empties(control));
        s->control[g] = control | tag << 8 * i;
        s->keys[g * GROUP_SLOTS + i] = key;
    }
    s->used++;
    return true;
}

bool intset_add(struct intset *s, uint64_t key)
{
    uint64_t hash = mix(key), tag = tag_of(hash);
    size_t g = (size_t)hash & s->group_mask;
    PREFETCH(&s->keys[g * GROUP_SLOTS]); /* see 3 */
    uint64_t control = s->control[g];
    uint64_t m = match(control, tag), e = empties(control);
    /* The common case: at most one tag matches, and the home group has room. */
    if ((m & (m - 1)) != 0 || e == 0)
        return add_from_home(s, key, hash);
    if (m != 0 && s->keys[g * GROUP_SLOTS + first_slot(m)] == key)
        return false; /* already there */
    if (s->used == s->grow_at)
        return add_from_home(s, key, hash);
    unsigned i = first_slot(e);
    s->control[g] = control | tag << 8 * i;
    s->keys[g * GROUP_SLOTS + i] = key;
    s->used++;
    return true;
}

size_t intset_size(const struct intset *s)
{
    return s->used;
}

void intset_free(struct intset *s)
{
    if (s == NULL)
        return;
    free(s->control);
    free(s->keys);
    free(s);
}
