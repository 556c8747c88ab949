# Figure 3 analogue: pruning structure and criterion (all datasets, finetune time not counted)
# Written by `nnmip experiment report`. Run from the report directory:
#   gnuplot plots/fig3_structure_criterion.gp
# Data: csv/fig3_structure_criterion_*.csv (x = column 13: dense runtime, y = column 14: pruned
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
    set terminal pngcairo enhanced size 1360,1590 font "sans,9"
    set output plot_dir."/fig3_structure_criterion.png"
  } else {
    set terminal svg enhanced size 1360,1590 font "sans,9" background rgb "white"
    set output plot_dir."/fig3_structure_criterion.svg"
  }
  set multiplot layout 5,4 title "Figure 3 analogue: pruning structure and criterion (all datasets, finetune time not counted)" font ",12" margins 0.07, 0.98, 0.0471698113, 0.955974843 spacing 0.07, 0.0566037736
  # panel csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv
  set title "rate 0.3, unstructured MP (n=16)\nbelow 81.2%, above 18.8%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  set label 900 "NF" at screen 0.402941176, screen 0.00754716981 left point pt 7 lc rgb "#1f77b4" ps 0.8 offset char 1,0 font ",8"
  set label 901 "F" at screen 0.438235294, screen 0.00754716981 left point pt 7 lc rgb "#d62728" ps 0.8 offset char 1,0 font ",8"
  set label 902 "timeout (on the border)" at screen 0.469117647, screen 0.00754716981 left point pt 8 lc rgb "black" ps 0.8 offset char 1,0 font ",8"
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.3_unstructured_RP.csv
  set title "rate 0.3, unstructured RP (n=16)\nbelow 68.8%, above 31.2%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.3_structured_MP.csv
  set title "rate 0.3, structured MP (n=16)\nbelow 87.5%, above 12.5%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.3_structured_RP.csv
  set title "rate 0.3, structured RP (n=16)\nbelow 93.8%, above 6.2%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv
  set title "rate 0.5, unstructured MP (n=16)\nbelow 93.8%, above 6.2%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.5_unstructured_RP.csv
  set title "rate 0.5, unstructured RP (n=16)\nbelow 75.0%, above 25.0%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.5_structured_MP.csv
  set title "rate 0.5, structured MP (n=16)\nbelow 100.0%, above 0.0%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.5_structured_RP.csv
  set title "rate 0.5, structured RP (n=16)\nbelow 93.8%, above 6.2%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv
  set title "rate 0.8, unstructured MP (n=16)\nbelow 93.8%, above 6.2%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.8_unstructured_RP.csv
  set title "rate 0.8, unstructured RP (n=16)\nbelow 56.2%, above 43.8%" font ",8"
  unset label
  set label 2 "x7" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.8_structured_MP.csv
  set title "rate 0.8, structured MP (n=16)\nbelow 81.2%, above 18.8%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.8_structured_RP.csv
  set title "rate 0.8, structured RP (n=16)\nbelow 75.0%, above 25.0%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x2" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  set label 4 "x2" at first 0.214368093, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv
  set title "rate 0.9, unstructured MP (n=16)\nbelow 81.2%, above 18.8%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.9_unstructured_RP.csv
  set title "rate 0.9, unstructured RP (n=16)\nbelow 43.8%, above 56.2%" font ",8"
  unset label
  set label 2 "x5" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x3" at first 0.01, first 60 offset char 0.6,0.6 left front font ",7"
  set label 4 "x2" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  set label 5 "x2" at first 0.255549339, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.9_structured_MP.csv
  set title "rate 0.9, structured MP (n=16)\nbelow 87.5%, above 12.5%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.9_structured_RP.csv
  set title "rate 0.9, structured RP (n=16)\nbelow 50.0%, above 50.0%" font ",8"
  unset label
  set label 2 "x5" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x3" at first 0.01, first 60 offset char 0.6,0.6 left front font ",7"
  set label 4 "x2" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  set label 5 "x2" at first 0.214368093, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv
  set title "rate 0.95, unstructured MP (n=16)\nbelow 68.8%, above 31.2%" font ",8"
  unset label
  set label 2 "x7" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x2" at first 0.255549339, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.95_unstructured_RP.csv
  set title "rate 0.95, unstructured RP (n=16)\nbelow 18.8%, above 81.2%" font ",8"
  unset label
  set label 2 "x3" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x5" at first 0.01, first 60 offset char 0.6,0.6 left front font ",7"
  set label 4 "x2" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  set label 5 "x2" at first 0.114557437, first 60 offset char 0.6,0.6 left front font ",7"
  set label 6 "x2" at first 0.214368093, first 60 offset char 0.6,0.6 left front font ",7"
  set label 7 "x2" at first 0.255549339, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.95_structured_MP.csv
  set title "rate 0.95, structured MP (n=16)\nbelow 81.2%, above 18.8%" font ",8"
  unset label
  set label 2 "x8" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x2" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.95_structured_RP.csv
  set title "rate 0.95, structured RP (n=16)\nbelow 50.0%, above 50.0%" font ",8"
  unset label
  set label 2 "x5" at first 0.01, first 0.01 offset char 0.6,0.6 left front font ",7"
  set label 3 "x3" at first 0.01, first 60 offset char 0.6,0.6 left front font ",7"
  set label 4 "x2" at first 0.1104571, first 60 offset char 0.6,0.6 left front font ",7"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_RP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_RP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  unset multiplot
  set output
}
