"""Runs nnmip solves for the bench scripts: each on its own core (taskset), `jobs` at once,
one JSON per solve written atomically (tmp + rename), solves already recorded skipped."""
import os
import queue
import subprocess
import sys
import threading


def run_solves(nnmip, runs, jobs):
    """runs: list of (json path, nnmip arguments)."""
    todo = [r for r in runs if not os.path.exists(r[0])]
    print(f"{len(runs)} solves, {len(todo)} to run on {jobs} core(s)", file=sys.stderr)
    work = queue.Queue()
    for r in todo:
        work.put(r)
    done = [0]
    lock = threading.Lock()

    def worker(core):
        while True:
            try:
                path, args = work.get_nowait()
            except queue.Empty:
                return
            # Verdicts are exit codes too (README "Exit codes"): 10 adversarial, 20 unknown.
            code = subprocess.run(["taskset", "-c", str(core), nnmip] + args + ["--quiet", "--json", path + ".tmp"]).returncode
            if code not in (0, 10, 20):
                raise SystemExit(f"nnmip {' '.join(args)} failed with exit code {code}")
            os.replace(path + ".tmp", path)
            with lock:
                done[0] += 1
                if done[0] % 10 == 0 or done[0] == len(todo):
                    print(f"  {done[0]}/{len(todo)}", file=sys.stderr)

    threads = [threading.Thread(target=worker, args=(c,)) for c in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
