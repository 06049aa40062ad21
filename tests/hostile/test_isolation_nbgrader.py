"""Nothing is shared between submissions under ``nbgrader autograde`` (the course's configuration):
the IPC relay, the IPC hog and the PID view of ``test_isolation_cli.py``, as students of one
autograde run, beside a correct and a stub student who keep exactly their scores.

The course is built as in ``test_hostile_nbgrader.py`` (its helpers): the kit's configuration,
one notebook with the three attacked exercises. Students are graded in the order of their names,
so ``a_publisher`` (correct answers, plus a cell that publishes the correct functions' source in
SysV shared memory) is graded before ``b_reader`` (the untouched release notebook, plus a last
cell that reads and runs them).
"""

from __future__ import annotations

import nbformat
import pytest
from conftest import ROOT
from corpus import ATTACKED, LR, POINTS, Case
from test_hostile_nbgrader import (
    NAME,
    gradebook_scores,
    nbgrader,
    solution_sources,
    source_notebook,
    student,
)
from test_isolation_cli import HOG, PID_VIEW, PUBLISH, READ, sandbox_segments

from autograder.build.notebooks import COURSE_DIR

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900),
              pytest.mark.skipif(not ROOT, reason="namespaces are made by root here")]

LIMITS = {"time_limit": 30, "item_time_limit": 10, "memory_limit": 1024**3}
FULL = {name: POINTS[name] for name in ATTACKED}
ZERO = dict.fromkeys(ATTACKED, 0)


class _Course:
    def __init__(self, path):
        self.path = path


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> _Course:
    path = tmp_path_factory.mktemp("course")
    config = (COURSE_DIR / "nbgrader_config.py").read_text()
    config += "".join(f"\nc.KitExecute.{k} = {v!r}" for k, v in LIMITS.items()) + "\n"
    (path / "nbgrader_config.py").write_text(config)
    source = source_notebook()
    (path / "source" / NAME).mkdir(parents=True)
    nbformat.write(source, path / "source" / NAME / f"{NAME}.ipynb")
    nbgrader(path, "generate_assignment", NAME, "--force")
    release = nbformat.read(path / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    solutions = solution_sources(source)
    reader = nbformat.from_dict(release)
    reader.cells.append(nbformat.v4.new_code_cell(READ))
    students = {
        "correct": student(release, solutions, None, {}),
        "stub": nbformat.from_dict(release),
        "a_publisher": student(release, solutions, Case("publish", "", top=PUBLISH), {}),
        "b_reader": reader,
        "hog": student(release, solutions, Case("hog", "", top=HOG), {}),
        "pid_view": student(release, solutions, Case("pid_view", "", LR, PID_VIEW), {}),
    }
    for name, nb in students.items():
        folder = path / "submitted" / name / NAME
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{NAME}.ipynb")
    nbgrader(path, "autograde", NAME)
    return _Course(path)


def test_honest_students_keep_full_marks_and_zero(course):
    assert gradebook_scores(course, "correct") == FULL
    assert gradebook_scores(course, "stub") == ZERO


def test_an_ipc_relay_between_two_students_scores_nothing(course):
    assert gradebook_scores(course, "a_publisher") == FULL
    assert gradebook_scores(course, "b_reader") == ZERO


def test_an_ipc_hog_leaves_no_segment(course):
    assert gradebook_scores(course, "hog") == FULL
    assert sandbox_segments() == []


def test_a_student_sees_only_its_own_processes(course):
    assert gradebook_scores(course, "pid_view") == FULL
