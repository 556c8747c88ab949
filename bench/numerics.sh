#!/usr/bin/env bash
# The cost of the numerical safety settings (CBC cutoff increment 1e-9 instead of 1e-5,
# dual tolerance 1e-10 instead of 1e-7, relaxed nearly-stable neurons): this build
# against a baseline binary built from an earlier commit, side by side in one run, each
# solve of a pair on its own core (taskset -c 0 / -c 1), the solver alone
# (--heuristics none) so that the MILP's own work is what is timed.
#   Verification: Fashion-MNIST 18x18 2x32 (the heuristics bench's network), instance
#   seeds 0-5 with L1 eps 0.3, which CBC proves robust, with interval bounds (symbolic
#   bounds prove them without any MILP).
#   Maximization: random networks 10-2x20 (seeds 0-3, PyTorch init), output 0 over [0,1]^10.
# Prints per instance both times (bounds + search) and statuses, and the median ratio this / baseline.
#   bench/numerics.sh --baseline PATH/TO/OLD/nnmip [--time-limit 30]
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nnmip="${NNMIP_BUILD_DIR:-$repo_dir/build}/src/nnmip"
baseline=""
limit=30
while (($#)); do
  case "$1" in
    --baseline) baseline="$2"; shift 2 ;;
    --time-limit) limit="$2"; shift 2 ;;
    *) echo "usage: $0 --baseline OLD_NNMIP [--time-limit S]" >&2; exit 2 ;;
  esac
done
[[ -x "$baseline" ]] || { echo "$0: --baseline must name an nnmip binary of an earlier build" >&2; exit 2; }
net="$repo_dir/out/bench/heuristics/nets/fm18-2x32.onnx"
[[ -s "$net" ]] || "$nnmip" train --dataset fashion-mnist --input-size 18 --layers 2 --width 32 --epochs 40 \
  --seed 0 --out "$net" --quiet
out="$repo_dir/out/bench/numerics"
mkdir -p "$out"
for seed in 0 1 2 3; do
  [[ -s "$out/rnd10-$seed.onnx" ]] || "$nnmip" random-net --inputs 10 --layers 2 --width 20 --seed "$seed" \
    --out "$out/rnd10-$seed.onnx" --quiet
done

python3 - "$nnmip" "$baseline" "$net" "$out" "$limit" <<'PY'
import json, os, statistics, subprocess, sys
nnmip, baseline, net, out, limit = sys.argv[1:6]
common = ["--heuristics", "none", "--time-limit", limit, "--quiet"]
cases = [(f"verify-{s}", ["verify", "--target", "auto", "--net", net, "--dataset", "fashion-mnist", "--input-size", "18",
                          "--instance-seed", str(s), "--epsilon", "0.3", "--bounds", "interval"]) for s in range(6)]
cases += [(f"maximize-rnd10-{s}", ["maximize", "--net", os.path.join(out, f"rnd10-{s}.onnx")]) for s in range(4)]

def status(j):
    return j["status"]

print("| instance | baseline status | baseline s | this status | this s | ratio |")
print("|---|---|---|---|---|---|")
ratios = []
for name, args in cases:
    procs, paths = [], []
    for core, binary in enumerate([baseline, nnmip]):
        path = os.path.join(out, f"{name}-{'baseline' if core == 0 else 'this'}.json")
        paths.append(path)
        procs.append(subprocess.Popen(["taskset", "-c", str(core), binary] + args + common + ["--json", path]))
    for p in procs:
        p.wait()
    old, new = (json.load(open(p)) for p in paths)
    t_old = old["build_time_s"] + old["solve_time_s"]
    t_new = new["build_time_s"] + new["solve_time_s"]
    ratio = t_new / max(t_old, 1e-3)
    ratios.append(ratio)
    print(f"| {name} | {status(old)} | {t_old:.2f} | {status(new)} | {t_new:.2f} | {ratio:.2f} |")
print(f"\nmedian ratio this / baseline: {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})")
PY
