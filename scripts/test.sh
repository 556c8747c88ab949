#!/usr/bin/env bash
# The test command: set up (packages, data, build), then run the whole suite through CTest.
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo_dir/scripts/setup.sh"
cd "${NNMIP_BUILD_DIR:-$repo_dir/build}"
ctest --output-on-failure -j"$(nproc)" --timeout 900
