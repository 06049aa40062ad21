"""A term's course file (``course.toml``): its assignments, their exercises and their points.

The file selects and reweights the exercises the registry declares; it declares nothing itself.
Each assignment is a table whose keys are its declared exercises::

    course_id = "dnn-2027"

    [assignments.regularization]
    compute_cost_with_regularization = 10    # graded, worth 10 points
    backward_propagation_with_dropout = "given"  # in the notebook as worked code, not graded
    some_optional_extra = false              # not in this term's notebook at all

The assignments are the term's in the order of the file. An exercise the file does not name is
an error for the course's own exercises (say what the term does with it) and off for an optional
extra (so that a kit that gains extras leaves a term's file valid). :func:`read_course` yields the
term's :class:`Assignment` values (points replaced, given exercises in ``Assignment.given``).

The course being run is the one whose folder (or file) ``AUTOGRADER_COURSE`` names: the CLI sets
it from ``--course DIR`` or a ``course.toml`` in the current folder, a course folder's
``nbgrader_config.py`` sets it for nbgrader (and the processes it starts inherit it).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from autograder.course.spec import Assignment

FILE_NAME = "course.toml"
ENV = "AUTOGRADER_COURSE"
GIVEN = "given"


class CourseFileError(ValueError):
    """A course file the kit cannot follow; the message says what to change."""


@dataclass(frozen=True)
class Course:
    """A term's course as its course file says."""

    path: Path
    course_id: str
    #: name -> the term's assignment, in the file's order
    assignments: dict[str, Assignment]


def course_file_path(where: str | Path) -> Path:
    """The course file of a course folder (or the file itself)."""
    where = Path(where)
    return where if where.suffix == ".toml" else where / FILE_NAME


def term_assignment(declared: Assignment, choices: dict, where: str) -> Assignment:
    """``declared`` as a term's course file chooses: graded exercises with their points, given
    ones, the rest off. ``where`` names the table in messages."""
    known = {e.name: e for e in declared.exercises}
    unknown = sorted(set(choices) - set(known))
    if unknown:
        raise CourseFileError(
            f"{where}: {', '.join(unknown)} is not an exercise of {declared.name}; its exercises "
            f"are {', '.join(known)}.")
    unsaid = [n for n, e in known.items() if n not in choices and not e.optional]
    if unsaid:
        raise CourseFileError(
            f"{where}: the file does not say what the term does with {', '.join(unsaid)}; give "
            f"each its points, \"{GIVEN}\" or false.")
    graded, given, off = [], [], []
    for name, exercise in known.items():
        choice = choices.get(name, False)
        if choice is False:
            off.append(name)
        elif choice == GIVEN:
            given.append(exercise)
        elif isinstance(choice, int | float) and not isinstance(choice, bool) and choice > 0:
            graded.append(dataclasses.replace(exercise, points=float(choice)))
        else:
            raise CourseFileError(
                f"{where}: {name} = {choice!r} is not a choice; give a number of points above "
                f"zero, \"{GIVEN}\" or false.")
    if not graded:
        raise CourseFileError(f"{where}: no exercise is graded; give at least one its points.")
    for exercise in [*graded, *given]:
        wanted = list(exercise.needs)
        if exercise.cache_from is not None:
            wanted.append(exercise.cache_from.exercise)
        for other in wanted:
            if other in off:
                raise CourseFileError(
                    f"{where}: {exercise.name} calls {other}, which is off; make {other} "
                    f"\"{GIVEN}\" (or give it points).")
    return dataclasses.replace(declared, exercises=tuple(graded), given=tuple(given))


