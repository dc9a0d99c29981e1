# round-trips.gp -- Lab 5: time per call against N, beside (1 + N) round trips.
#
# Called by workload.c's report with -e "data=...; out=...; n=<variants>;
# heading=...; floor=<one statement's time, as text>". data is
# round-trips-<database>.csv: N, the line (1 + N) x floor, then each
# variant's median time per call (NaN where not measured). Where a variant's
# line runs along the dashed one, its time IS its round trips.

set datafile separator ','
set datafile missing 'NaN'
set terminal pngcairo size 1100,620 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title heading font ',13'
set xlabel 'N (users, 10 orders each)'
set ylabel 'time per call (log scale)'
set logscale xy
set format x '%.0s%c'
set format y '%.0s %cs'
set grid xtics ytics mxtics mytics lc rgb '#dddddd'
# The legend sits outside the axes (inside, it covered some line wherever it went), and
# the variants are drawn in reverse so naive lies on top of yours (a copy of
# it until the student changes it); `invert` keeps the legend's order.
set key outside right top box Left reverse invert width 1
set border 3
set tics nomirror

palette = '#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd #8c564b #e377c2 #17becf'
colour(i) = word(palette, (i - 1) % 8 + 1)

plot for [i=n:1:-1] data using 1:(column(2+i)) with linespoints lw 2 pt 7 ps 1.1 \
         lc rgb colour(i) title columnheader(2+i), \
     data using 1:2 with lines lw 2.5 dt 2 lc rgb '#000000' \
         title sprintf('(1 + N) x one empty statement (%s)', floor)
