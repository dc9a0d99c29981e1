# amdahl.gp -- Lab 3's Amdahl curve with the measured speedups on it.
#
# Called by workload.c's report with -e "data=...; out=...; p=<share of
# features>; pn=<share of normalize>". data is amdahl.csv: per variant, the
# features speedup s (column 7) and the measured end-to-end speedup
# (column 9). The solid curve is the prediction S(s) = 1 / ((1 - p) + p / s)
# for the features stage; the points are what the stopwatch said. The second
# curve is the same law for the normalize stage -- the stage the team of the
# story spent its week on -- and shows how little room it ever had; the
# circle on it is their week's work (normalize 40% faster).

set datafile separator ','
set terminal pngcairo size 960,640 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title "Lab 3: Amdahl's law -- end-to-end speedup from speeding up one stage" font ',13'
set xlabel 's = speedup of the one stage (log scale)'
set ylabel 'S = end-to-end speedup of the pipeline'
set logscale x
set xrange [0.5:1000]
ceiling = 1.0 / (1.0 - p)
set yrange [0:ceiling * 1.15]
set grid xtics ytics mxtics lc rgb '#dddddd'
set border 3
set tics nomirror
# The legend sits below the ceiling line, left, where the curve is still low
# (at the very top left it covered the ceiling line).
set key at graph 0.02, graph 0.8 left top box opaque
set samples 400

S(s, share) = 1.0 / ((1.0 - share) + share / s)

# The story's week: the normalize stage made 40% faster (s = 1 / 0.6).
week = 1.0 / 0.6
set label 1 sprintf('normalize 40%% faster: S = %.3fx', S(week, pn)) at first week, first S(week, pn) \
    point pt 6 ps 1.6 lc rgb '#ff7f0e' offset 1, 1.2 textcolor rgb '#ff7f0e'

plot S(x, p) lw 2 lc rgb '#d62728' \
         title sprintf('features stage, p = %.1f%%: S = 1/((1-p)+p/s)', 100 * p), \
     ceiling dt 2 lw 1.5 lc rgb '#d62728' title sprintf('ceiling 1/(1-p) = %.1fx', ceiling), \
     S(x, pn) lw 2 lc rgb '#ff7f0e' \
         title sprintf('normalize stage instead, p = %.1f%%', 100 * pn), \
     data skip 1 using 7:(strcol(1) eq 'naive' ? NaN : $9) with points pt 7 ps 1.8 lc rgb '#222222' title 'measured (end to end)', \
     ''   skip 1 using 7:(strcol(1) eq 'naive' ? NaN : $9):1 with labels offset 0,1.4 font ',11' notitle
