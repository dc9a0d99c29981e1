# schemes.gp -- Lab 2's bar chart: ns per operation of each hash set on each
# id scheme (the "schemes" sweep), log scale, so that 15 ns and 3 us both read.
#
# Called by workload.c's report hook with
#   -e "data=...; out=...; heading=...; n=<variants>; groups=<schemes>".
# The data file (CSV) has the scheme name in column 1, then one column per
# variant, headed by its name; a missing value is NaN.

set datafile separator ','
set datafile missing 'NaN'
set terminal pngcairo size 960,560 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title heading font ',13'
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.85 border rgb '#444444'
set boxwidth 0.9
set logscale y
set yrange [1:*]
set format y '%g'
set ylabel 'time per operation (ns, log scale): lower is better'
set xlabel 'id scheme (N events deduped + N filtered)'
set grid ytics mytics lc rgb '#dddddd'
set key top left box opaque
set border 3
set tics nomirror
set xtics scale 0
set xrange [-0.6:groups - 0.4]

palette = '#2ca02c #ff7f0e #d62728 #9467bd #1f77b4 #8c564b'
colour(i) = word(palette, (i - 1) % 6 + 1)

plot for [i=2:n+1] data using i:xtic(1) title columnheader(i) lc rgb colour(i - 1)
