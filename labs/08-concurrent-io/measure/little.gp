# little.gp -- Lab 8: time for N items against max_in_flight, with Little's bound.
#
# Called by report.c with -e "data=...; out=...; n=<items>; d=<delay ms>".
# data is little.csv: max_in_flight W, the bound ceil(N/W) x D in seconds,
# then the reference's and yours' median time (NaN where not measured).
# The dashed steps are the best any client can do when each answer takes D
# and W are outstanding at once; a client on them is limited by the
# service, not by itself.

set datafile separator ','
set datafile missing 'NaN'
set terminal pngcairo size 960,640 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title sprintf("Lab 8: %d items, each answered %d ms after it arrives -- Little's law", n, d) font ',13'
set xlabel 'max_in_flight W (requests outstanding at once, log scale)'
set ylabel 'time for all items (log scale)'
set logscale xy
set format y '%.0s %cs'
set grid xtics ytics mxtics mytics lc rgb '#dddddd'
set key top right box opaque
set border 3
set tics nomirror

plot data using 1:2 with linespoints lw 2.5 dt 2 pt 0 lc rgb '#000000' \
         title sprintf('bound: ceil(%d / W) x %d ms', n, d), \
     data using 1:3 with linespoints lw 2 pt 7 ps 1.1 lc rgb '#2ca02c' title 'reference', \
     data using 1:4 with linespoints lw 2 pt 5 ps 1.1 lc rgb '#d62728' title 'yours'
