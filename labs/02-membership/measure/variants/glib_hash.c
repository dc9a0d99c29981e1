/*
 * glib_hash.c -- Lab 2 variant: GLib's GHashTable, "what the library gives
 * you" when you do not write a hash set yourself.
 * label: GLib GHashTable
 *
 * GHashTable is a general-purpose map from gpointer to gpointer, and that
 * generality is what it costs here:
 * - A 64-bit key reaches GLib's integer helpers only through a pointer:
 *   g_int64_hash() and g_int64_equal() take a pointer TO the key. So each key
 *   is copied into its own 8-byte heap block (g_new), the table stores the
 *   pointer, and g_free() frees it with the table. This is the documented,
 *   idiomatic route.
 * - g_int64_hash() (GLib 2.74, Debian 12) returns the key's low 32 bits and
 *   ignores the high 32. Every multiple of 2^32 therefore has hash 0, and a
 *   set of them degrades to a list scan -- with a function call per compare.
 *   The lab's "schemes" sweep shows it; we keep the library's hash as it is,
 *   because that is what the library gives you.
 * - Every hash and every comparison is a call through a function pointer.
 * - The table keeps parallel arrays: a 32-bit hash and a key pointer per
 *   slot (in set mode the value array is the key array). A lookup touches
 *   the hash array, the key array and then the key's own heap block: up to
 *   three cache misses where the reference pays one.
 * - The slot is (hash * 11) % prime: robust against hashes that share their
 *   low bits (the reason multiples of 1024 do not hurt it), at the price of a
 *   division. No slot choice can separate keys whose hashes are EQUAL, though.
 *
 * add is "contains, then g_hash_table_add": GLib has no insert-if-absent, and
 * g_hash_table_add() on a present key would replace (and free) the old key,
 * so checking first avoids a malloc/free per duplicate at the cost of hashing
 * new keys twice.
 *
 * Out of memory: GLib aborts the program when an allocation fails (g_new and
 * the table's own growth), so this variant cannot honour lab.h's "add returns
 * false" promise. That is GLib's documented policy, kept here as it is.
 */
#include "lab.h"

#include <glib.h>

struct intset {
    GHashTable *table; /* set mode: key == value, a g_new'd guint64 */
};

struct intset *intset_new(void)
{
    struct intset *s = g_new(struct intset, 1);
    s->table = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    return s;
}

/* guint64 and gint64 are the same type but for sign, which C lets us read
   through a pointer to either: g_int64_hash/equal see the same 64 bits. */
bool intset_contains(const struct intset *s, uint64_t key)
{
    guint64 k = key;
    return g_hash_table_contains(s->table, &k);
}

bool intset_add(struct intset *s, uint64_t key)
{
    if (intset_contains(s, key))
        return false;
    guint64 *stored = g_new(guint64, 1);
    *stored = key;
    g_hash_table_add(s->table, stored);
    return true;
}

size_t intset_size(const struct intset *s)
{
    return g_hash_table_size(s->table);
}

void intset_free(struct intset *s)
{
    if (s == NULL)
        return;
    g_hash_table_destroy(s->table);
    g_free(s);
}
