"""An optional assignment (every exercise an optional extra): out of the default course, on whole
in a term that names it, and covered by the kit's generators and authoring tools.

The assignment here is a stand-in (initialization's exercises, all made optional), so that the
rule is proven whatever the kit declares.
"""

from __future__ import annotations

import dataclasses
import sys
import types

import pytest

from autograder.cli import main as cli
from autograder.course import registry
from autograder.course.course_file import default_course_text, read_course

EXTRA = "optional_stand_in"


@pytest.fixture
def extra(monkeypatch):
    declared = registry.declared_assignment("initialization")
    module = types.ModuleType("optional_stand_in_module")
    module.ASSIGNMENT = dataclasses.replace(
        declared, name=EXTRA,
        exercises=tuple(dataclasses.replace(e, optional=True) for e in declared.exercises))
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(registry.ASSIGNMENT_MODULES, EXTRA, module.__name__)
    monkeypatch.setattr(registry, "OPTIONAL_ASSIGNMENTS", (*registry.OPTIONAL_ASSIGNMENTS, EXTRA))
    registry.default_assignment.cache_clear()
    yield module.ASSIGNMENT
    registry.default_assignment.cache_clear()


def test_the_default_course_leaves_an_optional_assignment_out(extra, capsys, tmp_path):
    assert registry.optional_assignment(EXTRA)
    assert not registry.optional_assignment("initialization")
    assert EXTRA in registry.declared_names()
    assert EXTRA not in registry.assignment_names()
    assert cli(["list"]) == 0
    assert EXTRA not in capsys.readouterr().out
    assert cli(["list", "--files"]) == 0  # where to author: every assignment
    assert f"{EXTRA}: " in capsys.readouterr().out
    text = default_course_text("term")
    assert EXTRA not in text
    assert list(read_course(_write(text, tmp_path)).assignments) == registry.assignment_names()


def test_named_on_its_own_it_is_whole_and_the_build_covers_it(extra):
    assert registry.get_assignment(EXTRA) == extra
    assert registry.built_names() == registry.declared_names()
    assert registry.built_names()[-1] == EXTRA


def test_a_term_that_names_it_has_every_exercise_with_its_points(extra, tmp_path):
    text = default_course_text("term", ["initialization", EXTRA])
    course = read_course(_write(text, tmp_path))
    assert list(course.assignments) == ["initialization", EXTRA]
    term = course.assignments[EXTRA]
    assert [(e.name, e.points) for e in term.exercises] == [
        (e.name, e.points) for e in extra.exercises]
    assert "an optional assignment, on" in text


def _write(text: str, folder):
    (folder / "course.toml").write_text(text)
    return folder


def test_new_exercise_in_an_optional_assignment_is_optional_too(extra):
    from autograder.build.scaffold import plan_exercise

    assert plan_exercise("another_extra", EXTRA, signature="x").optional
    assert not plan_exercise("another_extra", "initialization", signature="x").optional


def test_the_optional_assignments_are_those_whose_every_exercise_is_optional():
    for name in registry.declared_names():
        exercises = registry.declared_assignment(name).exercises
        assert registry.optional_assignment(name) == all(e.optional for e in exercises), name


def test_listing_the_course_imports_no_declaration(monkeypatch):
    """A Gradescope bundle carries one assignment's declarations: naming the course's
    assignments must not import the others."""
    monkeypatch.setattr(registry, "declared_assignment", lambda name: pytest.fail(name))
    assert registry.assignment_names() == [
        n for n in registry.declared_names() if n not in registry.OPTIONAL_ASSIGNMENTS]
