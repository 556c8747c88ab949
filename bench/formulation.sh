#!/usr/bin/env bash
# MILP engine benchmark (needs a build: scripts/setup.sh).
#  1. Model building: time and peak memory of the maximize model of a random
#     10000-input network with 5 hidden layers of 200, and of a 28x28 4x64 verify model.
#  2. Time to the first adversarial input on 5 Fashion-MNIST instances
#     (18x18, 2x32, 5 epochs, instance seeds 0-4), with and without the MIP start.
#   bench/formulation.sh [TIME_LIMIT]    (default 60 s per solve)
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NNMIP_BUILD_DIR:-$repo_dir/build}"
nnmip="$build/src/nnmip"
limit="${1:-60}"
out="$repo_dir/out/bench"
mkdir -p "$out"

echo "== 1. Model building (Google Benchmark; peak_rss is the whole process)"
"$build/bench/bench_formulation" --benchmark_counters_tabular=true 2>/dev/null | grep -E "Benchmark|Model"

echo
echo "== 2. Time to first adversarial input, Fashion-MNIST 18x18 2x32 (limit ${limit}s, CBC, 1 thread)"
net="$out/fm18-2x32-s0.onnx"
[[ -s "$net" ]] || "$nnmip" train --dataset fashion-mnist --input-size 18 --layers 2 --width 32 --epochs 5 \
  --seed 0 --out "$net" --quiet
printf '%-9s %-8s %-8s %-12s %-12s\n' instance eps class "start x0" "no start"
for seed in 0 1 2 3 4; do
  row=()
  for start in forward none; do
    "$nnmip" verify --net "$net" --dataset fashion-mnist --input-size 18 --instance-seed "$seed" --target auto \
      --time-limit "$limit" --mip-start "$start" --quiet --json "$out/verify-$seed-$start.json" || (($? == 10 || $? == 20))
  done
  python3 - "$seed" "$out/verify-$seed-forward.json" "$out/verify-$seed-none.json" <<'PY'
import json, sys
runs = [json.load(open(p)) for p in sys.argv[2:]]
def cell(r):
    t = r["time_to_first_adversarial_s"]
    return f"{t:.2f}s" if t is not None else f"{r['status']}"
r = runs[0]
print(f"{sys.argv[1]:<9} {r['epsilon']:<8.3f} {r['true_class']}->{r['target_class']:<5} {cell(runs[0]):<12} {cell(runs[1]):<12}")
PY
done
