# freshness.gp -- Lab 6: what a time-to-live costs. Called by report.c with
# -e "data=...; out=...". data is freshness.csv: update share, TTL (in
# requests), hit rate, stale answers per 1,000 requests. Left: the stale
# answers (solid), right: the hit rate (dashed), one colour per rate of
# price changes. A version check sits at 0 stale whatever the rate.

set datafile separator ','
set terminal pngcairo size 960,640 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title 'Lab 6: freshness vs speed -- a TTL cache (no version check) over its TTL' font ',13'
set xlabel 'TTL: requests an answer is trusted for (log scale)'
set ylabel 'stale answers per 1,000 requests (solid)'
set y2label 'hit rate (dashed)'
set logscale x
set yrange [0:*]
set y2range [0:1]
set ytics nomirror
set y2tics 0,0.2,1
set grid xtics ytics lc rgb '#dddddd'
set key top left box opaque
at(u) = abs($1 - u) < 1e-12

plot data skip 1 using 2:(at(0.001) ? $4 : NaN) with linespoints lw 2 pt 7 lc rgb '#2ca02c' title '0.1% of operations change a price', \
     ''   skip 1 using 2:(at(0.01) ? $4 : NaN) with linespoints lw 2 pt 7 lc rgb '#ff7f0e' title '1%', \
     ''   skip 1 using 2:(at(0.1) ? $4 : NaN) with linespoints lw 2 pt 7 lc rgb '#d62728' title '10%', \
     ''   skip 1 using 2:(at(0.001) ? $3 : NaN) axes x1y2 with linespoints dt 2 lw 1.5 pt 6 lc rgb '#2ca02c' notitle, \
     ''   skip 1 using 2:(at(0.01) ? $3 : NaN) axes x1y2 with linespoints dt 2 lw 1.5 pt 6 lc rgb '#ff7f0e' notitle, \
     ''   skip 1 using 2:(at(0.1) ? $3 : NaN) axes x1y2 with linespoints dt 2 lw 1.5 pt 6 lc rgb '#d62728' notitle, \
     0 with lines lw 3 lc rgb '#1f77b4' title 'version check (reference): 0 stale, always'
