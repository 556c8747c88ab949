#!/usr/bin/env bash
# Untargeted verification (--target all): --disjuncts separate (one MILP per target class,
# the most promising first, time shared, stop at the first adversarial) vs --disjuncts
# joint (one MILP for the whole disjunction), side by side, to choose the default.
#
# Networks trained by nnmip itself (training seed 0, 5 epochs): MNIST 18x18 2x32,
# Fashion-MNIST 18x18 2x32, MNIST 28x28 3x64, Fashion-MNIST 28x28 3x64. Instances per
# network: instance seeds 0-7 (image and L1 eps drawn the paper's way) and L-infinity
# eps 0.01 / 0.03 / 0.05 around the images of instance seeds 5-7, so that there is a mix of
# robust and adversarial answers. Every instance runs with both settings at the same
# --time-limit (default heuristics and bounds), the order alternating from instance to
# instance, each process pinned to one core (taskset -c CORE, default 1), one at a time.
# Misclassified instances are counted but left out of the comparison. A robust verdict
# of one setting against an adversarial verdict of the other is a BUG: reported at the
# top of the summary with the commands that reproduce it.
#
# Results: one JSON per solve (and a .meta.json with the exit code and wall time) under
# out/bench/disjuncts[-quick]/; a second run skips the solves already recorded (delete
# the folder to measure again). The full run writes docs/bench/disjuncts.md; --quick
# (3 instances of the full set, 20 s, about a minute) only prints and writes its folder's summary.md.
#   bench/disjuncts.sh [--quick] [--time-limit 30] [--core 1]
set -uo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_dir" || exit 1
command_line="bench/disjuncts.sh${*:+ $*}"
nnmip="${NNMIP_BUILD_DIR:-build}/src/nnmip"
shown_nnmip='build/src/nnmip'  # in the summary's commands (no machine-specific paths)
[[ -n "${NNMIP_BUILD_DIR:-}" ]] && shown_nnmip='$NNMIP_BUILD_DIR/src/nnmip'
limit=""
core=1
quick=0
while (($#)); do
  case "$1" in
    --quick) quick=1; shift ;;
    --time-limit) limit="$2"; shift 2 ;;
    --core) core="$2"; shift 2 ;;
    *) echo "usage: $0 [--quick] [--time-limit S] [--core N]" >&2; exit 2 ;;
  esac
done
if ((quick)); then out="out/bench/disjuncts-quick"; limit="${limit:-20}"; else out="out/bench/disjuncts"; limit="${limit:-30}"; fi
[[ -x "$nnmip" ]] || { echo "no $nnmip: build first (or set NNMIP_BUILD_DIR)" >&2; exit 1; }
nets="out/bench/disjuncts/nets"
mkdir -p "$out" "$nets"

train() {  # file dataset size layers width epochs
  [[ -s "$nets/$1" ]] || taskset -c "$core" "$nnmip" train --dataset "$2" --input-size "$3" --layers "$4" \
    --width "$5" --epochs "$6" --seed 0 --out "$nets/$1" --quiet || exit 1
}
train mn18-2x32.onnx mnist 18 2 32 5
train fm18-2x32.onnx fashion-mnist 18 2 32 5
if ((!quick)); then
  train mn28-3x64.onnx mnist 28 3 64 5
  train fm28-3x64.onnx fashion-mnist 28 3 64 5
fi
revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]] && revision="$revision (with uncommitted changes)"

python3 - "$nnmip" "$out" "$nets" "$limit" "$core" "$quick" "$revision" "$command_line" "$shown_nnmip" <<'PY'
import json, os, shlex, statistics, subprocess, sys, time
nnmip, out, nets, limit, core, quick, revision, command_line, shown_nnmip = sys.argv[1:10]
limit, quick = float(limit), quick == "1"
modes = ["separate", "joint"]

