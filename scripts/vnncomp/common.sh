# Shared by prepare_instance.sh and run_instance.sh (sourced, not run).
# The nnmip binary: $NNMIP, else the repository's build/src/nnmip.
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nnmip="${NNMIP:-$script_dir/../../build/src/nnmip}"
# Where run_instance.sh notes the processes it started, for prepare_instance.sh
# to end leftovers of an earlier instance (one empty file per process id).
pid_dir="${TMPDIR:-/tmp}/nnmip-vnncomp-$(id -u)"

# check_arguments COUNT USAGE ARGS...: VNN-COMP's first argument is the interface
# version "v1", then COUNT - 1 more; otherwise the usage on stderr and exit 1.
check_arguments() {
  local count="$1" usage="$2"
  shift 2
  if [[ "${1:-}" != v1 ]]; then
    echo "$(basename "$0"): expected the version string 'v1' as first argument, got '${1:-}'" >&2
    exit 1
  fi
  if [[ $# -ne $count ]]; then
    echo "usage: $0 v1 $usage" >&2
    exit 1
  fi
}
