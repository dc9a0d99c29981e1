/*
 * optimized.c (reference) -- Lab 2: an open-addressing hash set of uint64_t.
 * label: open addressing + mixer
 *
 * A lookup in the naive list costs O(size). Here it costs O(1) on average:
 * a hash of the key says where in a table to look, so we read one cache line
 * instead of the whole list. Every choice below is about making that "one
 * cache line" true for every input and making the read cheap.
 *
 * 1. Open addressing: the keys live directly in one flat array of slots. No
 *    nodes, no pointers, no malloc per key. A chained table (a linked list
 *    per bucket, as in textbooks, and GLib's key pointers) pays a pointer
 *    chase -- a likely cache miss -- and 16+ bytes of overhead per key; here
 *    a slot is the 8-byte key itself.
 *
 * 2. Slots are grouped in buckets of 8: 8 x 8 bytes = one 64-byte cache
 *    line, and the table is allocated aligned to 64 bytes so that a bucket
 *    never straddles two lines. Reading one slot costs as much as reading the
 *    whole line, so a lookup compares the key against all 8 slots of its
 *    bucket at once.
 *
 * 3. Branch-free compares. Half the lookups of a real filter hit and half
 *    miss, at random. Code that asks "is this slot the key? is it empty?"
 *    slot by slot makes the CPU guess, and it guesses wrong about half the
 *    time: each wrong guess throws away ~15-20 cycles of work, more than the
 *    whole lookup costs otherwise. Here the 8 compares are counted, not
 *    branched on (count_equal); the one branch left, "done with this
 *    bucket?", is almost always yes, so it is predicted right.
 *
 * 4. The number of buckets is a power of two, so "which bucket" is
 *    `hash & mask`, one AND. A modulo by a prime (what GLib does) costs a
 *    division, tens of cycles on many x86-64 CPUs. The price is that only the
 *    LOW bits of the hash choose the bucket, so the hash must push every bit
 *    of the key into the low bits. Hence:
 *
 * 5. A strong 64-bit mixer, MurmurHash3's finalizer, in mix(). Each output
 *    bit depends on every input bit. Real ids are not random: sequential
 *    ids, multiples of 1024 (block allocators), multiples of 2^32 (a shard or
 *    a timestamp in the high word). With the identity as hash, every multiple
 *    of 2^32 lands in bucket 0 and lookups degrade to the naive scan.
 *    `make lab-2` measures exactly that (variant identity_hash).
 *
 * 6. Linear probing, a bucket at a time: when the home bucket is full, the
 *    key goes to the next bucket, and so on. The next line is the one the
 *    hardware prefetcher fetches anyway, and with 8 slots per bucket a full
 *    bucket is rare: most lookups read exactly one cache line.
 *
 * 7. Load factor at most 3/4: the table doubles before it is more than 3/4
 *    full, which keeps full buckets (and so second cache lines) rare. Right
 *    after a doubling the load is 3/8, so the table costs 10.7 to 21 bytes
 *    per key, against 8 for a plain array: the time/memory trade of hashing.
 *
 * 8. No stolen sentinel: an empty slot holds 0, which is also a valid key, so
 *    key 0 never goes into the table; a separate flag, has_zero, records it.
 *    This keeps slots at 8 bytes (an "occupied" byte or bitmap would cost a
 *    second memory access or more space on every probe) while every uint64_t
 *    stays a valid key.
 *
 * 9. The contract has no delete, so there are no tombstones, and within a
 *    bucket the free slots are always the last ones: place() fills the first
 *    free slot. So "this bucket has room" is just "its last slot is 0", and a
 *    lookup that reaches a bucket with room can stop: the key would be there.
 *
 * Growth doubles the table and re-places every key (amortized O(1) per add:
 * all the doublings together re-place fewer than 2 keys per key). If the new
 * table cannot be allocated, the old one is kept untouched and the add
 * returns false, as lab.h promises.
 */
#include "lab.h"

#include <stdlib.h>
#include <string.h>

enum {
    BUCKET_SLOTS = 8,   /* 8 x 8-byte keys = one 64-byte cache line */
    CACHE_LINE = 64,
    FIRST_BUCKETS = 2,  /* 16 slots: small sets stay small */
};

struct intset {
    uint64_t *slots;    /* (bucket_mask + 1) * BUCKET_SLOTS slots, 0 = free */
    size_t bucket_mask; /* number of buckets - 1; a power of two minus one */
    size_t used;        /* keys stored in slots (all nonzero) */
    size_t grow_at;     /* the table doubles before `used` exceeds this */
    bool has_zero;      /* key 0, which cannot live in slots (see 8 above) */
};

/*
 * mix -- MurmurHash3's 64-bit finalizer (Austin Appleby, public domain).
 *
 * Two rounds of "xor the high half into the low half, multiply by an odd
 * constant": the multiply moves low bits up, the shift-xor brings high bits
 * down, and together every input bit reaches every output bit (avalanche).
 * It is a bijection, so distinct keys never get equal hashes; only the
 * bucket index, hash & mask, can collide. Cost: two multiplies.
 *
 * variants/identity_hash.c compiles this very file with its own mix(), the
 * identity, to measure what these lines buy.
 */
