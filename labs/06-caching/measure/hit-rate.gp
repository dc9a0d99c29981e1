# hit-rate.gp -- Lab 6: hit rate vs capacity for every policy and the
# offline optimum. Called by report.c with -e "data=...; out=...;
# ceiling=<an unbounded cache's hit rate>". data is hit-rate.csv: policy,
# capacity, hit rate (long format: one row per cell).

set datafile separator ','
set terminal pngcairo size 960,640 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title 'Lab 6: hit rate vs capacity -- policies and the optimum (Zipf s = 1.2, 800,000 keys)' font ',13'
set xlabel 'capacity (quotes kept; log scale)'
set ylabel 'hit rate'
set logscale x
set yrange [0:1]
set grid xtics ytics lc rgb '#dddddd'
set key bottom right box opaque
is(v) = strcol(1) eq v

plot data skip 1 using 2:(is('optimum (Belady)') ? $3 : NaN) with linespoints lw 2 dt 2 pt 6 lc rgb '#222222' title 'optimum (Belady, offline)', \
     ''   skip 1 using 2:(is('reference') ? $3 : NaN) with linespoints lw 2 pt 7 lc rgb '#d62728' title 'LRU (reference)', \
     ''   skip 1 using 2:(is('fifo') ? $3 : NaN) with linespoints lw 2 pt 5 lc rgb '#ff7f0e' title 'FIFO', \
     ''   skip 1 using 2:(is('random') ? $3 : NaN) with linespoints lw 2 pt 9 lc rgb '#2ca02c' title 'random eviction', \
     ''   skip 1 using 2:(is('yours') ? $3 : NaN) with linespoints lw 1 pt 4 lc rgb '#1f77b4' title 'yours', \
     ceiling with lines dt 3 lw 1.5 lc rgb '#7f7f7f' title sprintf('unbounded cache: %.1f%%', 100 * ceiling)
