"""Throughput of the kit's grader on this machine: module and notebook submissions, --jobs 2.

    .venv/bin/python benchmarks/grading_speed.py [--submissions 200] [--jobs 2]

For each assignment it writes a class of submissions (correct, untouched stub and typical
mistakes, in turn) as modules and as notebooks, grades each folder with ``grade_many`` (what
``autograder grade DIR --jobs N`` runs), and prints:

- ``total/s``: submissions per second over the whole run, wall clock included: starting the
  workers (one TensorFlow import per worker where the assignment needs it) and reading the
  cached expected values;
- ``steady/s``: the rate once the workers are up, (N - 4) / (time for N - time for 4).

The expected values are computed once per version of the kit and cached; the time of the cold
computation is printed too. Targets: 10 modules/s and 2 notebooks/s (total, for a class of 200).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from autograder.build.examples import example_modules, example_notebooks
from autograder.course.expected import compute_expected, expected_table
from autograder.course.registry import assignment_names, get_assignment
from autograder.engine.batch import grade_many

TARGETS = {"module": 10.0, "notebook": 2.0}


def write_class(folder: Path, files: dict[str, str], n: int) -> None:
    names = sorted(files)
    for i in range(n):
        name = names[i % len(names)]
        student = folder / f"student{i:03d}"
        student.mkdir(parents=True)
        (student / f"submission{Path(name).suffix}").write_text(files[name])


def timed_batch(assignment, files: dict[str, str], n: int, jobs: int) -> tuple[float, int]:
    """Seconds to grade a class of n submissions with grade_many, and how many were graded."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{assignment.name}-"))
    try:
        write_class(folder, files, n)
        started = time.perf_counter()
        results = grade_many([folder], assignment, jobs=jobs, progress=False)
        return time.perf_counter() - started, len(results)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    ok = True
    print(f"{'assignment':<22} {'kind':<9} {'n':>4} {'seconds':>8} {'total/s':>8} "
          f"{'steady/s':>9}  target (total)")
    for name in assignment_names():
        assignment = get_assignment(name)
        started = time.perf_counter()
        compute_expected(assignment)
        cold = time.perf_counter() - started
        expected_table(assignment)  # make sure the cache is warm, as after any first run
        print(f"{name:<22} expected values computed cold in {cold:.1f} s (then cached)")
        kinds = {"module": example_modules(assignment), "notebook": example_notebooks(assignment)}
        for kind, files in kinds.items():
            if not files:
                print(f"{name:<22} {kind:<9} (no notebook yet)")
                continue
            small = timed_batch(assignment, files, 4, args.jobs)[0]
            seconds, n = timed_batch(assignment, files, args.submissions, args.jobs)
            rate, steady = n / seconds, (n - 4) / max(seconds - small, 1e-9)
            met = rate >= TARGETS[kind]
            ok &= met
            print(f"{name:<22} {kind:<9} {n:>4} {seconds:>8.2f} {rate:>8.1f} {steady:>9.1f}  "
                  f">= {TARGETS[kind]:g}: {'met' if met else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
