"""The hostile corpus on nbgrader's path: ``nbgrader autograde`` running the kit's hidden test cells.

A tiny course in a temporary folder (the kit's ``nbgrader_config.py``, one notebook with the
imports cell and, for three fast exercises, the solution, check and hidden test cells), one
student per applicable case plus a correct student and a stub student, ONE autograde run for all;
then the gradebook must hold the expected score of every hidden test cell.

Each hostile function is put in the solution cell: on this path it runs only in the forked,
sandboxed child of a hidden test cell (the kit's OverwriteCells turns the check cells, which
would call it in the kernel itself, into comments). Cases marked ``cell`` also add a cell of
their own after the imports: that code runs in the shared kernel, outside any sandbox. What the
kit cannot prevent there (README, "Under nbgrader") is asserted as it happens, with the reason
(``Case.nbgrader_limitation``), so that a change of that behaviour is noticed:

- a cell of the student's reads the expected-value cache in the kernel (the cheat works).

Patching NumPy or ``builtins.float`` in the kernel no longer helps: the comparison and the score
are made in the grader's own process, which never runs student code, and a graded function finds
no reference in the memory of the kernel it was forked from.

Cases left out here: module-level hangs and crashes (in a student's own cell they hang or kill
the kernel itself: nbgrader's cell timeout and a failed notebook, nothing the kit can do), the
fork bomb, broken files (nbgrader reads them, not the kit), and ``patch_isinstance`` (it breaks
the kernel).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, sandbox_processes
from corpus import ASSIGNMENT, ATTACKED, CASES, POINTS, hostile_function, render_text

from autograder.hidden_tests import CELL_LIMITS
from autograder.nbgrader_ext import NOT_RUN
from autograder.notebooks import COURSE_DIR, _meta, exercise_cells
from autograder.sources import assignment_imports, strip_markers

# if autograde ever hangs on a case, fail instead of hanging the suite
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

NAME = "hostile"  # the nbgrader assignment; its hidden test cells grade optimization_methods
NB_CASES = [c for c in CASES if c.nbgrader and (ROOT or not c.needs_root)]
#: a hidden test cell's own limit: a hanging case costs that much, never nbgrader's cell timeout
CELL_SECONDS = CELL_LIMITS.time_seconds


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    # nbgrader runs `alembic` from PATH when it creates a gradebook
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    return done


def source_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                  "language": "python"},
                   "language_info": {"name": "python"}}
    imports = nbformat.v4.new_code_cell(
        (assignment_imports(ASSIGNMENT) + "from course_lib.checks import check").rstrip("\n"),
        metadata=_meta("imports"))
    imports.id = "imports"
    nb.cells.append(imports)
    for name in ATTACKED:
        nb.cells += exercise_cells(ASSIGNMENT, ASSIGNMENT.exercise(name))
    return nb


def solution_sources(nb: nbformat.NotebookNode) -> dict[str, str]:
    return {c.metadata["nbgrader"]["grade_id"]: strip_markers(c.source).rstrip("\n")
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")}


def student(release, solutions: dict[str, str], case, env: dict) -> nbformat.NotebookNode:
    """The released notebook answered correctly, but for what ``case`` does."""
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            cell.source = solutions[grade_id]
            if case is not None and grade_id == case.target:
                cell.source = render_text(hostile_function(case), env)
    if case is not None and case.nbgrader == "cell":
        nb.cells.insert(1, nbformat.v4.new_code_cell(render_text(textwrap.dedent(case.top), env)))
    return nb


@dataclass
class Course:
    path: Path
    students: list[str]
    wall: float
    leftovers: list[str]
    planted: list[str]
    planted_later: list[str]
    connections: int


@pytest.fixture(scope="module")
def course(tmp_path_factory, watch) -> Course:
    path = tmp_path_factory.mktemp("course")
    shutil.copy(COURSE_DIR / "nbgrader_config.py", path)
    source = source_notebook()
    (path / "source" / NAME).mkdir(parents=True)
    nbformat.write(source, path / "source" / NAME / f"{NAME}.ipynb")
    nbgrader(path, "generate_assignment", NAME, "--force")
    release = nbformat.read(path / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    solutions = solution_sources(source)
    students = {"correct": student(release, solutions, None, watch.env),
                "stub": nbformat.from_dict(release)}
    for case in NB_CASES:
        students[case.name] = student(release, solutions, case, watch.env)
    for name, nb in students.items():
        folder = path / "submitted" / name / NAME
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{NAME}.ipynb")
    started = time.monotonic()
    nbgrader(path, "autograde", NAME)
    wall = time.monotonic() - started
    leftovers = sandbox_processes(watch.token)
    planted = watch.planted()
    watch.remove_planted()
    time.sleep(0.5)
    return Course(path, list(students), wall, leftovers, planted, watch.planted(),
                  watch.connections())


def gradebook_scores(course: Course, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.path / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(NAME, NAME, student)
        return {g.name.removesuffix("-tests"): g.score for g in submission.grades
                if g.name.endswith("-tests")}


def hidden_cells(course: Course, student: str) -> dict[str, nbformat.NotebookNode]:
    """The hidden test cells of a student's autograded notebook, by exercise."""
    nb = nbformat.read(course.path / "autograded" / student / NAME / f"{NAME}.ipynb", 4)
    return {c.metadata["nbgrader"]["grade_id"].removesuffix("-tests"): c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and
            not c.metadata["nbgrader"].get("solution")}


def stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


@pytest.mark.parametrize("case", NB_CASES, ids=lambda c: c.name)
def test_each_case_gets_its_expected_scores_from_nbgrader(course, case):
    scores = gradebook_scores(course, case.name)
    why = case.nbgrader_limitation or case.what
    assert scores == case.expected_nbgrader_scores(), why
    message = case.nbgrader_message if case.nbgrader_message is not None else case.message
    if message and not case.nbgrader_limitation:
        text = stdout(hidden_cells(course, case.name)[case.target])
        assert message in text, text


def test_correct_and_stub_students_score_full_and_zero(course):
    assert gradebook_scores(course, "correct") == {name: POINTS[name] for name in ATTACKED}
    assert gradebook_scores(course, "stub") == {name: 0 for name in ATTACKED}
    for cell in hidden_cells(course, "stub").values():
        assert "not implemented yet" in stdout(cell)


def test_hidden_test_cells_write_no_stderr_and_return_plain_floats(course):
    for name in course.students:
        for exercise, cell in hidden_cells(course, name).items():
            kinds = [(o.get("output_type"), o.get("name")) for o in cell.get("outputs", [])]
            assert ("stream", "stderr") not in kinds and ("error", None) not in kinds, (
                name, exercise, cell.outputs)
            values = [o["data"]["text/plain"] for o in cell.outputs
                      if o.get("output_type") == "execute_result"]
            assert len(values) == 1 and float(values[0]) >= 0, (name, exercise, values)
            assert "np.float" not in values[0]


def test_check_cells_are_not_run_by_autograde(course):
    nb = nbformat.read(course.path / "autograded" / "infinite_loop" / NAME / f"{NAME}.ipynb", 4)
    checks = [c for c in nb.cells if "check" in c.metadata.get("tags", [])]
    assert len(checks) == len(ATTACKED)
    assert all(c.source.startswith(NOT_RUN) and not c.outputs for c in checks)


def test_autograde_is_bounded_by_the_cells_own_limits(course):
    hanging = sum(c.name in ("infinite_loop", "long_sleep") for c in NB_CASES)
    # a few seconds per student (a kernel, three hidden test cells), plus a hidden test cell's
    # whole limit for each hanging case: never nbgrader's 180 s cell timeout
    assert course.wall < 6 * len(course.students) + hanging * CELL_SECONDS, course.wall


def test_no_sandbox_process_is_left_and_nothing_got_out(course):
    assert course.leftovers == []
    assert sandbox_processes() == []
    assert course.planted == [] and course.planted_later == []
    assert course.connections == 0
