#!/usr/bin/env bash
# A local single-node SLURM cluster, for nnmip's cluster test and for trying
# `nnmip experiment slurm` before using a real cluster:
#
#   scripts/slurm-local.sh start    install slurm-wlm and munge (Debian packages) when missing,
#                                   then start munged, slurmctld and slurmd on this machine
#   scripts/slurm-local.sh stop     stop the daemons this script started
#   scripts/slurm-local.sh status   what sinfo says
#   scripts/slurm-local.sh running  exit 0 when its daemons run, 1 otherwise
#   scripts/slurm-local.sh env      the line that points SLURM's commands at this cluster:
#                                   eval "$(scripts/slurm-local.sh env)"
#
# Everything lives in $NNMIP_SLURM_DIR (default: a folder in $TMPDIR or /tmp):
# slurm.conf, the controller's state, the spool, logs and pid files. The
# configuration is minimal (no cgroups, no accounting) and uses its own ports
# (16817, 16818), so it does not disturb a SLURM installed otherwise. The
# daemons run as root (sudo when not root); jobs run as the user who submits them.
set -euo pipefail

slurm_dir="${NNMIP_SLURM_DIR:-${TMPDIR:-/tmp}/nnmip-slurm}"
conf="$slurm_dir/slurm.conf"
host="$(hostname -s)"
sudo_cmd=()
[[ $(id -u) == 0 ]] || sudo_cmd=(sudo)

usage() {
  echo "usage: $0 start | stop | status | running | env" >&2
  exit 2
}

install_packages() {
  local missing=()
  for p in slurm-wlm munge; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "Installing Debian packages: ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update
    # policy-rc.d may forbid starting the services now; this script starts them itself.
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

munge_answers() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

# munged: the system's when it already runs; else started here with the
# system's key (created when the package did not), as the munge user.
start_munge() {
  if munge_answers; then return; fi
  if [[ ! -s /etc/munge/munge.key ]]; then
    "${sudo_cmd[@]}" sh -c 'dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null &&
      chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key'
  fi
  "${sudo_cmd[@]}" install -d -o munge -g munge -m 0755 /run/munge
  "${sudo_cmd[@]}" install -d -o munge -g munge -m 0700 /var/log/munge /var/lib/munge
  "${sudo_cmd[@]}" runuser -u munge -- /usr/sbin/munged
  touch "$slurm_dir/munged.started-here"
  for _ in $(seq 50); do munge_answers && return; sleep 0.1; done
  echo "$0: munged did not start (see /var/log/munge/munged.log)" >&2
  exit 1
}

write_conf() {
  local cpus memory
  # At least 4 CPUs, whatever the machine has: a task that waits (for a network another
  # task is building) holds its CPU, and on one CPU nothing else could run until it ends.
  cpus="$(nproc)"
  ((cpus >= 4)) || cpus=4
  memory="$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)"
  mkdir -p "$slurm_dir/state" "$slurm_dir/spool"
  cat >"$conf" <<EOF
# A single-node cluster for nnmip (scripts/slurm-local.sh). No cgroups, no accounting.
ClusterName=nnmip-local
# Addresses given, so that nothing depends on the host name resolving.
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$slurm_dir/state
SlurmdSpoolDir=$slurm_dir/spool
SlurmctldPidFile=$slurm_dir/slurmctld.pid
SlurmdPidFile=$slurm_dir/slurmd.pid
SlurmctldLogFile=$slurm_dir/slurmctld.log
SlurmdLogFile=$slurm_dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
# The node advertises the CPUs above even where the machine has fewer.
SlurmdParameters=config_overrides
MpiDefault=none
# Schedule soon after a submission or a job's end (the defaults wait up to a minute).
SchedulerParameters=sched_min_interval=100000,defer_batch=0
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 NodeHostname=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

running() { [[ -s "$slurm_dir/$1.pid" ]] && kill -0 "$(cat "$slurm_dir/$1.pid")" 2>/dev/null; }

start() {
  install_packages
  mkdir -p "$slurm_dir"
  start_munge
  if running slurmctld && running slurmd; then
    echo "the local SLURM cluster already runs ($conf)"
    return
  fi
  write_conf
  # -c: a fresh controller state (no jobs of an earlier start)
  running slurmctld || "${sudo_cmd[@]}" slurmctld -c -f "$conf"
  running slurmd || "${sudo_cmd[@]}" slurmd -f "$conf"
  export SLURM_CONF="$conf"
  for _ in $(seq 100); do
    if [[ "$(sinfo -h -o %T 2>/dev/null)" == idle* ]]; then
      echo "local SLURM cluster up: node $host idle ($(nproc) CPUs); eval \"\$($0 env)\" points sbatch/squeue at it"
      return
    fi
    sleep 0.2
  done
  echo "$0: the node did not become idle within 20 s; see $slurm_dir/slurmctld.log and slurmd.log" >&2
  sinfo >&2 || true
  exit 1
}

stop_daemon() {
  local name="$1"
  running "$name" || return 0
  local pid
  pid="$(cat "$slurm_dir/$name.pid")"
  "${sudo_cmd[@]}" kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  "${sudo_cmd[@]}" kill -9 "$pid" 2>/dev/null || true
}

stop() {
  stop_daemon slurmd
  stop_daemon slurmctld
  if [[ -e "$slurm_dir/munged.started-here" ]]; then
    [[ -s /run/munge/munged.pid ]] && "${sudo_cmd[@]}" kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
    rm -f "$slurm_dir/munged.started-here"
  fi
  echo "local SLURM cluster stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) SLURM_CONF="$conf" sinfo ;;
  running) running slurmctld && running slurmd ;;
  env) echo "export SLURM_CONF='$conf'" ;;
  *) usage ;;
esac
