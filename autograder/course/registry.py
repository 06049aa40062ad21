"""Where assignments are found: one declarations module per assignment."""

from __future__ import annotations

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
}


class UnknownAssignment(KeyError):
    def __str__(self) -> str:
        return self.args[0]


def assignment_names() -> list[str]:
    return list(ASSIGNMENT_MODULES)


def get_assignment(name: str) -> Assignment:
    """The declared assignment called ``name``."""
    if name not in ASSIGNMENT_MODULES:
        raise UnknownAssignment(
            f"no assignment called {name!r}; the kit has {', '.join(ASSIGNMENT_MODULES)}"
        )
    return importlib.import_module(ASSIGNMENT_MODULES[name]).ASSIGNMENT
