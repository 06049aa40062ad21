"""A batch never stops for one submission: whatever fails in the grader while it grades one
submission becomes that submission's result, flagged as a grader error, shown in JSON, in
Gradescope's results, in the export and in the class report; the next submission is graded, and
``autograder grade`` says so by its exit status. Under nbgrader the notebook is scored and the
run goes on.

The failure is injected in the grader (the comparison of one submission's outputs raises), since
no student's code can make the grader fail any more (``tests/hostile/``)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

import autograder.engine.grading as grading
from autograder.cli import GRADER_ERROR_STATUS
from autograder.cli import main as cli
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import get_assignment
from autograder.deliver.class_report import render_report
from autograder.deliver.export import export_csv
from autograder.engine.batch import grade_many
from autograder.engine.report.gradescope import to_gradescope
from autograder.engine.results import Result

ASSIGNMENT = get_assignment("optimization_methods")
CORRECT = KIT_ROOT / "examples" / ASSIGNMENT.name / "correct.py"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """Three correct submissions; grading the middle one fails inside the grader."""
    for name in ("a_first.py", "b_breaks_the_grader.py", "c_last.py"):
        shutil.copy(CORRECT, tmp_path / name)
    real = grading.grade_loaded

    def failing(submission, *args, **kwargs):
        if "breaks_the_grader" in str(submission.path):
            raise RuntimeError("an injected failure of the grader")
        return real(submission, *args, **kwargs)

    monkeypatch.setattr(grading, "grade_loaded", failing)
    return tmp_path


def test_the_batch_goes_on_and_flags_the_submission(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    results = {Path(r.submission).name: r for r in
               grade_many([folder], ASSIGNMENT, jobs=1, out=out, progress=False)}
    assert results["a_first.py"].score == results["c_last.py"].score == ASSIGNMENT.max_score
    assert not results["a_first.py"].grader_error and not results["c_last.py"].grader_error
    broken = results["b_breaks_the_grader.py"]
    assert broken.score == 0
    assert broken.grader_error.startswith("The grader could not grade this submission: "
                                          "RuntimeError: an injected failure of the grader")
    assert broken.grader_error in broken.notes  # the student reads it too
    [record] = [data["result"] for data in (json.loads(p.read_text()) for p in out.glob("*.json"))
                if Path(data["result"]["submission"]).name == "b_breaks_the_grader.py"]
    assert record["grader_error"] == broken.grader_error  # JSON
    assert Result.from_dict(record) == broken
    gradescope = to_gradescope(broken)
    assert gradescope["extra_data"]["grader_error"] == broken.grader_error
    assert "could not grade this submission" in gradescope["output"]
    assert "extra_data" not in to_gradescope(results["a_first.py"])
    rows = list(csv.DictReader(io.StringIO(export_csv(out))))
    assert {r["student"]: r["grader error"] for r in rows} == {
        "a_first": "", "b_breaks_the_grader": broken.grader_error, "c_last": ""}
    report = render_report(out)
    assert "Submissions the grader could not grade" in report
    assert "an injected failure of the grader" in report


def test_a_resumed_run_grades_a_grader_error_again(folder, tmp_path_factory, monkeypatch):
    out = tmp_path_factory.mktemp("out")
    grade_many([folder], ASSIGNMENT, jobs=1, out=out, progress=False)
    monkeypatch.undo()  # the grader is mended
    again = {Path(r.submission).name: r for r in
             grade_many([folder], ASSIGNMENT, jobs=1, out=out, progress=False)}
    assert again["b_breaks_the_grader.py"].score == ASSIGNMENT.max_score
    assert not again["b_breaks_the_grader.py"].grader_error


def test_the_exit_status_says_a_grader_error_happened(folder, capsys):
    status = cli(["grade", str(folder), "-a", ASSIGNMENT.name, "--jobs", "1", "--format",
                  "json"])
    captured = capsys.readouterr()
    assert status == GRADER_ERROR_STATUS != 0
    assert "could not grade 1 submission" in captured.err
    data = json.loads(captured.out)
    assert [bool(r["grader_error"]) for r in data] == [False, True, False]
    assert cli(["grade", str(folder / "a_first.py"), "-a", ASSIGNMENT.name]) == 0


def test_nbgrader_scores_the_notebook_when_the_pool_fails(monkeypatch, tmp_path):
    from autograder.deliver.nbgrader import kit_execute

    class BrokenPool:
        def grade(self, student, submission):
            raise RuntimeError("the kit's grading pool stopped")

    execute = kit_execute.KitExecute()
    execute.set_notebook("alice", "a1", "optimization_methods")
    monkeypatch.setattr(execute, "pool", lambda assignment: BrokenPool())
    nb = json.loads((KIT_ROOT / "examples" / ASSIGNMENT.name / "correct.ipynb").read_text())
    import nbformat

    result = execute.grade(nbformat.from_dict(nb), tmp_path / "optimization_methods.ipynb",
                           ASSIGNMENT)
    assert result.score == 0
    assert "the kit's grading pool stopped" in result.grader_error
