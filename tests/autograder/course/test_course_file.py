"""The course file: the default one is the course as declared; a term's selects and reweights."""

from __future__ import annotations

import re

import pytest

from autograder.build.notebooks import CONTENT_DIR, build_notebook
from autograder.cli import main as cli
from autograder.course.course_file import (
    ENV,
    CourseFileError,
    active_course,
    default_course_text,
    one_assignment_text,
    read_course,
)
from autograder.course.registry import assignment_names, declared_assignment, get_assignment

NAME = "regularization"


def write(folder, text: str):
    (folder / "course.toml").write_text(text)
    return folder


def term_text(name: str, given: list[str], points: dict[str, float]) -> str:
    """The default course file of ``name`` with ``given`` exercises and ``points`` changed."""
    text = default_course_text("term", [name])
    for exercise in given:
        text = re.sub(rf"^({exercise}\s*=\s*)\S+", r'\g<1>"given"', text, flags=re.M)
    for exercise, value in points.items():
        text = re.sub(rf"^({exercise}\s*=\s*)\S+", rf"\g<1>{value}", text, flags=re.M)
    return text


def test_the_default_course_file_is_the_course_as_declared(tmp_path):
    course = read_course(write(tmp_path, default_course_text("dnn")))
    assert course.course_id == "dnn"
    assert list(course.assignments) == assignment_names()
    for name, term in course.assignments.items():
        declared = declared_assignment(name)
        assert [(e.name, e.points) for e in term.exercises] == [
            (e.name, e.points) for e in declared.exercises if not e.optional]
        assert term.max_score == sum(e.points for e in declared.exercises if not e.optional)
        assert term.given == ()
        assert term.max_score == get_assignment(name).max_score  # no course active: the default


def test_a_term_gives_two_exercises_and_reweights_one(tmp_path):
    declared = declared_assignment(NAME)
    first, *_, before_last, last = [e.name for e in declared.exercises]
    write(tmp_path, term_text(NAME, [before_last, last], {first: 20}))
    term = read_course(tmp_path).assignments[NAME]
    kept = [e for e in declared.exercises if e.name not in (before_last, last) and not e.optional]
    assert term.max_score == 20 + sum(e.points for e in kept if e.name != first)
    assert [e.name for e in term.given] == [before_last, last]
    assert term.exercise(first).points == 20
    # the term's notebook: a test cell per graded exercise with its points, the given ones as
    # worked code (locked, not graded), every exercise's function still defined
    nb = build_notebook(term, (CONTENT_DIR / f"{NAME}.py").read_text())
    tests = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"] for c in nb.cells
             if c.metadata.get("nbgrader", {}).get("grade")}
    assert tests == {f"{e.name}-tests": (20 if e.name == first else e.points) for e in kept}
    for name in (before_last, last):
        cell = next(c for c in nb.cells if c.get("id") == name)
        assert f"def {name}(" in cell.source and "BEGIN SOLUTION" not in cell.source
        assert cell.metadata.nbgrader == {"grade": False, "grade_id": name, "locked": True,
                                          "schema_version": 3, "solution": False}
        assert not any(f'check("{name}")' in c.source for c in nb.cells)


def test_one_assignments_table_cut_from_a_term_of_two_reads_as_the_same_assignment(tmp_path):
    """A Gradescope bundle carries one assignment's exercises and this cut-down course file."""
    declared = declared_assignment(NAME)
    first, second = (e.name for e in declared.exercises[:2])
    text = term_text(NAME, [second], {first: 12.5}) + default_course_text(
        "term", ["hyperparameter_tuning"]).split("course_id", 1)[1].split("\n", 1)[1]
    term = read_course(write(tmp_path, text))
    assert list(term.assignments) == [NAME, "hyperparameter_tuning"]
    (tmp_path / "one").mkdir()
    one = read_course(write(tmp_path / "one", one_assignment_text(term, NAME)))
    assert list(one.assignments) == [NAME] and one.course_id == term.course_id
    assert one.assignments[NAME] == term.assignments[NAME]
    assert one.assignments[NAME].exercise(first).points == 12.5
    assert second in [e.name for e in one.assignments[NAME].given]


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace("compute_cost_with_regularization ", "compute_cost_with_l3 "),
     "compute_cost_with_l3 is not an exercise of regularization"),
    (lambda t: re.sub(r"^forward_propagation_with_dropout.*\n", "", t, flags=re.M),
     "does not say what the term does with forward_propagation_with_dropout"),
    (lambda t: re.sub(r"^(forward_propagation_with_dropout\s*=\s*)\S+", r"\g<1>-3", t,
                      flags=re.M),
     "forward_propagation_with_dropout = -3 is not a choice"),
    (lambda t: re.sub(r"^(forward_propagation_with_dropout\s*=\s*)\S+", r"\g<1>false", t,
                      flags=re.M),
     "backward_propagation_with_dropout calls forward_propagation_with_dropout, which is off"),
    (lambda t: t.replace("[assignments.regularization]", "[assignments.regularisation]"),
     "no assignment called 'regularisation'"),
])
def test_a_course_file_the_kit_cannot_follow_says_what_to_change(tmp_path, change, message):
    write(tmp_path, change(default_course_text("dnn", [NAME])))
    with pytest.raises(CourseFileError, match=re.escape(message)):
        read_course(tmp_path)


