"""The grader's half of an nbgrader hidden test cell, in a process of its own.

    python -m autograder.deliver.hidden_tests_grader ASSIGNMENT EXERCISE

Talks JSON lines on stdin/stdout with :func:`autograder.deliver.hidden_tests.score` in the kernel: sends
the job (the exercise's calls, inputs only) and the paths to protect; receives the outcome of the
sandboxed calls; answers with the score and the feedback. The references and expected values live
only here, never in the kernel that runs the student's code.
"""

from __future__ import annotations

import base64
import json
import sys

from autograder.course.expected import expected_table
from autograder.course.registry import get_assignment
from autograder.engine.calls import add_calls, forward_of
from autograder.engine.grading import protected_paths, score_exercise
from autograder.engine.report.test_cells import cell_text
from autograder.engine.sandbox.runner import CallOutcome, RunOutcome
from course_lib.codec import DecodeError, decode


def job_for(assignment, exercise) -> tuple[dict, list, dict]:
    """The job of one exercise (the same calls as the CLI's, by :func:`autograder.engine.calls.add_calls`),
    its expected records, and which call id belongs to which case."""
    records = expected_table(assignment).records[exercise.name]
    calls, index = [], {}
    add_calls(calls, index, exercise, records, forward_of(assignment, exercise))
    return {"units": [], "module_name": "__main__", "calls": calls}, records, index


def outcome_from(data: dict) -> RunOutcome:
    run = RunOutcome(defined=set(data.get("defined", [])), notes=list(data.get("notes", [])))
    for key, call in data.get("calls", {}).items():
        if call.get("error") is not None:
            run.calls[int(key)] = CallOutcome(error=call["error"])
            continue
        try:
            run.calls[int(key)] = CallOutcome(output=decode(call.get("output")))
        except (DecodeError, KeyError, TypeError, ValueError) as exc:
            run.calls[int(key)] = CallOutcome(error={"type": "unreadable output",
                                                     "message": str(exc), "where": ""})
    return run


def main(assignment_name: str, exercise_name: str) -> None:
    assignment = get_assignment(assignment_name)
    exercise = assignment.exercise(exercise_name)
    job, records, index = job_for(assignment, exercise)
    wire = {**job, "calls": [{**c, "inputs": base64.b64encode(c["inputs"]).decode()}
                             for c in job["calls"]]}
    print(json.dumps({"job": wire, "protected": protected_paths([])}), flush=True)
    run = outcome_from(json.loads(sys.stdin.readline()))
    result = score_exercise(exercise, records, run, index, forward_of(assignment, exercise))
    print(json.dumps({"score": float(result.score), "text": cell_text(result)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
