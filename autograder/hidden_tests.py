"""The one call an nbgrader hidden test cell makes.

    ### BEGIN HIDDEN TESTS
    from autograder.hidden_tests import score
    score("optimization_methods", "update_parameters_with_adam")
    ### END HIDDEN TESTS

``score`` grades one exercise on all its cases (hidden ones included), prints the feedback and
returns the points earned as a plain ``float``, the cell's value. nbgrader reads that value as the
cell's partial credit. Two of nbgrader's rules matter here: a cell with any output on stderr
scores zero (so nothing here writes to stderr, and the student's calls run in a forked child whose
output goes nowhere), and a value that ``float()`` cannot read (NumPy 2 shows ``np.float64(2.5)``)
silently counts as full credit (so the value is always a Python float).
"""

from __future__ import annotations

import inspect

from autograder.expected import expected_table
from autograder.grading import protected_paths, score_exercise
from autograder.registry import get_assignment
from autograder.results import ExerciseResult
from autograder.sandbox.kernel import KernelSandbox
from autograder.sandbox.runner import Limits

#: nbgrader's cell timeout is 30 s unless configured; the course config sets 120 s.
CELL_LIMITS = Limits(time_seconds=25, item_seconds=10)


def grade_in_kernel(assignment: str, exercise: str, namespace: dict,
                    limits: Limits = CELL_LIMITS) -> ExerciseResult:
    """Grade ``exercise`` with the functions of ``namespace`` (a kernel's globals)."""
    a = get_assignment(assignment)
    ex = a.exercise(exercise)
    records = expected_table(a).records[exercise]
    job = {"units": [], "module_name": "__main__",
           "calls": [{"id": i, "function": exercise, "inputs": r.inputs,
                      "rng_seed": r.case.rng_seed} for i, r in enumerate(records)]}
    run = KernelSandbox(namespace, limits=limits, protected=protected_paths([])).run(job)
    return score_exercise(ex, records, run, {(exercise, i): i for i in range(len(records))})


def score(assignment: str, exercise: str, namespace: dict | None = None) -> float:
    """Print the feedback for ``exercise`` and return its points (nbgrader's partial credit)."""
    if namespace is None:
        namespace = inspect.currentframe().f_back.f_globals
    result = grade_in_kernel(assignment, exercise, namespace)
    print(f"{exercise}: {result.score:g} / {result.max_score:g} points")
    if result.status != "passed":
        print(result.feedback)
    return float(result.score)
