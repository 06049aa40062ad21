"""A course run the JupyterHub way, per assignment, with the course's nbgrader configuration.

In a temporary course and exchange: generate_assignment -> release_assignment -> two students,
each with a home folder of their own, fetch_assignment, answer and submit -> collect; beside them,
notebooks put straight into ``submitted/`` (an untouched release, a tamperer who deleted,
duplicated and edited cells, a cheat, a broken file, a late submission) -> ONE autograde run ->
generate_feedback -> release_feedback -> fetch_feedback -> export. The gradebook must hold, cell
by cell, what ``autograder grade`` gives the same submitted files; the feedback must show the
kit's feedback and no hidden test.

The source notebook gets one manually graded answer cell at its end (the kit's notebooks have
none) so that nbgrader's manual grading is exercised next to the kit's autograding.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbgrader_cli import fill, nbgrader

from autograder.build.examples import mistaken_exercises
from autograder.build.notebooks import COURSE_DIR
from autograder.course.registry import assignment_names, get_assignment
from autograder.course.sources import renamed_source, strip_markers
from autograder.course.spec import resolve
from autograder.engine.batch import grade_many
from autograder.engine.report.test_cells import cell_texts

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

COURSE_ID = "improving-deep-neural-networks"  # as in assignments/nbgrader_config.py
MANUAL = "reflection"  # grade_id of the manually graded answer cell added to the source
FLOW_STUDENTS = ("alice", "bob")  # through the exchange
CHEAT = ("import autograder.deliver.hidden_tests as h\n"
         "h.score = lambda *a, **k: -1.0\n"
         "print(100.0)")


def grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def is_test(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"


def add_manual_cell(source: Path) -> None:
    nb = nbformat.read(source, as_version=4)
    cell = nbformat.v4.new_markdown_cell(
        "Which optimiser would you use, and why?\n\nYOUR ANSWER HERE",
        metadata={"nbgrader": {"grade": True, "solution": True, "locked": False,
                               "grade_id": MANUAL, "points": 2, "schema_version": 3}})
    cell.id = MANUAL
    nb.cells.append(cell)
    nbformat.write(nb, source)


@dataclass
class Course:
    name: str
    path: Path
    homes: dict[str, Path]
    students: list[str]
    wrong: dict
    left_as_stub: str
    generated_release: str
    cli: dict  # student -> the Result of `autograder grade` on the submitted notebook


@pytest.fixture(scope="module", params=assignment_names())
def course(request, tmp_path_factory) -> Course:
    name = request.param
    root = tmp_path_factory.mktemp(f"course-{name}")
    path, exchange = root / "course", root / "exchange"
    path.mkdir()
    exchange.mkdir()
    exchange.chmod(0o777)
    config = (COURSE_DIR / "nbgrader_config.py").read_text()
    (path / "nbgrader_config.py").write_text(
        config + f"\nc.Exchange.root = {str(exchange)!r}\n"
        "c.LateSubmissionPlugin.penalty_method = 'zero'\n")
    shutil.copytree(COURSE_DIR / "source" / name, path / "source" / name)
    add_manual_cell(path / "source" / name / f"{name}.ipynb")
    nbgrader(path, "generate_assignment", name, "--force")
    generated_release = (path / "release" / name / f"{name}.ipynb").read_text()
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{path / 'gradebook.db'}") as gb:  # as `nbgrader db assignment add`
        gb.update_or_create_assignment(name, duedate=datetime.now(timezone.utc).replace(
            tzinfo=None) + timedelta(days=1))
    nbgrader(path, "release_assignment", name)

    assignment = get_assignment(name)
    source_nb = nbformat.read(path / "source" / name / f"{name}.ipynb", 4)
    solutions = {e.name: strip_markers(next(c.source for c in source_nb.cells
                                            if grade_id(c) == e.name)).rstrip()
                 for e in assignment.exercises}
    wrong = mistaken_exercises(assignment)
    partial = {**solutions, **{n: renamed_source(resolve(m.implementation), n)
                               for n, m in wrong.items()}}
    left_as_stub = next(e.name for e in assignment.exercises if e.name not in wrong)
    del partial[left_as_stub]

    homes = {}
    for student, answers in zip(FLOW_STUDENTS, (solutions, partial)):
        home = homes[student] = root / "home" / student
        home.mkdir(parents=True)
        nbgrader(home, "fetch_assignment", name, f"--course={COURSE_ID}",
                 f"--Exchange.root={exchange}", home=home)
        fetched = home / name / f"{name}.ipynb"
        nb = fill(nbformat.read(fetched, 4), {**answers, MANUAL: f"{student} prefers Adam."})
        nbformat.write(nb, fetched)
        nbgrader(home, "submit", name, f"--course={COURSE_ID}", f"--student={student}",
                 f"--Exchange.root={exchange}", home=home)
    nbgrader(path, "collect", name)

    release = nbformat.read(path / "release" / name / f"{name}.ipynb", as_version=4)
    tamperer = fill(release, solutions)
    tests = [c for c in tamperer.cells if is_test(c)]
    tests[0].source = "7.0  # the student typed a score into a locked test cell"
    tamperer.cells.remove(tests[1])  # deleted another test cell
    imports = next(c for c in tamperer.cells if grade_id(c) == "imports")
    imports.source += "\n# an edit of a locked cell"
    first_solution = next(i for i, c in enumerate(tamperer.cells)
                          if grade_id(c) == assignment.exercises[0].name)
    tamperer.cells.insert(first_solution + 1, nbformat.from_dict(tamperer.cells[first_solution]))
    tamperer.cells[first_solution + 1].id = "duplicate"
    cheat = fill(release, {})
    cheat.cells.insert(1, nbformat.v4.new_code_cell(CHEAT))
    for cell in cheat.cells:  # outputs written into the JSON by hand
        if is_test(cell):
            cell.outputs = [nbformat.v4.new_output(
                "execute_result", data={"text/plain": str(cell.metadata.nbgrader["points"])},
                execution_count=1)]
    direct = {"stub": nbformat.writes(release), "tamperer": nbformat.writes(tamperer),
              "cheat": nbformat.writes(cheat), "broken": '{"cells": [{"cell_type": ',
              "late": nbformat.writes(fill(release, solutions))}
    for student, text in direct.items():  # as collect leaves them, with a timestamp
        folder = path / "submitted" / student / name
        folder.mkdir(parents=True)
        (folder / f"{name}.ipynb").write_text(text)
        when = datetime.now(timezone.utc) + timedelta(days=2 if student == "late" else 0)
        (folder / "timestamp.txt").write_text(f"{when:%Y-%m-%d %H:%M:%S.%f} UTC")

    nbgrader(path, "autograde", name)
    nbgrader(path, "generate_feedback", name)
    others = ",".join(direct)  # they did not come through the exchange
    nbgrader(path, "release_feedback", name, f"--CourseDirectory.student_id_exclude={others}")
    for student, home in homes.items():
        nbgrader(home, "fetch_feedback", name, f"--course={COURSE_ID}", f"--student={student}",
                 f"--Exchange.root={exchange}", home=home)
    nbgrader(path, "export")
    cli = {Path(r.submission).parts[-3]: r
           for r in grade_many([path / "submitted"], assignment, jobs=1, progress=False)}
    return Course(name, path, homes, [*FLOW_STUDENTS, *direct], wrong, left_as_stub,
                  generated_release, cli)


def gradebook(course: Course, student: str):
    from nbgrader.api import Gradebook

    gb = Gradebook(f"sqlite:///{course.path / 'gradebook.db'}")
    return gb, gb.find_submission_notebook(course.name, course.name, student)


def gradebook_scores(course: Course, student: str) -> dict[str, float]:
    gb, submission = gradebook(course, student)
    with gb:
        return {g.name.removesuffix("-tests"): g.score for g in submission.grades
                if g.name.endswith("-tests")}


def autograded(course: Course, student: str) -> nbformat.NotebookNode:
    return nbformat.read(course.path / "autograded" / student / course.name
                         / f"{course.name}.ipynb", 4)


def test_gradebook_holds_the_expected_scores(course):
    assignment = get_assignment(course.name)
    points = {e.name: e.points for e in assignment.exercises}
    for student in ("alice", "tamperer", "late"):  # edits of locked cells change nothing
        assert gradebook_scores(course, student) == points, student
    for student in ("stub", "cheat", "broken"):
        assert gradebook_scores(course, student) == {name: 0 for name in points}, student
    bob = gradebook_scores(course, "bob")
    assert bob[course.left_as_stub] == 0
    assert all(bob[name] < points[name] for name in course.wrong)
    needing = {e.name for e in assignment.exercises if set(e.needs) & set(course.wrong)}
    untouched = set(points) - {course.left_as_stub, *course.wrong, *needing}
    assert {k: bob[k] for k in untouched} == {k: points[k] for k in untouched}


def test_the_kits_cli_gives_the_same_scores_cell_by_cell(course):
    for student in course.students:
        result = course.cli[student]
        assert {e.name: e.score for e in result.exercises} == gradebook_scores(
            course, student), student


def test_each_test_cell_holds_the_kits_feedback_and_points(course):
    for student in course.students:
        result = course.cli[student]
        cells = {grade_id(c).removesuffix("-tests"): c for c in autograded(course, student).cells
                 if is_test(c)}
        texts = cell_texts(result, list(cells))
        for exercise in result.exercises:
            outputs = cells[exercise.name].outputs
            assert [o.output_type for o in outputs] == ["stream", "execute_result"]
            assert outputs[0].name == "stdout"
            assert outputs[0].text == texts[exercise.name] + "\n"
            assert float(outputs[1].data["text/plain"]) == exercise.score


def test_an_unreadable_notebook_scores_zero_with_the_reason(course):
    text = "".join(o.get("text", "") for c in autograded(course, "broken").cells if is_test(c)
                   for o in c.outputs)
    assert "is not a valid notebook: its JSON is broken" in " ".join(text.split())


def test_no_student_cell_runs_in_the_autograde_process(course):
    """Only autograder test cells have outputs: nothing else was executed by nbgrader."""
    for student in course.students:
        for cell in autograded(course, student).cells:
            if cell.cell_type == "code" and not is_test(cell):
                assert not cell.outputs and cell.execution_count is None, (student, cell.source)


def test_manual_grading_still_works(course):
    from nbgrader.api import Gradebook

    gb, submission = gradebook(course, "alice")
    with gb:
        manual = gb.find_grade(MANUAL, course.name, course.name, "alice")
        assert manual.auto_score is None and manual.needs_manual_grade
        auto = [g for g in submission.grades if g.name.endswith("-tests")]
        assert not any(g.needs_manual_grade for g in auto)
        manual.manual_score = 1.5
        gb.db.commit()
    with Gradebook(f"sqlite:///{course.path / 'gradebook.db'}") as gb:
        points = sum(e.points for e in get_assignment(course.name).exercises)
        assert gb.find_submission(course.name, "alice").score == points + 1.5


def test_late_penalty_and_export(course):
    rows = {r["student_id"]: r for r in csv.DictReader((course.path / "grades.csv").open())
            if r["assignment"] == course.name}
    assert set(rows) == set(course.students)
    points = sum(e.points for e in get_assignment(course.name).exercises)
    assert float(rows["late"]["raw_score"]) == points
    assert float(rows["late"]["late_submission_penalty"]) == points
    assert float(rows["late"]["score"]) == 0
    assert float(rows["alice"]["late_submission_penalty"]) == 0
    for student in course.students:
        assert float(rows[student]["raw_score"]) == pytest.approx(
            sum(gradebook_scores(course, student).values()))


def test_feedback_shows_the_kits_feedback_and_no_hidden_test(course):
    for student in course.students:
        text = shown_text((course.path / "feedback" / student / course.name
                           / f"{course.name}.html").read_text())
        assert "BEGIN HIDDEN TESTS" not in text
        assert "from autograder.deliver.hidden_tests import score" not in text
        assert f'score("{course.name}"' not in text
        result = course.cli[student]
        for exercise_text in cell_texts(result, [e.name for e in result.exercises]).values():
            for line in exercise_text.splitlines():
                assert line.strip() in text, (student, line)


def _numbers(value, limit: int = 40) -> list[float]:
    """Up to ``limit`` floats of an expected value (a number, an array, a tuple or dict of them)."""
    if type(value) is float:
        return [value]
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return [float(v) for v in value.ravel()[:limit]]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _numbers(v, limit)][:limit]
    return []


def test_feedback_shows_no_hidden_cases_numbers(course):
    """bob fails hidden cases: their expected values (floats with 4+ digits, in numbers and
    arrays) are never shown, unless a visible case or the release notebook has the same number
    (then it is public)."""
    from autograder.course.expected import expected_table

    table = expected_table(get_assignment(course.name))

    def texts(visible: bool) -> set[str]:
        return {text for records in table.records.values() for r in records
                if r.case.visible == visible for x in _numbers(r.expected)
                for text in (repr(x), f"{x:.6g}")
                if len(text.strip("-0.").replace(".", "")) >= 4}

    release = course.generated_release  # what every student has anyway (its JSON text)
    secrets = {s for s in texts(visible=False) - texts(visible=True) if s not in release}
    assert secrets
    for student in course.students:
        text = shown_text((course.path / "feedback" / student / course.name
                           / f"{course.name}.html").read_text())
        assert not [s for s in secrets if s in text], student


def test_feedback_of_students_who_wrote_no_solution_holds_no_solution_code(course):
    """The leak scan of test_student_materials over the feedback students receive."""
    from test_student_materials import leaks, solution_blocks

    blocks = solution_blocks(course.name)
    for student in ("stub", "cheat", "broken"):
        text = shown_text((course.path / "feedback" / student / course.name
                           / f"{course.name}.html").read_text())
        assert not leaks(blocks, {}, {"feedback": text}), student


def shown_text(page: str) -> str:
    """What a reader of an HTML page sees, roughly: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", page))


