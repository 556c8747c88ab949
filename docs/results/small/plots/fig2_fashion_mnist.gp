# Figure 2 analogue: Fashion-MNIST, dense vs pruned runtime to the first adversarial input
# Written by `nnmip experiment report`. Run from the report directory:
#   gnuplot plots/fig2_fashion_mnist.gp
# Data: csv/fig2_fashion_mnist_*.csv (x = column 13: dense runtime, y = column 14: pruned
# runtime, both clamped to >= 0.01 s, timeouts at the time limit; column 15: colour
# group; column 16: 1 when either run timed out).
set datafile separator ","
set logscale xy
set xrange [0.01:16.7189299]
set yrange [0.01:16.7189299]
set format x "10^{%L}"
set format y "10^{%L}"
set xlabel "dense runtime (s)" offset 0,0.5
set ylabel "pruned runtime (s)" offset 1,0
set size ratio 1
set grid lc rgb "#e0e0e0"
set arrow 1 from first 10, graph 0 to first 10, graph 1 nohead dt 3 lc rgb "#999999"  # time limit
set arrow 2 from graph 0, first 10 to graph 1, first 10 nohead dt 3 lc rgb "#999999"
if (!exists("plot_dir")) plot_dir = "plots"  # nnmip renders elsewhere, then moves the images here
do for [fmt in "pngcairo svg"] {
  if (fmt eq "pngcairo") {
    set terminal pngcairo enhanced size 1030,1590 font "sans,9"
    set output plot_dir."/fig2_fashion_mnist.png"
  } else {
    set terminal svg enhanced size 1030,1590 font "sans,9" background rgb "white"
    set output plot_dir."/fig2_fashion_mnist.svg"
  }
  set multiplot layout 5,3 title "Figure 2 analogue: Fashion-MNIST, dense vs pruned runtime to the first adversarial input" font ",12" margins 0.07, 0.98, 0.0471698113, 0.955974843 spacing 0.07, 0.0566037736
  # panel csv/fig2_fashion_mnist_rate0.3_NF.csv
  set title "rate 0.3, NF (n=32)\nbelow 50.0%, above 6.2%" font ",8"
  unset label
  set label 2 "x10" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x14" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  set label 900 "unstructured MP" at screen 0.299029126, screen 0.00754716981 left point pt 7 lc rgb "#1f77b4" ps 0.8 offset char 1,0 font ",8"
  set label 901 "structured MP" at screen 0.421359223, screen 0.00754716981 left point pt 7 lc rgb "#2ca02c" ps 0.8 offset char 1,0 font ",8"
  set label 902 "timeout (on the border)" at screen 0.532038835, screen 0.00754716981 left point pt 8 lc rgb "black" ps 0.8 offset char 1,0 font ",8"
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.3_F.csv
  set title "rate 0.3, F (n=32)\nbelow 46.9%, above 6.2%" font ",8"
  unset label
  set label 2 "x10" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x15" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv
  set title "rate 0.3, F + finetune time (n=32)\nbelow 6.2%, above 46.9%" font ",8"
  unset label
  set label 2 "x15" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.5_NF.csv
  set title "rate 0.5, NF (n=32)\nbelow 50.0%, above 3.1%" font ",8"
  unset label
  set label 2 "x10" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x15" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.5_F.csv
  set title "rate 0.5, F (n=32)\nbelow 53.1%, above 3.1%" font ",8"
  unset label
  set label 2 "x10" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x14" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv
  set title "rate 0.5, F + finetune time (n=32)\nbelow 12.5%, above 43.8%" font ",8"
  unset label
  set label 2 "x14" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.8_NF.csv
  set title "rate 0.8, NF (n=32)\nbelow 37.5%, above 12.5%" font ",8"
  unset label
  set label 2 "x10" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x16" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.8_F.csv
  set title "rate 0.8, F (n=32)\nbelow 50.0%, above 6.2%" font ",8"
  unset label
  set label 2 "x10" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x14" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv
  set title "rate 0.8, F + finetune time (n=32)\nbelow 12.5%, above 43.8%" font ",8"
  unset label
  set label 2 "x14" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.9_NF.csv
  set title "rate 0.9, NF (n=32)\nbelow 37.5%, above 12.5%" font ",8"
  unset label
  set label 2 "x10" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x16" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.9_F.csv
  set title "rate 0.9, F (n=32)\nbelow 34.4%, above 15.6%" font ",8"
  unset label
  set label 2 "x10" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x16" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv
  set title "rate 0.9, F + finetune time (n=32)\nbelow 3.1%, above 46.9%" font ",8"
  unset label
  set label 2 "x16" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.95_NF.csv
  set title "rate 0.95, NF (n=32)\nbelow 31.2%, above 18.8%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x2" at first 0.01, first 10 offset char 0.6,0.6 left front font ",7"
  set label 4 "x16" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.95_F.csv
  set title "rate 0.95, F (n=32)\nbelow 37.5%, above 15.6%" font ",8"
  unset label
  set label 2 "x10" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x2" at first 0.114072467, first 10 offset char 0.6,0.6 left front font ",7"
  set label 4 "x2" at first 2.25688799, first 10 offset char 0.6,0.6 left front font ",7"
  set label 5 "x15" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv
  set title "rate 0.95, F + finetune time (n=32)\nbelow 3.1%, above 50.0%" font ",8"
  unset label
  set label 2 "x2" at first 0.114072467, first 10 offset char 0.6,0.6 left front font ",7"
  set label 3 "x2" at first 2.25688799, first 10 offset char 0.6,0.6 left front font ",7"
  set label 4 "x15" at first 10, first 10 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  unset multiplot
  set output
}
