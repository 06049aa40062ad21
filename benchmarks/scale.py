"""Grading at scale: 10,000 mixed submissions with ``--jobs 2``, then on a local Dask cluster.

    .venv/bin/python benchmarks/scale.py [--n 10000] [--runs local,dask] [--keep DIR]

It writes ``--n`` submissions, half of each assignment in the registry (notebooks and modules:
correct, untouched stubs, typical mistakes, one known mistake of each exercise, and one in a
hundred hostile from ``tests/hostile/corpus.py``, a few of them infinite loops that use up the
per-item time limit), then grades each assignment's folder with the real CLI:

- ``local``: ``autograder grade DIR -a NAME --jobs 2 --out OUT``;
- ``dask``: the same with ``--dask ADDRESS``, on a ``LocalCluster`` of 2 worker processes with
  one thread each, started once for both assignments (its launchers stay warm between them).

It prints the wall time, submissions per second, the peak memory (RSS, sampled every 0.2 s with
psutil) of the grader (the CLI process), of the Dask workers and of the sandbox launchers, and
the per-submission cost over the first 100, 1,000 and all the submissions of each assignment
(from the times the result files were written), with the grader's memory at those points: both
must stay flat. The cost "over the first k" is the time to the k-th result over k, start-up
included; "marginal" is the cost of the submissions between two of those points. Targets on a
2-core machine: 10,000 in under 20 minutes, memory flat.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

KIT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 20 * 60
LAUNCHER = "autograder.engine.sandbox.launcher"


def generate(folder: Path, n: int) -> dict[str, int]:
    """Write the class (in this process: run it in a child, its imports are heavy)."""
    sys.path.insert(0, str(KIT / "tests" / "autograder"))
    from mixed_class import write_class

    from autograder.course.registry import assignment_names

    names = assignment_names()
    counts = {}
    for j, name in enumerate(names):
        count = n // len(names) + (1 if j < n % len(names) else 0)
        write_class(folder / name, count, name, hostile_every=100, hanging=True)
        counts[name] = count
    return counts


@dataclass
class Peaks:
    """Peak RSS in MiB, and the grader's RSS over time."""

    grader: float = 0.0
    workers: dict[int, float] = field(default_factory=dict)
    launchers: dict[int, float] = field(default_factory=dict)
    scheduler: float = 0.0
    #: (time, grader MiB, the largest worker's MiB, the largest launcher's MiB)
    timeline: list[tuple[float, float, float, float]] = field(default_factory=list)


def _rss(proc: psutil.Process) -> float:
    try:
        return proc.memory_info().rss / 2**20
    except psutil.Error:
        return 0.0


def _is_launcher(proc: psutil.Process) -> bool:
    try:
        return LAUNCHER in " ".join(proc.cmdline())
    except psutil.Error:
        return False


class Sampler(threading.Thread):
    """Samples the grader, the workers and their launchers (a launcher's forked children, the
    students' processes, have the launcher's command line but a launcher as parent)."""

    def __init__(self, grader: psutil.Process, workers: list[psutil.Process], peaks: Peaks,
                 every: float = 0.2):
        super().__init__(daemon=True)
        self.grader, self.workers, self.peaks, self.every = grader, workers, peaks, every
        self.stopped = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self.stopped.wait(self.every):
            now = time.time()
            g = _rss(self.grader)
            self.peaks.grader = max(self.peaks.grader, g)
            if self.workers:
                self.peaks.scheduler = max(self.peaks.scheduler, _rss(me))
            worker_now, launcher_now = 0.0, 0.0
            for owner in [self.grader, *self.workers]:
                if owner in self.workers:
                    mib = _rss(owner)
                    worker_now = max(worker_now, mib)
                    self.peaks.workers[owner.pid] = max(self.peaks.workers.get(owner.pid, 0), mib)
                try:
                    children = owner.children()
                except psutil.Error:
                    continue
                for child in children:
                    if _is_launcher(child):
                        mib = _rss(child)
                        launcher_now = max(launcher_now, mib)
                        self.peaks.launchers[child.pid] = max(
                            self.peaks.launchers.get(child.pid, 0), mib)
            self.peaks.timeline.append((now, g, worker_now, launcher_now))


@dataclass
class Run:
    label: str
    assignment: str
    n: int
    started: float
    wall: float
    done_times: list[float]  # seconds from the start to each result, sorted
    peaks: Peaks


def grade(label: str, name: str, folder: Path, out: Path, extra: list[str],
          workers: list[psutil.Process]) -> Run:
    cmd = [sys.executable, "-m", "autograder", "grade", str(folder), "-a", name,
           "--out", str(out), "--no-progress", *extra]
    peaks = Peaks()
    started = time.time()
    with open(out.with_suffix(".log"), "w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=KIT)
        sampler = Sampler(psutil.Process(proc.pid), workers, peaks)
        sampler.start()
        code = proc.wait()
        wall = time.time() - started
        sampler.stopped.set()
        sampler.join()
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): see {out.with_suffix('.log')}")
    times = sorted(p.stat().st_mtime - started for p in out.glob("*.json"))
    return Run(label, name, len(times), started, wall, times, peaks)