#ifndef INTSET_OWN_MIX
static inline uint64_t mix(uint64_t key)
{
    key ^= key >> 33;
    key *= UINT64_C(0xff51afd7ed558ccd);
    key ^= key >> 33;
    key *= UINT64_C(0xc4ceb9fe1a85ec53);
    key ^= key >> 33;
    return key;
}
#endif

static inline size_t home_bucket(uint64_t key, size_t bucket_mask)
{
    return (size_t)mix(key) & bucket_mask;
}

/* How many slots of the bucket hold key (0 or 1). The compares are added up,
   not branched on: see 3 above. */
static inline unsigned count_equal(const uint64_t *bucket, uint64_t key)
{
    unsigned n = 0;
    for (int i = 0; i < BUCKET_SLOTS; i++)
        n += bucket[i] == key;
    return n;
}

/* How many slots of the bucket are taken: also the index of its first free
   slot, since free slots come last (see 9 above). */
static inline unsigned count_taken(const uint64_t *bucket)
{
    unsigned n = 0;
    for (int i = 0; i < BUCKET_SLOTS; i++)
        n += bucket[i] != 0;
    return n;
}

static inline bool has_room(const uint64_t *bucket)
{
    return bucket[BUCKET_SLOTS - 1] == 0;
}

/* Is key (nonzero) in the table? Probe from bucket b until a bucket holds
   key or has room. Terminates: the load bound always leaves free slots. */
static bool probe_contains(const uint64_t *slots, size_t bucket_mask, size_t b, uint64_t key)
{
    for (;;) {
        const uint64_t *bucket = slots + b * BUCKET_SLOTS;
        unsigned found = count_equal(bucket, key);
        if (found | has_room(bucket)) /* `|`, not `||`: one branch, not two */
            return found != 0;
        b = (b + 1) & bucket_mask;
    }
}

/* Put key (nonzero, not in the table) in the first free slot from bucket b. */
static void probe_place(uint64_t *slots, size_t bucket_mask, size_t b, uint64_t key)
{
    while (!has_room(slots + b * BUCKET_SLOTS))
        b = (b + 1) & bucket_mask;
    uint64_t *bucket = slots + b * BUCKET_SLOTS;
    bucket[count_taken(bucket)] = key;
}

static size_t load_limit(size_t buckets)
{
    return buckets * BUCKET_SLOTS / 4 * 3;
}

/* A zeroed table of `buckets` buckets, each on its own cache line; NULL if
   out of memory (or if the size does not fit in a size_t). */
static uint64_t *new_table(size_t buckets)
{
    if (buckets > SIZE_MAX / CACHE_LINE)
        return NULL;
    size_t bytes = buckets * CACHE_LINE;
    uint64_t *slots = aligned_alloc(CACHE_LINE, bytes);
    if (slots != NULL)
        memset(slots, 0, bytes);
    return slots;
}

struct intset *intset_new(void)
{
    struct intset *s = malloc(sizeof *s);
    uint64_t *slots = new_table(FIRST_BUCKETS);
    if (s == NULL || slots == NULL) {
        free(s);
        free(slots);
        return NULL;
    }
    *s = (struct intset){
        .slots = slots,
        .bucket_mask = FIRST_BUCKETS - 1,
        .grow_at = load_limit(FIRST_BUCKETS),
    };
    return s;
}

bool intset_contains(const struct intset *s, uint64_t key)
{
    if (key == 0)
        return s->has_zero;
    return probe_contains(s->slots, s->bucket_mask, home_bucket(key, s->bucket_mask), key);
}

/* Double the table: re-place every key in a new one, free the old one.
   False (and the set untouched) if memory runs out. */
static bool grow(struct intset *s)
{
    size_t buckets = s->bucket_mask + 1;
    if (buckets > SIZE_MAX / 2)
        return false;
    size_t new_mask = 2 * buckets - 1;
    uint64_t *slots = new_table(2 * buckets);
    if (slots == NULL)
        return false;

    for (size_t i = 0; i < buckets * BUCKET_SLOTS; i++) {
        uint64_t key = s->slots[i];
        if (key != 0)
            probe_place(slots, new_mask, home_bucket(key, new_mask), key);
    }
    free(s->slots);
    s->slots = slots;
    s->bucket_mask = new_mask;
    s->grow_at = load_limit(2 * buckets);
    return true;
}

bool intset_add(struct intset *s, uint64_t key)
{
    if (key == 0) {
        bool added = !s->has_zero;
        s->has_zero = true;
        return added;
    }
    size_t b = home_bucket(key, s->bucket_mask);
    if (probe_contains(s->slots, s->bucket_mask, b, key))
        return false;
    /* Grow only for a key that is really new: re-adding a present key never
       allocates, so it cannot fail. */
    if (s->used == s->grow_at) {
        if (!grow(s))
            return false;
        b = home_bucket(key, s->bucket_mask);
    }
    probe_place(s->slots, s->bucket_mask, b, key);
    s->used++;
    return true;
}

size_t intset_size(const struct intset *s)
{
    return s->used + (s->has_zero ? 1 : 0);
}

void intset_free(struct intset *s)
{
    if (s == NULL)
        return;
    free(s->slots);
    free(s);
}
