"""What issue 15's isolation layers cost: ``autograder grade --jobs 2`` throughput with and without.

    .venv/bin/python benchmarks/isolation_cost.py [--assignment optimization_methods]
        [--copies 8] [--rounds 3] [--jobs 2]

Writes a class of the bundled example modules of the assignment (correct, mistakes, stub),
repeated ``--copies`` times, and grades it with the CLI in a subprocess, alternately with the
isolation of before issue 15 (``AUTOGRADER_ISOLATION=baseline``: mount and network namespaces,
rlimits, the uid drop) and with the full one (PID, IPC and UTS namespaces too, two more forks
per child, a fresh /proc, the seccomp filter, a cgroup per submission), ``--rounds`` times each,
on the same machine in the same run. Alternating keeps the load of other work on the machine
from favouring one side. Prints the submissions per second of each run, the median of each
side, the cost of the new layers (target: within 10 %), and whether both sides gave the same
scores. The grader starts its workers in each run (wall clock included, as a teacher sees it).

On a loaded machine the runs of a class vary more than the layers cost; so it also times what
the layers add to one child, alone: ``--children`` trivial jobs in one warm sandbox per side
(median seconds from the request to the reaped child).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.course.expected import KIT_ROOT

TARGET = 0.10


def write_class(folder: Path, assignment: str, copies: int) -> int:
    examples = sorted((KIT_ROOT / "examples" / assignment).glob("*.py"))
    for i in range(copies):
        for example in examples:
            (folder / f"{example.stem}_{i:03d}.py").write_text(example.read_text())
    return copies * len(examples)


def grade(folder: Path, assignment: str, jobs: int, layers: str) -> tuple[float, dict]:
    """Seconds to grade the class with the CLI, and each submission's score."""
    env = {**os.environ, "AUTOGRADER_ISOLATION": layers}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "autograder.cli", "grade", str(folder), "--assignment", assignment,
         "--jobs", str(jobs), "--format", "json", "--no-progress"],
        env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"autograder grade failed ({done.returncode}):\n{done.stderr[-3000:]}")
    records = json.loads(done.stdout)
    records = records if isinstance(records, list) else records.get("results", [])
    return seconds, {Path(r["submission"]).name: r["score"] for r in records}


def child_seconds(layers: str, children: int) -> float:
    """Median seconds of one trivial job (fork, isolate, run, reap) in a warm sandbox."""
    from autograder.engine.sandbox.runner import Sandbox

    os.environ["AUTOGRADER_ISOLATION"] = layers  # read by Sandbox.start
    times = []
    with Sandbox(tensorflow=False) as sandbox:
        for _ in range(children):
            started = time.perf_counter()
            sandbox.run({"units": [{"source": "x = 1\n", "filename": "a.py"}], "calls": []})
            times.append(time.perf_counter() - started)
    os.environ.pop("AUTOGRADER_ISOLATION")
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignment", default="optimization_methods")
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--children", type=int, default=40)
    args = parser.parse_args()
    one = {layers: child_seconds(layers, args.children) for layers in ("baseline", "full")}
    print(f"one child ({args.children} trivial jobs a side, median): before "
          f"{one['baseline'] * 1000:.1f} ms, after {one['full'] * 1000:.1f} ms "
          f"({(one['full'] - one['baseline']) * 1000:+.1f} ms per child)")
    rates: dict[str, list[float]] = {"baseline": [], "full": []}
    scores: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="isolation-cost-") as tmp:
        folder = Path(tmp)
        n = write_class(folder, args.assignment, args.copies)
        grade(folder, args.assignment, args.jobs, "full")  # warm the expected-value cache
        print(f"{args.assignment}: {n} modules, --jobs {args.jobs}, {args.rounds} rounds a side")
        for round_ in range(args.rounds):
            for layers in (("baseline", "full") if round_ % 2 == 0 else ("full", "baseline")):
                seconds, scores[layers] = grade(folder, args.assignment, args.jobs, layers)
                rates[layers].append(n / seconds)
                print(f"  round {round_ + 1} {layers:8s} {seconds:7.2f} s  {n / seconds:6.2f}/s")
    base, full = (statistics.median(rates[k]) for k in ("baseline", "full"))
    cost = 1 - full / base
    same = scores["baseline"] == scores["full"] and len(scores["full"]) == n
    print(f"median: before (baseline) {base:.2f}/s, after (full isolation) {full:.2f}/s: "
          f"cost {cost * 100:+.1f} % (target within {TARGET * 100:.0f} %)")
    print(f"same scores on both sides: {same}")
    return 0 if cost <= TARGET and same else 1


if __name__ == "__main__":
    sys.exit(main())
