# statements.gp -- Lab 5: statements sent per call against N, per variant.
#
# Called by workload.c's report with -e "data=...; out=...; n=<variants>".
# data is statements.csv: N, the line 1 + N, the grader's bound
# 1 + ceil(N/100), then one column per variant (NaN where a cell was not
# measured). The counts do not depend on the database or the machine, which
# is why the grader uses them. Variants with equal counts draw on top of
# each other, so each gets its own point shape and size.

set datafile separator ','
set datafile missing 'NaN'
set terminal pngcairo size 960,640 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title 'Lab 5: statements sent per call (the graded measure: exact, on any database)' font ',13'
set xlabel 'N (users, 10 orders each)'
set ylabel 'statements per call (log scale)'
set logscale xy
set format x '%.0s%c'
set format y '%.0s%c'
set yrange [0.5:*]
set grid xtics ytics mxtics mytics lc rgb '#dddddd'
set key top left box opaque Left reverse
set border 3
set tics nomirror

palette = '#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd #8c564b #e377c2 #17becf'
colour(i) = word(palette, (i - 1) % 8 + 1)
shape(i) = word('6 7 4 5 12 13 8 9', (i - 1) % 8 + 1) + 0
size(i) = 2.2 - 0.3 * (i - 1)

# The two guide lines go last, on top of the variants that follow them.
plot for [i=1:n] data using 1:(column(3+i)) with linespoints lw 1.5 pt shape(i) ps size(i) \
         lc rgb colour(i) title columnheader(3+i), \
     data using 1:2 with lines lw 1.5 dt 2 lc rgb '#555555' title columnheader(2), \
     data using 1:3 with lines lw 2 dt 3 lc rgb '#000000' title columnheader(3)
