# throughput.gp -- Lab 7: readings per second and writes per reading vs max_batch.
#
# Called by report.c with -e "data=...; out=...; n=<readings per call>".
# data is throughput.csv: variant, max_batch, ns_per_reading,
# readings_per_second, writes_per_reading (long format, one row per cell).
# Each variant keeps the harness's colour (naive blue, yours red, reference
# green). Left: throughput, with the ceiling naive's one write per reading
# puts on it; right: the writes, the fixed cost's count.

set datafile separator ','
set terminal pngcairo size 1300,560 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set multiplot layout 1,2 title sprintf('Lab 7: %d readings forwarded through a socket -- batching pays the fixed cost once per batch', n) font ',13'
set logscale x 2
set xrange [0.7:1500]
set xlabel 'max_batch (readings per write at most)'
set grid xtics ytics mytics lc rgb '#dddddd'
set border 3
set tics nomirror
set key top left box opaque
variants = 'naive yours reference'
colour(i) = word('#1f77b4 #d62728 #2ca02c', i)
sel(v, col) = (strcol(1) eq v ? column(col) : NaN)

set title 'throughput'
set ylabel 'readings per second'
set logscale y
set format y '%.0s%c'
plot for [i=1:3] data skip 1 using (sel(word(variants, i), 2)):(sel(word(variants, i), 4)) \
         with linespoints lw 2 pt 7 ps 1.1 lc rgb colour(i) title word(variants, i)

set title 'system calls: writes per reading (counted by the downstream)'
set ylabel 'writes per reading'
set format y '%g'
set key top right
plot for [i=1:3] data skip 1 using (sel(word(variants, i), 2)):(sel(word(variants, i), 5)) \
         with linespoints lw 2 pt 7 ps 1.1 lc rgb colour(i) title word(variants, i), \
     1/x with lines dt 2 lw 1.5 lc rgb '#888888' title '1 / max_batch'
unset multiplot