def test_students_fetch_their_own_feedback(course):
    for student, home in course.homes.items():
        found = list((home / course.name / "feedback").glob(f"*/{course.name}.html"))
        assert len(found) == 1, found
        text = found[0].read_text()
        assert f"{student} prefers Adam." in text
        assert "BEGIN HIDDEN TESTS" not in text


def test_no_cell_of_the_autograded_notebooks_wrote_to_stderr(course):
    for student in course.students:
        for cell in autograded(course, student).cells:
            for out in cell.get("outputs", []):
                assert not (out.get("output_type") == "stream" and out.get("name") == "stderr"), (
                    student, cell.source[:80], out.get("text", "")[:300])


def test_the_committed_release_is_what_nbgrader_generates(course):
    """Cell by cell (ids, metadata, sources), but for the manually graded cell added here."""
    committed = nbformat.read(COURSE_DIR / "release" / course.name / f"{course.name}.ipynb", 4)
    generated = nbformat.reads(course.generated_release, 4)
    assert generated.cells[-1].metadata.nbgrader.grade_id == MANUAL
    generated.cells.pop()
    assert committed == generated, (
        "run: cd assignments && nbgrader generate_assignment NAME --force")


def test_the_release_runs_top_to_bottom_with_friendly_failures_only(course, tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.read(COURSE_DIR / "release" / course.name / f"{course.name}.ipynb", 4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    checks = [c for c in nb.cells if "check" in c.metadata.get("tags", [])]
    assert len(checks) == len(get_assignment(course.name).exercises)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", cell.source[:200]
            assert out.get("name") != "stderr", (cell.source[:200], out.get("text", "")[:300])
    for cell in checks:
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert "not implemented yet" in " ".join(text.split()), text
