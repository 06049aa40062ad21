"""The wiring of an assignment's exercises, checked without building a case.

Every module of the assignment's package that declares an ``EXERCISE`` imports, is registered in
the package's ``__init__.py`` (its import and its place in ``MODULES``) and is named after its
exercise; every registered exercise has exactly one ``# %% exercise NAME`` line in the teaching
text, every such line names a registered exercise, and no code cell defines the function (its
solution cell comes from the reference). A broken wiring otherwise ends the generators in a
traceback (a ``KeyError`` for a line without exercise) or leaves an exercise silently out.

Each :class:`Problem` says what is wrong and how to fix it, in whole sentences.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import traceback
from dataclasses import dataclass
from pathlib import Path

from autograder.build.notebooks import CONTENT_DIR, parse_content
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import ASSIGNMENT_MODULES, declared_assignment
from autograder.course.spec import Assignment


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (``assignment`` and ``exercise``, empty for the whole assignment) and
    the message (what is wrong and the fix)."""

    assignment: str
    exercise: str
    message: str


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(KIT_ROOT))
    except ValueError:
        return str(path)


def _where(exc: BaseException) -> str:
    """``path:line`` of the kit's last frame in the exception's traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if Path(f.filename).resolve().is_relative_to(KIT_ROOT)]
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"{_relative(Path(exc.filename))}:{exc.lineno}"
    return f"{_relative(Path(frames[-1].filename))}:{frames[-1].lineno}" if frames else "an unknown place"


def package_init(assignment: str) -> Path:
    spec = importlib.util.find_spec(ASSIGNMENT_MODULES[assignment])
    return Path(spec.origin)


def wiring_problems(name: str) -> list[Problem]:
    """Unregistered or broken declaration modules, and teaching text that does not match."""
    problems: list[Problem] = []
    init = _relative(package_init(name))
    try:
        assignment = declared_assignment(name)
    except Exception as exc:  # noqa: BLE001 (any error in a declaration is the author's to read)
        return [Problem(name, "", f"The declarations of {name} do not import: "
                                  f"{type(exc).__name__}: {exc}, at {_where(exc)}. Fix it there, "
                                  "then run the command again.")]
    registered = {id(e) for e in assignment.exercises}
    package = importlib.import_module(ASSIGNMENT_MODULES[name])
    for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
        module_name = f"{package.__name__}.{info.name}"
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:  # noqa: BLE001
            problems.append(Problem(name, info.name, f"The declaration module {module_name} does "
                                    f"not import: {type(exc).__name__}: {exc}, at {_where(exc)}. "
                                    "Fix it, or delete the file if it is not an exercise."))
            continue
        exercise = getattr(module, "EXERCISE", None)
        if exercise is None:
            continue
        if id(exercise) not in registered:
            problems.append(Problem(name, exercise.name, f"The module {module_name} declares the "
                                    f"exercise {exercise.name}, but {init} does not register it. "
                                    f"Import the module there and add it to MODULES in teaching "
                                    "order."))
        if info.name != exercise.name:
            problems.append(Problem(name, exercise.name, f"The module {module_name} declares "
                                    f"{exercise.name}: name the module after its exercise, "
                                    f"{exercise.name}.py."))
    return problems + teaching_problems(assignment)


def teaching_problems(assignment: Assignment) -> list[Problem]:
    """The ``# %% exercise NAME`` lines of the teaching text against the registry."""
    name = assignment.name
    path = CONTENT_DIR / f"{name}.py"
    where = _relative(path)
    if not path.exists():
        return [Problem(name, "", f"The teaching text {where} is missing. Write it in the percent "
                                  "format, with one '# %% exercise NAME' line per exercise.")]
    try:
        cells = parse_content(path.read_text())
    except ValueError as exc:
        return [Problem(name, "", f"The teaching text {where} cannot be read: {exc}.")]
    lines = [d.split()[1] for d, _ in cells if d.split()[:1] == ["exercise"] and len(d.split()) == 2]
    problems = []
    known = {e.name for e in assignment.exercises}
    for exercise_name in sorted(set(lines) - known):
        problems.append(Problem(name, exercise_name, f"{where} has a '# %% exercise "
                                f"{exercise_name}' line, but {name} has no such exercise. Register "
                                f"its declaration module in {_relative(package_init(name))}, or "
                                "remove the line."))
    for exercise in assignment.exercises:
        count = lines.count(exercise.name)
        if count == 0:
            problems.append(Problem(name, exercise.name, f"{where} has no '# %% exercise "
                                    f"{exercise.name}' line. Add it where the exercise is taught: "
                                    "it generates the solution cell (the reference with its "
                                    "solution markers), the check cell and the hidden test cell "
                                    "worth the exercise's points."))
        elif count > 1:
            problems.append(Problem(name, exercise.name, f"{where} has {count} '# %% exercise "
                                    f"{exercise.name}' lines. Keep one: each generates the "
                                    "exercise's three cells."))
        definition = re.compile(rf"^\s*def\s+{re.escape(exercise.name)}\s*\(", re.MULTILINE)
        if any(definition.search(body) for directive, body in cells
               if directive != "[markdown]"):
            problems.append(Problem(name, exercise.name, f"A code cell of {where} defines "
                                    f"{exercise.name}. Remove that definition: the solution cell "
                                    f"comes from the reference in solutions/, through the "
                                    f"'# %% exercise {exercise.name}' line."))
    return problems

