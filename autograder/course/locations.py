"""Where an exercise's parts are: reference, declaration, teaching text, counterpart, alternatives,
tests.

Everything is derived from the registry: the reference from ``Exercise.reference`` (found in its
module's source, so that a ``"module:name"`` reference is not imported, and TensorFlow stays out),
the declaration module by looking for the assignment package's module whose ``EXERCISE`` is the
exercise, the teaching text from the ``# %% exercise NAME`` line of
``assignments/content/<assignment>.py``, the TensorFlow counterpart from ``Exercise.tensorflow`` (read
from its module's source, never imported), the correct alternatives from the ``def NAME__variant``
lines of ``tests/autograder/alternatives/<assignment>.py``, the tests from the test files that
name the exercise or import its assignment's declarations. Paths are relative to the kit's root.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.course.expected import KIT_ROOT
from autograder.course.registry import ASSIGNMENT_MODULES, declared_assignment
from autograder.course.spec import Exercise

CONTENT_DIR = KIT_ROOT / "assignments" / "content"
TESTS_DIR = KIT_ROOT / "tests"
ALTERNATIVES_DIR = TESTS_DIR / "autograder" / "alternatives"


@dataclass(frozen=True)
class ExerciseFiles:
    """``path:line`` of each place (``None`` where the place is missing; ``counterpart`` is ``""``
    for an exercise declared without one); ``tests`` the test files that check the exercise."""

    exercise: str
    reference: str | None
    declaration: str | None
    teaching: str | None
    counterpart: str | None = ""
    alternatives: str | None = None
    tests: tuple[str, ...] = ()


def _relative(path: str | Path) -> str:
    path = Path(path).resolve()
    try:
        return str(path.relative_to(KIT_ROOT))
    except ValueError:
        return str(path)


def _definition_line(path: str, name: str) -> int | None:
    """The line of ``def name`` (or ``name = ...``) at the top level of a module's source."""
    tree = ast.parse(Path(path).read_text(), path)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name == name:
                return node.lineno
        elif isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return node.lineno
    return None


def reference_location(exercise: Exercise) -> str | None:
    ref = exercise.reference
    if isinstance(ref, str):
        module, _, name = ref.partition(":")
    else:
        module, name = ref.__module__, ref.__name__
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return None
    line = _definition_line(spec.origin, name)
    return f"{_relative(spec.origin)}:{line}" if line else _relative(spec.origin)


def declaration_modules(assignment: str) -> list:
    """The assignment's declaration module and, for a package, each of its modules."""
    package = importlib.import_module(ASSIGNMENT_MODULES[assignment])
    modules = [package]
    for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
        modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return modules


def declaration_location(exercise: Exercise, modules: list) -> str | None:
    for module in reversed(modules):  # the exercise's own module before the package's __init__
        if getattr(module, "EXERCISE", None) is exercise:
            line = _definition_line(module.__file__, "EXERCISE")
            return f"{_relative(module.__file__)}:{line}"
    for module in modules:  # a module declaring several exercises under other names
        for name, value in vars(module).items():
            if value is exercise and not name.startswith("_"):
                line = _definition_line(module.__file__, name)
                if line:
                    return f"{_relative(module.__file__)}:{line}"
    return None


def teaching_location(assignment: str, exercise: Exercise) -> str | None:
    path = CONTENT_DIR / f"{assignment}.py"
    if not path.exists():
        return None
    pattern = re.compile(rf"^# %%\s*exercise\s+{re.escape(exercise.name)}\s*$")
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if pattern.match(line):
            return f"{_relative(path)}:{number}"
    return None


def counterpart_location(exercise: Exercise) -> str | None:
    """``path:line`` of the counterpart, ``""`` without one, ``None`` when it cannot be found."""
    if exercise.tensorflow is None:
        return ""
    if callable(exercise.tensorflow):
        module, name = exercise.tensorflow.__module__, exercise.tensorflow.__name__
    else:
        module, _, name = exercise.tensorflow.partition(":")
    spec = importlib.util.find_spec(module)  # imports the parent package only, never TensorFlow
    if spec is None or not spec.origin:
        return None
    line = _definition_line(spec.origin, name)
    return f"{_relative(spec.origin)}:{line}" if line else None


def alternatives_location(assignment: str, exercise: Exercise) -> str | None:
    """``path:line`` of the first ``def NAME__variant`` of the assignment's alternatives file."""
    path = ALTERNATIVES_DIR / f"{assignment}.py"
    if not path.exists():
        return None
    pattern = re.compile(rf"^def\s+{re.escape(exercise.name)}__\w+\s*\(")
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if pattern.match(line):
            return f"{_relative(path)}:{number}"
    return None


def _test_texts() -> dict[Path, str]:
    return {path: path.read_text() for path in sorted(TESTS_DIR.rglob("test_*.py"))}


def test_files(assignment: str, exercise: Exercise, texts: dict[Path, str] | None = None
               ) -> tuple[str, ...]:
    """The test files that name the exercise or import its assignment's declarations."""
    texts = _test_texts() if texts is None else texts
    name = re.compile(rf"\b{re.escape(exercise.name)}\b")
    return tuple(_relative(path) for path, text in texts.items()
                 if name.search(text) or ASSIGNMENT_MODULES[assignment] in text)


def exercise_files(assignment: str) -> list[ExerciseFiles]:
    """Where each part of each exercise of ``assignment`` is, in teaching order."""
    modules = declaration_modules(assignment)
    texts = _test_texts() if TESTS_DIR.is_dir() else {}
    return [ExerciseFiles(e.name, reference_location(e), declaration_location(e, modules),
                          teaching_location(assignment, e), counterpart_location(e),
                          alternatives_location(assignment, e), test_files(assignment, e, texts))
            for e in declared_assignment(assignment).exercises]
