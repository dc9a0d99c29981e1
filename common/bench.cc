// bench.cc -- the shared benchmark runner: make lab-N's measurements.
//
// Linked with one lab's workload.c and all of its variants, it times every
// variant at every size of every sweep with google-benchmark, side by side in
// one process, then hands the medians to C: results.c (slopes), table.c (the
// tables), export.c (CSV, JSON, plots) and the lab's own report.c, if any.
//
// Design decisions
// - google-benchmark does the timing, the repetitions and the statistics
//   (median, coefficient of variation). We never time anything by hand.
// - Sizes run in ascending order, one size at a time for all variants, so the
//   variants of one size are measured back to back under the same machine
//   conditions, and so we can skip what would be too slow: before running a
//   variant at the next size we predict its time from the slope fitted so far,
//   and if it would exceed the sweep's budget we record the prediction as
//   "extrapolated" instead of running it (results.c).
// - The repetitions of one size's variants are interleaved at random
//   (google-benchmark's random interleaving), each after a short warm-up, so
//   a slow spell of the machine falls on every variant alike instead of on
//   whichever happened to run then: the ratios stay fair even when the
//   machine is not quiet.
// - Beside each size's variants we time a fixed loop of our own, the machine
//   probe, with the same repetitions, interleaved with theirs. Its spread is
//   the machine's, not the code's: the table says both, so a reader can tell
//   a noisy machine (probe spread as wide as the cells') from a noisy
//   variant (cells wider than the probe). It costs one cell per size.
// - setup() runs once per (variant, size), outside the timed loop: the input
//   (and, in lab 5, a whole database) is built once, then run() is timed.
// - Progress goes to stderr as each cell finishes; the report to stdout.
//
// Usage: bench [--sweep NAME] [--variants a,b] [--xs 1000,2000] [--reps N]
//              [--min-time SECONDS] [--warmup SECONDS] [--no-interleave]
//              [--out DIR] [--no-files] [--summary FILE] [--work DIR] [--plot-queue FILE]
//
// --work (default: bench's own folder) takes the plots' data files; with
// --plot-queue, plots are queued in FILE (gnuplot.h) instead of drawn: make
// lab-N runs bench in the sandbox, where gnuplot cannot start, with both in
// its scratch folder, and draws the queue after bench has exited.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

extern "C" {
#include "export.h"
#include "format.h"
#include "labdef.h"
#include "probe.h"
#include "provenance.h"
#include "results.h"
#include "table.h"
#include "workload.h"

// A lab's measure/report.c defines it; labs without one link none (weak).
void perflab_report(const struct perflab_results *r, FILE *out) __attribute__((weak));
}

namespace {

struct Options {
    std::string sweep;                 // empty: all sweeps
    std::vector<std::string> variants; // empty: all variants
    std::vector<long> xs;              // empty: the sweep's own sizes
    int repetitions = 5;
    double min_time = 0.05;
    double warmup = 0.01;              // seconds of untimed calls before the first repetition (warmup_for)
    bool interleave = true;
    std::string out_dir;
    std::string summary;
    std::string work_dir;   // empty: bench's own folder
    std::string plot_queue; // empty: draw each plot at once
    bool files = true;
};

std::vector<std::string> split(const char *text)
{
    std::vector<std::string> parts;
    std::string part;
    for (const char *p = text;; p++) {
        if (*p == ',' || *p == '\0') {
            if (!part.empty())
                parts.push_back(part);
            part.clear();
            if (*p == '\0')
                break;
        } else {
            part += *p;
        }
    }
    return parts;
}

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr,
                 "bench: %s\n"
                 "usage: bench [--sweep NAME] [--variants a,b] [--xs 1000,2000] [--reps N]\n"
                 "             [--min-time SECONDS] [--warmup SECONDS] [--no-interleave]\n"
                 "             [--out DIR] [--no-files] [--summary FILE] [--work DIR] [--plot-queue FILE]\n",
                 why);
    std::exit(2);
}

