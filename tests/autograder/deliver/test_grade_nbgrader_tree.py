"""``autograder grade`` / ``export`` / ``report`` on nbgrader's tree with two assignments, as the
README runs them: nothing lost, nothing mislabelled, nothing overwritten.

The course: alice and bob, each with ``regularization`` and ``hyperparameter_tuning`` in
``submitted/<student>/<assignment>/`` (the bundled examples: alice correct and bob the stub in
the first; in the second alice's notebook renamed, with mistakes, bob correct). Before the
selection module, ``grade submitted/ -a regularization`` also graded the other assignment's
notebooks as regularization, ``submitted/*/regularization/`` gave both students one result name,
and a folder of links exported the assignment's name as the student id.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from autograder.build.examples import EXAMPLES_DIR
from autograder.cli import main as cli
from autograder.course.registry import get_assignment

pytestmark = pytest.mark.slow
A, B = "regularization", "hyperparameter_tuning"
FULL = {A: get_assignment(A).max_score, B: get_assignment(B).max_score}
#: student -> assignment -> (example, file name in the student's folder)
WORK = {"alice": {A: ("correct", f"{A}.ipynb"), B: ("mistakes", "my copy.ipynb")},
        "bob": {A: ("stub", f"{A}.ipynb"), B: ("correct", f"{B}.ipynb")}}


def grades(text: str) -> dict[str, dict[str, float]]:
    return {row["student"]: {k: float(v) for k, v in row.items() if k != "student" and v}
            for row in csv.DictReader(io.StringIO(text))}


def export(results: Path, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli(["export", str(results)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    root = tmp_path_factory.mktemp("term")
    for student, work in WORK.items():
        for assignment, (example, name) in work.items():
            folder = root / "course" / "submitted" / student / assignment
            folder.mkdir(parents=True)
            shutil.copy(EXAMPLES_DIR / assignment / f"{example}.ipynb", folder / name)
            (folder / "timestamp.txt").write_text("2026-12-01 10:00:00")
            shutil.copytree(EXAMPLES_DIR.parent / "course_lib", folder / "course_lib",
                            ignore=shutil.ignore_patterns("__pycache__"))
    # the README's commands, one assignment after the other, into one results folder
    for assignment in (A, B):
        assert cli(["grade", str(root / "course" / "submitted"), "-a", assignment,
                    "--out", str(root / "results"), "--no-progress"]) == 0
    return root


def test_each_assignment_takes_only_its_own_notebooks_and_ids_come_from_the_tree(
        term, capsys):
    assert sorted(p.name for p in (term / "results").glob("*.json")) == [
        f"{B}@alice.json", f"{B}@bob.json", f"{A}@alice.json", f"{A}@bob.json"]
    code, out, _ = export(term / "results", capsys)
    table = grades(out)
    assert code == 0 and set(table) == {"alice", "bob"}
    assert table["alice"][f"{A}:total"] == FULL[A] and table["bob"][f"{A}:total"] == 0
    assert table["bob"][f"{B}:total"] == FULL[B]
    assert 0 < table["alice"][f"{B}:total"] < FULL[B]  # the renamed notebook, with mistakes


def test_the_renamed_notebook_is_named_in_a_note(term, capsys):
    assert cli(["grade", str(term / "course"), "-a", B, "--out", str(term / "results"),
                "--no-progress", "--format", "json"]) == 0  # all done already: no regrading
    err = capsys.readouterr().err
    assert f"alice: {term / 'course' / 'submitted' / 'alice' / B} holds no {B}.ipynb; graded " \
           f"its only notebook, my copy.ipynb" in err


def test_the_other_assignments_folder_is_refused_and_nothing_is_overwritten(term, capsys):
    before = {p.name: p.read_bytes() for p in (term / "results").glob("*.json")}
    assert cli(["grade", str(term / "course" / "submitted" / "alice" / B), "-a", A,
                "--out", str(term / "results")]) == 2
    assert f"holds a submission of {B}, not of {A}: grade it with -a {B}" in \
        capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in (term / "results").glob("*.json")} == before


def test_regrading_one_student_replaces_that_students_result_only(term, tmp_path, capsys):
    course = tmp_path / "course"
    shutil.copytree(term / "course", course)
    results = tmp_path / "results"
    shutil.copytree(term / "results", results)
    for record in results.glob("*.json"):  # the copied course's own records
        data = json.loads(record.read_text())
        data["source"] = data["source"].replace(str(term / "course"), str(course))
        record.write_text(json.dumps(data))
    alice = (results / f"{A}@alice.json").read_bytes()
    shutil.copy(EXAMPLES_DIR / A / "correct.ipynb", course / "submitted" / "bob" / A / f"{A}.ipynb")
    assert cli(["grade", str(course / "submitted" / "bob" / A), "-a", A, "--out", str(results),
                "--no-progress"]) == 0
    assert (results / f"{A}@alice.json").read_bytes() == alice
    table = grades(export(results, capsys)[1])
    assert table["bob"][f"{A}:total"] == FULL[A] and table["alice"][f"{A}:total"] == FULL[A]
    assert table["bob"][f"{B}:total"] == FULL[B]


def test_globbed_assignment_folders_keep_every_student(term, tmp_path, capsys):
    folders = sorted((term / "course" / "submitted").glob(f"*/{A}"))
    assert cli(["grade", *map(str, folders), "-a", A, "--out", str(tmp_path / "r"),
                "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "alice" in out and "bob" in out
    table = grades(export(tmp_path / "r", capsys)[1])
    assert {s: t["total"] for s, t in table.items()} == {"alice": FULL[A], "bob": 0}


def test_a_folder_of_links_exports_the_students_not_the_assignment(term, tmp_path, capsys):
    links = tmp_path / "links"
    for student in WORK:
        (links / student).mkdir(parents=True)
        os.symlink(term / "course" / "submitted" / student / A / f"{A}.ipynb",
                   links / student / f"{A}.ipynb")
    assert cli(["grade", str(links), "-a", A, "--out", str(tmp_path / "r"),
                "--no-progress"]) == 0
    code, out, _ = export(tmp_path / "r", capsys)
    assert code == 0
    assert {s: t["total"] for s, t in grades(out).items()} == {"alice": FULL[A], "bob": 0}


def test_a_rerun_refuses_to_overwrite_another_submissions_result(term, tmp_path, capsys):
    for term_name, example in (("2025", "correct"), ("2026", "stub")):
        (tmp_path / term_name).mkdir()
        shutil.copy(EXAMPLES_DIR / A / f"{example}.ipynb", tmp_path / term_name / "alice.ipynb")
    out = tmp_path / "r"
    assert cli(["grade", str(tmp_path / "2025"), "-a", A, "--out", str(out),
                "--no-progress"]) == 0
    kept = (out / f"{A}+alice.ipynb.json").read_bytes()
    capsys.readouterr()
    assert cli(["grade", str(tmp_path / "2026"), "-a", A, "--out", str(out),
                "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"is the grade of {tmp_path / '2025' / 'alice.ipynb'}" in err
    assert "grading it would overwrite that grade" in err
    assert (out / f"{A}+alice.ipynb.json").read_bytes() == kept


def test_a_student_with_several_renamed_notebooks_gets_a_message_not_a_guess(
        term, tmp_path, capsys):
    course = tmp_path / "course"
    shutil.copytree(term / "course", course)
    folder = course / "submitted" / "bob" / A
    (folder / f"{A}.ipynb").rename(folder / "v1.ipynb")
    shutil.copy(folder / "v1.ipynb", folder / "v2.ipynb")
    capsys.readouterr()
    assert cli(["grade", str(course), "-a", A, "--out", str(tmp_path / "r"),
                "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert (f"autograder: not graded: bob: {folder} holds no {A}.ipynb but several notebooks "
            f"(v1.ipynb, v2.ipynb)") in err
    assert list(grades(export(tmp_path / "r", capsys)[1])) == ["alice"]
    # the instructor picks one: bob's result, with bob's id from the tree
    assert cli(["grade", str(folder / "v2.ipynb"), "-a", A, "--out", str(tmp_path / "r"),
                "--no-progress"]) == 0
    assert set(grades(export(tmp_path / "r", capsys)[1])) == {"alice", "bob"}
