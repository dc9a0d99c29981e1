# cpu.gp -- Lab 8: wall time and the client's CPU time per call, against N.
#
# Called by report.c with -e "data=...; out=...". data is cpu.csv: N, then
# for naive, yours and the reference: wall seconds and client CPU seconds
# per call (NaN where not run). The gap between a variant's two lines is time spent
# waiting: the CPU is idle for almost all of it, in both clients -- faster
# code would not help, overlapping the waits does.

set datafile separator ','
set terminal pngcairo size 960,640 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title 'Lab 8: wall time vs CPU time of the client, per call' font ',13'
set xlabel 'N (items fetched, log scale)'
set ylabel 'seconds per call (log scale)'
set logscale xy
set format y '%.0s %cs'
set grid xtics ytics mxtics mytics lc rgb '#dddddd'
set key top left box opaque
set border 3
set tics nomirror

set datafile missing 'NaN'
plot data using 1:2 with linespoints lw 2 pt 7 lc rgb '#1f77b4' title 'naive: wall', \
     data using 1:3 with linespoints lw 2 dt 2 pt 6 lc rgb '#1f77b4' title 'naive: CPU', \
     data using 1:4 with linespoints lw 2 pt 5 lc rgb '#d62728' title 'yours: wall', \
     data using 1:5 with linespoints lw 2 dt 2 pt 4 lc rgb '#d62728' title 'yours: CPU', \
     data using 1:6 with linespoints lw 2 pt 7 lc rgb '#2ca02c' title 'reference: wall', \
     data using 1:7 with linespoints lw 2 dt 2 pt 6 lc rgb '#2ca02c' title 'reference: CPU'
