"""Shared fixtures: one warm sandbox and one expected table per assignment for the session."""

from __future__ import annotations

import importlib

import pytest

from autograder.course.expected import expected_table
from autograder.course.registry import declared_assignment, get_assignment
from autograder.engine.sandbox.runner import Sandbox


class Grader:
    """Grades module sources for one assignment through the real pipeline."""

    def __init__(self, name, tmp_path_factory, declared=False):
        from autograder.engine.grading import grade, protected_paths

        # declared: every declared exercise, the optional extras too (as a term that has them)
        self.assignment = declared_assignment(name) if declared else get_assignment(name)
        self.table = expected_table(self.assignment)
        self.folder = tmp_path_factory.mktemp(f"submissions-{name}")
        self.sandbox = Sandbox(tensorflow=self.assignment.uses_tensorflow,
                               protected=protected_paths([self.folder]))
        self._grade = grade
        self._count = 0

    def grade_source(self, source: str, suffix: str = ".py"):
        self._count += 1
        path = self.folder / f"submission{self._count}{suffix}"
        path.write_text(source)
        return self.grade_path(path)

    def grade_path(self, path):
        return self._grade(path, self.assignment, sandbox=self.sandbox, table=self.table)


@pytest.fixture(scope="session")
def graders(tmp_path_factory):
    made = {}

    def get(name, declared=False):
        # the default course's grader serves when the assignment has no optional extra
        key = (name, declared and declared_assignment(name) is not get_assignment(name))
        if key not in made:
            made[key] = Grader(name, tmp_path_factory, declared=key[1])
            made[key].sandbox.start()
        return made[key]

    yield get
    for grader in made.values():
        grader.sandbox.close()


def alternatives(name):
    """(exercise name, variant function) of tests/autograder/alternatives/<name>.py."""
    module = importlib.import_module(f"alternatives.{name}")
    out = []
    for attr in sorted(vars(module)):
        exercise, sep, _ = attr.partition("__")
        if sep and callable(getattr(module, attr)) and not attr.startswith("_"):
            out.append((exercise, getattr(module, attr)))
    return out
