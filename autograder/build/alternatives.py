"""The correct alternatives of the tests: ``tests/autograder/alternatives/<assignment>.py``.

Each ``<exercise>__<variant>`` function is a correct version of the exercise written differently
from the reference. :func:`alternative_failures` runs each on every case in this process, as the
grader compares a student's output, so that ``autograder validate`` names a wrong one without the
test suite.
"""

from __future__ import annotations

import importlib.util
import inspect

import numpy as np

from autograder.build.wiring import Problem
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import declared_assignment

ALTERNATIVES_DIR = KIT_ROOT / "tests" / "autograder" / "alternatives"


def load_alternatives(assignment: str):
    """The module ``tests/autograder/alternatives/<assignment>.py``, or None when it is missing."""
    path = ALTERNATIVES_DIR / f"{assignment}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"alternatives_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alternatives_of(module, exercise: str) -> list:
    """The functions ``<exercise>__<variant>`` of an alternatives module."""
    prefix = exercise + "__"
    return [fn for name, fn in vars(module).items()
            if name.startswith(prefix) and inspect.isfunction(fn)
            and fn.__module__ == module.__name__]


def alternative_failures(name: str) -> list[Problem]:
    """The alternatives that do not earn full marks, run in this process on every case.

    As the grader compares a student's output: normalised through the codec, against the expected
    value of the case (the reference's, or the counterpart's on ``tensorflow`` cases), with the
    exercise's tolerance for the case. The alternatives are the kit's own code, so no sandbox.
    """
    from autograder.course.expected import expected_table, normalise, run_case
    from course_lib.compare import compare

    assignment = declared_assignment(name)
    module = load_alternatives(name)
    if module is None:
        return []
    table = expected_table(assignment)
    out = []
    for exercise in assignment.exercises:
        for fn in alternatives_of(module, exercise.name):
            for record in table.records[exercise.name]:
                try:
                    with np.errstate(all="ignore"):
                        got = normalise(run_case(fn, record.case, record.inputs))
                except Exception as exc:  # noqa: BLE001 (an alternative that raises is wrong)
                    wrong = f"raises {type(exc).__name__}: {exc}"
                else:
                    mismatches = compare(record.expected, got, exercise.tolerance_for(record.case))
                    wrong = "; ".join(m.message for m in mismatches[:3])
                if wrong:
                    out.append(Problem(name, exercise.name, f"The alternative {fn.__name__} is "
                                       f"wrong on the case {record.case.label} ({wrong}). Fix it: "
                                       "an alternative must earn full marks, or it proves "
                                       "nothing about the cases."))
                    break
    return out

