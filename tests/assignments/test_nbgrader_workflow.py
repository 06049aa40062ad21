"""The whole nbgrader workflow in a temporary course, and the kit's CLI on the same notebooks.

generate_assignment -> four pseudo-students submit -> autograde -> the gradebook holds the
expected score for every graded cell -> generate_feedback writes HTML without hidden test code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.examples import mistaken_exercises
from autograder.grading import grade
from autograder.notebooks import COURSE_DIR
from autograder.registry import get_assignment
from autograder.sources import renamed_source, strip_markers
from autograder.spec import resolve

pytestmark = pytest.mark.slow


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    # nbgrader runs `alembic` from PATH when it creates a gradebook
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def fill(release: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A student's copy of the released notebook with some solution cells answered."""
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


@pytest.fixture(scope="module", params=["optimization_methods", "batchnorm_softmax"])
def course(request, tmp_path_factory):
    global NAME
    NAME = request.param
    course = tmp_path_factory.mktemp("course")
    shutil.copy(COURSE_DIR / "nbgrader_config.py", course)
    shutil.copytree(COURSE_DIR / "source" / NAME, course / "source" / NAME)
    nbgrader(course, "generate_assignment", NAME, "--force")
    release = nbformat.read(course / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    assignment = get_assignment(NAME)
    source_nb = nbformat.read(COURSE_DIR / "source" / NAME / f"{NAME}.ipynb", 4)
    solutions = {e.name: strip_markers(next(
        c.source for c in source_nb.cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == e.name)).rstrip()
        for e in assignment.exercises}
    partial = dict(solutions)
    wrong = mistaken_exercises(assignment)
    for name, mistake in wrong.items():
        partial[name] = renamed_source(resolve(mistake.implementation), name)
    left_as_stub = next(e.name for e in assignment.exercises if e.name not in wrong)
    del partial[left_as_stub]
    tamperer = fill(release, solutions)
    tests = [c for c in tamperer.cells if c.metadata.get("nbgrader", {}).get("grade")]
    tests[0].source = "7.0  # the student typed a score into a locked test cell"
    tamperer.cells.remove(tests[1])  # and deleted another test cell
    students = {
        "full": fill(release, solutions),
        "stub": fill(release, {}),
        "partial": fill(release, partial),
        "tamperer": tamperer,
    }
    for student, nb in students.items():
        folder = course / "submitted" / student / NAME
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{NAME}.ipynb")
    nbgrader(course, "autograde", NAME)
    nbgrader(course, "generate_feedback", NAME)
    return course, assignment, students, wrong, left_as_stub


def gradebook_scores(course: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(NAME, NAME, student)
        return {g.name.removesuffix("-tests"): g.score for g in submission.grades
                if g.name.endswith("-tests")}


def test_gradebook_matches_the_expected_scores(course):
    course, assignment, _, wrong, left_as_stub = course
    points = {e.name: e.points for e in assignment.exercises}
    assert gradebook_scores(course, "full") == points
    assert gradebook_scores(course, "stub") == {name: 0 for name in points}
    partial = gradebook_scores(course, "partial")
    assert partial[left_as_stub] == 0
    for name in wrong:
        assert partial[name] < points[name]
    needing = {e.name for e in assignment.exercises if set(e.needs) & set(wrong)}
    assert {k: v for k, v in partial.items() if k not in {left_as_stub, *wrong, *needing}} == {
        k: v for k, v in points.items() if k not in {left_as_stub, *wrong, *needing}}
    # editing a locked test cell or deleting it changes nothing: nbgrader restores both
    assert gradebook_scores(course, "tamperer") == points


def test_the_kits_cli_gives_the_same_scores(course):
    course, assignment, students, _, _ = course
    for student in students:
        result = grade(course / "submitted" / student / NAME / f"{NAME}.ipynb", assignment)
        assert {e.name: e.score for e in result.exercises} == gradebook_scores(course, student)


def test_feedback_shows_no_hidden_test_code(course):
    course, assignment, students, _, _ = course
    for student in students:
        html = (course / "feedback" / student / NAME / f"{NAME}.html").read_text()
        assert "BEGIN HIDDEN TESTS" not in html
        assert "hidden_tests" not in html and "score(&quot;" not in html
        assert f"Autograder tests for {assignment.exercises[-1].name}" in html


def test_no_cell_of_the_autograded_notebooks_wrote_to_stderr(course):
    course, _, students, _, _ = course
    for student in students:
        nb = nbformat.read(course / "autograded" / student / NAME / f"{NAME}.ipynb", 4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                assert not (out.get("output_type") == "stream" and out.get("name") == "stderr"), (
                    student, cell.source[:80], out.get("text", "")[:300])


def test_the_committed_release_is_what_nbgrader_generates(course):
    course = course[0]
    generated = (course / "release" / NAME / f"{NAME}.ipynb").read_text()
    committed = COURSE_DIR / "release" / NAME / f"{NAME}.ipynb"
    assert committed.read_text() == generated, (
        "run: cd assignments && nbgrader generate_assignment NAME --force")


def test_the_release_runs_top_to_bottom_with_friendly_failures_only(course):
    from nbclient import NotebookClient

    course, assignment, _, _, _ = course
    nb = nbformat.read(course / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(course / "release" / NAME)}}).execute()
    checks = [c for c in nb.cells if "check" in c.metadata.get("tags", [])]
    assert len(checks) == len(assignment.exercises)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", cell.source[:200]
            assert out.get("name") != "stderr", (cell.source[:200], out.get("text", "")[:300])
    for cell in checks:
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert "not implemented yet" in text, text
