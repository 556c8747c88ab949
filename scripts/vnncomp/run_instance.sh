#!/usr/bin/env bash
# VNN-COMP's run_instance.sh for nnmip:
#   run_instance.sh v1 <category> <onnx file> <vnnlib file> <results file> <timeout s>
# Runs `nnmip check` and writes the results file: its first line is sat, unsat,
# timeout, unknown or error, followed for sat by the counterexample
# ((X_0 v)\n (X_1 v)\n ... (Y_0 v) ...). The file is written to a temporary name
# in its folder and renamed, so it is never seen half-written.
#
# The time limit handed to nnmip is T - (2 + 0.05 T), at least T / 2
# (vnncomp_time_limit in src/nnmip/campaign/vnncomp_runner.hpp): nnmip overran
# a 30 s limit by at most 1.91 s (median 0.98 s, README), its LP deadline is the
# limit plus max(1 s, 5%), and starting the process and reading the files come on
# top; VNN-COMP counts an answer after T as a timeout. As a last resort the
# process is stopped at T (`timeout`), which gives "timeout".
# Exit codes of nnmip check: 0 unsat, 10 sat, 20 unknown/timeout; anything else
# (1 input error, 2 usage, 3 internal, a signal) gives "error", with the message on stderr.
# .onnx.gz / .vnnlib.gz are decompressed into a temporary folder first.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
check_arguments 6 "<category> <onnx file> <vnnlib file> <results file> <timeout>" "$@"
category="$2" onnx="$3" vnnlib="$4" results="$5" timeout_s="$6"

write_result() {  # write_result TEXT: atomically, in the results file's folder
  local tmp
  tmp="$(dirname "$results")/.$(basename "$results").tmp.$$"
  if ! printf '%s' "$1" > "$tmp" || ! mv -f "$tmp" "$results"; then
    rm -f "$tmp"
    echo "nnmip: error: cannot write the results file $results" >&2
    exit 1
  fi
}
fail() {
  echo "nnmip: error: $*" >&2
  write_result $'error\n'
  exit 0
}

limit="$(awk -v t="$timeout_s" 'BEGIN { if (t !~ /^[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$/ || t <= 0) exit 1;
  m = t - (2 + 0.05 * t); if (m < t / 2) m = t / 2; printf "%.3f", m }')" ||
  fail "the timeout '$timeout_s' is not a positive number of seconds"
echo "nnmip: category '$category', $onnx, $vnnlib, timeout $timeout_s s: check --time-limit $limit"

work="$(mktemp -d "${TMPDIR:-/tmp}/nnmip-instance.XXXXXX")" || fail "cannot create a temporary folder"
trap 'rm -rf "$work"' EXIT
prepared() {  # prepared FILE: FILE, or its decompressed copy for .gz; "" when it cannot be read
  local file="$1"
  if [[ ! -r "$file" || -d "$file" ]]; then echo ""; return; fi
  if [[ "$file" == *.gz ]]; then
    local plain
    plain="$work/$(basename "${file%.gz}")"
    gzip -dc "$file" > "$plain" 2> "$work/gzip.log" || { echo ""; return; }
    echo "$plain"
  else
    echo "$file"
  fi
}
net="$(prepared "$onnx")"
[[ -n "$net" ]] || fail "cannot read the network $onnx $(cat "$work/gzip.log" 2>/dev/null)"
spec="$(prepared "$vnnlib")"
[[ -n "$spec" ]] || fail "cannot read the property $vnnlib $(cat "$work/gzip.log" 2>/dev/null)"
[[ -x "$nnmip" ]] || fail "no nnmip binary at $nnmip (build it, or set NNMIP)"

mkdir -p "$pid_dir" 2>/dev/null
timeout --kill-after=2 "$timeout_s" "$nnmip" check --net "$net" --spec "$spec" --time-limit "$limit" \
  --result "$work/result" &
pid=$!
touch "$pid_dir/$pid" 2>/dev/null
wait "$pid"
code=$?
rm -f "$pid_dir/$pid"

case "$code" in
  0 | 10 | 20)
    answer="$(head -n 1 "$work/result" 2>/dev/null)"
    case "$answer" in
      sat | unsat | timeout | unknown) write_result "$(cat "$work/result")"$'\n' ;;
      *) fail "nnmip check exited with $code but wrote no result" ;;
    esac ;;
  124 | 137) echo "nnmip: stopped at the timeout of $timeout_s s" >&2; write_result $'timeout\n' ;;
  *) fail "nnmip check exited with code $code" ;;
esac
exit 0
