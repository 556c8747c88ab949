#!/usr/bin/env bash
# The smoke campaign through a real SLURM: `nnmip experiment slurm --submit`
# runs it as 4 array tasks and a merge job, and the merged database must hold
# the runs of one unsharded `experiment run`, each as its shard recorded it. One
# task is cancelled with scancel in the middle of its shard (after its first
# run is recorded); submitting again must rerun only that shard and leave no
# run lost or doubled.
#
# usage: tests/cluster/slurm_campaign.sh NNMIP
# Needs a running cluster that sbatch and squeue reach (scripts/slurm-local.sh
# start; the test command starts one). Without one it exits 77 (CTest: skipped),
# unless NNMIP_REQUIRE_SLURM=1, when that is a failure.
#
# How the task is stopped mid-run, deterministically: the test holds the cache
# lock of one pruned network of a verification problem, so the task of that
# problem's shard records the dense run and then waits at that network (a
# cluster task waits for the process that builds a network it needs).
set -euo pipefail
nnmip="$(realpath "${1:?usage: $0 NNMIP}")"
if ! command -v sbatch >/dev/null || ! sinfo -h >/dev/null 2>&1; then
  message="no SLURM cluster reachable (start one with scripts/slurm-local.sh start and eval \"\$(scripts/slurm-local.sh env)\")"
  if [[ "${NNMIP_REQUIRE_SLURM:-0}" == 1 ]]; then echo "FAIL: $message" >&2; exit 1; fi
  echo "SKIPPED: $message"
  exit 77
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/nnmip-slurm-test.XXXXXX")"
campaign="$work/campaign"
jobs_of_campaign() { squeue -h -o %i --name="$(json_field "$work/submit1.json" "['job_name']")" 2>/dev/null || true; }
cleanup() {
  # Cancel what this test left in the queue (after a failure), then remove its files.
  [[ -s "$work/submit1.json" ]] && for job in $(jobs_of_campaign); do scancel "$job" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- squeue" >&2
  squeue >&2 || true
  for log in "$campaign"/logs/*.log; do [[ -e "$log" ]] && { echo "--- $log" >&2; tail -5 "$log" >&2; }; done
  exit 1
}
json_field() { python3 -c "import json, sys; print(json.load(open(sys.argv[1]))$2)" "$1"; }
status_json() { "$nnmip" experiment status --db-dir "$campaign" --json "$work/status.json" -q && cat "$work/status.json"; }
shard_field() { json_field "$work/status.json" "['shards'][$(($1 - 1))]['$2']"; }
outcomes() {
  sqlite3 "$1" "SELECT run_key || ' ' || status || ' ' || quote(time_to_first_adversarial_s) || ' ' || quote(best_value) || ' ' || finished_at FROM runs ORDER BY run_key"
}
# wait_until SECONDS WHAT COMMAND...: polls COMMAND every 0.5 s.
wait_until() {
  local seconds="$1" what="$2"
  shift 2
  for _ in $(seq $((seconds * 2))); do "$@" && return 0; sleep 0.5; done
  fail "waited ${seconds}s for $what"
}
queue_empty() { [[ -z "$(jobs_of_campaign)" ]]; }

echo "1. the reference: the smoke campaign in one process"
"$nnmip" experiment run --preset smoke --db "$work/reference.sqlite" --cache-dir "$work/reference-cache" -q
planned="$(sqlite3 "$work/reference.sqlite" "SELECT COUNT(*) FROM runs")"

echo "2. hold the cache lock of one pruned network of the verification problem with seed 1"
held="$(grep -l '"trained v1: .*xavier seed 1, .*pruned v1: structured-magnitude-0.9-NF' "$work"/reference-cache/*.json)"
[[ -n "$held" ]] || fail "no such network in the reference cache"
mkdir -p "$campaign/cache"
exec 9>"$campaign/cache/$(basename "$held" .json).lock"
flock 9

echo "3. submit 4 shards and a merge job"
"$nnmip" experiment slurm --preset smoke --shards 4 --db-dir "$campaign" --cache-dir "$campaign/cache" \
  --time 0:10:00 --submit -q --json "$work/submit1.json"
array="$(json_field "$work/submit1.json" "['submitted']['array_job']")"
[[ "$(json_field "$work/submit1.json" "['submitted']['shards']")" == 1-4 ]] || fail "not all 4 shards submitted"

# The blocked shard: the one still running when the three others have completed.
three_done_one_waiting() {
  status_json >/dev/null
  local completed=0 running=0
  for shard in 1 2 3 4; do
    case "$(shard_field "$shard" task)" in
      completed) completed=$((completed + 1)) ;;
      running) running=$((running + 1)); blocked="$shard" ;;
    esac
  done
  ((completed == 3 && running == 1)) && (($(shard_field "$blocked" recorded) >= 1))
}
wait_until 180 "three shards to complete and one to wait at the held network" three_done_one_waiting
recorded="$(shard_field "$blocked" recorded)"
shard_planned="$(shard_field "$blocked" planned)"
((recorded < shard_planned)) || fail "shard $blocked recorded all its runs although a network it needs was held"
echo "   shard $blocked is mid-run: $recorded of $shard_planned runs recorded; cancelling task ${array}_$blocked"

echo "4. scancel the task, then release the network; the merge job merges what the shards hold"
scancel "${array}_${blocked}"
task_gone() { [[ -z "$(squeue -h -j "${array}_${blocked}" 2>/dev/null)" ]]; }
wait_until 120 "the cancelled task to end" task_gone
exec 9>&-
wait_until 180 "the cancelled task and the merge job to leave the queue" queue_empty
status_json >/dev/null
[[ "$(shard_field "$blocked" task)" == stopped* || "$(shard_field "$blocked" task)" == cancelled* ]] ||
  fail "status says '$(shard_field "$blocked" task)' of the cancelled task"
[[ "$(json_field "$work/status.json" "['merged']")" == $((planned - shard_planned + recorded)) ]] ||
  fail "the merge job merged $(json_field "$work/status.json" "['merged']") runs, not $((planned - shard_planned + recorded))"

echo "5. submit again: only shard $blocked runs, and the merge job"
"$nnmip" experiment slurm --preset smoke --shards 4 --db-dir "$campaign" --cache-dir "$campaign/cache" \
  --time 0:10:00 --submit -q --json "$work/submit2.json"
[[ "$(json_field "$work/submit2.json" "['submitted']['shards']")" == "$blocked" ]] ||
  fail "resubmitted shards '$(json_field "$work/submit2.json" "['submitted']['shards']")', not $blocked"
wait_until 180 "the resubmitted task and merge job to leave the queue" queue_empty
status_json >/dev/null
for shard in 1 2 3 4; do
  [[ "$(shard_field "$shard" task)" == completed ]] || fail "shard $shard: $(shard_field "$shard" task)"
  [[ "$(shard_field "$shard" missing)" == 0 ]] || fail "shard $shard misses runs"
done

echo "6. the merged database: the unsharded run's runs, each shard's rows as recorded, no run twice"
merged="$campaign/results.sqlite"
[[ "$(sqlite3 "$merged" "SELECT COUNT(*) FROM runs")" == "$planned" ]] || fail "merged rows != $planned"
keys() { sqlite3 "$1" "SELECT run_key FROM runs ORDER BY run_key"; }
diff <(keys "$work/reference.sqlite") <(keys "$merged") >&2 || fail "the merged runs differ from the reference's"
# (Outcomes are compared with the shards, not with the reference: time-limited solves of two
# separate runs may end otherwise on a loaded machine.)
diff <(for db in "$campaign"/shard-*-of-4.sqlite; do outcomes "$db"; done | sort) <(outcomes "$merged" | sort) >&2 ||
  fail "the merged rows differ from the shards' rows"
[[ -s "$campaign/report/report.md" ]] || fail "the merge job wrote no report"

echo "7. submitting a complete campaign submits nothing"
"$nnmip" experiment slurm --preset smoke --shards 4 --db-dir "$campaign" --cache-dir "$campaign/cache" \
  --time 0:10:00 --submit -q --json "$work/submit3.json"
[[ "$(json_field "$work/submit3.json" "['submitted']")" == None ]] || fail "a complete campaign was submitted again"
echo "PASS: $planned runs through 4 array tasks, one cancelled mid-run and resumed"
