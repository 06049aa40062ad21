"""The hidden test cells under a stock nbgrader configuration (nbgrader's Execute, in a kernel).

An instructor who keeps nbgrader's own ``Execute`` gets the kit's hidden test cells run in the
student's kernel: ``autograder.deliver.hidden_tests.score`` still grades each exercise on all its cases in
sandboxed children and a grader process, and the scores equal ``autograder grade``'s for honest
students. What that gives up (README, "Grading with nbgrader") is asserted too, so that a change
is noticed: a cell of the student's own runs in that kernel and can replace ``score``.

A small course (the imports and three fast exercises of optimization_methods) keeps this cheap.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbgrader_cli import nbgrader

from autograder.build.notebooks import COURSE_DIR, _meta, exercise_cells
from autograder.course.registry import get_assignment
from autograder.course.sources import assignment_imports, renamed_source, strip_markers
from autograder.course.spec import resolve
from autograder.engine.batch import grade_many

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ASSIGNMENT = get_assignment("optimization_methods")
EXERCISES = ("update_parameters_with_gd", "update_lr", "exponential_lr_decay")
NAME = "stock"
STOCK = '''
# A stock configuration: nbgrader's own Execute runs the notebook in a kernel.
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.exporter_class = "nbconvert.exporters.NotebookExporter"
'''
CHEAT = "import autograder.deliver.hidden_tests as h\nh.score = lambda *a, **k: -1.0"


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stock-course")
    (path / "nbgrader_config.py").write_text((COURSE_DIR / "nbgrader_config.py").read_text()
                                             + STOCK)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                  "language": "python"}, "language_info": {"name": "python"}}
    imports = nbformat.v4.new_code_cell(
        (assignment_imports(ASSIGNMENT) + "from course_lib.checks import check").rstrip("\n"),
        metadata=_meta("imports"))
    imports.id = "imports"
    nb.cells = [imports] + [c for name in EXERCISES
                            for c in exercise_cells(ASSIGNMENT, ASSIGNMENT.exercise(name))]
    (path / "source" / NAME).mkdir(parents=True)
    nbformat.write(nb, path / "source" / NAME / f"{NAME}.ipynb")
    nbgrader(path, "generate_assignment", NAME, "--force")
    release = nbformat.read(path / "release" / NAME / f"{NAME}.ipynb", 4)
    solutions = {c.metadata.nbgrader.grade_id: strip_markers(c.source).rstrip("\n")
                 for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")}
    mistake = ASSIGNMENT.exercise("update_lr").mistakes[0]
    students = {"correct": dict(solutions), "stub": {},
                "mistake": {**solutions, "update_lr": renamed_source(
                    resolve(mistake.implementation), "update_lr")}}
    for student, answers in students.items():
        copy = nbformat.from_dict(release)
        for cell in copy.cells:
            cell.source = answers.get(cell.metadata.get("nbgrader", {}).get("grade_id"),
                                      cell.source)
        if student == "stub":
            cheat = nbformat.from_dict(copy)
            cheat.cells.insert(1, nbformat.v4.new_code_cell(CHEAT))
            (path / "submitted" / "cheat" / NAME).mkdir(parents=True)
            nbformat.write(cheat, path / "submitted" / "cheat" / NAME / f"{NAME}.ipynb")
        (path / "submitted" / student / NAME).mkdir(parents=True)
        nbformat.write(copy, path / "submitted" / student / NAME / f"{NAME}.ipynb")
    nbgrader(path, "autograde", NAME)
    return path


def gradebook_scores(course: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(NAME, NAME, student)
        return {g.name.removesuffix("-tests"): g.score for g in submission.grades
                if g.name.endswith("-tests")}


def test_the_stock_path_grades_honest_students_as_the_cli_does(course):
    results = {Path(r.submission).parts[-3]: r for r in grade_many(
        [course / "submitted" / s for s in ("correct", "stub", "mistake")], ASSIGNMENT,
        jobs=1, progress=False, nbgrader_assignment=NAME)}
    for student, result in results.items():
        assert gradebook_scores(course, student) == {
            e.name: e.score for e in result.exercises if e.name in EXERCISES}, student
    assert gradebook_scores(course, "correct") == {
        e: ASSIGNMENT.exercise(e).points for e in EXERCISES}
    assert gradebook_scores(course, "mistake")["update_lr"] < ASSIGNMENT.exercise(
        "update_lr").points


def test_what_the_stock_path_gives_up_a_students_cell_replaces_score(course):
    """The README's warning: in a kernel, the student's own cell runs before the hidden tests."""
    assert gradebook_scores(course, "cheat") == {
        e: ASSIGNMENT.exercise(e).points for e in EXERCISES}
