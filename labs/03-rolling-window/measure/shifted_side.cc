/*
 * shifted_side.cc -- Lab 3 side benchmark: the reference's rolling_mean_var
 * beside the shifted-sums formulation (variants/shifted_sums.c), the figure
 * issue 17 asks about: time per call at n = 1,000,000 records, w = 10, 100
 * and 1,000.
 *
 *   make shifted-3                       (the Makefile's last block builds and runs it)
 *   make shifted-3 SHIFTED_3_ARGS='--benchmark_repetitions=21'
 *
 * Why beside make lab-3: the lab's stages sweep times the features stage at
 * w = 100 only, and the lab's bench runs each variant's repetitions back to
 * back. Here both functions run on the lab's own input -- the z-scores of the
 * simulated sensor log of 1,000,000 records (pipeline.h), filtered and
 * normalized once, not timed -- at three window sizes, with the repetitions
 * of all cases interleaved in random order (google-benchmark's
 * --benchmark_enable_random_interleaving), so that a noisy neighbour slows
 * both alike. The closing table gives the medians and their ratio,
 * reference / shifted_sums (< 1: the reference is faster), and checks that
 * the two agree on every output to 1e-9 of lab.h's scale.
 *
 * It links the lab's own objects from build/lab-3, renamed as every variant
 * is (common/rename.sh): reference_rolling_mean_var, shifted_sums_rolling_mean_var.
 */
#include <benchmark/benchmark.h>

#include "side.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

extern "C" {
#include "pipeline.h"
int reference_rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var);
int shifted_sums_rolling_mean_var(const double *x, size_t n, size_t w, double *mean, double *var);
}

namespace {

const size_t RECORDS = 1000000;
const size_t WINDOWS[] = { 10, 100, 1000 };

struct pipeline *input; /* filtered and normalized once; its mean/var arrays are the outputs */

void run(benchmark::State &state, rolling_fn *rolling, size_t w)
{
    for (auto _ : state) {
        rolling(input->z, input->n_clean, w, input->mean, input->var);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(input->n_clean));
}

/* Collects the median of every case for the closing table. */
/* Largest difference between the two variants' outputs at window w, in units
   of 1e-9 * the scale of the output (|value|, or 1 for the unit-variance
   z-scores, whichever is larger): below 1 means they agree to nine digits. */
double disagreement(size_t w)
{
    size_t n = input->n_clean;
    std::vector<double> mean(n), var(n);
    reference_rolling_mean_var(input->z, n, w, mean.data(), var.data());
    shifted_sums_rolling_mean_var(input->z, n, w, input->mean, input->var);
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        double dm = std::fabs(mean[i] - input->mean[i]) / (1e-9 * std::fmax(std::fabs(mean[i]), 1.0));
        double dv = std::fabs(var[i] - input->var[i]) / (1e-9 * std::fmax(std::fabs(var[i]), 1.0));
        worst = std::fmax(worst, std::fmax(dm, dv));
    }
    return worst;
}

} // namespace

int main(int argc, char **argv)
{
    input = pipeline_new(RECORDS, 100, reference_rolling_mean_var);
    if (input == nullptr) {
        std::fprintf(stderr, "shifted_side: out of memory\n");
        return 1;
    }
    pipeline_filter(input);
    pipeline_normalize(input);

    for (size_t w : WINDOWS) {
        std::string suffix = " w=" + std::to_string(w);
        benchmark::RegisterBenchmark(("reference" + suffix).c_str(), run, reference_rolling_mean_var, w)
            ->Unit(benchmark::kMicrosecond)->UseRealTime();
        benchmark::RegisterBenchmark(("shifted_sums" + suffix).c_str(), run, shifted_sums_rolling_mean_var, w)
            ->Unit(benchmark::kMicrosecond)->UseRealTime();
    }

    SideReporter reporter;
    if (!side_run(argc, argv, 11, 0.1, reporter))
        return 2;

    int status = 0;
    std::printf("\nreference vs shifted_sums: rolling_mean_var on %zu z-scores (%zu records), median time per call\n",
                input->n_clean, RECORDS);
    std::printf("  %-8s %14s %14s %26s %14s\n", "w", "reference", "shifted_sums", "reference / shifted_sums",
                "disagreement");
    for (size_t w : WINDOWS) {
        std::string suffix = " w=" + std::to_string(w);
        auto r = reporter.median_s.find("reference" + suffix), s = reporter.median_s.find("shifted_sums" + suffix);
        if (r == reporter.median_s.end() || s == reporter.median_s.end())
            continue; /* filtered out, or run without repetitions */
        double d = disagreement(w);
        std::printf("  %-8zu %11.1f us %11.1f us %25.2fx %14.2g\n", w, r->second * 1e6, s->second * 1e6,
                    r->second / s->second, d);
        if (!(d <= 1.0))
            status = 1;
    }
    std::printf("(< 1: the reference is faster. Medians of interleaved repetitions; disagreement: largest\n"
                " difference of the two outputs in units of 1e-9 * max(|value|, 1), must be <= 1. See the\n"
                " header of labs/03-rolling-window/measure/shifted_side.cc.)\n");
    pipeline_free(input);
    return status;
}
