# Figure 2 analogue: Fashion-MNIST, dense vs pruned runtime to the first adversarial input
# Written by `nnmip experiment report`. Run from the report directory:
#   gnuplot plots/fig2_fashion_mnist.gp
# Data: csv/fig2_fashion_mnist_*.csv (x = column 13: dense runtime, y = column 14: pruned
# runtime, both clamped to >= 0.01 s, timeouts at the time limit; column 15: colour
# group; column 16: 1 when either run timed out).
set datafile separator ","
set logscale xy
set xrange [0.01:90]
set yrange [0.01:90]
set format x "10^{%L}"
set format y "10^{%L}"
set xlabel "dense runtime (s)" offset 0,0.5
set ylabel "pruned runtime (s)" offset 1,0
set size ratio 1
set grid lc rgb "#e0e0e0"
set arrow 1 from first 60, graph 0 to first 60, graph 1 nohead dt 3 lc rgb "#999999"  # time limit
set arrow 2 from graph 0, first 60 to graph 1, first 60 nohead dt 3 lc rgb "#999999"
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
  set title "rate 0.3, NF (n=16)\nbelow 68.8%, above 31.2%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  set label 900 "unstructured MP" at screen 0.182524272, screen 0.00754716981 left point pt 7 lc rgb "#1f77b4" ps 0.8 offset char 1,0 font ",8"
  set label 901 "unstructured RP" at screen 0.304854369, screen 0.00754716981 left point pt 7 lc rgb "#d62728" ps 0.8 offset char 1,0 font ",8"
  set label 902 "structured MP" at screen 0.427184466, screen 0.00754716981 left point pt 7 lc rgb "#2ca02c" ps 0.8 offset char 1,0 font ",8"
  set label 903 "structured RP" at screen 0.537864078, screen 0.00754716981 left point pt 7 lc rgb "#ff7f0e" ps 0.8 offset char 1,0 font ",8"
  set label 904 "timeout (on the border)" at screen 0.648543689, screen 0.00754716981 left point pt 8 lc rgb "black" ps 0.8 offset char 1,0 font ",8"
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_NF.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.3_F.csv
  set title "rate 0.3, F (n=16)\nbelow 81.2%, above 18.8%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv
  set title "rate 0.3, F + finetune time (n=16)\nbelow 0.0%, above 100.0%" font ",8"
  unset label
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.5_NF.csv
  set title "rate 0.5, NF (n=16)\nbelow 81.2%, above 18.8%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_NF.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.5_F.csv
  set title "rate 0.5, F (n=16)\nbelow 93.8%, above 6.2%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv
  set title "rate 0.5, F + finetune time (n=16)\nbelow 0.0%, above 100.0%" font ",8"
  unset label
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.8_NF.csv
  set title "rate 0.8, NF (n=16)\nbelow 62.5%, above 37.5%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x3" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  set label 4 "x2" at first 0.255549339, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_NF.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.8_F.csv
  set title "rate 0.8, F (n=16)\nbelow 75.0%, above 25.0%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv
  set title "rate 0.8, F + finetune time (n=16)\nbelow 0.0%, above 100.0%" font ",8"
  unset label
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.9_NF.csv
  set title "rate 0.9, NF (n=16)\nbelow 43.8%, above 56.2%" font ",8"
  unset label
  set label 2 "x6" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x2" at first 0.01, first 60 offset char 0.6,0.6 left front font ",7"
  set label 4 "x2" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  set label 5 "x3" at first 0.255549339, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_NF.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.9_F.csv
  set title "rate 0.9, F (n=16)\nbelow 81.2%, above 18.8%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x2" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv
  set title "rate 0.9, F + finetune time (n=16)\nbelow 0.0%, above 100.0%" font ",8"
  unset label
  set label 2 "x2" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.95_NF.csv
  set title "rate 0.95, NF (n=16)\nbelow 31.2%, above 68.8%" font ",8"
  unset label
  set label 2 "x5" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x3" at first 0.01, first 60 offset char 0.6,0.6 left front font ",7"
  set label 4 "x4" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  set label 5 "x4" at first 0.255549339, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_NF.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.95_F.csv
  set title "rate 0.95, F (n=16)\nbelow 68.8%, above 31.2%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x3" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  set label 4 "x2" at first 0.255549339, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 5 "x2" at first 0.255549339, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  # panel csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv
  set title "rate 0.95, F + finetune time (n=16)\nbelow 0.0%, above 100.0%" font ",8"
  unset label
  set label 2 "x3" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  set label 3 "x2" at first 0.255549339, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 3) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#ff7f0e" notitle, \
       "csv/fig2_fashion_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 3) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#ff7f0e" notitle
  unset multiplot
  set output
}