def test_the_cli_follows_the_course_file(tmp_path, monkeypatch, capsys):
    first = declared_assignment(NAME).exercises[0]
    write(tmp_path, term_text(NAME, [], {first.name: first.points + 5}))
    total = get_assignment(NAME).max_score + 5  # the default course: the optional extras off
    monkeypatch.delenv(ENV, raising=False)
    assert cli(["--course", str(tmp_path), "list"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(f"({total:g} points)")
    assert active_course().assignments[NAME].max_score == total
    monkeypatch.delenv(ENV)
    monkeypatch.chdir(tmp_path)  # run from inside the course folder
    assert cli(["list"]) == 0
    listing = capsys.readouterr().out
    assert listing.splitlines()[0] == f"{NAME}: {declared_assignment(NAME).title} ({total:g} points)"
    assert "initialization" not in listing  # only the term's assignments
    with pytest.raises(SystemExit):  # not in this term
        cli(["grade", "x.py", "-a", "initialization"])
    assert "invalid choice: 'initialization'" in capsys.readouterr().err


def test_grading_a_reweighted_term_on_dask_is_refused(tmp_path, monkeypatch, capsys):
    """Dask workers read the kit's declarations: they would grade with the default points."""
    first = declared_assignment(NAME).exercises[0]
    write(tmp_path, term_text(NAME, [], {first.name: first.points + 5}))
    monkeypatch.delenv(ENV, raising=False)
    assert cli(["--course", str(tmp_path), "grade", str(tmp_path / "x.ipynb"), "-a", NAME,
                "--dask", "tcp://127.0.0.1:9"]) == 2
    assert "is not sent to Dask workers" in capsys.readouterr().err


def test_cells_of_an_exercise_appear_only_in_a_term_that_has_it(tmp_path):
    """``# %% [markdown] if NAME`` and ``# %% demo if NAME``: an extra's explanation and
    demonstration appear with it and leave the other cells' ids unchanged, in every term."""
    declared = declared_assignment(NAME)
    first = declared.exercises[0].name
    content = (CONTENT_DIR / f"{NAME}.py").read_text()
    extra = (f"# %% [markdown] if {first}\n# About {first}.\n\n"
             f"# %% demo if {first}\nprint('{first} drawn')\n\n")
    head, sep, tail = content.partition(f"# %% exercise {first}")
    with_extra = head + extra + sep + tail
    on = build_notebook(get_assignment(NAME), with_extra)
    write(tmp_path, term_text(NAME, [], {}).replace(f"{first} = ", f"{first} = false #", 1))
    off = build_notebook(read_course(tmp_path).assignments[NAME], with_extra)
    assert any(c.source == f"About {first}." for c in on.cells)
    assert any(c.source == f"print('{first} drawn')" and "demo" in c.metadata.tags
               for c in on.cells)
    assert not any(c.source in (f"About {first}.", f"print('{first} drawn')") for c in off.cells)
    # the following cells keep their ids: off lacks the two cells and the exercise's three
    on_ids, off_ids = [c.id for c in on.cells], [c.id for c in off.cells]
    assert set(off_ids) <= set(on_ids) and len(on_ids) - len(off_ids) == 5
    assert on_ids[-3:] == off_ids[-3:]
    # writing an extra's cells leaves the notebooks of the terms without it as they were
    without = build_notebook(read_course(tmp_path).assignments[NAME], content)
    assert [(c.id, c.source) for c in without.cells] == [(c.id, c.source) for c in off.cells]
    assert set(on_ids) >= {f"{first}-text-1", f"{first}-demo-1"}
    with pytest.raises(ValueError, match="has no exercise called no_such_exercise"):
        build_notebook(get_assignment(NAME), content + "\n# %% demo if no_such_exercise\npass\n")