bool parse_positive(const char *text, double *out)
{
    char *end;
    double v = std::strtod(text, &end);
    if (end == text || *end != '\0' || !(v > 0) || std::isinf(v))
        return false;
    *out = v;
    return true;
}

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : nullptr;
        bool takes_value = a != "--no-files" && a != "--no-interleave";
        if (takes_value && value == nullptr)
            usage(("missing value after " + a).c_str());
        double number;
        if (a == "--sweep") {
            o.sweep = value;
        } else if (a == "--variants") {
            o.variants = split(value);
        } else if (a == "--xs") {
            for (const std::string &x : split(value)) {
                if (!parse_positive(x.c_str(), &number) || number != std::floor(number))
                    usage(("bad size '" + x + "': sizes are positive whole numbers").c_str());
                o.xs.push_back((long)number);
            }
        } else if (a == "--reps") {
            if (!parse_positive(value, &number) || number > 100)
                usage("--reps takes a whole number from 1 to 100");
            o.repetitions = (int)number;
        } else if (a == "--min-time") {
            if (!parse_positive(value, &number))
                usage("--min-time takes a positive number of seconds");
            o.min_time = number;
        } else if (a == "--out") {
            o.out_dir = value;
        } else if (a == "--summary") {
            o.summary = value;
        } else if (a == "--warmup") {
            if (!parse_positive(value, &number) && std::strcmp(value, "0") != 0)
                usage("--warmup takes a number of seconds (0: none)");
            o.warmup = std::strcmp(value, "0") == 0 ? 0 : number;
        } else if (a == "--no-interleave") {
            o.interleave = false;
            continue;
        } else if (a == "--work") {
            o.work_dir = value;
        } else if (a == "--plot-queue") {
            o.plot_queue = value;
        } else if (a == "--no-files") {
            o.files = false;
            continue;
        } else {
            usage(("unknown option " + a).c_str());
        }
        i++;
    }
    return o;
}

// The error of a run. google-benchmark 1.8 renamed error_occurred and
// error_message to skipped and skip_message; overload resolution picks
// whichever this version has (the int overload wins when both compile).
template <class Run>
auto run_error(const Run &run, int) -> decltype(run.skip_message, std::string())
{
    return static_cast<int>(run.skipped) != 0 ? run.skip_message : std::string();
}
template <class Run>
auto run_error(const Run &run, long) -> decltype(run.error_message, std::string())
{
    return run.error_occurred ? (run.error_message.empty() ? "error" : run.error_message) : std::string();
}

// Collects the aggregates google-benchmark computes over the repetitions.
class Collector : public benchmark::BenchmarkReporter {
public:
    struct Aggregate {
        double median = -1, mean = -1, stddev = -1, p95 = 0, p99 = 0, iterations = 0;
        int repetitions = 0;
        std::string error;
        std::vector<std::pair<std::string, double>> counters;
    };
    std::vector<std::pair<std::string, Aggregate>> results;

    bool ReportContext(const Context &) override { return true; }

    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const Run &run : runs) {
            Aggregate &a = find(run.run_name.function_name);
            std::string error = run_error(run, 0);
            if (!error.empty()) {
                a.error = error;
                continue;
            }
            if (run.run_type == Run::RT_Iteration) {
                // With one repetition google-benchmark computes no aggregates:
                // the single run is then its own median.
                a.iterations = (double)run.iterations;
                if (run.repetitions <= 1) {
                    a.median = a.mean = run.GetAdjustedRealTime() * to_seconds(run.time_unit);
                    a.stddev = 0;
                    a.repetitions = 1;
                    for (const auto &c : run.counters)
                        a.counters.emplace_back(c.first, c.second.value);
                }
                continue;
            }
            double seconds = run.GetAdjustedRealTime() * to_seconds(run.time_unit);
            a.repetitions = (int)run.repetitions;
            if (run.aggregate_name == "median") {
                a.median = seconds;
                for (const auto &c : run.counters)
                    a.counters.emplace_back(c.first, c.second.value);
            } else if (run.aggregate_name == "mean") {
                a.mean = seconds;
            } else if (run.aggregate_name == "stddev") {
                a.stddev = seconds;
            } else if (run.aggregate_name == "p95") {
                a.p95 = seconds;
            } else if (run.aggregate_name == "p99") {
                a.p99 = seconds;
            }
        }
    }

    Aggregate &find(const std::string &name)
    {
        for (auto &entry : results)
            if (entry.first == name)
                return entry.second;
        results.emplace_back(name, Aggregate());
        return results.back().second;
    }

private:
    static double to_seconds(benchmark::TimeUnit unit)
    {
        switch (unit) {
        case benchmark::kNanosecond: return 1e-9;
        case benchmark::kMicrosecond: return 1e-6;
        case benchmark::kMillisecond: return 1e-3;
        default: return 1;
        }
    }
};

