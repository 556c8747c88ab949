#!/usr/bin/env bash
# The test command's format check: every C++ file git tracks is exactly as clang-format
# (Debian 12's clang-format 14, with the committed .clang-format) writes it. On drift it
# names the files and fails; `scripts/check-format.sh --fix` rewrites them in place.
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_dir"
command -v clang-format >/dev/null || { echo "clang-format is missing: run scripts/setup.sh" >&2; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [[ "${1:-}" == "--fix" ]]; then
  clang-format -i "${files[@]}"
  exit 0
fi
drift=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" 2>/dev/null || drift+=("$f")
done
if ((${#drift[@]})); then
  echo "These files are not formatted as .clang-format says (scripts/check-format.sh --fix formats them):" >&2
  printf '  %s\n' "${drift[@]}" >&2
  exit 1
fi
echo "format: ${#files[@]} C++ files as .clang-format says"