instances = []  # (name, args)
def add(net, extra, tag):
    dataset, size = {"mn18": ("mnist", 18), "fm18": ("fashion-mnist", 18),
                     "mn28": ("mnist", 28), "fm28": ("fashion-mnist", 28)}[net.split("-")[0]]
    args = ["verify", "--net", f"{nets}/{net}.onnx", "--dataset", dataset, "--input-size", str(size)] + extra
    instances.append((f"{net}-{tag}", args))
if quick:
    add("mn18-2x32", ["--instance-seed", "0"], "l1-s0")
    add("mn18-2x32", ["--instance-seed", "6"], "l1-s6")
    add("fm18-2x32", ["--instance-seed", "3"], "l1-s3")
else:
    for net in ["mn18-2x32", "fm18-2x32", "mn28-3x64", "fm28-3x64"]:
        for seed in range(8):
            add(net, ["--instance-seed", str(seed)], f"l1-s{seed}")
        for eps in ["0.01", "0.03", "0.05"]:
            for seed in [5, 6, 7]:
                add(net, ["--instance-seed", str(seed), "--norm", "linf", "--epsilon", eps], f"linf{eps}-s{seed}")

def command(args, mode, json_path=None, binary=None):
    full = [binary or nnmip] + args + ["--time-limit", f"{limit:g}", "--disjuncts", mode]
    return full + (["--quiet", "--json", json_path] if json_path else [])

def run(name, args, mode):
    path = f"{out}/{name}-{mode}.json"
    if os.path.exists(path + ".meta"):
        return False
    started = time.time()
    begin = time.monotonic()
    p = subprocess.run(["taskset", "-c", core] + command(args, mode, path + ".tmp"))
    wall = time.monotonic() - begin
    if os.path.exists(path + ".tmp"): os.replace(path + ".tmp", path)
    json.dump({"exit_code": p.returncode, "wall_s": wall, "started": started}, open(path + ".meta", "w"))
    return True

todo = sum(not os.path.exists(f"{out}/{n}-{m}.json.meta") for n, _ in instances for m in modes)
print(f"{len(instances)} instances x 2 settings, {todo} solves to run at {limit:g} s on core {core}", file=sys.stderr)
for i, (name, args) in enumerate(instances):
    ran = [run(name, args, mode) for mode in (modes if i % 2 == 0 else modes[::-1])]
    if any(ran): print(f"  {i + 1}/{len(instances)} {name}", file=sys.stderr)

expected_code = {"robust": 0, "adversarial": 10, "misclassified": 10, "unknown": 20}
def load(name, mode):
    path = f"{out}/{name}-{mode}.json"
    meta = json.load(open(path + ".meta"))
    r = json.load(open(path)) if os.path.exists(path) else None
    status = r["status"] if r else "error"
    rec = {"status": status, "code": meta["exit_code"], "wall": meta["wall_s"], "started": meta["started"],
           "time": (r["build_time_s"] + r["solve_time_s"]) if r else None,
           "first": r.get("time_to_first_adversarial_s") if r else None,
           "class": r.get("adversarial_class") if r else None,
           "searched": sum(t.get("searched", False) for t in r.get("per_target", [])) if r else None,
           "targets": len(r.get("targets", [])) if r else None,
           "bound": r.get("solver_bound") if r else None,
           "sat_targets": sum(t["verdict"] == "sat" for t in r.get("per_target", [])) if r else 0,
           "open_negative": [t["target"] for t in r.get("per_target", [])
                             if t["verdict"] == "unknown" and t["bound"] is not None and t["bound"] < 0] if r else [],
           "odd": []}
    if r and expected_code.get(status) != meta["exit_code"]:
        rec["odd"].append(f"exit code {meta['exit_code']} with status {status}")
    if status == "unknown" and rec["time"] is not None and rec["time"] < 0.9 * limit:
        rec["odd"].append(f"unknown after {rec['time']:.2f} s of the {limit:g} s limit (time left unused)")
    if status == "unknown" and rec["open_negative"]:
        rec["odd"].append("unknown although the trusted bound is < 0 for target(s) "
                          + ",".join(map(str, rec["open_negative"])) + " (solver stopped before optimality)")
    if r is None:
        rec["odd"].append(f"no JSON written (exit code {meta['exit_code']})")
    return rec