// Nearest-rank percentiles over the repetitions, for google-benchmark's
// ComputeStatistics (it computes and reports them like its median).
double nearest_rank(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    size_t rank = (size_t)std::ceil(q * (double)v.size());
    return v[rank == 0 ? 0 : rank - 1];
}
double p95_of(const std::vector<double> &v) { return nearest_rank(v, 0.95); }
double p99_of(const std::vector<double> &v) { return nearest_rank(v, 0.99); }

// The machine probe (probe.h) timed beside every size: its spread is the
// machine's.
unsigned char probe_buffer[PROBE_BYTES];

const char *const probe_name = "machine-probe";

bool wanted(const Options &o, const char *variant)
{
    if (o.variants.empty())
        return true;
    for (const std::string &v : o.variants)
        if (v == variant)
            return true;
    return false;
}

std::string cell_name(const perflab_sweep *s, const perflab_variant *v, long x)
{
    return std::string(s->name) + "/" + v->name + "/" + std::to_string(x);
}

// The same repetitions, warm-up and statistics for every cell of a size and
// for the machine probe beside them.
void configure(benchmark::internal::Benchmark *b, const perflab_sweep *s, const Options &o, double warmup)
{
    b->Repetitions(std::max(o.repetitions, s->repetitions))
        ->ReportAggregatesOnly(true)
        ->MinWarmUpTime(warmup)
        ->MinTime(o.min_time)
        ->UseRealTime()
        ->Unit(benchmark::kNanosecond);
    if (s->tail_percentiles)
        b->ComputeStatistics("p95", p95_of)->ComputeStatistics("p99", p99_of);
}

// The warm-up of one variant at x. It keeps a cold first call (fresh pages,
// cold caches) out of the first repetition, where a call shorter than a
// repetition would otherwise weigh on a few of its iterations. A call that
// already took a whole repetition at a smaller x needs none: its cold start
// is a small share of it, and warming it up would cost another whole call
// (seconds, for naive at its largest sizes).
double warmup_for(const perflab_results *results, const perflab_sweep *s, const perflab_variant *v, long x,
                  const Options &o)
{
    for (size_t i = 0; i < results->n_cells; i++) {
        const perflab_cell &c = results->cells[i];
        if (c.sweep == s && c.variant == v && c.x < x && c.state == CELL_MEASURED && c.seconds >= o.min_time)
            return 0;
    }
    return o.warmup;
}

