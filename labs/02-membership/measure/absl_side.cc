/*
 * absl_side.cc -- Lab 2 side benchmark: the reference hash set beside
 * absl::flat_hash_set, Google's Swiss table, on the lab's own workload.
 *
 *   make absl-2                       (labs/02-membership/measure/lab.mk builds and runs it)
 *   make absl-2 ABSL_2_ARGS='--benchmark_repetitions=9'
 *
 * Why a side benchmark and not a variant: variants are C files compiled into
 * the lab's bench, driver and tests; absl is a C++ template library. This
 * program links the reference (solutions/02-membership/optimized.c, compiled
 * as C) and absl, and times both on exactly the ids make lab-2 measures
 * (streams.c): one call = an empty set, N adds (about half of them repeats),
 * N lookups (about half of them hits), free.
 *
 * The cases:
 *   mixed/N        the four id schemes interleaved, as the lab's scaling sweep
 *                  (the graded workload), at N = 1,000,000 and 4,000,000;
 *   <scheme>/N     one id scheme alone (random, sequential, x1024, x2^32), as
 *                  the lab's schemes sweep, at its N = 5,000 (tables in L1/L2)
 *                  and at N = 1,000,000 (tables in L3 and beyond).
 *
 * How it measures: google-benchmark, every case repeated (5 times by default)
 * with the repetitions of all cases interleaved in random order
 * (--benchmark_enable_random_interleaving), so that a noisy neighbour hits
 * both sets alike; the table at the end gives the medians and their ratio,
 * absl / reference (> 1: the reference is faster). Both sets must report the
 * same number of known queries, or the program says so and fails.
 *
 * Fairness: absl's code is a header template, inlined into the loops below;
 * the reference is called through its C functions (not inlined), as every
 * variant is in the lab. absl hashes with absl::Hash (its default), whose
 * seed is the address of a global: it changes from run to run with address
 * space randomization, and so, slightly, do absl's probe sequences.
 */
#include <benchmark/benchmark.h>

#include "side.h"

#include "absl/container/flat_hash_set.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

extern "C" {
#include "streams.h"
/* The reference, from build/lab-2, renamed as every variant is (common/rename.sh). */
struct intset;
struct intset *reference_intset_new(void);
bool reference_intset_add(struct intset *s, uint64_t key);
bool reference_intset_contains(const struct intset *s, uint64_t key);
void reference_intset_free(struct intset *s);
}

namespace {

/* The ids of one case, generated once (not timed). */
const id_stream &ids(size_t n, enum id_scheme scheme)
{
    static std::map<std::pair<size_t, int>, id_stream> cache;
    auto key = std::make_pair(n, static_cast<int>(scheme));
    auto it = cache.find(key);
    if (it == cache.end()) {
        id_stream s;
        if (id_stream_make(&s, n, scheme) != 0) {
            std::fprintf(stderr, "absl_side: out of memory for N = %zu\n", n);
            std::exit(1);
        }
        it = cache.emplace(key, s).first;
    }
    return it->second;
}

/* Queries found by the last call of each set, per case: they must agree. */
std::map<std::string, size_t> kept_by_case[2];

void run_reference(benchmark::State &state, size_t n, enum id_scheme scheme, std::string name)
{
    const id_stream &s = ids(n, scheme);
    size_t kept = 0;
    for (auto _ : state) {
        struct intset *set = reference_intset_new();
        if (set == nullptr) {
            state.SkipWithError("out of memory");
            return;
        }
        for (size_t i = 0; i < s.n; i++)
            reference_intset_add(set, s.events[i]);
        kept = 0;
        for (size_t i = 0; i < s.n; i++)
            kept += reference_intset_contains(set, s.queries[i]);
        reference_intset_free(set);
        benchmark::DoNotOptimize(kept);
    }
    kept_by_case[0][name] = kept;
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 2 * static_cast<int64_t>(n));
}

void run_absl(benchmark::State &state, size_t n, enum id_scheme scheme, std::string name)
{
    const id_stream &s = ids(n, scheme);
    size_t kept = 0;
    for (auto _ : state) {
        absl::flat_hash_set<uint64_t> set;
        for (size_t i = 0; i < s.n; i++)
            set.insert(s.events[i]);
        kept = 0;
        for (size_t i = 0; i < s.n; i++)
            kept += set.contains(s.queries[i]);
        benchmark::DoNotOptimize(kept);
    }
    kept_by_case[1][name] = kept;
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 2 * static_cast<int64_t>(n));
}

/* Collects the median of every case for the closing table. */
std::string case_name(size_t n, enum id_scheme scheme)
{
    return std::string(scheme == ALL_SCHEMES ? "mixed" : id_scheme_names[scheme]) + "/N=" + std::to_string(n);
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::pair<size_t, enum id_scheme>> cases = { { 1000000, ALL_SCHEMES }, { 4000000, ALL_SCHEMES } };
    for (size_t n : { size_t{ 5000 }, size_t{ 1000000 } })
        for (int k = 0; k < N_SCHEMES; k++)
            cases.emplace_back(n, static_cast<enum id_scheme>(k));

    std::vector<std::string> names;
    for (const auto &c : cases) {
        std::string name = case_name(c.first, c.second);
        names.push_back(name);
        benchmark::RegisterBenchmark(("reference " + name).c_str(), run_reference, c.first, c.second, name)
            ->Unit(benchmark::kMillisecond)->UseRealTime();
        benchmark::RegisterBenchmark(("absl " + name).c_str(), run_absl, c.first, c.second, name)
            ->Unit(benchmark::kMillisecond)->UseRealTime();
    }

    SideReporter reporter;
    if (!side_run(argc, argv, 5, 0.2, reporter))
        return 2;

    int status = 0;
    std::printf("\nreference vs absl::flat_hash_set: dedupe N + filter N ids, median time per call\n");
    std::printf("  %-22s %14s %14s %17s\n", "case", "reference", "absl", "absl / reference");
    for (const std::string &name : names) {
        auto r = reporter.median_s.find("reference " + name), a = reporter.median_s.find("absl " + name);
        if (r == reporter.median_s.end() || a == reporter.median_s.end())
            continue; /* filtered out, or run without repetitions */
        std::printf("  %-22s %11.3f ms %11.3f ms %16.2fx\n", name.c_str(), r->second * 1e3, a->second * 1e3,
                    a->second / r->second);
        if (kept_by_case[0][name] != kept_by_case[1][name]) {
            std::printf("  ^ DISAGREE: the reference found %zu known queries, absl %zu\n", kept_by_case[0][name],
                        kept_by_case[1][name]);
            status = 1;
        }
    }
    std::printf("(> 1: the reference is faster. Medians of interleaved repetitions; see the header of\n"
                " labs/02-membership/measure/absl_side.cc for what is measured and how.)\n");
    return status;
}
