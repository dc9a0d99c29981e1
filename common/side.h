// side.h -- what a side benchmark (make absl-2, make shifted-3, make noise) shares:
// run the registered google-benchmark cases with the course's defaults and
// collect each case's median and spread.
//
// A side benchmark times a reference beside one rival, interleaved, and
// prints its own table of ratios from the medians. google-benchmark does
// the repetitions, the interleaving and the statistics; this header only
// sets the defaults (flags given on the command line come later and win)
// and keeps the medians its reporter sees. Header-only C++: only side
// benchmarks include it.
#ifndef PERFLAB_SIDE_H
#define PERFLAB_SIDE_H

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

// Prints google-benchmark's usual console table and keeps every median:
// "reference w=100" -> seconds per call.
class SideReporter : public benchmark::ConsoleReporter {
  public:
    SideReporter() : ConsoleReporter(OO_Tabular) {} // no colour codes in logs
    std::map<std::string, double> median_s, mean_s, stddev_s;

    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const Run &run : runs) {
            if (run.run_type != Run::RT_Aggregate)
                continue;
            double seconds = run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
            if (run.aggregate_name == "median")
                median_s[run.run_name.function_name] = seconds;
            else if (run.aggregate_name == "mean")
                mean_s[run.run_name.function_name] = seconds;
            else if (run.aggregate_name == "stddev")
                stddev_s[run.run_name.function_name] = seconds;
        }
        ConsoleReporter::ReportRuns(runs);
    }

    // The coefficient of variation of a case's repetitions (0 if unknown).
    double cv(const std::string &name)
    {
        return mean_s[name] > 0 ? stddev_s[name] / mean_s[name] : 0;
    }
};

// Runs the registered cases: `repetitions` each, interleaved at random, at
// least `min_time` seconds per repetition, aggregates only. Returns false
// (after google-benchmark said why) on an unknown flag.
inline bool side_run(int argc, char **argv, int repetitions, double min_time, SideReporter &reporter)
{
    std::string defaults[] = { "--benchmark_repetitions=" + std::to_string(repetitions),
                               "--benchmark_enable_random_interleaving=true",
                               "--benchmark_report_aggregates_only=true",
                               "--benchmark_min_time=" + std::to_string(min_time), "--benchmark_color=false" };
    std::vector<char *> args = { argv[0] };
    for (std::string &d : defaults)
        args.push_back(&d[0]);
    for (int i = 1; i < argc; i++)
        args.push_back(argv[i]);
    int n_args = static_cast<int>(args.size());
    benchmark::Initialize(&n_args, args.data());
    if (benchmark::ReportUnrecognizedArguments(n_args, args.data()))
        return false;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    return true;
}

#endif
