#!/usr/bin/env bash
# Network-aware primal heuristics (--heuristics none | lp | lp+polish | all), side by side.
#
# Verification: 4 trained networks with the paper's epochs (Fashion-MNIST 18x18 2x32 and
# 28x28 4x64, 40 epochs; MNIST 18x18 4x32 and 28x28 2x64, 5 epochs; training seed 0),
# instance seeds 0-7 drawn the paper's way (L1 ball), each solved directly and by
# Algorithm 1 with unstructured magnitude surrogates at rates 0.9 and 0.5 (no
# finetuning), at every heuristics setting. MNIST 28x28 4x256 (5 epochs) with
# L-infinity eps 0.03 and 0.05 around the images of seeds 0-7 (direct solves).
# Maximization: random networks 1000-3x100 and 10000-3x100 (seed 0), direct and
# Algorithm 2 at rate 0.9, 60 s. Overhead: Fashion-MNIST 18x18 2x32 with L1 eps 0.3
# (instances that CBC proves robust, so no heuristic can find anything), 60 s.
#
# All with the paper's interval bounds (--bounds interval), to isolate the heuristics.
# Every solve runs on one core (taskset); --jobs N runs N solves at once, each on
# its own core. Results are JSON files under out/bench/heuristics/; a second run
# skips the solves already recorded (delete the folder to measure again).
#   bench/heuristics.sh [--time-limit 30] [--jobs 2]
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
out="$repo_dir/out/bench/heuristics"
mkdir -p "$out/nets"

train() {  # file dataset size layers width epochs
  [[ -s "$out/nets/$1" ]] || "$nnmip" train --dataset "$2" --input-size "$3" --layers "$4" --width "$5" \
    --epochs "$6" --seed 0 --out "$out/nets/$1" --quiet
}
train fm18-2x32.onnx fashion-mnist 18 2 32 40
train fm28-4x64.onnx fashion-mnist 28 4 64 40
train mn18-4x32.onnx mnist 18 4 32 5
train mn28-2x64.onnx mnist 28 2 64 5
train mn28-4x256.onnx mnist 28 4 256 5
for inputs in 1000 10000; do
  [[ -s "$out/nets/rnd$inputs.onnx" ]] || "$nnmip" random-net --inputs "$inputs" --layers 3 --width 100 --seed 0 \
    --out "$out/nets/rnd$inputs.onnx" --quiet
done
for net in fm18-2x32 fm28-4x64 mn18-4x32 mn28-2x64 rnd1000 rnd10000; do
  for rate in 0.9 0.5; do
    [[ -s "$out/nets/$net-mp$rate.onnx" ]] || "$nnmip" prune --net "$out/nets/$net.onnx" --rate "$rate" \
      --out "$out/nets/$net-mp$rate.onnx" --quiet
  done
done

PYTHONPATH="$repo_dir/bench" python3 - "$nnmip" "$out" "$limit" "$jobs" <<'PY'
import json, statistics, sys
from solve_pool import run_solves
nnmip, out, limit, jobs = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
levels = ["none", "lp", "lp+polish", "all"]
nets = {"fm18-2x32": ("fashion-mnist", 18), "fm28-4x64": ("fashion-mnist", 28),
        "mn18-4x32": ("mnist", 18), "mn28-2x64": ("mnist", 28)}
methods = {"direct": None, "alg1-0.9": "0.9", "alg1-0.5": "0.5"}

runs = []  # (json path, arguments)
def verify(name, net, dataset, size, extra, surrogate=None):
    args = ["verify", "--target", "auto", "--net", f"{out}/nets/{net}.onnx", "--dataset", dataset, "--input-size", str(size),
            "--bounds", "interval"] + extra
    if surrogate: args += ["--surrogate", f"{out}/nets/{net}-mp{surrogate}.onnx"]
    runs.append((f"{out}/{name}.json", args))
for net, (dataset, size) in nets.items():
    for seed in range(8):
        for method, rate in methods.items():
            for level in levels:
                verify(f"v-{net}-{seed}-{method}-{level}", net, dataset, size,
                       ["--instance-seed", str(seed), "--time-limit", str(limit), "--heuristics", level], rate)
for eps in ["0.03", "0.05"]:
    for seed in range(8):
        for level in levels:
            verify(f"linf-{eps}-{seed}-{level}", "mn28-4x256", "mnist", 28,
                   ["--instance-seed", str(seed), "--norm", "linf", "--epsilon", eps, "--time-limit", str(limit),
                    "--heuristics", level])
for net in ["rnd1000", "rnd10000"]:
    for method, rate in [("direct", None), ("alg2-0.9", "0.9")]:
        for level in levels:
            args = ["maximize", "--net", f"{out}/nets/{net}.onnx", "--box", "0:1", "--time-limit", "60",
                    "--bounds", "interval", "--heuristics", level]
            if rate: args += ["--surrogate", f"{out}/nets/{net}-mp{rate}.onnx"]
            runs.append((f"{out}/m-{net}-{method}-{level}.json", args))
