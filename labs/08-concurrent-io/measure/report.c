/*
 * report.c -- Lab 8's own tables and plots after the sweeps (make lab-8
 * only): Little's law over max_in_flight with the bound ceil(N/W) x D drawn,
 * the CPU time beside the wall time (the client waits, it does not work),
 * and the cost of a connection when the server answers at once.
 *
 * Every table has its CSV (plots/lab-8/<name>.csv) and report.json holds
 * them all; little.png and cpu.png are drawn from the CSVs.
 */
#include "scenario.h"

#include "format.h"
#include "json.h"
#include "workload.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const shown[] = { "naive", "yours", "reference" };

static double or_nan(double v)
{
    return v >= 0 ? v : NAN;
}

static const long *sweep_xs(const char *name)
{
    for (size_t i = 0; i < perflab_lab.n_sweeps; i++)
        if (strcmp(perflab_lab.sweeps[i].name, name) == 0)
            return perflab_lab.sweeps[i].xs;
    static const long none[] = { 0 };
    return none;
}

static FILE *open_csv(const struct perflab_results *r, const char *name, const char *header)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.csv", perflab_out_dir(r), name);
    FILE *f = fopen(path, "w");
    if (f != NULL)
        fprintf(f, "%s\n", header);
    return f;
}

/* Little's law: W in flight, each held D, so at best W / D items per second
   and ceil(N / W) x D for N items. */
static void little(const struct perflab_results *r, FILE *out, struct json *j)
{
    const double d = SCENARIO_DELAY_MS / 1000.0;
    const long n = SCENARIO_IN_FLIGHT_N;
    FILE *csv = open_csv(r, "little", "max_in_flight,bound_s,reference_s,yours_s");
    fprintf(out, "\nLittle's law: %ld items, each answered %d ms after it arrives; W = max_in_flight\n"
                 "throughput <= W / D, so time >= ceil(N/W) x D\n",
            n, SCENARIO_DELAY_MS);
    fprintf(out, "  %6s %12s %12s %12s %14s\n", "W", "bound", "reference", "yours", "items/s (ref)");
    json_array_begin(j, "little");
    for (const long *w = sweep_xs("in_flight"); *w != 0; w++) {
        double bound = ceil((double)n / (double)*w) * d;
        double ref = or_nan(perflab_median(r, "in_flight", "reference", *w));
        double yours = or_nan(perflab_median(r, "in_flight", "yours", *w));
        char a[32], b[32], c[32];
        fprintf(out, "  %6ld %12s %12s %12s %14.0f\n", *w, format_seconds(bound, a, sizeof a),
                isnan(ref) ? "-" : format_seconds(ref, b, sizeof b),
                isnan(yours) ? "-" : format_seconds(yours, c, sizeof c), (double)n / ref);
        if (csv != NULL)
            fprintf(csv, "%ld,%.9g,%.9g,%.9g\n", *w, bound, ref, yours);
        json_object_begin(j, NULL);
        json_number(j, "max_in_flight", (double)*w);
        json_number(j, "bound_s", bound);
        json_number(j, "reference_s", ref);
        json_number(j, "yours_s", yours);
        json_object_end(j);
    }
    json_array_end(j);
    if (csv != NULL)
        fclose(csv);
}

/* The client's CPU time beside its wall time: both clients wait. cpu.csv
   has one row per N: each variant's wall and CPU seconds (NaN: not run). */
