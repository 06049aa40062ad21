"""``autograder list --files``: where each exercise's reference, declaration and teaching text are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from autograder.cli import main
from autograder.course.expected import KIT_ROOT
from autograder.course.locations import exercise_files
from autograder.course.registry import assignment_names, declared_assignment

ALL = [(a, f) for a in assignment_names() for f in exercise_files(a)]


def _line(location: str) -> str:
    path, _, number = location.rpartition(":")
    return (KIT_ROOT / path).read_text().splitlines()[int(number) - 1]


@pytest.mark.parametrize(("assignment", "files"), ALL, ids=[f.exercise for _, f in ALL])
def test_each_place_holds_what_it_says(assignment, files):
    name = files.exercise
    assert files.reference and files.declaration and files.teaching, files
    assert re.match(rf"def {name}\(", _line(files.reference)), files.reference
    assert _line(files.teaching).strip() == f"# %% exercise {name}", files.teaching
    assert _line(files.declaration).startswith("EXERCISE = Exercise("), files.declaration
    module = (KIT_ROOT / files.declaration.rpartition(":")[0])
    assert f'name="{name}"' in module.read_text()
    assert module.parent.name == assignment and module.stem != "__init__"


@pytest.mark.parametrize(("assignment", "files"), ALL, ids=[f.exercise for _, f in ALL])
def test_counterpart_alternatives_and_tests_are_found(assignment, files):
    name = files.exercise
    exercise = declared_assignment(assignment).exercise(name)
    if exercise.tensorflow is None:
        assert files.counterpart == ""
    else:
        assert files.counterpart and re.match(rf"def {name}\(", _line(files.counterpart))
    assert files.alternatives and re.match(rf"def {name}__\w+\(", _line(files.alternatives))
    assert files.tests and all((KIT_ROOT / path).is_file() for path in files.tests)
    assert any("test_declarations_" in path for path in files.tests), files.tests


def test_every_exercise_is_listed_in_teaching_order():
    for assignment in assignment_names():
        listed = [f.exercise for f in exercise_files(assignment)]
        assert listed == [e.name for e in declared_assignment(assignment).exercises]


def test_cli_prints_the_places(capsys):
    assert main(["list", "--files"]) == 0
    out = capsys.readouterr().out
    for _, files in ALL:
        for place in (files.reference, files.declaration, files.teaching, files.alternatives,
                      files.counterpart or "none", ", ".join(files.tests)):
            assert f" {place}\n" in out
    assert "MISSING" not in out


@pytest.mark.parametrize("path", sorted((KIT_ROOT / "autograder" / "course" / "exercises").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(KIT_ROOT)))
def test_declaration_modules_stay_small(path: Path):
    assert len(path.read_text().splitlines()) <= 400
