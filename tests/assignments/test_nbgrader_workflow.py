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

from autograder.grading import grade
from autograder.notebooks import COURSE_DIR
from autograder.registry import get_assignment
from autograder.sources import renamed_source, strip_markers
from autograder.spec import resolve

pytestmark = pytest.mark.slow
NAME = "optimization_methods"


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


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copy(COURSE_DIR / "nbgrader_config.py", course)
    shutil.copytree(COURSE_DIR / "source" / NAME, course / "source" / NAME)
    nbgrader(course, "generate_assignment", NAME, "--force")
    release = nbformat.read(course / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    assignment = get_assignment(NAME)
    solutions = {e.name: strip_markers(
        next(c.source for c in nbformat.read(COURSE_DIR / "source" / NAME / f"{NAME}.ipynb", 4)
             .cells if c.metadata.get("nbgrader", {}).get("grade_id") == e.name)).rstrip()
        for e in assignment.exercises}
    adam = assignment.exercise("update_parameters_with_adam")
    mistake = next(m for m in adam.mistakes if m.name == "no_bias_correction")
    partial = dict(solutions)
    partial["update_parameters_with_adam"] = renamed_source(resolve(mistake.implementation),
                                                            adam.name)
    del partial["random_mini_batches"]  # left as the stub
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
    return course, assignment, students


def gradebook_scores(course: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(NAME, NAME, student)
        return {g.name.removesuffix("-tests"): g.score for g in submission.grades
                if g.name.endswith("-tests")}


def test_gradebook_matches_the_expected_scores(course):
    course, assignment, _ = course
    points = {e.name: e.points for e in assignment.exercises}
    assert gradebook_scores(course, "full") == points
    assert gradebook_scores(course, "stub") == {name: 0 for name in points}
    partial = gradebook_scores(course, "partial")
    assert partial["random_mini_batches"] == 0
    assert 0 < partial["update_parameters_with_adam"] < points["update_parameters_with_adam"]
    assert {k: v for k, v in partial.items()
            if k not in ("random_mini_batches", "update_parameters_with_adam")} == {
        k: v for k, v in points.items()
        if k not in ("random_mini_batches", "update_parameters_with_adam")}
    # editing a locked test cell or deleting it changes nothing: nbgrader restores both
    assert gradebook_scores(course, "tamperer") == points


def test_the_kits_cli_gives_the_same_scores(course):
    course, assignment, students = course
    for student in students:
        result = grade(course / "submitted" / student / NAME / f"{NAME}.ipynb", assignment)
        assert {e.name: e.score for e in result.exercises} == gradebook_scores(course, student)


def test_feedback_shows_no_hidden_test_code(course):
    course, _, students = course
    for student in students:
        html = (course / "feedback" / student / NAME / f"{NAME}.html").read_text()
        assert "BEGIN HIDDEN TESTS" not in html
        assert "hidden_tests" not in html and "score(&quot;" not in html
        assert "Autograder tests for update_parameters_with_adam" in html


def test_no_cell_of_the_autograded_notebooks_wrote_to_stderr(course):
    course, _, students = course
    for student in students:
        nb = nbformat.read(course / "autograded" / student / NAME / f"{NAME}.ipynb", 4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                assert not (out.get("output_type") == "stream" and out.get("name") == "stderr"), (
                    student, cell.source[:80], out.get("text", "")[:300])
