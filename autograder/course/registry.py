"""Where assignments are found: one declarations module per assignment.

:func:`declared_assignment` is an assignment as declared (every exercise, the declared points).
:func:`get_assignment` is the assignment of the course being run: the term's, when a course file
is active (``AUTOGRADER_COURSE``, see :mod:`autograder.course.course_file`), else the default
course (every declared exercise but the optional extras).

An *optional assignment* is one whose every exercise is an optional extra (``convolution_arithmetic``):
the default course leaves it out (:func:`assignment_names`), a term's course file turns it on, and
named on its own it is whole (:func:`default_assignment`), so that the kit's generators and
authoring tools (:func:`built_names`) build and check its files as for any other.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib

from autograder.course.spec import Assignment

#: assignment name -> module exporting ``ASSIGNMENT``, in the course's order. A new assignment is
#: one line here.
ASSIGNMENT_MODULES = {
    "initialization": "autograder.course.exercises.initialization",
    "regularization": "autograder.course.exercises.regularization",
    "gradient_checking": "autograder.course.exercises.gradient_checking",
    "optimization_methods": "autograder.course.exercises.optimization_methods",
    "hyperparameter_tuning": "autograder.course.exercises.hyperparameter_tuning",
    "batchnorm_softmax": "autograder.course.exercises.batchnorm_softmax",
    "convolution_arithmetic": "autograder.course.exercises.convolution_arithmetic",
}

#: the assignments outside the default course (every exercise of each an optional extra): named
#: here rather than found by importing every declaration, so that listing the course imports none
#: (a Gradescope bundle carries one assignment's declarations only)
OPTIONAL_ASSIGNMENTS = ("convolution_arithmetic",)


class UnknownAssignment(KeyError):
    def __str__(self) -> str:
        return self.args[0]


def declared_names() -> list[str]:
    """Every assignment the kit declares, in the course's order."""
    return list(ASSIGNMENT_MODULES)


def declared_assignment(name: str) -> Assignment:
    """The assignment called ``name`` as declared: every exercise, with its declared points."""
    if name not in ASSIGNMENT_MODULES:
        raise UnknownAssignment(
            f"no assignment called {name!r}; the kit has {', '.join(ASSIGNMENT_MODULES)}"
        )
    return importlib.import_module(ASSIGNMENT_MODULES[name]).ASSIGNMENT


def optional_assignment(name: str) -> bool:
    """Whether the assignment ``name`` is outside the default course (every exercise of it an
    optional extra: the tests hold the two together)."""
    return name in OPTIONAL_ASSIGNMENTS


@functools.cache
def default_assignment(name: str) -> Assignment:
    """The assignment of the default course: the declaration without its optional extras (an
    optional assignment, outside the default course, is its whole declaration)."""
    declared = declared_assignment(name)
    if not any(e.optional for e in declared.exercises) or optional_assignment(name):
        return declared
    return dataclasses.replace(declared, exercises=tuple(
        e for e in declared.exercises if not e.optional))


def assignment_names() -> list[str]:
    """The assignments of the course being run, in its order."""
    from autograder.course.course_file import active_course

    course = active_course()
    if course:
        return list(course.assignments)
    return [n for n in declared_names() if not optional_assignment(n)]


def built_names() -> list[str]:
    """The assignments the kit's generators and authoring tools cover: the course's, and in the
    default course the optional assignments too (whole), in the declared order."""
    from autograder.course.course_file import active_course

    if active_course():
        return assignment_names()
    return declared_names()


def get_assignment(name: str) -> Assignment:
    """The assignment called ``name`` in the course being run (see the module's docstring)."""
    from autograder.course.course_file import active_course

    course = active_course()
    if course is None:
        return default_assignment(name)
    if name not in course.assignments:
        raise UnknownAssignment(
            f"the course file {course.path} has no assignment called {name!r}; it has "
            f"{', '.join(course.assignments) or 'none'}"
        )
    return course.assignments[name]