def read_course(where: str | Path) -> Course:
    """The course of a course folder (or course file)."""
    from autograder.course.registry import UnknownAssignment, declared_assignment

    path = course_file_path(where)
    try:
        data = tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise CourseFileError(f"{path} does not exist: a course folder has a {FILE_NAME} "
                              "(autograder course new makes one).") from None
    except tomllib.TOMLDecodeError as exc:
        raise CourseFileError(f"{path} is not valid TOML: {exc}.") from None
    course_id = data.get("course_id")
    if not isinstance(course_id, str) or not course_id:
        raise CourseFileError(f"{path}: course_id (the nbgrader course id) is missing.")
    tables = data.get("assignments")
    if not isinstance(tables, dict) or not tables:
        raise CourseFileError(f"{path}: there is no [assignments.NAME] table.")
    assignments = {}
    for name, choices in tables.items():
        try:
            declared = declared_assignment(name)
        except UnknownAssignment as exc:
            raise CourseFileError(f"{path}: {exc}.") from None
        assignments[name] = term_assignment(declared, choices, f"{path} [assignments.{name}]")
    return Course(path, course_id, assignments)


_READ: dict[Path, tuple[int, Course]] = {}


def active_course() -> Course | None:
    """The course ``AUTOGRADER_COURSE`` names, read again only when its file changes; None when
    it is unset (the default course)."""
    where = os.environ.get(ENV)
    if not where:
        return None
    path = course_file_path(where).resolve()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise CourseFileError(f"{ENV}={where}, but {path} does not exist.") from None
    known = _READ.get(path)
    if known is None or known[0] != stamp:
        _READ[path] = (stamp, read_course(path))
    return _READ[path][1]


def activate(where: str | Path) -> Course:
    """Make the course of ``where`` the one being run, in this process and its children."""
    course = read_course(where)
    os.environ[ENV] = str(course.path.resolve())
    return course


def _points(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string
    return repr(value)


def one_assignment_text(course: Course, name: str) -> str:
    """``course``'s file cut down to the assignment ``name``: its course id and that one table
    (for a bundle that carries only that assignment's exercises)."""
    table = tomllib.loads(course.path.read_text())["assignments"][name]
    lines = [f"# {course.path.name} of {course.course_id}, {name} only (the other assignments' "
             "exercises are not in this bundle).",
             f"course_id = {json.dumps(course.course_id)}", "", f"[assignments.{name}]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n"


def default_course_text(course_id: str, names: list[str] | None = None) -> str:
    """The course file of the course as the kit declares it (every exercise of the course's own
    set graded with its declared points, the optional extras off), for ``names`` (default: the
    default course's assignments), with a comment on every key. An optional assignment named in
    ``names`` is on whole: every exercise graded with its declared points."""
    from autograder.course.registry import (
        declared_assignment,
        declared_names,
        optional_assignment,
    )

    lines = [
        "# The course of one term: which assignments, which of their exercises, how many points.",
        "# The kit's notebooks, nbgrader, the autograder CLI, the Gradescope and student bundles,",
        "# the export and the class report all follow this file. After changing it, run",
        "#     autograder course sources",
        "# in this folder (rewrites source/), then nbgrader generate_assignment NAME --force.",
        "",
        "# nbgrader's course id (students' nbgrader configuration names it too).",
        f"course_id = {course_id!r}".replace("'", '"'),
        "",
        "# One table per assignment of the term, in the term's order; leave an assignment out to",
        "# leave it out of the term. In each, one line per exercise of the assignment:",
        "#   NAME = POINTS   graded, worth POINTS (a number above zero)",
        '#   NAME = "given"  in the notebook as worked code (the reference), not graded; what',
        "#                   calls it (later exercises, demonstrations) still runs",
        "#   NAME = false    not in this term's notebook at all (for the optional extras)",
    ]
    for name in names or [n for n in declared_names() if not optional_assignment(n)]:
        assignment = declared_assignment(name)
        whole = optional_assignment(name)
        lines += ["", f"# {assignment.title}: {assignment.max_score:g} points as declared"
                  + (" (an optional assignment, on)." if whole else "."), f"[assignments.{name}]"]
        for e in assignment.exercises:
            off = e.optional and not whole
            declared = "an optional extra, off" if off else f"{_points(e.points)} points"
            lines += textwrap.wrap(f"{e.summary} (declared: {declared})", 96,
                                   initial_indent="# ", subsequent_indent="#   ")
            lines.append(f"{e.name} = {'false' if off else _points(e.points)}")
    return "\n".join(lines) + "\n"
