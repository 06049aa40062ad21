"""Every failed check says why: find the ones that do not, in every format a result is given in.

The formats are the JSON of ``--format json`` (``Result.to_dict``), Gradescope's ``results.json``
and the plain feedback text (the table's feedback, nbgrader's hidden test cell and feedback).
"""

from __future__ import annotations

from autograder.engine.report.gradescope import to_gradescope
from autograder.engine.results import Result


def unexplained_failures(result: Result) -> list[str]:
    """``"format: exercise: check"`` for each failed check shown without a reason."""
    found = []
    for exercise in result.to_dict()["exercises"]:
        for check in exercise["checks"]:
            if not check["passed"] and not check["message"].strip():
                found.append(f"json: {exercise['name']}: {check['name']}")
    for test in to_gradescope(result)["tests"]:
        if test["status"] == "failed" and not test["output"].strip():
            found.append(f"gradescope: {test['name']}")
    for exercise in result.exercises:
        lines = exercise.feedback.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("[FAIL]"):
                following = lines[i + 1] if i + 1 < len(lines) else ""
                if not (following.startswith("    ") and following.strip()):
                    found.append(f"feedback: {exercise.name}: {line}")
    return found
