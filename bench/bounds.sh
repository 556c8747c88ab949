#!/usr/bin/env bash
# Activation bounds (--bounds interval | symbolic | lp) side by side: unstable neurons,
# mean big-M (U - L over the unstable neurons), bound time, and what a 30 s verify
# decides (robust proofs, adversarial inputs), heuristics at their default.
#
# Trained networks (the ones bench/heuristics.sh trains: Fashion-MNIST 18x18 2x32 and
# 28x28 4x64, MNIST 18x18 4x32 and 28x28 2x64), instance seeds 0-7 (L1 balls drawn the
# paper's way); random 784-256x2-10 and 784-256x4-10 networks (PyTorch default init, seed 0)
# with L-infinity eps 0.02 / 0.03 / 0.04 / 0.05 around the MNIST images of seeds 0-1.
# One core per solve (taskset); --jobs N runs N at once. Resumable: JSON per solve
# under out/bench/bounds/.
#   bench/bounds.sh [--time-limit 30] [--jobs 2]
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nnmip="${NNMIP_BUILD_DIR:-$repo_dir/build}/src/nnmip"
limit=30
jobs=1
while (($#)); do
  case "$1" in
    --time-limit) limit="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    *) echo "usage: $0 [--time-limit S] [--jobs N]" >&2; exit 2 ;;
  esac
done
out="$repo_dir/out/bench/bounds"
nets="$repo_dir/out/bench/heuristics/nets"
mkdir -p "$out" "$nets"
train() {  # file dataset size layers width epochs (the same networks as bench/heuristics.sh)
  [[ -s "$nets/$1" ]] || "$nnmip" train --dataset "$2" --input-size "$3" --layers "$4" --width "$5" \
    --epochs "$6" --seed 0 --out "$nets/$1" --quiet
}
train fm18-2x32.onnx fashion-mnist 18 2 32 40
train fm28-4x64.onnx fashion-mnist 28 4 64 40
train mn18-4x32.onnx mnist 18 4 32 5
train mn28-2x64.onnx mnist 28 2 64 5
for layers in 2 4; do
  [[ -s "$nets/rnd784-256x$layers.onnx" ]] || "$nnmip" random-net --inputs 784 --layers "$layers" --width 256 \
    --outputs 10 --seed 0 --out "$nets/rnd784-256x$layers.onnx" --quiet
done

PYTHONPATH="$repo_dir/bench" python3 - "$nnmip" "$out" "$nets" "$limit" "$jobs" <<'PY'
import json, statistics, sys
from solve_pool import run_solves
nnmip, out, nets, limit, jobs = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
methods = ["interval", "symbolic", "lp"]
trained = {"fm18-2x32": ("fashion-mnist", 18), "fm28-4x64": ("fashion-mnist", 28),
           "mn18-4x32": ("mnist", 18), "mn28-2x64": ("mnist", 28)}
groups = {}  # group name -> list of run names (without the method)
runs = []
def add(group, name, net, dataset, size, extra):
    groups.setdefault(group, []).append(name)
    for m in methods:
        args = ["verify", "--target", "auto", "--net", f"{nets}/{net}.onnx", "--dataset", dataset, "--input-size", str(size),
                "--time-limit", str(limit), "--bounds", m, "--lp-time-limit", str(limit)] + extra
        runs.append((f"{out}/{name}-{m}.json", args))
for net, (dataset, size) in trained.items():
    for seed in range(8):
        add(net + " (L1)", f"{net}-{seed}", net, dataset, size, ["--instance-seed", str(seed)])
for layers in [2, 4]:
    for eps in ["0.02", "0.03", "0.04", "0.05"]:
        for seed in range(2):
            add(f"784-256x{layers} (Linf)", f"rnd784-256x{layers}-{eps}-{seed}", f"rnd784-256x{layers}", "mnist", 28,
                ["--instance-seed", str(seed), "--norm", "linf", "--epsilon", eps])

run_solves(nnmip, runs, jobs)

def load(name): return json.load(open(f"{out}/{name}.json"))
mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
lines = [f"### Bounds: {limit:g} s per verify (heuristics: all), one core per solve\n",
         "| instances | bounds | unstable neurons | mean big-M | bound time s (mean / max) | robust | adversarial | decided | quick proofs |",
         "|---|---|---|---|---|---|---|---|---|"]
totals = {m: [0, 0, 0.0] for m in methods}
for group, names in groups.items():
    for m in methods:
        rs = [load(f"{n}-{m}") for n in names]
        robust = sum(r["status"] == "robust" for r in rs)
        adversarial = sum(r["status"] == "adversarial" for r in rs)
        quick = sum(r["status"] == "robust" and (r.get("symbolic_bound") is not None and r["symbolic_bound"] <= 0) for r in rs)
        times = [r["model"]["bounds_time_s"] for r in rs]
        totals[m][0] += robust; totals[m][1] += adversarial; totals[m][2] += sum(times)
        lines.append(f"| {group} ({len(rs)}) | {m} | {mean([r['model']['unstable'] for r in rs]):.1f} | "
                     f"{mean([r['model']['mean_big_m'] for r in rs]):.3g} | {mean(times):.3f} / {max(times):.3f} | "
                     f"{robust} | {adversarial} | {robust + adversarial} | {quick} |")
lines.append("")
n = sum(len(v) for v in groups.values())
for m in methods:
    lines.append(f"- {m}: of {n}, {totals[m][0]} robust, {totals[m][1]} adversarial, {totals[m][0] + totals[m][1]} decided; "
                 f"bound time {totals[m][2]:.1f} s in all")
text = "\n".join(lines) + "\n"
open(f"{out}/summary.md", "w").write(text)
print(text)
PY
