#!/usr/bin/env bash
# Training speed: seconds per epoch for Fashion-MNIST 28x28, 4 hidden layers of 64
# (the largest verification network of the paper), on one core.
#   bench/train.sh [EPOCHS]     (default 3; needs a build: scripts/setup.sh)
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nnmip="${NNMIP:-$repo_dir/build/src/nnmip}"
epochs="${1:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
taskset -c 0 "$nnmip" train --dataset fashion-mnist --input-size 28 --layers 4 --width 64 \
  --epochs "$epochs" --seed 0 --out "$out/net.onnx" --json "$out/train.json" --quiet
python3 - "$out/train.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("Fashion-MNIST 28x28, 4x64, batch 64, one core")
for e in r["epoch_reports"]:
    print(f"  epoch {e['epoch']}: {e['seconds']:.2f} s  (mean loss {e['mean_loss']:.4f})")
mean = sum(e["seconds"] for e in r["epoch_reports"]) / len(r["epoch_reports"])
print(f"mean {mean:.2f} s per epoch; test accuracy {r['test_accuracy']:.4f}")
PY
