"""The data behind the students' check cells: visible cases only, exported from the registry.

For every exercise: its visible cases (inputs and expected outputs), the expected outputs computed
by the TensorFlow counterpart on the same inputs where the curriculum's mapping holds for them, and
every known mistake's outputs on those cases (so that a check can name the mistake), and the data
of the check cell's picture (:mod:`autograder.build.public_pictures`, new visible inputs). Hidden cases
and code are never exported. Written to ``course_lib/public_cases/<assignment>.json``:

    python -m autograder.build.public          # rewrite
    python -m autograder.build.public --check  # exit 1 if out of date (the tests do this)
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from autograder.build.generated import main, same_json_numbers, sync
from autograder.build.public_pictures import picture
from autograder.course.expected import KIT_ROOT, expected_table, normalise, run_case
from autograder.course.registry import assignment_names, declared_assignment
from autograder.course.spec import Assignment, resolve
from course_lib.codec import encode
from course_lib.compare import agrees

PUBLIC_DIR = KIT_ROOT / "course_lib" / "public_cases"


def public_cases(assignment: Assignment) -> dict:
    table = expected_table(assignment)
    exercises = {}
    for exercise in assignment.exercises:
        counterpart = resolve(exercise.tensorflow) if exercise.tensorflow else None
        tf_tol = exercise.tensorflow_tolerance or exercise.tolerance
        cases = []
        for record in table.records[exercise.name]:
            if not record.case.visible:
                continue
            args, kwargs = pickle.loads(record.inputs)
            entry = {
                "name": record.case.label,
                "args": encode(args),
                "kwargs": encode(kwargs),
                "rng_seed": record.case.rng_seed,
                "inputs": record.shown_inputs,
                "expected": encode(record.expected),
                "mistakes": [encode(record.mistakes.get(m.name)) for m in exercise.mistakes],
                "tensorflow": None,
            }
            if counterpart is not None:
                tf_out = exercise.view(normalise(run_case(counterpart, record.case, record.inputs)))
                if agrees(record.expected, tf_out, tf_tol):
                    entry["tensorflow"] = encode(tf_out)
            cases.append(entry)
        exercises[exercise.name] = {
            "summary": exercise.summary,
            "returns": list(exercise.returns),
            "items": vars(exercise.items) if exercise.items else None,
            "tolerance": vars(exercise.tolerance),
            "tensorflow_tolerance": vars(tf_tol),
            "mistake_messages": [m.message for m in exercise.mistakes],
            "hidden_cases": sum(not r.case.visible for r in table.records[exercise.name]),
            "cases": cases,
            "picture": picture(assignment, exercise),
        }
    return {"assignment": assignment.name, "exercises": exercises}


def render(data: dict) -> str:
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def write_public_cases(check: bool = False) -> list[Path]:
    """Write (or, with ``check``, compare) the public check data; returns the stale files.

    The data is up to date when it equals what this machine computes, numbers within a few ulps
    (another CPU may round the last bit of a float64 differently)."""
    files = {PUBLIC_DIR / f"{name}.json": render(public_cases(declared_assignment(name)))
             for name in assignment_names()}
    return sync(files, check, same=same_json_numbers)


if __name__ == "__main__":
    main(write_public_cases)
