/*
 * variants.h -- the lab's table of variants, made from the build's list.
 *
 * A lab's measure/workload.c reaches every variant through its own table of
 * function pointers (`struct impl`). Which variants exist is not written in
 * workload.c: the build lists them (common/variants.sh writes
 * $(OUT)/variant-list.h, one PERFLAB_VARIANT(name, "label") line per file),
 * so adding a variant is adding one .c file to measure/variants/.
 *
 * workload.c defines, before including this file:
 *   struct impl              its contract as function pointers
 *   LAB_DECLARE(v)           declarations of v's renamed functions (v_join_ints, ...)
 *   LAB_IMPL(v)              the initializer of v's struct impl: { v_join_ints }
 * and gets `static const struct perflab_variant variants[]`, in the build's
 * order: naive, yours, reference, then the extra variants by name.
 *
 * This is an X-macro (the list is expanded twice with two meanings of
 * PERFLAB_VARIANT), the usual C way to keep one list in one place.
 */
#ifndef PERFLAB_VARIANTS_H
#define PERFLAB_VARIANTS_H

#include "workload.h"

#define PERFLAB_VARIANT(name, label) \
    LAB_DECLARE(name)                \
    static const struct impl name##_impl = LAB_IMPL(name);
#include "variant-list.h"
#undef PERFLAB_VARIANT

static const struct perflab_variant variants[] = {
#define PERFLAB_VARIANT(name, label) { #name, label, &name##_impl },
#include "variant-list.h"
#undef PERFLAB_VARIANT
};

#endif