// Measure every wanted variant of one sweep at one size x.
void measure_size(perflab_results *results, const perflab_sweep *s, long x, const char *x_text,
                  const std::vector<const perflab_variant *> &variants, const Options &o)
{
    std::fprintf(stderr, "  %-10s %s = %-12s", s->name, s->x_name, x_text);
    // Cells are kept by index: results_add() may move the array as it grows.
    struct Pending {
        const perflab_variant *variant;
        void *state;
        size_t cell;
    };
    std::vector<Pending> pending;
    for (const perflab_variant *v : variants) {
        perflab_cell *cell = results_add(results, s, v, x);
        if (cell == nullptr)
            continue;
        double predicted = s->x_names ? 0 : results_skip_prediction(results, s, v->name, x);
        if (predicted > 0) {
            cell->state = CELL_EXTRAPOLATED;
            cell->seconds = predicted;
            continue;
        }
        void *state = s->setup(x, v);
        if (state == nullptr) {
            cell->state = CELL_FAILED;
            std::fprintf(stderr, "\n    %s: setup failed at %s = %ld (out of memory? see above)\n",
                         v->name, s->x_name, x);
            continue;
        }
        pending.push_back({ v, state, (size_t)(cell - results->cells) });
        configure(benchmark::RegisterBenchmark(cell_name(s, v, x).c_str(),
                                               [s, state](benchmark::State &st) {
                                                   for (auto _ : st)
                                                       s->run(state);
                                                   if (s->counters != nullptr) {
                                                       struct perflab_counter counters[PERFLAB_MAX_COUNTERS];
                                                       size_t n = s->counters(state, counters);
                                                       for (size_t k = 0; k < n; k++)
                                                           st.counters[counters[k].name] = counters[k].value;
                                                   }
                                               }),
                  s, o, s->x_names ? o.warmup : warmup_for(results, s, v, x, o));
    }

    std::string probe_cell = std::string(s->name) + "/" + probe_name + "/" + std::to_string(x);
    if (!pending.empty())
        configure(benchmark::RegisterBenchmark(probe_cell.c_str(),
                                               [](benchmark::State &st) {
                                                   for (auto _ : st)
                                                       benchmark::DoNotOptimize(probe_memory(probe_buffer));
                                               }),
                  s, o, o.warmup);

    Collector collector;
    benchmark::RunSpecifiedBenchmarks(&collector);
    benchmark::ClearRegisteredBenchmarks();
    const Collector::Aggregate &machine = collector.find(probe_cell);
    double machine_cv = machine.mean > 0 && machine.stddev >= 0 ? machine.stddev / machine.mean : 0;

    for (Pending &p : pending) {
        const Collector::Aggregate &a = collector.find(cell_name(s, p.variant, x));
        perflab_cell *cell = &results->cells[p.cell];
        if (!a.error.empty() || a.median < 0) {
            cell->state = CELL_FAILED;
            std::fprintf(stderr, "\n    %s failed: %s\n", p.variant->name, a.error.c_str());
        } else {
            cell->state = CELL_MEASURED;
            cell->seconds = a.median;
            cell->cv = a.mean > 0 && a.stddev >= 0 ? a.stddev / a.mean : 0; // both from google-benchmark
            cell->machine_cv = machine_cv;
            cell->repetitions = a.repetitions;
            cell->p95 = a.p95;
            cell->p99 = a.p99;
            cell->iterations = a.iterations;
            for (const auto &c : a.counters) {
                if (cell->n_counters == PERFLAB_MAX_COUNTERS)
                    break;
                // The counter names live in the lab's code; find the same string there.
                struct perflab_counter probe[PERFLAB_MAX_COUNTERS];
                size_t n = s->counters ? s->counters(p.state, probe) : 0;
                for (size_t k = 0; k < n; k++)
                    if (c.first == probe[k].name)
                        cell->counters[cell->n_counters++] = perflab_counter{ probe[k].name, c.second };
            }
            char t[32];
            std::fprintf(stderr, " %s %s", p.variant->name, format_seconds(a.median, t, sizeof t));
        }
        s->teardown(p.state);
    }
    for (const perflab_variant *v : variants) {
        const perflab_cell *c = results_find(results, s->name, v->name, x);
        if (c != nullptr && c->state == CELL_EXTRAPOLATED)
            std::fprintf(stderr, " %s skipped", v->name);
    }
    std::fprintf(stderr, "\n");
}

void run_sweep(perflab_results *results, const perflab_sweep *s, const Options &o)
{
    const perflab_variant *all[PERFLAB_MAX_VARIANTS];
    size_t n = lab_sweep_variants(results->lab, s, all, PERFLAB_MAX_VARIANTS);
    std::vector<const perflab_variant *> variants;
    for (size_t i = 0; i < n; i++)
        if (wanted(o, all[i]->name))
            variants.push_back(all[i]);

    // --xs picks sizes (any size for a numeric sweep: the grader asks for its
    // graded size); otherwise the sweep's own list.
    std::vector<long> xs = o.xs;
    if (xs.empty() || s->x_names != nullptr) {
        std::vector<long> own;
        for (size_t i = 0; i < PERFLAB_MAX_XS && s->xs[i] != 0; i++)
            if (xs.empty() || std::find(xs.begin(), xs.end(), s->xs[i]) != xs.end())
                own.push_back(s->xs[i]);
        xs = own;
    }
    for (size_t i = 0; i < xs.size(); i++) {
        char text[64];
        if (s->x_names != nullptr)
            std::snprintf(text, sizeof text, "%s", s->x_names[std::find(s->xs, s->xs + PERFLAB_MAX_XS, xs[i]) - s->xs]);
        else
            format_count((double)xs[i], text, sizeof text);
        measure_size(results, s, xs[i], text, variants, o);
    }
}

void write_summary(const perflab_results *r, const std::string &path)
{
    FILE *f = std::fopen(path.c_str(), "w");
    if (f == nullptr) {
        std::perror(path.c_str());
        return;
    }
    for (size_t i = 0; i < r->n_cells; i++) {
        const perflab_cell &c = r->cells[i];
        if (c.state == CELL_MEASURED)
            std::fprintf(f, "%s %s %ld %.9g\n", c.sweep->name, c.variant->name, c.x, c.seconds);
    }
    std::fclose(f);
}

void print_machine(FILE *out)
{
    struct provenance p;
    provenance_collect(&p);
    char line[800];
    provenance_line(&p, line, sizeof line);
    std::fprintf(out, "measured on: %s\n", line);
}

} // namespace

