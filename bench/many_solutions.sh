#!/usr/bin/env bash
# Algorithm 2 with and without nnmip's "many solutions" CBC settings
# (-DivingSome on -Rins often -proximity on; see src/nnmip/solver/cbc_solver.cpp):
# distinct incumbents reported to the callback and the best dense value, on random
# function-maximization networks (PyTorch default init) with an unstructured
# magnitude-pruned surrogate at rate 0.9.
#   bench/many_solutions.sh [TIME_LIMIT]   (default 30 s per solve)
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nnmip="${NNMIP_BUILD_DIR:-$repo_dir/build}/src/nnmip"
limit="${1:-30}"
out="$repo_dir/out/bench/many-solutions-$limit"
mkdir -p "$out"
for net in "100 2 50" "1000 3 100" "1000 4 50" "10000 2 100"; do
  read -r inputs depth width <<<"$net"
  for seed in 0 1; do
    name="in$inputs-${depth}x$width-s$seed"
    [[ -s "$out/$name.onnx" ]] || "$nnmip" random-net --inputs "$inputs" --layers "$depth" --width "$width" \
      --seed "$seed" --out "$out/$name.onnx" --quiet
    for mode in many-solutions no-many-solutions; do
      [[ -s "$out/$name-$mode.json" ]] || "$nnmip" maximize --net "$out/$name.onnx" --prune-rate 0.9 \
        --time-limit "$limit" --"$mode" --quiet --json "$out/$name-$mode.json"
    done
  done
done
python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
print(f"{'network':<22} {'incumbents':>11} {'(many)':>7} {'best dense':>11} {'(many)':>11}")
totals = [0, 0, 0]
for path in sorted(glob.glob(os.path.join(out, "*-no-many-solutions.json"))):
    name = os.path.basename(path)[: -len("-no-many-solutions.json")]
    plain = json.load(open(path))
    many = json.load(open(os.path.join(out, name + "-many-solutions.json")))
    fmt = lambda r: f"{r['best_value']:.4f}" if r["best_value"] is not None else "none"
    print(f"{name:<22} {len(plain['incumbents']):>11} {len(many['incumbents']):>7} {fmt(plain):>11} {fmt(many):>11}")
    totals[0] += len(plain["incumbents"]); totals[1] += len(many["incumbents"])
    if (many["best_value"] or -1e300) > (plain["best_value"] or -1e300): totals[2] += 1
print(f"total incumbents: {totals[0]} default vs {totals[1]} many-solutions; many-solutions better dense value on {totals[2]} networks")
PY
