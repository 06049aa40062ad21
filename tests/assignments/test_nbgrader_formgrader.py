"""Autograde as the formgrader runs it: in its own long-lived process, one run after another.

The formgrader's "autograde" button calls ``NbGraderAPI.autograde``, which runs nbgrader's
Autograde converter inside the Jupyter server's process. Two runs there, with the course's
configuration, a changed source notebook between them: each run grades with what the gradebook
says at that time, and nothing of a run (grading pool, launchers) outlives it for long.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader_cli import nbgrader

from autograder.build.notebooks import COURSE_DIR, render, student_notebook
from autograder.course.registry import get_assignment
from autograder.deliver.nbgrader import kit_execute

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]
NAME = "optimization_methods"


def test_two_formgrader_runs_in_one_process(tmp_path, monkeypatch):
    from nbgrader.api import Gradebook
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(COURSE_DIR / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(COURSE_DIR / "source" / NAME, course / "source" / NAME)
    nbgrader(course, "generate_assignment", NAME, "--force")
    assignment = get_assignment(NAME)
    for student in ("amy", "ben"):
        folder = course / "submitted" / student / NAME
        folder.mkdir(parents=True)
        (folder / f"{NAME}.ipynb").write_text(render(student_notebook(assignment)))

    monkeypatch.chdir(course)
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    api = NbGraderAPI(coursedir=CourseDirectory(config=config, root=str(course)), config=config)
    url = f"sqlite:///{course / 'gradebook.db'}"

    def scores(student):
        with Gradebook(url) as gb:
            nb = gb.find_submission_notebook(NAME, NAME, student)
            return {g.name: g.score for g in nb.grades if g.name.endswith("-tests")}

    done = api.autograde(NAME, "amy")
    assert done["success"], done.get("error") or done.get("log")
    first = scores("amy")
    assert first and all(first[f"{e.name}-tests"] == e.points for e in assignment.exercises)
    assert kit_execute._POOLS, "the run graded in a pool"

    # between the runs, the instructor points the test cell of the exercise worth most at another
    # exercise, worth less, with that exercise's points (points come from one place): the next
    # run must read the gradebook again
    source = course / "source" / NAME / f"{NAME}.ipynb"
    nb = nbformat.read(source, 4)
    most = max(assignment.exercises, key=lambda e: e.points)
    other = next(e for e in assignment.exercises if e.points < most.points)
    changed = f"{most.name}-tests"
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == changed)
    cell.source = cell.source.replace(f'"{most.name}"', f'"{other.name}"')
    cell.metadata.nbgrader["points"] = other.points
    nbformat.write(nb, source)
    nbgrader(course, "generate_assignment", NAME, "--force")

    done = api.autograde(NAME, "ben")
    assert done["success"], done.get("error") or done.get("log")
    second = scores("ben")
    # the changed cell now grades the other exercise (a correct answer: its points)
    assert second[changed] == other.points and first[changed] == most.points
    assert kit_execute._TESTS, "the second run read the gradebook"

    del api, done
    gc.collect()
    assert not kit_execute._POOLS, "the last run's pool outlived its converter"
    left = subprocess.run(["pgrep", "-P", str(os.getpid()), "-f", "pool_process"],
                          capture_output=True, text=True).stdout.split()
    assert not left, "a grading pool process outlived its run"
