// noise.cc -- `make noise`: is this machine quiet enough to trust timings?
//
// Times the two loops of probe.h side by side -- loads and stores in an
// L1-sized buffer, and a chain of multiplications -- 20 repetitions of
// 0.05 s each, interleaved, and prints each one's coefficient of variation
// (CV) over the repetitions and a verdict. About 5 seconds.
//
// Reading it: on a quiet machine both stay within 2%, and make lab-N's cells
// can too. When the memory loop varies far more than the arithmetic one, the
// core's caches are shared with someone else's work (on a virtual machine,
// another tenant of the host; `top` shows nothing): timings on this machine
// carry that spread, whatever the harness does; counts (make grade-N) do
// not. bench.cc times the same memory loop beside every size of every lab,
// so each table of make lab-N says the same thing about its own run.
//
// Usage: noise [google-benchmark flags]; JSON of the verdict with --json FILE.

#include "side.h"

extern "C" {
#include "json.h"
#include "probe.h"
}

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

unsigned char buffer[PROBE_BYTES];
const double quiet_cv = 0.02; // the steadiness the course asks of a measured cell

void memory_loop(benchmark::State &st)
{
    for (auto _ : st)
        benchmark::DoNotOptimize(probe_memory(buffer));
}

void arithmetic_loop(benchmark::State &st)
{
    unsigned long x = 1;
    for (auto _ : st)
        benchmark::DoNotOptimize(x = probe_arithmetic(x));
}

} // namespace

int main(int argc, char **argv)
{
    // --json FILE is ours; everything else goes to google-benchmark.
    const char *json_path = nullptr;
    std::vector<char *> rest = { argv[0] };
    for (int i = 1; i < argc; i++) {
        if (std::strcmp(argv[i], "--json") == 0 && i + 1 < argc)
            json_path = argv[++i];
        else
            rest.push_back(argv[i]);
    }
    benchmark::RegisterBenchmark("memory", memory_loop)->UseRealTime();
    benchmark::RegisterBenchmark("arithmetic", arithmetic_loop)->UseRealTime();
    SideReporter reporter;
    if (!side_run((int)rest.size(), rest.data(), 20, 0.05, reporter))
        return 2;

    double memory = reporter.cv("memory"), arithmetic = reporter.cv("arithmetic");
    bool quiet = memory <= quiet_cv && arithmetic <= quiet_cv;
    std::printf("\nhow steady is this machine? (coefficient of variation over 20 interleaved repetitions)\n"
                "  memory loop (loads and stores in L1)  %6.1f%%\n"
                "  arithmetic loop (multiply chain)      %6.1f%%\n",
                100 * memory, 100 * arithmetic);
    if (quiet)
        std::printf("quiet: both within %.0f%%. make lab-N's timings here can be as steady.\n", 100 * quiet_cv);
    else if (arithmetic <= quiet_cv)
        std::printf("not quiet: the arithmetic loop is steady but loads and stores are not -- the core's caches\n"
                    "are shared with other work (on a virtual machine, another tenant; top shows nothing).\n"
                    "Timings here vary by about that much; counts (make grade-N) do not. Try again later.\n");
    else
        std::printf("not quiet: even arithmetic varies -- something else runs on this machine (see top) or the\n"
                    "virtual machine's host is overcommitted. Timings here vary by about that much.\n");

    if (json_path != nullptr) {
        FILE *f = std::fopen(json_path, "w");
        if (f == nullptr) {
            std::perror(json_path);
            return 1;
        }
        struct json j;
        json_start(&j, f);
        json_object_begin(&j, nullptr);
        json_number(&j, "memory_cv", memory);
        json_number(&j, "arithmetic_cv", arithmetic);
        json_number(&j, "quiet_cv", quiet_cv);
        json_bool(&j, "quiet", quiet);
        json_object_end(&j);
        json_finish(&j);
        std::fclose(f);
    }
    return 0;
}