def fmt(x, d=2): return "-" if x is None else f"{x:.{d}f}"
def median(xs): return statistics.median(xs) if xs else None
def repro(args, mode): return " ".join([shown_nnmip] + [shlex.quote(a) for a in command(args, mode)[1:]])

rows, bugs, odd = [], [], []
count = {m: {"robust": 0, "adversarial": 0, "unknown": 0, "error": 0} for m in modes}
misclassified = 0
both_decided, ratios, ratios_robust, ratios_adv, ratios_slow, ratios_slower = 0, [], [], [], [], []
joint_sat_all = 0
only = {m: 0 for m in modes}
agree = 0
first = {m: [] for m in modes}
found = {m: 0 for m in modes}
total = {m: 0.0 for m in modes}
for i, (name, args) in enumerate(instances):
    rs = {m: load(name, m) for m in modes}
    for m in modes:
        for o in rs[m]["odd"]: odd.append(f"{name} {m}: {o} - reproduce: `{repro(args, m)}`")
    s, j = rs["separate"], rs["joint"]
    first_mode = min(modes, key=lambda m: rs[m]["started"])  # as run (a resumed run may differ)
    cells = []
    for m in modes:
        r = rs[m]
        extra = f", class {r['class']}" if r["status"] == "adversarial" else ""
        if m == "separate" and r["status"] in ("robust", "unknown", "adversarial") and r["targets"]:
            extra += f", {r['searched']}/{r['targets']} targets"
        cells.append(f"{r['status']}{extra} | {fmt(r['time'], 3)}")
    if "misclassified" in (s["status"], j["status"]):
        misclassified += 1
        if s["status"] != j["status"]:
            odd.append(f"{name}: misclassified by one setting only ({s['status']} / {j['status']})")
        rows.append(f"| {name} | {first_mode} | " + " | ".join(cells) + " | - | (misclassified: skipped) |")
        continue
    for m in modes:
        count[m][rs[m]["status"]] += 1
        total[m] += rs[m]["time"] if rs[m]["status"] in ("robust", "adversarial") else limit
    decided = {m: rs[m]["status"] in ("robust", "adversarial") for m in modes}
    note = ""
    ratio = None
    if decided["separate"] and decided["joint"]:
        both_decided += 1
        if s["status"] != j["status"]:
            bugs.append(f"{name}: separate says {s['status']}, joint says {j['status']}\n"
                        f"    `{repro(args, 'separate')}`\n    `{repro(args, 'joint')}`")
            note = "**BUG: verdicts disagree**"
        else:
            agree += 1
            ratio = j["time"] / max(s["time"], 1e-9)
            ratios.append(ratio)
            (ratios_robust if s["status"] == "robust" else ratios_adv).append(ratio)
            if max(s["time"], j["time"]) >= 0.1: ratios_slow.append(ratio)
            if max(s["time"], j["time"]) >= 1.0: ratios_slower.append((name, s["time"], j["time"]))
    elif decided["separate"] or decided["joint"]:
        only["separate" if decided["separate"] else "joint"] += 1
        note = f"only {'separate' if decided['separate'] else 'joint'} decided"
    if j["status"] == "adversarial" and j["sat_targets"] > 1: joint_sat_all += 1
    for m in modes:
        if rs[m]["status"] == "adversarial":
            found[m] += 1
    if s["status"] == "adversarial" and j["status"] == "adversarial":
        for m in modes: first[m].append(rs[m]["first"])
    rows.append(f"| {name} | {first_mode} | " + " | ".join(cells) + f" | {fmt(ratio)} | {note} |")

