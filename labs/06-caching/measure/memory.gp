# memory.gp -- Lab 6: what memory buys. Called by report.c with
# -e "data=...; out=...". data is memory.csv: per variant and capacity, the
# bytes the cache held (column 3), its hit rate (4), time per request in ns
# (5), the measured speedup over naive (6) and Amdahl's bound 1/(1 - hit
# rate) (7). Left axis: speedup, measured (points) and bound (dashed), for
# the reference; the x axis is the memory it cost, so the curve reads
# "this many bytes buy this much time". Right axis: the hit rate.

set datafile separator ','
set terminal pngcairo size 960,640 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title 'Lab 6: what memory buys -- speedup over no cache vs the bytes the cache holds' font ',13'
set xlabel 'bytes the cache holds (log scale; capacity 80 .. 80,000 of 800,000 keys)'
set ylabel 'speedup over naive (x)'
set y2label 'hit rate'
set logscale x
set yrange [0:*]
set y2range [0:1]
set ytics nomirror
set y2tics 0,0.2,1
set grid xtics ytics lc rgb '#dddddd'
set key top left box opaque
is(v) = strcol(1) eq v

plot data skip 1 using 3:(is('reference') ? $7 : NaN) with linespoints dt 2 lw 2 pt 6 lc rgb '#d62728' title 'bound 1/(1 - hit rate) (Amdahl: hits free)', \
     ''   skip 1 using 3:(is('reference') ? $6 : NaN) with linespoints lw 2 pt 7 lc rgb '#d62728' title 'reference, measured', \
     ''   skip 1 using 3:(is('yours') ? $6 : NaN) with linespoints lw 2 pt 5 lc rgb '#1f77b4' title 'yours, measured', \
     ''   skip 1 using 3:(is('reference') ? $4 : NaN) axes x1y2 with linespoints lw 1 pt 1 lc rgb '#7f7f7f' title 'reference hit rate (right axis)'
