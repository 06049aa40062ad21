"""``nbgrader autograde`` (the course's configuration: the kit's engine) against ``autograder grade``.

    .venv/bin/python benchmarks/kit_vs_nbgrader.py [--students 20] [--class-size 100]
        [--demo-students 5] [--stock-students 0] [--assignment NAME]

Makes temporary nbgrader courses from this repository's, releases the assignment, writes one
notebook per pseudo-student (correct, untouched, and a different known mistake or a missing
exercise for each of the others), then measures, each in one run:

1. ``nbgrader autograde`` of ``--students`` submissions with the course's configuration
   (KitExecute: one warm sandboxed launcher for the run) and the command ``autograder grade
   submitted/ --jobs 2`` on the same submitted files, each a command started from the shell (its
   start-up, imports and launchers included, as nbgrader's are): both wall-clock times, the ratio
   (target: nbgrader at most 3x the kit's command) and the agreement of the scores, exercise by
   exercise (the gradebook's score of each hidden test cell against the kit's exercise score;
   target 100%). The time of ``grade_many`` called in this process (no start-up) is shown too;
2. ``nbgrader autograde`` of a class of ``--class-size``: seconds per notebook;
3. the same with ``KitExecute.run_demonstrations = True`` on ``--demo-students``: the cost of the
   demonstration switch, per notebook;
4. optionally (``--stock-students N``), nbgrader's own Execute (hidden tests in a kernel, as a stock
   configuration grades): seconds per notebook (about 30 s: slow, off by default).
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

from autograder.build.notebooks import COURSE_DIR, render, student_notebook
from autograder.course.expected import expected_table
from autograder.course.registry import get_assignment
from autograder.course.sources import renamed_source
from autograder.course.spec import resolve
from autograder.engine.batch import grade_many

STOCK = '''
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute", "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata"]
'''
DEMONSTRATIONS = "\nc.KitExecute.run_demonstrations = True\n"


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
        students[f"student{i:03d}"] = nb
    return students


def run_nbgrader(course: Path, *args: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stdout + done.stderr)


def make_course(root: Path, assignment, n: int, extra_config: str = "") -> Path:
    course = Path(tempfile.mkdtemp(prefix="course-", dir=root))
    (course / "nbgrader_config.py").write_text(
        (COURSE_DIR / "nbgrader_config.py").read_text() + extra_config)
    shutil.copytree(COURSE_DIR / "source" / assignment.name, course / "source" / assignment.name)
    run_nbgrader(course, "generate_assignment", assignment.name, "--force")
    for student, nb in pseudo_students(assignment, n).items():
        folder = course / "submitted" / student / assignment.name
        folder.mkdir(parents=True)
        (folder / f"{assignment.name}.ipynb").write_text(render(nb))
    return course


def autograde_seconds(course: Path, name: str) -> float:
    started = time.perf_counter()
    run_nbgrader(course, "autograde", name)
    return time.perf_counter() - started


def command_seconds(course: Path, name: str, jobs: int) -> float:
    """Wall-clock time of the command ``autograder grade submitted/ -a NAME --jobs N``."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", "submitted", "-a", name,
                           "--jobs", str(jobs), "--format", "json"], cwd=course,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(done.stdout[-2000:] + done.stderr[-2000:])
    return seconds


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
    parser.add_argument("--class-size", type=int, default=100)
    parser.add_argument("--demo-students", type=int, default=5)
    parser.add_argument("--stock-students", type=int, default=0)
    parser.add_argument("--assignment", default="optimization_methods")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    name = args.assignment
    assignment = get_assignment(name)
    expected_table(assignment)  # computed once per version of the kit, cached for both graders
    root = Path(tempfile.mkdtemp(prefix="kit-vs-nbgrader-"))
    try:
        n = args.students
        course = make_course(root, assignment, n)
        nbgrader_seconds = autograde_seconds(course, name)
        kit_seconds = command_seconds(course, name, args.jobs)
        started = time.perf_counter()
        results = grade_many([course / "submitted"], assignment, jobs=args.jobs, progress=False)
        in_process_seconds = time.perf_counter() - started

        students = [f"student{i:03d}" for i in range(n)]
        nb_scores = gradebook(course, name, students)
        kit_scores = {Path(r.submission).parts[-3]: {e.name: e.score for e in r.exercises}
                      for r in results}
        cells = [(s, e) for s in students for e in nb_scores[s]]
        agree_cells = sum(nb_scores[s][e] == kit_scores[s][e] for s, e in cells)
        ratio = nbgrader_seconds / kit_seconds
        print(f"assignment {name}, this machine ({os.cpu_count()} cores)")
        print(f"{n} submissions:")
        print(f"  nbgrader autograde (KitExecute) : {nbgrader_seconds:7.1f} s")
        print(f"  autograder grade --jobs {args.jobs}      : {kit_seconds:7.1f} s  (the command)")
        print(f"  grade_many, in this process     : {in_process_seconds:7.1f} s  (no start-up; "
              f"nbgrader / this: {nbgrader_seconds / in_process_seconds:.2f}x)")
        print(f"  ratio, command to command       : {ratio:7.2f}x  (target <= 3x: "
              f"{'met' if ratio <= 3 else 'NOT MET'})")
        print(f"  agreement, exercises            : {agree_cells}/{len(cells)} "
              f"({'met' if agree_cells == len(cells) else 'NOT MET'})")
        for s, e in cells:
            if nb_scores[s][e] != kit_scores[s][e]:
                print(f"    differs: {s} {e}: nbgrader {nb_scores[s][e]} kit {kit_scores[s][e]}")
        ok = ratio <= 3 and agree_cells == len(cells)

        if args.class_size:
            big = make_course(root, assignment, args.class_size)
            seconds = autograde_seconds(big, name)
            print(f"class of {args.class_size}: nbgrader autograde {seconds:.1f} s, "
                  f"{seconds / args.class_size:.2f} s per notebook")
        if args.demo_students:
            demo = make_course(root, assignment, args.demo_students, DEMONSTRATIONS)
            seconds = autograde_seconds(demo, name)
            print(f"run_demonstrations = True, {args.demo_students} submissions: {seconds:.1f} s, "
                  f"{seconds / args.demo_students:.2f} s per notebook (default: "
                  f"{nbgrader_seconds / n:.2f} s)")
        if args.stock_students:
            stock = make_course(root, assignment, args.stock_students, STOCK)
            seconds = autograde_seconds(stock, name)
            print(f"stock Execute (kernel), {args.stock_students} submissions: {seconds:.1f} s, "
                  f"{seconds / args.stock_students:.2f} s per notebook")
        return 0 if ok else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
