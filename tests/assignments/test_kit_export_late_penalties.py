"""The kit's export and class report apply nbgrader's late penalties as nbgrader's export does.

A course (the repository's ``nbgrader_config.py``, so its settings are exercised) with a due date
and a late-penalty plugin of 1.3 points per started hour (a float that does not add up exactly):
alice on time with full marks, bob 2.5 hours late with full marks, carol 1 hour late with
mistakes, dan 10 hours late with little (the penalty is capped at the score). nbgrader autogrades
and exports; the kit grades ``submitted/`` and exports with ``--gradebook``. Every student's raw
score, penalty and grade must be the same in both, written with at most 4 decimals (nbgrader's
own CSV writer, without the kit's plugin, shows float noise: ``3.9000000000000004``).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader_cli import LATE_PENALTY_PLUGIN, fill, nbgrader

from autograder.build.examples import mistaken_exercises
from autograder.build.notebooks import COURSE_DIR
from autograder.course.registry import get_assignment
from autograder.course.sources import renamed_source, strip_markers
from autograder.course.spec import resolve

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
NAME = "hyperparameter_tuning"
DUE = "2026-12-01 12:00:00"
LATE = {"alice": "2026-12-01 11:00:00", "bob": "2026-12-01 14:30:00",
        "carol": "2026-12-01 13:00:00", "dan": "2026-12-01 22:00:00"}


def autograder(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, timeout=600)


def table(text: str, key: str) -> dict[str, dict[str, str]]:
    return {row[key]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("late") / "course"
    folder.mkdir()
    (folder / "nbgrader_config.py").write_text(
        (COURSE_DIR / "nbgrader_config.py").read_text() + LATE_PENALTY_PLUGIN)
    shutil.copytree(COURSE_DIR / "source" / NAME, folder / "source" / NAME)
    nbgrader(folder, "db", "assignment", "add", NAME, f"--duedate={DUE}")
    generated = nbgrader(folder, "generate_assignment", NAME, "--force")
    assert "is not absolute" not in generated.stdout + generated.stderr  # the shipped config
    release = nbformat.read(folder / "release" / NAME / f"{NAME}.ipynb", 4)
    source = nbformat.read(COURSE_DIR / "source" / NAME / f"{NAME}.ipynb", 4)
    answers = {c.metadata["nbgrader"]["grade_id"]: strip_markers(c.source).rstrip()
               for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")}
    assignment = get_assignment(NAME)
    mistaken = {**answers, **{n: renamed_source(resolve(m.implementation), n)
                              for n, m in mistaken_exercises(assignment).items()}}
    little = {assignment.exercises[0].name: answers[assignment.exercises[0].name]}
    notebooks = {"alice": answers, "bob": answers, "carol": mistaken, "dan": little}
    for student, filled in notebooks.items():
        where = folder / "submitted" / student / NAME
        where.mkdir(parents=True)
        nbformat.write(fill(release, filled), where / f"{NAME}.ipynb")
        (where / "timestamp.txt").write_text(LATE[student])
    nbgrader(folder, "autograde", NAME)
    nbgrader(folder, "export", "--to", "nbgrader.csv")
    nbgrader(folder, "export", "--to", "stock.csv",
             "--ExportApp.plugin_class=nbgrader.plugins.CsvExportPlugin")
    done = autograder("grade", str(folder / "submitted"), "-a", NAME, "--out",
                      str(folder / "results"), "--no-progress")
    assert done.returncode == 0, done.stderr
    return folder


def test_the_kits_export_equals_nbgraders_with_late_penalties(course):
    ours = {}
    for gradebook in (str(course), f"sqlite:///{course / 'gradebook.db'}",
                      str(course / "gradebook.db")):
        done = autograder("export", str(course / "results"), "--gradebook", gradebook)
        assert done.returncode == 0, done.stderr
        ours[gradebook] = done.stdout
    assert len(set(ours.values())) == 1
    kit = table(ours[str(course)], "student")
    theirs = table((course / "nbgrader.csv").read_text(), "student_id")
    assert set(kit) == set(theirs) == set(LATE)
    for student, row in theirs.items():
        assert float(kit[student]["raw_total"]) == float(row["raw_score"]), student
        assert float(kit[student]["late_penalty"]) == float(row["late_submission_penalty"])
        assert float(kit[student]["total"]) == float(row["score"]), student
        for value in (*kit[student].values(), row["score"], row["raw_score"],
                      row["late_submission_penalty"]):
            assert len(value.partition(".")[2]) <= 4, (student, value)
    assert float(kit["alice"]["late_penalty"]) == 0 and float(kit["bob"]["total"]) == 22.1
    assert float(kit["dan"]["total"]) == 0 < float(kit["dan"]["raw_total"])
    # nbgrader's own writer shows the noise the kit's plugin rounds away
    stock = table((course / "stock.csv").read_text(), "student_id")
    assert stock["bob"]["late_submission_penalty"] == str(1.3 * 3) == "3.9000000000000004"


def test_without_the_gradebook_the_total_is_the_raw_score(course):
    done = autograder("export", str(course / "results"))
    kit = table(done.stdout, "student")
    assert "late_penalty" not in next(iter(kit.values()))
    assert float(kit["bob"]["total"]) == 26.0


def test_a_submission_the_gradebook_lacks_is_refused(course, tmp_path):
    extra = tmp_path / "course"
    shutil.copytree(course / "submitted", extra / "submitted")
    shutil.copytree(extra / "submitted" / "alice", extra / "submitted" / "erin")
    done = autograder("grade", str(extra), "-a", NAME, "--out", str(tmp_path / "results"),
                      "--no-progress")
    assert done.returncode == 0, done.stderr
    done = autograder("export", str(tmp_path / "results"), "--gradebook", str(course))
    assert done.returncode == 2
    assert f"the gradebook has no submission of {NAME} by erin" in done.stderr
    done = autograder("export", str(tmp_path / "results"), "--gradebook", str(tmp_path))
    assert done.returncode == 2 and "no gradebook at" in done.stderr


def test_the_class_report_lists_the_late_submissions(course, tmp_path):
    out = tmp_path / "report.html"
    done = autograder("report", str(course / "results"), "--gradebook", str(course),
                      "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text()
    late = page.split("Late submissions")[1].split("</table>")[0]
    for student in ("bob", "carol", "dan"):
        assert f"<td>{student}</td>" in late
    assert "<td>alice</td>" not in late
    assert '<td class="num">3.9</td><td class="num">22.1</td>' in late
    assert "3 late submissions" in page