int main(int argc, char **argv)
{
    Options o = parse(argc, argv);
    const struct perflab_lab *lab = &perflab_lab;

    if (!o.sweep.empty() && lab_sweep(lab, o.sweep.c_str()) == nullptr)
        usage(("lab has no sweep '" + o.sweep + "'").c_str());
    for (const std::string &v : o.variants)
        if (lab_variant(lab, v.c_str()) == nullptr)
            usage(("lab has no variant '" + v + "'").c_str());

    if (o.out_dir.empty())
        o.out_dir = "plots/lab-" + std::to_string(lab->number);
    std::string work_dir = o.work_dir;
    if (work_dir.empty()) {
        work_dir = argv[0];
        work_dir = work_dir.find('/') == std::string::npos ? "." : work_dir.substr(0, work_dir.rfind('/'));
    } else if (o.files) {
        mkdir(work_dir.c_str(), 0777);
    }
    if (!o.plot_queue.empty())
        export_queue_plots(o.plot_queue.c_str());
    if (o.files) // mkdir -p: a fresh clone may not have plots/lab-N yet
        for (size_t slash = o.out_dir.find('/', 1);; slash = o.out_dir.find('/', slash + 1)) {
            mkdir(o.out_dir.substr(0, slash).c_str(), 0777);
            if (slash == std::string::npos)
                break;
        }

    // google-benchmark reads its own flags from argv; ours are parsed above.
    std::string program = argv[0];
    std::string interleave = o.interleave ? "--benchmark_enable_random_interleaving=true"
                                          : "--benchmark_enable_random_interleaving=false";
    char *gb_argv[] = { &program[0], &interleave[0], nullptr };
    int gb_argc = 2;
    benchmark::Initialize(&gb_argc, gb_argv);

    perflab_results results;
    results_init(&results, lab, o.out_dir.c_str(), work_dir.c_str());
    results.interleaved = o.interleave;

    std::fprintf(stderr,
                 "measuring (google-benchmark: %d repetitions of at least %.2g s each, after %.2g s of warm-up,"
                 " %s; a machine probe beside each size)...\n",
                 o.repetitions, o.min_time, o.warmup,
                 o.interleave ? "interleaved at random across the variants" : "one variant after another");
    for (size_t i = 0; i < lab->n_sweeps; i++)
        if (o.sweep.empty() ? lab_sweep_enabled(&lab->sweeps[i]) : o.sweep == lab->sweeps[i].name)
            run_sweep(&results, &lab->sweeps[i], o);

    std::printf("\nLab %d: %s -- %s\n", lab->number, lab->title, lab->trap);
    print_machine(stdout);
    for (size_t i = 0; i < lab->n_sweeps; i++) {
        const perflab_sweep *s = &lab->sweeps[i];
        if (o.sweep.empty() ? !lab_sweep_enabled(s) : o.sweep != s->name)
            continue;
        table_print(&results, s, stdout);
        if (o.files) {
            export_csv(&results, s);
            export_plots(&results, s);
        }
    }
    // The hook runs whenever every sweep ran, even without a failing variant:
    // it must (and does) skip cells that were not measured.
    if (perflab_report != nullptr && o.sweep.empty())
        perflab_report(&results, stdout);

    std::printf("\ntargets (make grade-%d decides; the grader counts work, it does not time it):\n", lab->number);
    std::fflush(stdout);
    lab_targets(lab, stdout);

    if (o.files) {
        std::string json = o.out_dir + "/results.json";
        export_json(&results, json.c_str());
        std::printf("\nwrote %s/: results.json", o.out_dir.c_str());
        for (size_t i = 0; i < lab->n_sweeps; i++) {
            const perflab_sweep *s = &lab->sweeps[i];
            if (o.sweep.empty() ? !lab_sweep_enabled(s) : o.sweep != s->name)
                continue;
            std::printf(", %s.csv", s->name);
            if (s->plot != PERFLAB_PLOT_NONE && s->x_names == nullptr)
                std::printf(", %s.png", s->name);
            if (s->plot == PERFLAB_PLOT_SCALING && s->x_names == nullptr)
                std::printf(", %s-speedup.png", s->name);
        }
        std::printf("\n");
    }
    if (!o.summary.empty())
        write_summary(&results, o.summary);
    results_free(&results);
    return 0;
}
