"""Gradescope's ``results.json``: one test per check group, named after its exercise.

Gradescope reads ``score`` (the total), ``tests`` (each with ``name``, ``score``, ``max_score``,
``output`` and ``visibility``) and an optional top-level ``output``. Hidden cases never appear in
an output with their inputs or expected values, so every test can be ``visible``.
"""

from __future__ import annotations

from autograder.results import Result


def to_gradescope(result: Result) -> dict:
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
                "output": output,
                "status": "passed" if check.passed else "failed",
                "visibility": "visible",
            })
    output = f"{result.assignment}: {result.score:g} / {result.max_score:g}"
    if result.notes:
        output += "\n" + "\n".join(f"- {n}" for n in result.notes)
    return {
        "score": result.score,
        "execution_time": result.seconds,
        "output": output,
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
