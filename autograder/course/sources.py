"""Code derived from the reference solutions: stubs, full solution modules, transplanted variants.

The reference files in ``solutions/`` mark the student's part of each function between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` (nbgrader's markers). Everything a student
receives is made from them by :func:`clear_solutions`, which does what nbgrader's ClearSolutions
does: the marked lines become ``# YOUR CODE HERE`` / ``raise NotImplementedError()`` at the
indentation of the marker.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from collections.abc import Callable, Mapping

from autograder.course.spec import Assignment, resolve

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")


class MarkerError(ValueError):
    """Solution markers that do not pair up."""


def clear_solutions(source: str) -> str:
    """``source`` with every marked solution region replaced by the stub."""
    out: list[str] = []
    inside = False
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise MarkerError(f"line {number}: {BEGIN} inside another solution region")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out += [indent + s for s in STUB]
        elif stripped == END:
            if not inside:
                raise MarkerError(f"line {number}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise MarkerError(f"{BEGIN} is never closed")
    return "\n".join(out) + "\n"


def strip_markers(source: str) -> str:
    """``source`` without the marker lines (the solution as a student would have written it)."""
    return "\n".join(
        line for line in source.splitlines() if line.strip() not in (BEGIN, END)
    ) + "\n"


def function_source(fn: Callable) -> str:
    """The source of a module-level function, dedented."""
    return textwrap.dedent(inspect.getsource(fn))


def renamed_source(fn: Callable, name: str) -> str:
    """The source of ``fn`` with its ``def`` renamed to ``name`` (for transplanted variants)."""
    source = function_source(fn)
    new, count = re.subn(rf"^def\s+{re.escape(fn.__name__)}\s*\(", f"def {name}(", source,
                         count=1, flags=re.MULTILINE)
    if count != 1:
        raise ValueError(f"could not find the def line of {fn.__name__}")
    return new


def module_imports(module_name: str) -> str:
    """The top-level import statements of a module, as source lines."""
    module = importlib.import_module(module_name)
    source = inspect.getsource(module)
    tree = ast.parse(source)
    lines = [ast.get_source_segment(source, node) for node in tree.body
             if isinstance(node, (ast.Import, ast.ImportFrom))]
    return "\n".join(lines) + "\n"


def assignment_imports(assignment: Assignment) -> str:
    """The imports of all the assignment's solution modules, without repeats."""
    seen: list[str] = []
    for module in assignment.solution_modules:
        for line in module_imports(module).splitlines():
            if line and line not in seen:
                seen.append(line)
    return "\n".join(seen) + "\n"


def solution_module(assignment: Assignment, replace: Mapping[str, Callable] | None = None) -> str:
    """A complete Python module with every reference function of the assignment.

    ``replace`` maps exercise names to other implementations (a mistake, an alternative), whose
    source is transplanted in place of the reference.
    """
    replace = replace or {}
    parts = [f'"""Reference solution of {assignment.name} (generated from solutions/)."""\n',
             assignment_imports(assignment)]
    for exercise in assignment.exercises:
        if exercise.name in replace:
            parts.append(renamed_source(replace[exercise.name], exercise.name))
        else:
            parts.append(function_source(resolve(exercise.reference)))
    return "\n\n".join(parts)


def stub_module(assignment: Assignment) -> str:
    """What a student starts from: every function with its solution cleared."""
    header = (f'"""{assignment.title}: fill in the parts marked YOUR CODE HERE.\n\n'
              f'Grade it with: autograder grade THIS_FILE --assignment {assignment.name}\n"""\n')
    parts = [header, assignment_imports(assignment)]
    for exercise in assignment.exercises:
        parts.append(clear_solutions(function_source(resolve(exercise.reference))))
    return "\n\n".join(parts)
