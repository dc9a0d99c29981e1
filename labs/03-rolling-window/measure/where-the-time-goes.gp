# where-the-time-goes.gp -- Lab 3's per-stage profile as stacked bars.
#
# Called by workload.c's report with -e "data=...; out=...; n='1,000,000';
# w=100" (n is text, already formatted). data is amdahl.csv: one row per variant (naive, yours,
# reference) with the median seconds of each stage (columns 2-4) and their sum
# (column 5). Each bar is one variant's pipeline, split into the three stages'
# shares of its time; the label on top is that time, so "before" (naive) and
# "after" (reference) read both ways: the shares move, and the total shrinks.

set datafile separator ','
set terminal pngcairo size 960,640 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title sprintf('Lab 3: where the time goes (n = %s records, w = %d)', n, w) font ',13'
set ylabel "share of the pipeline's time (%)"
set yrange [0:112]
set ytics 0,20,100
set grid ytics lc rgb '#dddddd'
set border 3
set tics nomirror
set xtics scale 0
set key outside right top box opaque invert
set style data histograms
set style histogram rowstacked
set style fill solid 0.9 border rgb '#333333'
set boxwidth 0.6

share(k) = 100.0 * column(k) / column(5)
ms(k) = 1000.0 * column(k)
role(v) = v eq 'naive' ? 'naive (before)' : v eq 'reference' ? 'reference (after)' : v

plot data skip 1 using (share(2)):xtic(role(strcol(1))) lc rgb '#1f77b4' title 'filter', \
     ''   skip 1 using (share(3))         lc rgb '#ff7f0e' title 'normalize', \
     ''   skip 1 using (share(4))         lc rgb '#d62728' title 'features', \
     ''   skip 1 using 0:(104):(sprintf('%.3g ms', ms(5))) with labels font ',11' notitle, \
     ''   skip 1 using 0:(share(2) + share(3) + share(4) / 2):(sprintf('features %.0f%%', share(4))) \
          with labels textcolor rgb 'white' font ',11' notitle
