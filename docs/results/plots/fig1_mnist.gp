# Figure 1 analogue: MNIST, dense vs pruned runtime to the first adversarial input
# Written by `nnmip experiment report`. Run from the report directory:
#   gnuplot plots/fig1_mnist.gp
# Data: csv/fig1_mnist_*.csv (x = column 13: dense runtime, y = column 14: pruned
# runtime, both clamped to >= 0.01 s, timeouts at the time limit; column 15: colour
# group; column 16: 1 when either run timed out).
set datafile separator ","
set logscale xy
set xrange [0.01:15]
set yrange [0.01:15]
set format x "10^{%L}"
set format y "10^{%L}"
set xlabel "dense runtime (s)" offset 0,0.5
set ylabel "pruned runtime (s)" offset 1,0
set size ratio 1
set grid lc rgb "#e0e0e0"
set arrow 1 from first 10, graph 0 to first 10, graph 1 nohead dt 3 lc rgb "#999999"  # time limit
set arrow 2 from graph 0, first 10 to graph 1, first 10 nohead dt 3 lc rgb "#999999"
do for [fmt in "pngcairo svg"] {
  if (fmt eq "pngcairo") {
    set terminal pngcairo enhanced size 1030,1560 font "sans,9"
    set output "plots/fig1_mnist.png"
  } else {
    set terminal svg enhanced size 1030,1560 font "sans,9" background rgb "white"
    set output "plots/fig1_mnist.svg"
  }
  set multiplot layout 5,3 title "Figure 1 analogue: MNIST, dense vs pruned runtime to the first adversarial input" font ",12"
  # panel csv/fig1_mnist_rate0.3_NF.csv
  set title "rate 0.3, NF (n=16)"
  set label 1 "below: 62.5%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 18.8%" at graph 0.03, graph 0.94 left front font ",8"
  set key at graph 0.03, graph 0.87 left top Left reverse font ",7" samplen 1 spacing 0.9 box opaque
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       keyentry with points pt 7 lc rgb "#1f77b4" title "unstructured MP", \
       keyentry with points pt 7 lc rgb "#2ca02c" title "structured MP", \
       keyentry with points pt 8 lc rgb "black" title "timeout (on border)", \
       "csv/fig1_mnist_rate0.3_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.3_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.3_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.3_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.3_F.csv
  set title "rate 0.3, F (n=16)"
  set label 1 "below: 62.5%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 12.5%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.3_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.3_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.3_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.3_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.3_F_with_finetune_time.csv
  set title "rate 0.3, F + finetune time (n=16)"
  set label 1 "below: 12.5%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 62.5%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.3_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.5_NF.csv
  set title "rate 0.5, NF (n=16)"
  set label 1 "below: 62.5%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 25.0%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.5_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.5_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.5_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.5_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.5_F.csv
  set title "rate 0.5, F (n=16)"
  set label 1 "below: 75.0%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 6.2%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.5_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.5_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.5_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.5_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.5_F_with_finetune_time.csv
  set title "rate 0.5, F + finetune time (n=16)"
  set label 1 "below: 18.8%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 62.5%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.5_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.8_NF.csv
  set title "rate 0.8, NF (n=16)"
  set label 1 "below: 56.2%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 18.8%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.8_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.8_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.8_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.8_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.8_F.csv
  set title "rate 0.8, F (n=16)"
  set label 1 "below: 68.8%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 12.5%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.8_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.8_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.8_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.8_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.8_F_with_finetune_time.csv
  set title "rate 0.8, F + finetune time (n=16)"
  set label 1 "below: 18.8%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 62.5%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.8_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.9_NF.csv
  set title "rate 0.9, NF (n=16)"
  set label 1 "below: 50.0%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 25.0%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.9_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.9_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.9_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.9_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.9_F.csv
  set title "rate 0.9, F (n=16)"
  set label 1 "below: 62.5%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 18.8%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.9_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.9_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.9_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.9_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.9_F_with_finetune_time.csv
  set title "rate 0.9, F + finetune time (n=16)"
  set label 1 "below: 12.5%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 68.8%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.9_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.95_NF.csv
  set title "rate 0.95, NF (n=16)"
  set label 1 "below: 43.8%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 31.2%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.95_NF.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.95_NF.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.95_NF.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.95_NF.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.95_F.csv
  set title "rate 0.95, F (n=16)"
  set label 1 "below: 50.0%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 31.2%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.95_F.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.95_F.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.95_F.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.95_F.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  # panel csv/fig1_mnist_rate0.95_F_with_finetune_time.csv
  set title "rate 0.95, F + finetune time (n=16)"
  set label 1 "below: 18.8%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 62.5%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig1_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig1_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 0 && $15 == 2) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#2ca02c" notitle, \
       "csv/fig1_mnist_rate0.95_F_with_finetune_time.csv" skip 1 using (($16 == 1 && $15 == 2) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#2ca02c" notitle
  unset multiplot
  set output
}
