"""Where assignments are found: one declarations module per assignment."""

from __future__ import annotations

import importlib

from autograder.spec import Assignment

#: assignment name -> module exporting ``ASSIGNMENT``. A new assignment is one line here.
ASSIGNMENT_MODULES = {
    "optimization_methods": "autograder.exercises.optimization_methods",
    "batchnorm_softmax": "autograder.exercises.batchnorm_softmax",
    "initialization": "autograder.exercises.initialization",
    "hyperparameter_tuning": "autograder.exercises.hyperparameter_tuning",
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
