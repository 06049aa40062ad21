"""Build the nbgrader source notebooks from the teaching content and the single source of truth.

The teaching content of an assignment is ``assignments/content/<assignment>.py``, in the
"percent" format: cells start with a ``# %%`` line.

- ``# %% [markdown]``: explanation; each line's leading ``# `` is removed.
- ``# %% imports``: the set-up cell: the imports of the assignment's solution modules (what the
  solution cells need) and ``check``, followed by the cell's own lines; locked.
- ``# %%``: other set-up code (data, helpers for demonstrations), locked.
- ``# %% demo``: a demonstration (training, plots), locked and tagged ``demo``; the kit's grader
  skips these cells, as nothing graded may be defined in them.
- ``# %% exercise NAME``: expands into three cells: the solution cell (the reference function's
  source from ``solutions/``, with its ``### BEGIN/END SOLUTION`` markers, which nbgrader turns into
  the stub), the check cell the student runs (``check("NAME")``, tagged ``check``), and the hidden
  autograder test cell worth the exercise's points.
- ``... if NAME`` after any other directive (``# %% [markdown] if NAME``, ``# %% demo if NAME``,
  ``# %% if NAME``): the cell belongs to the exercise NAME (an optional extra's explanation or
  demonstration) and appears only in a term whose course has NAME (graded or given).

    python -m autograder.build.notebooks          # rewrite assignments/source/*/*.ipynb
    python -m autograder.build.notebooks --check  # exit 1 if they are out of date
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from autograder.build.generated import main, sync
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import assignment_names, declared_assignment, get_assignment
from autograder.course.sources import (
    assignment_imports,
    clear_solutions,
    function_source,
    strip_markers,
)
from autograder.course.spec import Assignment, Exercise, resolve

COURSE_DIR = KIT_ROOT / "assignments"
CONTENT_DIR = COURSE_DIR / "content"
SOURCE_DIR = COURSE_DIR / "source"

_HEADER = re.compile(r"^# %%(?P<rest>.*)$")


class ContentError(ValueError):
    """The content file does not follow the format."""


def parse_content(text: str) -> list[tuple[str, str]]:
    """The cells of a content file as (directive, body) pairs, in order."""
    cells: list[tuple[str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADER.match(line)
        if match:
            cells.append((match["rest"].strip(), []))
        elif cells:
            cells[-1][1].append(line)
        elif line.strip():
            raise ContentError(f"line {number}: text before the first '# %%' cell")
    return [(directive, "\n".join(body).strip("\n")) for directive, body in cells]


def _markdown(body: str) -> str:
    return "\n".join(re.sub(r"^# ?", "", line) if line.startswith("#") else line
                     for line in body.splitlines())


def _meta(grade_id: str, *, solution=False, grade=False, locked=True, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def hidden_test_source(assignment: Assignment, exercise: Exercise) -> str:
    return (f"# Autograder tests for {exercise.name} ({exercise.points:g} points): hidden.\n"
            "### BEGIN HIDDEN TESTS\n"
            "from autograder.deliver.hidden_tests import score\n"
            f'score("{assignment.name}", "{exercise.name}")\n'
            "### END HIDDEN TESTS")


def exercise_cells(assignment: Assignment, exercise: Exercise) -> list:
    """Solution cell, check cell and hidden test cell of one exercise."""
    solution = nbformat.v4.new_code_cell(
        function_source(resolve(exercise.reference)).rstrip("\n"),
        metadata=_meta(exercise.name, solution=True, locked=False))
    check = nbformat.v4.new_code_cell(
        f'check("{exercise.name}")',
        metadata={**_meta(f"{exercise.name}-check"), "tags": ["check"]})
    tests = nbformat.v4.new_code_cell(
        hidden_test_source(assignment, exercise),
        metadata=_meta(f"{exercise.name}-tests", grade=True, points=exercise.points))
    solution.id, check.id, tests.id = (exercise.name, f"{exercise.name}-check",
                                       f"{exercise.name}-tests")
    return [solution, check, tests]


def given_cells(assignment: Assignment, exercise: Exercise) -> list:
    """An exercise the term's course file makes "given": a note and the reference as worked code
    (locked, not graded), so that what calls it still runs."""
    note = nbformat.v4.new_markdown_cell(
        f"*In this course `{exercise.name}` is given: read it and run the cell below; it is not "
        "graded.*")
    code = nbformat.v4.new_code_cell(
        strip_markers(function_source(resolve(exercise.reference))).rstrip("\n"),
        metadata=_meta(exercise.name))
    note.id, code.id = f"{exercise.name}-given", exercise.name
    return [note, code]


def build_notebook(assignment: Assignment, content: str) -> nbformat.NotebookNode:
    """The source notebook of ``assignment`` from its content file's text."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    used: list[str] = []
    off = {e.name for e in declared_assignment(assignment.name).exercises} - {
        e.name for e in (*assignment.exercises, *assignment.given)}
    counters: dict[tuple[str, str | None], int] = {}
    for directive, body in parse_content(content):
        directive, condition = split_condition(directive)
        # an exercise's own cells are numbered apart ("text-NAME-1"), so that the other cells
        # keep their ids whether or not the term has NAME (the default course's notebook is
        # the same with or without the cells of its optional extras)
        scope = f"{condition}-" if condition else ""
        if condition is not None:
            if condition not in off and condition not in {
                    e.name for e in (*assignment.exercises, *assignment.given)}:
                raise ContentError(f"'# %% {directive} if {condition}': {assignment.name} has no "
                                   f"exercise called {condition}")
            if condition in off:
                continue
        words = directive.split()
        if directive == "[markdown]":
            number = counters[("markdown", condition)] = counters.get(("markdown", condition), 0) + 1
            cell = nbformat.v4.new_markdown_cell(_markdown(body))
            cell.id = f"text-{scope}{number}"
            nb.cells.append(cell)
        elif words[:1] == ["exercise"] and len(words) == 2:
            if words[1] in off:
                continue  # not in this term's course (its course file says false)
            exercise = assignment.exercise(words[1])
            used.append(exercise.name)
            given = exercise in assignment.given
            nb.cells += (given_cells if given else exercise_cells)(assignment, exercise)
        elif directive == "imports":
            counters[("code", condition)] = counters.get(("code", condition), 0) + 1
            source = (assignment_imports(assignment)
                      + "from course_lib.checks import check\n" + (body + "\n" if body else ""))
            cell = nbformat.v4.new_code_cell(source.rstrip("\n"), metadata=_meta("imports"))
            cell.id = "imports"
            nb.cells.append(cell)
        elif directive in ("", "demo"):
            number = counters[("code", condition)] = counters.get(("code", condition), 0) + 1
            grade_id = f"{'demo' if directive else 'setup'}-{scope}{number}"
            cell = nbformat.v4.new_code_cell(body, metadata=_meta(grade_id))
            if directive:
                cell.metadata["tags"] = ["demo"]
            cell.id = grade_id
            nb.cells.append(cell)
        else:
            raise ContentError(f"unknown cell directive '# %% {directive}'")
    missing = [e.name for e in (*assignment.exercises, *assignment.given) if e.name not in used]
    if missing or len(used) != len(set(used)):
        raise ContentError(f"{assignment.name}: every exercise must appear exactly once; "
                           f"missing {missing}, used {used}")
    return nb


