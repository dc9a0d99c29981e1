# memory.gp -- Lab 9: peak memory per call against the log's size.
#
# Called by report.c with -e "data=...; out=...; n=<variants>". data is
# memory.csv: KiB, then two columns per variant: its peak heap (valgrind's
# massif, exact: solid) and its peak resident set (VmHWM: dashed, same
# colour). Column headers carry the fitted slopes: ~1 grows with the file,
# ~0 does not. The resident set includes the program itself (a few MB), so
# a streamer's RSS is a flat line above its heap.

set datafile separator ','
set datafile missing 'NaN'
set terminal pngcairo size 1100,640 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title 'Lab 9: peak memory of one call vs log size (heap: massif, exact; RSS: VmHWM)' font ',13'
set xlabel 'log size (KiB, log scale)'
set ylabel 'peak bytes (log scale)'
set logscale xy
set xrange [128:32768]
set yrange [50e3:*]
set format x '%.0s%c'
set format y '%.0s%cB'
set grid xtics ytics mxtics mytics lc rgb '#dddddd'
set key top left box opaque Left reverse
set border 3
set tics nomirror

palette = '#d62728 #1f77b4 #2ca02c #ff7f0e #9467bd #8c564b #e377c2 #17becf'
colour(i) = word(palette, (i - 1) % 8 + 1)

# Last variant first, so that naive is drawn on top of yours while yours is
# still naive's copy (the two lines are then one).
plot for [i=n:1:-1] data using 1:(column(2*i)) with linespoints lw 2 pt 7 lc rgb colour(i) title columnheader(2*i), \
     for [i=n:1:-1] data using 1:(column(2*i+1)) with linespoints lw 1.5 dt 2 pt 6 lc rgb colour(i) \
         title columnheader(2*i+1)