n = len(instances)
compared = n - misclassified
lines = []
say = lines.append
say("# --disjuncts separate vs joint (untargeted verify, --target all)\n")
say(f"Produced by `{command_line}` at nnmip revision {revision}; {limit:g} s per solve, "
    f"every solve pinned to one core, one at a time, the order alternating per instance. "
    f"Time = the JSON's build_time_s + solve_time_s (data loading excluded). "
    f"Commands below run from the repository root once the script has trained the networks into {nets}/.\n")
if bugs:
    say(f"## BUG: {len(bugs)} robust-vs-adversarial disagreement(s)\n")
    for b in bugs: say(f"- {b}")
    say("")
else:
    say("No robust-vs-adversarial disagreement.\n")
say("## Summary\n")
say(f"{n} instances, {misclassified} misclassified (skipped), {compared} compared.\n")
say("| setting | robust | adversarial | unknown | error | decided | total time s (unknown = limit) |")
say("|---|---|---|---|---|---|---|")
for m in modes:
    c = count[m]
    say(f"| {m} | {c['robust']} | {c['adversarial']} | {c['unknown']} | {c['error']} | "
        f"{c['robust'] + c['adversarial']} | {total[m]:.1f} |")
say("")
say(f"- Both decided: {both_decided} (same verdict: {agree}); only separate decided: {only['separate']}; "
    f"only joint decided: {only['joint']}; neither: {compared - both_decided - only['separate'] - only['joint']}.")
def ratio_text(xs):
    if not xs: return "-"
    return f"median {median(xs):.2f} (min {min(xs):.2f}, max {max(xs):.2f}, n = {len(xs)})"
say(f"- Time ratio joint / separate where both decided alike: {ratio_text(ratios)}; "
    f"robust only: {ratio_text(ratios_robust)}; adversarial only: {ratio_text(ratios_adv)}; "
    f"where the slower of the two took >= 0.1 s: {ratio_text(ratios_slow)}.")
say(f"- Both decided and the slower took >= 1 s (n = {len(ratios_slower)}): "
    + ("; ".join(f"{n_} separate {a:.2f} s, joint {b:.2f} s" for n_, a, b in ratios_slower) or "none")
    + (f"; summed: separate {sum(a for _, a, _ in ratios_slower):.2f} s, joint {sum(b for _, _, b in ratios_slower):.2f} s."
       if ratios_slower else "."))
say(f"- Time to first adversarial where both found one (n = {len(first['separate'])}): separate median "
    f"{fmt(median(first['separate']), 3)} s (max {fmt(max(first['separate']) if first['separate'] else None, 3)}), "
    f"joint median {fmt(median(first['joint']), 3)} s (max {fmt(max(first['joint']) if first['joint'] else None, 3)}); "
    f"adversarial found: separate {found['separate']}, joint {found['joint']}.")
if joint_sat_all:
    odd.append(f"joint, {joint_sat_all} adversarial instance(s): the JSON's per_target gives every target the whole "
               "disjunction's verdict (all 'sat', the same bound and time), though only adversarial_class was reached")
if odd:
    say("\n## Odd things\n")
    for o in odd: say(f"- {o}")
say("\n## Per instance\n")
say("Separate's \"k/n targets\" = how many of the n target MILPs it ran (the JSON's per_target searched).\n")
say("| instance | first run | separate: status | s | joint: status | s | joint / separate | note |")
say("|---|---|---|---|---|---|---|---|")
lines.extend(rows)
say("\nInstances: `l1-sS` = `--instance-seed S` (image and L1 eps drawn the paper's way); "
    "`linfE-sS` = the image of instance seed S with `--norm linf --epsilon E`.")
text = "\n".join(lines) + "\n"
open(f"{out}/summary.md", "w").write(text)
if not quick:
    os.makedirs("docs/bench", exist_ok=True)
    open("docs/bench/disjuncts.md", "w").write(text)
print(text)
PY