def split_condition(directive: str) -> tuple[str, str | None]:
    """``"demo if NAME"`` -> ``("demo", "NAME")``; a directive without ``if`` -> ``(it, None)``."""
    words = directive.split()
    if len(words) >= 2 and words[-2] == "if":
        return " ".join(words[:-2]), words[-1]
    if words[:1] == ["if"] and len(words) == 2:
        return "", words[1]
    return directive, None


def _without_hidden_tests(source: str) -> str:
    lines, hidden = [], False
    for line in source.splitlines():
        if line.strip() == "### BEGIN HIDDEN TESTS":
            hidden = True
        elif line.strip() == "### END HIDDEN TESTS":
            hidden = False
        elif not hidden:
            lines.append(line)
    return "\n".join(lines)


def student_notebook(assignment: Assignment, answers: dict[str, str | None] | None = None,
                     default: str = "solution") -> nbformat.NotebookNode:
    """The notebook as a student hands it in: the released cells, each solution cell filled.

    ``answers`` maps an exercise to the source of its solution cell (``None`` leaves the stub);
    the other exercises get ``default``: "solution" (the reference without markers) or "stub".
    """
    answers = answers or {}
    nb = nbformat.reads(notebook_path(assignment.name).read_text(), as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("grade") and not meta.get("solution"):
            cell.source = _without_hidden_tests(cell.source)
        elif meta.get("solution"):
            answer = answers.get(meta["grade_id"], default)
            if answer == "solution":
                cell.source = strip_markers(cell.source).rstrip("\n")
            elif answer in (None, "stub"):
                cell.source = clear_solutions(cell.source).rstrip("\n")
            else:
                cell.source = answer
    return nb


def notebook_path(name: str) -> Path:
    return SOURCE_DIR / name / f"{name}.ipynb"


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def write_notebooks(check: bool = False) -> list[Path]:
    """Write (or, with ``check``, compare) every source notebook; returns the stale ones."""
    files = {notebook_path(name): render(build_notebook(get_assignment(name),
                                                        (CONTENT_DIR / f"{name}.py").read_text()))
             for name in assignment_names() if (CONTENT_DIR / f"{name}.py").exists()}
    return sync(files, check)


if __name__ == "__main__":
    main(write_notebooks)
