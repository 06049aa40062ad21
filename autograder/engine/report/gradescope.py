"""Gradescope's ``results.json``: one test per check group, named after its exercise.

Gradescope reads ``score`` (the total), ``tests`` (each with ``name``, ``score``, ``max_score``,
``output`` and ``visibility``) and an optional top-level ``output``. Hidden cases never appear in
an output with their inputs or expected values; still, a check group with hidden cases gets the
visibility ``hidden_visibility`` (``after_published`` by default), so that a student cannot tune a
submission on the hidden cases' pass/fail by resubmitting. The top-level output then gives only
the score of the visible checks: Gradescope hides the total while a test is hidden.
"""

from __future__ import annotations

from autograder.engine.results import Result
from course_lib.wrap import wrap

VISIBILITIES = ("visible", "after_published", "after_due_date", "hidden")


def to_gradescope(result: Result, hidden_visibility: str = "after_published") -> dict:
    if hidden_visibility not in VISIBILITIES:
        raise ValueError(f"hidden_visibility must be one of {VISIBILITIES}")
    tests = []
    for e in result.exercises:
        for check in e.checks:
            output = check.message
            if e.diagnosis and not check.passed:
                output = f"Likely mistake: {e.diagnosis}\n{output}"
            tests.append({
                "name": f"{e.name}: {check.name}",
                "score": check.score,
                "max_score": check.max_score,
                "output": wrap(output),
                "status": "passed" if check.passed else "failed",
                "visibility": "visible" if check.visible else hidden_visibility,
            })
    shown = [t for t in tests if t["visibility"] == "visible"]
    if len(shown) == len(tests):
        output = f"{result.assignment}: {result.score:g} / {result.max_score:g}"
    else:
        output = (f"{result.assignment}: {sum(t['score'] for t in shown):g} / "
                  f"{sum(t['max_score'] for t in shown):g} on the visible checks; the checks on "
                  f"hidden cases ({sum(t['max_score'] for t in tests if t not in shown):g} "
                  f"points) are shown {_WHEN[hidden_visibility]}")
    if result.notes:
        output += "\n" + "\n".join(f"- {n}" for n in result.notes)
    # Gradescope keeps ``extra_data`` as it is: the flag an instructor filters on to regrade
    extra = {"extra_data": {"grader_error": result.grader_error}} if result.grader_error else {}
    return {
        "score": result.score,
        "execution_time": result.seconds,
        "output": wrap(output),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        **extra,
    }


_WHEN = {"after_published": "when the grades are published",
         "after_due_date": "after the due date", "hidden": "to the instructors only"}
