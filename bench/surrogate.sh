#!/usr/bin/env bash
# Dense direct search vs Algorithm 1 (the paper's Table 1, at laptop scale).
# Fashion-MNIST 18x18, 2 hidden layers of 32, 5 training epochs (seed 0); instance seeds
# 0-7 (image and eps drawn the paper's way); unstructured magnitude pruning at rates
# 0.5 / 0.8 / 0.9 / 0.95 without finetuning; the same limit and MIP-start setting for all.
#   bench/surrogate.sh [--mip-start forward|none] [--time-limit 60]
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nnmip="${NNMIP_BUILD_DIR:-$repo_dir/build}/src/nnmip"
start=forward
limit=60
while (($#)); do
  case "$1" in
    --mip-start) start="$2"; shift 2 ;;
    --time-limit) limit="$2"; shift 2 ;;
    *) echo "usage: $0 [--mip-start forward|none] [--time-limit S]" >&2; exit 2 ;;
  esac
done
out="$repo_dir/out/bench/surrogate-$start-$limit"
mkdir -p "$out"
net="$repo_dir/out/bench/fm18-2x32-s0.onnx"
[[ -s "$net" ]] || "$nnmip" train --dataset fashion-mnist --input-size 18 --layers 2 --width 32 --epochs 5 \
  --seed 0 --out "$net" --quiet
rates=(0.5 0.8 0.9 0.95)
for rate in "${rates[@]}"; do
  [[ -s "$out/mp-$rate.onnx" ]] || "$nnmip" prune --net "$net" --rate "$rate" --out "$out/mp-$rate.onnx" --quiet
done
for seed in 0 1 2 3 4 5 6 7; do
  common=(--dataset fashion-mnist --input-size 18 --instance-seed "$seed" --time-limit "$limit" --mip-start "$start" --target auto --quiet)
  [[ -s "$out/dense-$seed.json" ]] || "$nnmip" verify --net "$net" "${common[@]}" --json "$out/dense-$seed.json" || (($? == 10 || $? == 20))
  for rate in "${rates[@]}"; do
    [[ -s "$out/mp-$rate-$seed.json" ]] || \
      "$nnmip" verify --net "$net" --surrogate "$out/mp-$rate.onnx" "${common[@]}" --json "$out/mp-$rate-$seed.json" \
        || (($? == 10 || $? == 20))
  done
  echo "instance $seed done" >&2
done
python3 - "$out" "$limit" "$start" "${rates[@]}" <<'PY'
import json, sys, os
out, limit, start, rates = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]
def t(path):
    r = json.load(open(path))
    return r["time_to_first_adversarial_s"], r["status"]
def cell(v):
    time, status = v
    return f"{time:7.2f}" if time is not None else ("robust " if status == "robust" else "   -   ")
print(f"Time to the first dense-adversarial input (s; '-' = none within {limit:g} s), MIP start: {start}")
print("instance  dense    " + "  ".join(f"MP {r:<5}" for r in rates))
faster = {r: 0 for r in rates}
counted = 0
for seed in range(8):
    d = t(os.path.join(out, f"dense-{seed}.json"))
    row = [t(os.path.join(out, f"mp-{r}-{seed}.json")) for r in rates]
    print(f"{seed:<9} {cell(d)}  " + "  ".join(f"{cell(v):<8}" for v in row))
    counted += 1
    for r, v in zip(rates, row):
        dense_time = d[0] if d[0] is not None else float("inf")
        sparse_time = v[0] if v[0] is not None else float("inf")
        if sparse_time < dense_time:
            faster[r] += 1
print("% faster " + " " * 9 + "  ".join(f"{100.0 * faster[r] / counted:<8.1f}" for r in rates))
print("(surrogate faster = strictly shorter time; ties and double timeouts are not counted)")
PY