static void cpu(const struct perflab_results *r, FILE *out, struct json *j)
{
    FILE *csv = open_csv(r, "cpu", "N,naive_wall_s,naive_cpu_s,yours_wall_s,yours_cpu_s,reference_wall_s,"
                                   "reference_cpu_s");
    fprintf(out, "\nCPU vs wall: the client's CPU time (getrusage, less the server's thread) per call\n");
    fprintf(out, "  %6s %-10s %12s %12s %8s\n", "N", "variant", "wall", "client CPU", "busy");
    json_array_begin(j, "cpu");
    for (const long *x = sweep_xs("requests"); *x != 0; x++) {
        if (csv != NULL)
            fprintf(csv, "%ld", *x);
        for (size_t v = 0; v < sizeof shown / sizeof *shown; v++) {
            double wall = perflab_median(r, "requests", shown[v], *x);
            double cpu_ms = perflab_counter_value(r, "requests", shown[v], *x, "client_cpu_ms");
            bool measured = wall > 0 && cpu_ms >= 0;
            if (csv != NULL)
                fprintf(csv, ",%.9g,%.9g", measured ? wall : NAN, measured ? cpu_ms / 1e3 : NAN);
            if (!measured)
                continue;
            char a[32], b[32];
            fprintf(out, "  %6ld %-10s %12s %12s %7.1f%%\n", *x, shown[v], format_seconds(wall, a, sizeof a),
                    format_seconds(cpu_ms / 1e3, b, sizeof b), 100.0 * cpu_ms / 1e3 / wall);
            json_object_begin(j, NULL);
            json_number(j, "N", (double)*x);
            json_string(j, "variant", shown[v]);
            json_number(j, "wall_s", wall);
            json_number(j, "client_cpu_s", cpu_ms / 1e3);
            json_object_end(j);
        }
        if (csv != NULL)
            fprintf(csv, "\n");
    }
    json_array_end(j);
    if (csv != NULL)
        fclose(csv);
}

/* No delay: what is left is each request's own cost, with and without a
   new connection. */
static void connections(const struct perflab_results *r, FILE *out, struct json *j)
{
    FILE *csv = open_csv(r, "connection-cost", "N,variant,per_request_s,connections");
    fprintf(out, "\nConnections: the server answers at once; time per request and connections opened\n");
    fprintf(out, "  %6s %-10s %14s %12s\n", "N", "variant", "per request", "connections");
    json_array_begin(j, "connections");
    for (const long *x = sweep_xs("connections"); *x != 0; x++) {
        for (size_t v = 0; v < sizeof shown / sizeof *shown; v++) {
            double wall = perflab_median(r, "connections", shown[v], *x);
            double conns = perflab_counter_value(r, "connections", shown[v], *x, "connections");
            if (wall <= 0)
                continue;
            char a[32];
            fprintf(out, "  %6ld %-10s %14s %12.0f\n", *x, shown[v],
                    format_seconds(wall / (double)*x, a, sizeof a), conns);
            if (csv != NULL)
                fprintf(csv, "%ld,%s,%.9g,%.0f\n", *x, shown[v], wall / (double)*x, conns);
            json_object_begin(j, NULL);
            json_number(j, "N", (double)*x);
            json_string(j, "variant", shown[v]);
            json_number(j, "per_request_s", wall / (double)*x);
            json_number(j, "connections", conns);
            json_object_end(j);
        }
    }
    json_array_end(j);
    if (csv != NULL)
        fclose(csv);
}

void perflab_report(const struct perflab_results *r, FILE *out)
{
    const char *dir = perflab_out_dir(r);
    char path[1024];
    snprintf(path, sizeof path, "%s/report.json", dir);
    FILE *jf = fopen(path, "w");
    struct json j;
    json_start(&j, jf != NULL ? jf : fopen("/dev/null", "w"));
    json_object_begin(&j, NULL);
    json_number(&j, "delay_ms", SCENARIO_DELAY_MS);
    json_number(&j, "server_limit", SCENARIO_LIMIT);
    little(r, out, &j);
    cpu(r, out, &j);
    connections(r, out, &j);
    json_object_end(&j);
    json_finish(&j);
    if (jf != NULL)
        fclose(jf);

    char vars[2048];
    snprintf(vars, sizeof vars, "data='%s/little.csv'; out='%s/little.png'; n=%d; d=%d", dir, dir,
             SCENARIO_IN_FLIGHT_N, SCENARIO_DELAY_MS);
    perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/little.gp", vars);
    snprintf(vars, sizeof vars, "data='%s/cpu.csv'; out='%s/cpu.png'", dir, dir);
    perflab_gnuplot("labs/" PERFLAB_SLUG "/measure/cpu.gp", vars);
    fprintf(out, "\nthis lab also wrote %s/: little.csv/.png, cpu.csv/.png, connection-cost.csv, report.json\n",
            dir);
}
