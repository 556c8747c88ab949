# Figure 3 analogue: pruning structure and criterion (all datasets, finetune time not counted)
# Written by `nnmip experiment report`. Run from the report directory:
#   gnuplot plots/fig3_structure_criterion.gp
# Data: csv/fig3_structure_criterion_*.csv (x = column 13: dense runtime, y = column 14: pruned
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
    set terminal pngcairo enhanced size 1360,1560 font "sans,9"
    set output "plots/fig3_structure_criterion.png"
  } else {
    set terminal svg enhanced size 1360,1560 font "sans,9" background rgb "white"
    set output "plots/fig3_structure_criterion.svg"
  }
  set multiplot layout 5,4 title "Figure 3 analogue: pruning structure and criterion (all datasets, finetune time not counted)" font ",12"
  # panel csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv
  set title "rate 0.3, unstructured MP (n=32)"
  set label 1 "below: 46.9%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 15.6%" at graph 0.03, graph 0.94 left front font ",8"
  set key at graph 0.03, graph 0.87 left top Left reverse font ",7" samplen 1 spacing 0.9 box opaque
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       keyentry with points pt 7 lc rgb "#1f77b4" title "NF", \
       keyentry with points pt 7 lc rgb "#d62728" title "F", \
       keyentry with points pt 8 lc rgb "black" title "timeout (on border)", \
       "csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.3_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.3_unstructured_RP.csv
  set title "rate 0.3, unstructured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  # panel csv/fig3_structure_criterion_rate0.3_structured_MP.csv
  set title "rate 0.3, structured MP (n=32)"
  set label 1 "below: 43.8%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 15.6%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.3_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.3_structured_RP.csv
  set title "rate 0.3, structured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  # panel csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv
  set title "rate 0.5, unstructured MP (n=32)"
  set label 1 "below: 50.0%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 15.6%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.5_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.5_unstructured_RP.csv
  set title "rate 0.5, unstructured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  # panel csv/fig3_structure_criterion_rate0.5_structured_MP.csv
  set title "rate 0.5, structured MP (n=32)"
  set label 1 "below: 56.2%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 12.5%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.5_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.5_structured_RP.csv
  set title "rate 0.5, structured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  # panel csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv
  set title "rate 0.8, unstructured MP (n=32)"
  set label 1 "below: 46.9%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 12.5%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.8_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.8_unstructured_RP.csv
  set title "rate 0.8, unstructured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  # panel csv/fig3_structure_criterion_rate0.8_structured_MP.csv
  set title "rate 0.8, structured MP (n=32)"
  set label 1 "below: 50.0%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 18.8%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.8_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.8_structured_RP.csv
  set title "rate 0.8, structured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  # panel csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv
  set title "rate 0.9, unstructured MP (n=32)"
  set label 1 "below: 46.9%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 18.8%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.9_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.9_unstructured_RP.csv
  set title "rate 0.9, unstructured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  # panel csv/fig3_structure_criterion_rate0.9_structured_MP.csv
  set title "rate 0.9, structured MP (n=32)"
  set label 1 "below: 21.9%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 34.4%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.9_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.9_structured_RP.csv
  set title "rate 0.9, structured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  # panel csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv
  set title "rate 0.95, unstructured MP (n=32)"
  set label 1 "below: 40.6%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 28.1%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.95_unstructured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.95_unstructured_RP.csv
  set title "rate 0.95, unstructured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  # panel csv/fig3_structure_criterion_rate0.95_structured_MP.csv
  set title "rate 0.95, structured MP (n=32)"
  set label 1 "below: 21.9%" at graph 0.97, graph 0.06 right front font ",8"
  set label 2 "above: 34.4%" at graph 0.03, graph 0.94 left front font ",8"
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 0) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 0) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#1f77b4" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_MP.csv" skip 1 using (($16 == 0 && $15 == 1) ? $13 : NaN):14 with points pt 7 ps 0.6 lc rgb "#d62728" notitle, \
       "csv/fig3_structure_criterion_rate0.95_structured_MP.csv" skip 1 using (($16 == 1 && $15 == 1) ? $13 : NaN):14 with points pt 8 ps 0.9 lc rgb "#d62728" notitle
  # panel csv/fig3_structure_criterion_rate0.95_structured_RP.csv
  set title "rate 0.95, structured RP (n=0)"
  set label 1 "no runs" at graph 0.5, graph 0.5 center front
  unset label 2
  unset key
  plot x with lines dt 2 lc rgb "#555555" notitle
  unset multiplot
  set output
}
