#!/usr/bin/env bash
# VNN-COMP's prepare_instance.sh for nnmip:
#   prepare_instance.sh v1 <category> <onnx file> <vnnlib file>
# Ends what an earlier run_instance.sh left running (only the processes it
# recorded, and only if they are still nnmip), and checks that the nnmip binary
# runs. nnmip needs no per-category set-up and no conversion; the files
# themselves are read (and gzip-decompressed) by run_instance.sh, which reports
# an unreadable one as "error". Exit code 0: ready; 1: nnmip cannot run.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
check_arguments 4 "<category> <onnx file> <vnnlib file>" "$@"
category="$2" onnx="$3" vnnlib="$4"
echo "nnmip: preparing category '$category': $onnx, $vnnlib"

if [[ -d "$pid_dir" ]]; then
  for file in "$pid_dir"/*; do
    [[ -e "$file" ]] || continue
    pid="$(basename "$file")"
    # Only a process that still runs nnmip check (a reused pid is left alone).
    if [[ "$pid" =~ ^[0-9]+$ ]] && { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -q "nnmip.* check "; then
      echo "nnmip: ending process $pid left by an earlier instance"
      kill -TERM "$pid" 2>/dev/null
      sleep 0.5
      kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$file"
  done
fi

for file in "$onnx" "$vnnlib"; do
  [[ -r "$file" ]] || echo "nnmip: warning: cannot read $file (run_instance.sh will report error)" >&2
done
if ! "$nnmip" --version > /dev/null 2>&1; then
  echo "nnmip: cannot run $nnmip: build it (cmake --build build) or set NNMIP to the binary" >&2
  exit 1
fi
exit 0
