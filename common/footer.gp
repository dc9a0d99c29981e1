# footer.gp -- every plot's provenance footer (common/provenance.h).
#
# perflab_gnuplot (common/export.c) runs this before the plot's own script,
# with `footer` set to one line: machine, caches, compiler, commit, date. A
# label in screen coordinates survives the script's own settings; the bottom
# margin makes room for it.
if (exists('footer')) { \
    set label 99 footer at screen 0.005, screen 0.018 left font ',8' textcolor rgb '#666666' noenhanced; \
    set bmargin 4.5 }