for seed in range(8):
    for level in ["none", "all"]:
        verify(f"overhead-{seed}-{level}", "fm18-2x32", "fashion-mnist", 18,
               ["--instance-seed", str(seed), "--epsilon", "0.3", "--time-limit", "60", "--heuristics", level])

run_solves(nnmip, runs, jobs)

def load(name): return json.load(open(f"{out}/{name}.json"))
def fmt(x, d=2): return "-" if x is None else f"{x:.{d}f}"
def median(xs): return statistics.median(xs) if xs else None
lines = []
say = lines.append

say(f"### Verification: 4 networks x instance seeds 0-7 = 32 instances, {limit:g} s, one core per solve\n")
say("| method | heuristics | adversarial found | median s to first | max s to first | robust | lost vs none | heuristics' share of time when nothing found |")
say("|---|---|---|---|---|---|---|---|")
for method in methods:
    found_none = set()
    for level in levels:
        found, times, robust, shares = set(), [], 0, []
        for net in nets:
            for seed in range(8):
                r = load(f"v-{net}-{seed}-{method}-{level}")
                if r["status"] == "adversarial":
                    found.add((net, seed)); times.append(r["time_to_first_adversarial_s"])
                else:
                    h = r["heuristics"]
                    shares.append((h["before_solve_s"] + h["hook_s"]) / max(r["solve_time_s"], 1e-9))
                robust += r["status"] == "robust"
        if level == "none": found_none = found
        share = f"{100 * median(shares):.1f}% (max {100 * max(shares):.1f}%)" if shares else "-"
        say(f"| {method} | {level} | {len(found)} | {fmt(median(times))} | {fmt(max(times) if times else None)} | "
            f"{robust} | {len(found_none - found)} | {share} |")
say("")
say("Adversarial inputs found per network (direct solve):\n")
say("| network | " + " | ".join(levels) + " |")
say("|---|" + "---|" * len(levels))
for net in nets:
    counts = [sum(load(f"v-{net}-{s}-direct-{l}")["status"] == "adversarial" for s in range(8)) for l in levels]
    say(f"| {net} | " + " | ".join(f"{c}/8" for c in counts) + " |")
say("")
say(f"### MNIST 28x28 4x256, L-infinity, instance seeds 0-7 (direct, {limit:g} s)\n")
say("| eps | heuristics | adversarial found | median s | max s |")
say("|---|---|---|---|---|")
for eps in ["0.03", "0.05"]:
    for level in levels:
        rs = [load(f"linf-{eps}-{s}-{level}") for s in range(8)]
        t = [r["time_to_first_adversarial_s"] for r in rs if r["status"] == "adversarial"]
        say(f"| {eps} | {level} | {len(t)}/8 | {fmt(median(t))} | {fmt(max(t) if t else None)} |")
say("")
say("### Function maximization over [0,1]^n, 60 s: best dense value (time of the best)\n")
say("| network | method | " + " | ".join(levels) + " |")
say("|---|---|" + "---|" * len(levels))
for net in ["rnd1000", "rnd10000"]:
    for method in ["direct", "alg2-0.9"]:
        cells = []
        for level in levels:
            r = load(f"m-{net}-{method}-{level}")
            cells.append(f"{r['best_value']:.4f} ({fmt(r['time_to_best_s'], 1)} s)" if r["best_value"] is not None else "none")
        say(f"| {net.replace('rnd', '')}-3x100 | {method} | " + " | ".join(cells) + " |")
say("")
say("### Overhead when nothing can be found: Fashion-MNIST 18x18 2x32, L1 eps 0.3, 60 s\n")
say("| seed | none: status, s | all: status, s | all / none |")
say("|---|---|---|---|")
ratios = []
for seed in range(8):
    a, b = load(f"overhead-{seed}-none"), load(f"overhead-{seed}-all")
    ratio = b["solve_time_s"] / max(a["solve_time_s"], 1e-9)
    if a["status"] == "robust" and b["status"] == "robust": ratios.append(ratio)
    say(f"| {seed} | {a['status']} {a['solve_time_s']:.2f} | {b['status']} {b['solve_time_s']:.2f} | {ratio:.2f} |")
if ratios:
    say(f"\nBoth proved robust on {len(ratios)} of 8: time ratio all/none median {median(ratios):.2f}, "
        f"max {max(ratios):.2f}, total {sum(load(f'overhead-{s}-all')['solve_time_s'] for s in range(8)) / sum(load(f'overhead-{s}-none')['solve_time_s'] for s in range(8)):.2f}.")
text = "\n".join(lines) + "\n"
open(f"{out}/summary.md", "w").write(text)
print(text)
PY
