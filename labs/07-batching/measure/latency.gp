# latency.gp -- Lab 7: the price of throughput, as percentiles of the wait.
#
# Called by report.c with -e "data=...; out=...; rate=<arrivals/s>;
# delay_ms=<the batch experiment's deadline>; batch=<the delay experiment's
# max_batch>". data is latency.csv: variant, experiment ('batch' or
# 'delay'), max_batch, max_delay_ms, p50_us, p95_us, p99_us, max_us,
# readings_per_write. The reference's percentiles are drawn (P50 solid, P99
# dashed, max dotted), yours beside it in red; naive (one run: it ignores
# both knobs) gives the flat lines: its P99 is the machine's own noise.

set datafile separator ','
set terminal pngcairo size 1300,680 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set multiplot layout 1,2 title sprintf('Lab 7: how long a reading waits (push to receipt, real clock), %.0f readings/s', rate) font ',13'
set logscale xy
set grid xtics ytics mytics lc rgb '#dddddd'
set border 3
set tics nomirror
# The legend goes under each panel: inside, it covered the reference's points.
set key at graph 0.5, graph -0.17 center top box font ',9' horizontal maxcols 3 samplen 3 width -3
set bmargin 10
set ylabel 'wait (microseconds)'
set format y '%g'
sel(v, e, col) = (strcol(1) eq v && strcol(2) eq e ? column(col) : NaN)
naive_p50 = NaN
naive_p99 = NaN
stats data skip 1 using (strcol(1) eq 'naive' ? $5 : NaN) nooutput
if (STATS_records > 0) { naive_p50 = STATS_max }
stats data skip 1 using (strcol(1) eq 'naive' ? $7 : NaN) nooutput
if (STATS_records > 0) { naive_p99 = STATS_max }

set title sprintf('vs max_batch (max_delay %g ms)', delay_ms)
set xlabel 'max_batch'
set xrange [0.7:1500]
plot data skip 1 using (sel('reference', 'batch', 3)):(sel('reference', 'batch', 5)) with linespoints lw 2 pt 7 lc rgb '#2ca02c' title 'reference P50', \
     ''   skip 1 using (sel('reference', 'batch', 3)):(sel('reference', 'batch', 7)) with linespoints lw 2 pt 5 dt 2 lc rgb '#2ca02c' title 'reference P99', \
     ''   skip 1 using (sel('reference', 'batch', 3)):(sel('reference', 'batch', 8)) with linespoints lw 1 pt 6 dt 3 lc rgb '#2ca02c' title 'reference max', \
     ''   skip 1 using (sel('yours', 'batch', 3)):(sel('yours', 'batch', 7)) with linespoints lw 2 pt 5 dt 2 lc rgb '#d62728' title 'yours P99', \
     naive_p50 with lines lw 2 lc rgb '#1f77b4' title 'naive P50', \
     naive_p99 with lines lw 2 dt 2 lc rgb '#1f77b4' title 'naive P99 (the noise floor)', \
     delay_ms * 1000 with lines lw 1.5 dt 4 lc rgb '#888888' title 'max_delay'

set title sprintf('vs max_delay (max_batch %d)', batch)
set xlabel 'max_delay (ms)'
set xrange [0.07:15]
plot data skip 1 using (sel('reference', 'delay', 4)):(sel('reference', 'delay', 5)) with linespoints lw 2 pt 7 lc rgb '#2ca02c' title 'reference P50', \
     ''   skip 1 using (sel('reference', 'delay', 4)):(sel('reference', 'delay', 7)) with linespoints lw 2 pt 5 dt 2 lc rgb '#2ca02c' title 'reference P99', \
     ''   skip 1 using (sel('reference', 'delay', 4)):(sel('reference', 'delay', 8)) with linespoints lw 1 pt 6 dt 3 lc rgb '#2ca02c' title 'reference max', \
     ''   skip 1 using (sel('yours', 'delay', 4)):(sel('yours', 'delay', 7)) with linespoints lw 2 pt 5 dt 2 lc rgb '#d62728' title 'yours P99', \
     naive_p50 with lines lw 2 lc rgb '#1f77b4' title 'naive P50', \
     naive_p99 with lines lw 2 dt 2 lc rgb '#1f77b4' title 'naive P99 (the noise floor)', \
     x * 1000 with lines lw 1.5 dt 4 lc rgb '#888888' title 'wait = max_delay'
unset multiplot
