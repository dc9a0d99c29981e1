# plot_lines.gp -- the harness's one line-plot: a value per variant against x.
#
# Called by results.c with -e "data=...; out=...; heading=...; xlabel=...;
# ylabel=...; yformat=...; n=<variants>; logy=0|1; extrapolated=0|1;
# timeaxis=0|1; colours='1 2 3'". The data file (CSV) has x in column 1,
# then two columns per variant: the measured values (solid line with points)
# and the extrapolated ones (dashed, same colour), which begin at the last
# measured point so the dashed line continues the solid one. Column headers
# are the legend titles (they carry the fitted slopes).

set datafile separator ','
set datafile missing 'NaN'
set terminal pngcairo size 1100,620 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title heading font ',13'
set xlabel xlabel
set ylabel ylabel
set logscale x
set autoscale xfix
set offsets graph 0.03, graph 0.03, 0, 0
set format x '%.0s%c'
if (logy) { set logscale y }
set format y yformat
# Times on a log axis read best in plain units: "1 ms", "10 s", "1000 s".
if (exists('timeaxis') && timeaxis) { \
    set ytics ('1 ns' 1e-9, '10 ns' 1e-8, '100 ns' 1e-7, '1 µs' 1e-6, '10 µs' 1e-5, \
               '100 µs' 1e-4, '1 ms' 1e-3, '10 ms' 1e-2, '100 ms' 0.1, '1 s' 1, '10 s' 10, \
               '100 s' 100, '1000 s' 1000, '10^4 s' 1e4, '10^5 s' 1e5) }
set grid xtics ytics mxtics mytics lc rgb '#dddddd'
set key outside right top vertical Left reverse box spacing 1.2 width 1
set border 3
set tics nomirror

# A variant keeps its colour in every plot of a lab: `colours` lists, for
# each plotted variant, its place in the lab (naive 1, yours 2, ...).
palette = '#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd #8c564b #e377c2 #17becf'
colour(i) = word(palette, (int(word(colours, i)) - 1) % 8 + 1)

# Optional cache marks (export.c, a sweep's footprint_bytes_per_x): a dotted
# vertical line where the data structure outgrows each cache level.
if (exists('mark_x')) { \
    do for [i=1:words(mark_x)] { \
        set arrow from real(word(mark_x, i)), graph 0 to real(word(mark_x, i)), graph 1 \
            nohead dt 3 lw 1.5 lc rgb '#777777' front; \
        set label sprintf('%s outgrows %s', mark_of, word(mark_name, i)) \
            at real(word(mark_x, i)), graph 0.98 rotate by 90 right offset -0.8, 0 \
            font ',9' textcolor rgb '#555555' front } }

# Drawn in reverse, so that naive (variant 1) lies on top: a student's
# "yours" starts as a copy of naive and would otherwise hide it. `set key
# invert` keeps the legend in the lab's order, with the dashed-line note
# (the first, empty plot element) last.
set key invert
plot (extrapolated ? NaN : 1/0) with lines lw 2 dt 2 lc rgb '#888888' \
         title (extrapolated ? 'dashed: extrapolated, not run' : ''), \
     for [i=n:1:-1] data using 1:(column(2*i+1)) with lines lw 2 dt 2 \
         lc rgb colour(i) notitle, \
     for [i=n:1:-1] data using 1:(column(2*i)) with linespoints lw 2 pt 7 ps 1.1 \
         lc rgb colour(i) title columnheader(2*i)
