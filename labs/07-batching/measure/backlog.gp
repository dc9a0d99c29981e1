# backlog.gp -- Lab 7: a pipeline that keeps up, and one that falls behind.
#
# Called by report.c with -e "data=...; out=...; rate=<arrivals/s>;
# call_us=<downstream cost per call>; item_us=<per reading>". data is
# backlog.csv: variant, t_s, backlog (readings arrived by the schedule and
# not yet processed), sampled every 20 ms. Utilization = rate x cost per
# reading; above 1 the backlog grows by (rate - capacity) every second.

set datafile separator ','
set terminal pngcairo size 1100,600 font 'DejaVu Sans,11' noenhanced
set encoding utf8
set output out
set title sprintf("Lab 7: keeps up or falls behind -- %.0f readings/s arrive; the downstream pays %g us per call + %g us per reading", rate, call_us, item_us) font ',12'
set xlabel 'time (s)'
set ylabel 'backlog (readings arrived, not yet processed)'
set format y '%.0s%c'
set grid xtics ytics lc rgb '#dddddd'
set border 3
set tics nomirror
set key top left box opaque
variants = 'naive yours reference'
colour(i) = word('#1f77b4 #d62728 #2ca02c', i)
sel(v, col) = (strcol(1) eq v ? column(col) : NaN)
plot for [i=1:3] data skip 1 using (sel(word(variants, i), 2)):(sel(word(variants, i), 3)) \
         with lines lw 2 lc rgb colour(i) title word(variants, i), \
     x * rate * (1 - 1 / (rate * (call_us + item_us) / 1e6)) with lines dt 2 lw 1.5 lc rgb '#888888' \
         title 'one write per reading, predicted: (rate - 1/cost) x t'
