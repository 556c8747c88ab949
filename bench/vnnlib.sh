#!/usr/bin/env bash
# A VNN-COMP instances.csv (onnx,vnnlib,timeout, paths relative to its folder) run as
# one batch by `nnmip experiment vnncomp`, pinned to one core (taskset -c 1), into a
# fresh database; prints the per-instance table and the summary.
# Without an argument it runs the VNN-COMP 2021 test benchmark from ../shared/fixtures
# (copied to out/bench/vnnlib/fixtures with an instances.csv written there, plus a
# gzipped copy of test_sat.onnx as the competition's own test benchmark has one).
#   bench/vnnlib.sh [INSTANCES.csv] [--time-limit-cap S] [--core N]
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nnmip="${NNMIP:-${NNMIP_BUILD_DIR:-$repo_dir/build}/src/nnmip}"
csv=""
cap=()
core=1
while (($#)); do
  case "$1" in
    --time-limit-cap) cap=(--time-limit-cap "$2"); shift 2 ;;
    --core) core="$2"; shift 2 ;;
    -*) echo "usage: $0 [INSTANCES.csv] [--time-limit-cap S] [--core N]" >&2; exit 2 ;;
    *) csv="$1"; shift ;;
  esac
done
out="$repo_dir/out/bench/vnnlib"
mkdir -p "$out"
if [[ -z "$csv" ]]; then
  fixtures="$repo_dir/../shared/fixtures"
  if [[ ! -d "$fixtures/onnx" || ! -d "$fixtures/vnnlib" ]]; then
    echo "$0: no fixtures at $fixtures (only in the shared checkout): give an instances.csv" >&2
    exit 2
  fi
  bench="$out/fixtures"
  mkdir -p "$bench/onnx" "$bench/vnnlib"
  for net in test_nano test_tiny test_small test_sat test_unsat; do cp "$fixtures/onnx/$net.onnx" "$bench/onnx/"; done
  for spec in test_nano test_tiny test_small test_prop; do cp "$fixtures/vnnlib/$spec.vnnlib" "$bench/vnnlib/"; done
  gzip -c "$fixtures/onnx/test_sat.onnx" > "$bench/onnx/test_zipped.onnx.gz"
  csv="$bench/instances.csv"
  cat > "$csv" <<'CSV'
onnx/test_nano.onnx,vnnlib/test_nano.vnnlib,60
onnx/test_tiny.onnx,vnnlib/test_tiny.vnnlib,60
onnx/test_small.onnx,vnnlib/test_small.vnnlib,60
onnx/test_sat.onnx,vnnlib/test_prop.vnnlib,60
onnx/test_unsat.onnx,vnnlib/test_prop.vnnlib,60
onnx/test_zipped.onnx.gz,vnnlib/test_prop.vnnlib,60
CSV
fi
db="$out/vnnlib.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
echo "nnmip $("$nnmip" --version), pinned to core $core; instances: $csv"
taskset -c "$core" "$nnmip" experiment vnncomp --instances "$csv" --db "$db" "${cap[@]}" --json "$out/vnnlib.json"
