"""The kit's faster versions of nbgrader's gradebook steps write and find what nbgrader's do.

A small course notebook (a task cell, a manually graded answer, a solution cell, autograded
answer, test cells with a partial score, an error and no output) goes into a gradebook through
nbgrader's own ComputeChecksums and SaveCells, as generate_assignment puts it there; two students
get a submission. Then:

- NotebookGradebook finds, for every name, the same rows as nbgrader's Gradebook, and raises
  MissingEntry where it does;
- the kit's SaveAutoGrades leaves the gradebook exactly as nbgrader's SaveAutoGrades does
  (scores, manual-grade flags, comments, a grader's manual score kept), and saves nothing of a
  notebook it cannot save whole.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import ComputeChecksums, SaveCells
from nbgrader.preprocessors import SaveAutoGrades as NbgraderSaveAutoGrades

from autograder.deliver.nbgrader.gradebook import NotebookGradebook
from autograder.deliver.nbgrader.save_grades import SaveAutoGrades

ASSIGNMENT, NOTEBOOK = "week", "week"


def meta(grade_id, *, grade=False, solution=False, locked=False, points=None, task=False):
    data = {"grade_id": grade_id, "grade": grade, "solution": solution, "locked": locked,
            "schema_version": 3, "task": task}
    if points is not None:
        data["points"] = points
    return {"nbgrader": data}


def source_notebook() -> nbformat.NotebookNode:
    return new_notebook(cells=[
        new_markdown_cell("Read this.", metadata=meta("intro", locked=True)),
        new_markdown_cell("Explain it.", metadata=meta("task1", task=True, points=2, locked=True)),
        new_markdown_cell("Your answer", metadata=meta("essay", grade=True, solution=True,
                                                       points=3)),
        new_code_cell("def f():\n    raise NotImplementedError()", metadata=meta("answer",
                                                                                solution=True)),
        new_code_cell("x = None", metadata=meta("both", grade=True, solution=True, points=1)),
        new_code_cell("print(f())", metadata=meta("partial", grade=True, locked=True, points=4)),
        new_code_cell("f()", metadata=meta("error", grade=True, locked=True, points=2)),
        new_code_cell("assert True", metadata=meta("silent", grade=True, locked=True, points=1)),
    ])


def submitted_notebook() -> nbformat.NotebookNode:
    nb = source_notebook()
    ComputeChecksums().preprocess(nb, {})
    cells = {c.metadata.nbgrader.grade_id: c for c in nb.cells}
    cells["answer"].source = "def f():\n    return 1"
    cells["essay"].source = "Because it is."
    cells["partial"].outputs = [new_output("execute_result", data={"text/plain": "1.5"},
                                           execution_count=1)]
    cells["error"].outputs = [new_output("error", ename="ValueError", evalue="no",
                                         traceback=[])]
    return nb


def resources(db_url: str, student: str | None = None) -> dict:
    info = {"db_url": db_url, "notebook": NOTEBOOK, "assignment": ASSIGNMENT}
    if student:
        info["student"] = student
    return {"nbgrader": info}


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A gradebook holding the source notebook and the submissions of alice and bob."""
    # nbgrader runs `alembic` from PATH when it creates a gradebook
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    db = tmp_path / "gradebook.db"
    url = f"sqlite:///{db}"
    nb = source_notebook()
    ComputeChecksums().preprocess(nb, {})
    with Gradebook(url) as gb:
        gb.add_assignment(ASSIGNMENT)
    SaveCells().preprocess(nb, resources(url))
    with Gradebook(url) as gb:
        for student in ("alice", "bob"):
            gb.add_student(student)
            gb.update_or_create_submission(ASSIGNMENT, student)
    return db


def rows(url: str, student: str) -> dict:
    with Gradebook(url) as gb:
        nb = gb.find_submission_notebook(NOTEBOOK, ASSIGNMENT, student)
        grades = {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade)
                  for g in nb.grades}
        comments = {c.name: (c.auto_comment, c.manual_comment) for c in nb.comments}
    return {"grades": grades, "comments": comments}


def test_notebook_gradebook_finds_what_nbgrader_finds(course):
    url = f"sqlite:///{course}"
    names = [c.metadata.nbgrader.grade_id for c in source_notebook().cells] + ["nothing"]
    with Gradebook(url) as plain, NotebookGradebook(url) as kit:
        def same(find, *args):
            try:
                expected = getattr(plain, find)(*args).id
            except MissingEntry:
                with pytest.raises(MissingEntry):
                    getattr(kit, find)(*args)
                return "missing"
            assert getattr(kit, find)(*args).id == expected, (find, args)
            return "found"

        found = {}
        for name in names:
            found[name] = [same("find_source_cell", name, NOTEBOOK, ASSIGNMENT),
                           same("find_graded_cell", name, NOTEBOOK, ASSIGNMENT)]
            for student in ("alice", "bob"):
                found[name] += [same("find_grade", name, NOTEBOOK, ASSIGNMENT, student),
                                same("find_comment", name, NOTEBOOK, ASSIGNMENT, student)]
        assert same("find_notebook", NOTEBOOK, ASSIGNMENT) == "found"
        assert same("find_notebook", "other", ASSIGNMENT) == "missing"
    # the cases that matter were there: a cell that is graded and a solution, a task, nothing
    assert found["both"] == ["found"] * 6
    assert found["task1"] == ["found"] * 6
    assert found["answer"] == ["found", "missing", "missing", "found", "missing", "found"]
    assert found["nothing"] == ["missing"] * 6


def test_save_auto_grades_writes_what_nbgraders_writes(course, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(course, copy)
    for db in (course, copy):  # a grader's manual score, which autograde must keep
        with Gradebook(f"sqlite:///{db}") as gb:
            gb.find_grade("silent", NOTEBOOK, ASSIGNMENT, "bob").manual_score = 0.5
            gb.db.commit()
    for db, step in ((course, NbgraderSaveAutoGrades), (copy, SaveAutoGrades)):
        for student in ("alice", "bob"):
            step().preprocess(submitted_notebook(), resources(f"sqlite:///{db}", student))
    for student in ("alice", "bob"):
        assert rows(f"sqlite:///{copy}", student) == rows(f"sqlite:///{course}", student)
    saved = rows(f"sqlite:///{copy}", "bob")
    assert saved["grades"]["partial"] == (1.5, None, False)
    assert saved["grades"]["error"] == (0, None, False)
    assert saved["grades"]["silent"] == (1.0, 0.5, True)
    assert saved["grades"]["both"] == (0, None, False)  # left as released
    assert saved["grades"]["essay"] == (None, None, True)  # answered: for a grader to grade
    assert saved["comments"]["answer"] == (None, None)
    assert saved["comments"]["both"] == ("No response.", None)


def test_save_auto_grades_saves_a_notebook_whole_or_not_at_all(course):
    url = f"sqlite:///{course}"
    nb = submitted_notebook()
    nb.cells.append(new_code_cell("pass", metadata=meta("unknown", grade=True, locked=True,
                                                        points=1)))
    with pytest.raises(MissingEntry):
        SaveAutoGrades().preprocess(nb, resources(url, "alice"))
    assert all(auto is None for auto, _, _ in rows(url, "alice")["grades"].values())
