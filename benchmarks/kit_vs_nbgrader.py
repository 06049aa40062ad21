"""The kit's CLI against ``nbgrader autograde`` on the same notebook submissions, in one run.

    .venv/bin/python benchmarks/kit_vs_nbgrader.py [--students 20] [--assignment NAME]

Makes a temporary nbgrader course from this repository's, releases the assignment, writes one
notebook per pseudo-student (correct, untouched, and a different known mistake or a missing
exercise for each of the others), then grades them all with ``nbgrader autograde`` (sequential,
every cell executed in a Jupyter kernel, as nbgrader does) and with the kit
(``grade_many(..., jobs=2)``, as ``autograder grade DIR --jobs 2``). Prints both wall-clock times,
the throughput ratio, and the agreement of the scores, submission by submission and exercise by
exercise (the kit's exercise score against the gradebook's score of that exercise's hidden test
cell). Targets: the kit at least 10x faster; 100% agreement.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.batch import grade_many
from autograder.expected import expected_table
from autograder.notebooks import COURSE_DIR, render, student_notebook
from autograder.registry import get_assignment
from autograder.sources import renamed_source
from autograder.spec import resolve


def pseudo_students(assignment, n: int) -> dict[str, nbformat.NotebookNode]:
    """n notebooks: a correct one, an untouched one, then one mistake or gap each, in turn."""
    variants = [{}]  # correct
    variants.append(None)  # untouched stub
    for exercise in assignment.exercises:
        for mistake in exercise.mistakes[:2]:
            variants.append({exercise.name: renamed_source(resolve(mistake.implementation),
                                                           exercise.name)})
        variants.append({exercise.name: None})  # left as the stub
    students = {}
    for i in range(n):
        answers = variants[i % len(variants)]
        nb = (student_notebook(assignment, default="stub") if answers is None
              else student_notebook(assignment, answers))
        students[f"student{i:02d}"] = nb
    return students


def run_nbgrader(course: Path, *args: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stdout + done.stderr)


def gradebook(course: Path, name: str, students) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in students:
            nb = gb.find_submission_notebook(name, name, student)
            scores[student] = {g.name.removesuffix("-tests"): g.score for g in nb.grades
                               if g.name.endswith("-tests")}
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--assignment", default="optimization_methods")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    name = args.assignment
    assignment = get_assignment(name)
    expected_table(assignment)  # computed once per version of the kit, cached for both graders
    course = Path(tempfile.mkdtemp(prefix="kit-vs-nbgrader-"))
    try:
        shutil.copy(COURSE_DIR / "nbgrader_config.py", course)
        shutil.copytree(COURSE_DIR / "source" / name, course / "source" / name)
        run_nbgrader(course, "generate_assignment", name, "--force")
        students = pseudo_students(assignment, args.students)
        for student, nb in students.items():
            folder = course / "submitted" / student / name
            folder.mkdir(parents=True)
            (folder / f"{name}.ipynb").write_text(render(nb))

        started = time.perf_counter()
        run_nbgrader(course, "autograde", name)
        nbgrader_seconds = time.perf_counter() - started

        started = time.perf_counter()
        results = grade_many([course / "submitted"], assignment, jobs=args.jobs, progress=False)
        kit_seconds = time.perf_counter() - started

        nb_scores = gradebook(course, name, students)
        kit_scores = {Path(r.submission).parts[-3]: {e.name: e.score for e in r.exercises}
                      for r in results}
        cells = [(s, e) for s in students for e in nb_scores[s]]
        agree_cells = sum(nb_scores[s][e] == kit_scores[s][e] for s, e in cells)
        agree_subs = sum(nb_scores[s] == kit_scores[s] for s in students)
        n = len(students)
        print(f"assignment {name}, {n} notebook submissions, this machine ({os.cpu_count()} cores)")
        print(f"nbgrader autograde     : {nbgrader_seconds:8.1f} s  ({n / nbgrader_seconds:6.2f} "
              "submissions/s)")
        print(f"kit, --jobs {args.jobs}          : {kit_seconds:8.1f} s  ({n / kit_seconds:6.2f} "
              "submissions/s)")
        ratio = nbgrader_seconds / kit_seconds
        print(f"throughput ratio       : {ratio:8.1f}x  (target >= 10x: "
              f"{'met' if ratio >= 10 else 'NOT MET'})")
        print(f"agreement, submissions : {agree_subs}/{n}")
        print(f"agreement, exercises   : {agree_cells}/{len(cells)} "
              f"({100 * agree_cells / len(cells):.1f}%; target 100%: "
              f"{'met' if agree_cells == len(cells) else 'NOT MET'})")
        for s, e in cells:
            if nb_scores[s][e] != kit_scores[s][e]:
                print(f"  differs: {s} {e}: nbgrader {nb_scores[s][e]} kit {kit_scores[s][e]}")
        return 0 if ratio >= 10 and agree_cells == len(cells) else 1
    finally:
        shutil.rmtree(course, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
