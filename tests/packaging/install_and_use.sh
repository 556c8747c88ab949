#!/bin/bash
# nnmip as a dependency of another CMake project (CTest packaging.InstallAndUse):
#   1. `cmake --install` of this build into a fresh prefix holds the CLI, and the
#      installed CLI is this build's;
#   2. a project that says find_package(nnmip) and links nnmip::lib builds, and its
#      program maximizes |x| over [-1, 0.5] through the installed library: 1, optimal
#      (by hand: y = relu(x) + relu(-x));
#   3. a project that adds nnmip's source with add_subdirectory configures with the
#      library and the CLI but none of nnmip's tests or benchmarks.
# Usage: install_and_use.sh BUILD_DIR SOURCE_DIR [LIBDIR]
set -euo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
libdir=${3:-lib}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build_dir" --prefix "$work/prefix" >"$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
[[ ! -e "$work/prefix/include/nnmip/solver/coin_model.hpp" ]] || fail "the install holds the CBC adapter's own header"
for f in bin/nnmip include/nnmip/network/network.hpp include/nnmip/util/version.hpp \
         "$libdir/cmake/nnmip/nnmipConfig.cmake" "$libdir/libnnmip_solver.a"; do
  [[ -e "$work/prefix/$f" ]] || fail "the install lacks $f"
done
[[ "$("$work/prefix/bin/nnmip" --version)" == "$("$build_dir/src/nnmip" --version)" ]] ||
  fail "the installed nnmip is not this build's"

cmake -S "$here/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/consumer.log" 2>&1 ||
  { cat "$work/consumer.log"; fail "find_package(nnmip) from the installed package"; }
cmake --build "$work/consumer" -j2 >>"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "building against nnmip::lib"; }
answer=$("$work/consumer/use_nnmip" "$work/abs.onnx")
echo "$answer"
[[ "$answer" == *"max |x| over [-1, 0.5] = 1 (optimal)" ]] || fail "the consumer's answer: $answer"

cmake -S "$here/subproject" -B "$work/subproject" -DNNMIP_SOURCE_DIR="$source_dir" >"$work/sub.log" 2>&1 ||
  { cat "$work/sub.log"; fail "nnmip as a subproject"; }
grep -q "nnmip subproject: library and CLI only" "$work/sub.log" || fail "the subproject check did not run"
echo "PASS"