def checkpoints(n: int) -> list[int]:
    return [k for k in (100, 1000) if k < n] + [n]


def memory_at(run: Run, seconds: float) -> str:
    """The grader's, the largest worker's and the largest launcher's MiB at that time."""
    before = [row for row in run.peaks.timeline if row[0] - run.started <= seconds]
    if not before:
        return "-"
    _, grader, worker, launcher = before[-1]
    worker = f"/{worker:.0f}" if run.peaks.workers else ""
    return f"{grader:.0f}{worker}/{launcher:.0f} MiB"


def report(runs: list[Run], total: int) -> bool:
    ok = True
    print(f"\n{'run':<6} {'assignment':<22} {'n':>6} {'wall s':>8} {'sub/s':>7} "
          f"{'grader MiB':>10} {'workers MiB':>16} {'launchers MiB':>16}")
    for r in runs:
        workers = "/".join(f"{v:.0f}" for v in r.peaks.workers.values()) or "-"
        launchers = "/".join(f"{v:.0f}" for v in r.peaks.launchers.values()) or "-"
        print(f"{r.label:<6} {r.assignment:<22} {r.n:>6} {r.wall:>8.1f} {r.n / r.wall:>7.2f} "
              f"{r.peaks.grader:>10.0f} {workers:>16} {launchers:>16}")
    print("\nper-submission cost (seconds) over the first k results, start-up included; marginal: "
          "between two points; RSS at k of the grader/largest worker/largest launcher")
    for r in runs:
        previous = (0, 0.0)
        cells = []
        for k in checkpoints(r.n):
            t = r.done_times[k - 1]
            marginal = (t - previous[1]) / (k - previous[0])
            cells.append(f"k={k}: {t / k:.3f} (marginal {marginal:.3f}, {memory_at(r, t)})")
            previous = (k, t)
        print(f"  {r.label:<6} {r.assignment:<22} " + "; ".join(cells))
    for label in dict.fromkeys(r.label for r in runs):
        mine = [r for r in runs if r.label == label]
        wall = sum(r.wall for r in mine)
        n = sum(r.n for r in mine)
        met = n == total and wall < TARGET_SECONDS
        ok &= met
        extra = ""
        if mine[0].peaks.scheduler:
            extra = f", scheduler and nannies (this process) peak {mine[0].peaks.scheduler:.0f} MiB"
        print(f"{label}: {n} submissions in {wall:.0f} s ({wall / 60:.1f} min, {n / wall:.2f}/s)"
              f"{extra}; target {total} in < {TARGET_SECONDS // 60} min: "
              f"{'met' if met else 'NOT MET'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="submissions in all")
    parser.add_argument("--runs", default="local,dask")
    parser.add_argument("--keep", help="write the class and results here, and keep them")
    parser.add_argument("--generate", help=argparse.SUPPRESS)  # the child that writes the class
    args = parser.parse_args()
    if args.generate:
        counts = generate(Path(args.generate), args.n)
        print(" ".join(f"{k}={v}" for k, v in counts.items()))
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="scale-"))
    try:
        started = time.time()
        child = subprocess.run([sys.executable, __file__, "--n", str(args.n), "--generate",
                                str(work / "class")], capture_output=True, text=True, cwd=KIT)
        if child.returncode:
            raise SystemExit(child.stderr)
        counts = dict(item.split("=") for item in child.stdout.split())
        print(f"wrote {args.n} submissions ({child.stdout.strip()}) in "
              f"{time.time() - started:.0f} s; load average {os.getloadavg()[0]:.1f}", flush=True)
        ok = True
        for label in args.runs.split(","):  # each run's report as soon as it is done
            ok &= report(run_all(label, work, list(counts)), args.n)
            sys.stdout.flush()
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run_all(label: str, work: Path, names: list[str]) -> list[Run]:
    (work / label).mkdir(parents=True, exist_ok=True)
    if label == "local":
        return [grade(label, name, work / "class" / name, work / label / name,
                      ["--jobs", "2"], []) for name in names]
    if label != "dask":
        raise SystemExit(f"unknown run {label!r}: local or dask")
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster:
        me = psutil.Process()
        workers = [p for p in me.children() if "spawn_main" in " ".join(p.cmdline())
                   and "resource_tracker" not in " ".join(p.cmdline())]
        return [grade(label, name, work / "class" / name, work / label / name,
                      ["--dask", cluster.scheduler_address], workers) for name in names]


if __name__ == "__main__":
    raise SystemExit(main())
