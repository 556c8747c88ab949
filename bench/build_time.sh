#!/usr/bin/env bash
# Build time of the configurations the test command builds, side by side: a fresh
# build folder each, one core (taskset, -j1), the same target, in one run:
#   file by file:  -DNNMIP_UNITY_BUILD=OFF -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON
#   as shipped:    unity batches of the library and CLI, precompiled headers (Ninja both)
# for the Release build (setup.sh) and the ASan+UBSan build (-O1 -g1, test.sh).
# Prints seconds per build and the ratio; the folders are under out/bench/build_time/.
#   bench/build_time.sh [--target nnmip|all] [--core N]
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target=nnmip
core=0
while (($#)); do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --core) core="$2"; shift 2 ;;
    *) echo "usage: $0 [--target nnmip|all] [--core N]" >&2; exit 2 ;;
  esac
done
out="$repo_dir/out/bench/build_time"
mkdir -p "$out"

build() {  # name cmake-args...
  local name=$1; shift
  rm -rf "${out:?}/$name"
  cmake -G Ninja -S "$repo_dir" -B "$out/$name" "$@" >/dev/null
  local start end
  start=$(date +%s.%N)
  taskset -c "$core" cmake --build "$out/$name" --target "$target" -j1 >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

release=(-DCMAKE_BUILD_TYPE=Release)
sanitize=(-DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" -DNNMIP_SANITIZE=ON -DNNMIP_BUILD_BENCHMARKS=OFF)
file_by_file=(-DNNMIP_UNITY_BUILD=OFF -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON)
printf '%-10s %-14s %10s\n' build config seconds
for kind in release sanitize; do
  declare -n flags=$kind
  a=$(build "$kind-file-by-file" "${flags[@]}" "${file_by_file[@]}")
  printf '%-10s %-14s %10.1f\n' "$kind" file-by-file "$a"
  b=$(build "$kind-shipped" "${flags[@]}")
  printf '%-10s %-14s %10.1f   ratio %.2f\n' "$kind" shipped "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { print b / a }')"
done
