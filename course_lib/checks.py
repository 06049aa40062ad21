"""The check cells: run your function on the visible cases and say plainly what is wrong.

    check("update_parameters_with_adam")

runs the function of that name from your notebook on the exercise's visible cases, compares the
results with the expected values (computed by the reference and, where it applies, by
TensorFlow), names a typical mistake when your results match one, and prints everything. It
never raises, so the cells after it still run. The autograder runs more (hidden) cases.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
from functools import cache
from importlib import resources

import numpy as np

from course_lib import check_plots
from course_lib.codec import decode
from course_lib.compare import Tolerance, agrees, compare_named, matches_mistake
from course_lib.errors import raised_at, raised_sentence
from course_lib.places import ItemLabel
from course_lib.values import materialize
from course_lib.wrap import wrap


@cache
def _public_data() -> dict:
    exercises = {}
    for entry in resources.files("course_lib").joinpath("public_cases").iterdir():
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text())
            exercises.update(data["exercises"])
    return exercises


def _call(fn, case: dict):
    args, kwargs = materialize((decode(case["args"]), decode(case["kwargs"])))
    if case.get("rng_seed") is not None:
        np.random.seed(case["rng_seed"])
    output = fn(*args, **kwargs)
    from course_lib.codec import encode  # results are compared as the grader sees them

    return decode(json.loads(json.dumps(encode(output))))


def has_tensorflow() -> bool:
    """Whether TensorFlow is installed here (the student bundle of an assignment without
    TensorFlow does not install it: its checks then do not mention it)."""
    return importlib.util.find_spec("tensorflow") is not None


#: the sentence that says what agreeing with TensorFlow means, printed with the first check
#: that mentions it (once per kernel)
TENSORFLOW_EXPLAINED = ("Agreeing with TensorFlow means: on these cases, the same computation "
                        "done with TensorFlow's own functions gives the same numbers as yours.")
_explained: set[str] = set()


#: a failing case's inputs are shown when they are the first failing case's, or this short
SHORT_INPUTS = 6


def _inputs(case: dict, first: bool) -> list[str]:
    """The case's inputs, defaults included, as the report shows them: those of the first
    failing case, and those of the others that are short (a rate's few numbers, not a network's
    parameters)."""
    lines = (case.get("inputs") or "").splitlines()
    if not lines or (not first and len(lines) > SHORT_INPUTS):
        return []
    return ["    The inputs of this case:"] + ["      " + line for line in lines]


def _raised(case: dict, exc: BaseException) -> str:
    try:
        message = str(exc)
    except Exception:
        message = ""
    try:
        at = raised_at(exc)
    except Exception:
        at = None
    return f"✗ case '{case['name']}': {raised_sentence(type(exc).__name__, message, at)}"


def run_check(name: str, fn, spec: dict | None = None,
              tensorflow: bool | None = None) -> tuple[bool, str]:
    """Check ``fn`` as exercise ``name``; returns (all passed, the report, unwrapped: :func:`check`
    prints it wrapped).

    ``spec`` is the exercise's public entry (default: the one shipped in ``public_cases``);
    ``tensorflow`` says whether to compare with TensorFlow's results too (by default: when
    TensorFlow is installed here)."""
    if spec is None:
        spec = _public_data().get(name)
    if spec is None:
        return False, f"There is no exercise called {name!r}."
    if fn is None:
        return False, (f"✗ {name} is not defined: run the cell that defines it first "
                       "(and keep its name).")
    if not callable(fn):
        return False, f"✗ {name} should be a function; it is a {type(fn).__name__}."
    if tensorflow is None:
        tensorflow = has_tensorflow()
    tol = Tolerance(**spec["tolerance"])
    tf_tol = Tolerance(**spec["tensorflow_tolerance"])
    items = ItemLabel(**spec["items"]) if spec.get("items") else None
    lines, passed, tf_checked, tf_passed = [], 0, 0, 0
    shown_inputs = False
    diagnosis_cases: list[list] = [[] for _ in spec["mistake_messages"]]
    raised = []  # the cases on which the function raised
    for case in spec["cases"]:
        try:
            got = _call(fn, case)
        except NotImplementedError:
            return False, (f"✗ {name} is not implemented yet: replace the "
                           "'raise NotImplementedError()' with your code.")
        except BaseException as exc:  # the student's code: report anything, raise nothing
            lines.append(_raised(case, exc))
            lines += _inputs(case, first=not shown_inputs)
            shown_inputs = True
            raised.append(case)
            continue
        expected = decode(case["expected"])
        wrong = compare_named(spec["returns"], expected, got, tol, items)
        if wrong:
            lines.append(f"✗ case '{case['name']}': {wrong[0].message}")
            if wrong[0].detail:
                lines.append("    " + wrong[0].detail.replace("\n", "\n    "))
            lines += _inputs(case, first=not shown_inputs)
            shown_inputs = True
        else:
            passed += 1
        if tensorflow and case.get("tensorflow") is not None:
            tf_checked += 1
            tf_wrong = compare_named(spec["returns"], decode(case["tensorflow"]), got, tf_tol,
                                     items)
            tf_passed += not tf_wrong
            if tf_wrong and not wrong:
                lines.append(f"✗ case '{case['name']}': your result disagrees with "
                             f"TensorFlow's. {tf_wrong[0].message}")
        for i, produced in enumerate(case["mistakes"]):
            diagnosis_cases[i].append((expected, decode(produced), got, tol))
    total = len(spec["cases"])
    ok = passed == total and tf_passed == tf_checked and not lines
    if tf_checked:
        summary = (f"{name}: {passed} of {total} visible cases pass, and it agrees with "
                   f"TensorFlow on {tf_passed} of {tf_checked}.")
    else:
        summary = f"{name}: {passed} of {total} visible cases pass."
    report = [("✓ " if ok else "✗ ") + summary]
    if tf_checked and "tensorflow" not in _explained:
        _explained.add("tensorflow")
        report.append(TENSORFLOW_EXPLAINED)
    report += lines
    for i, (message, cases) in enumerate(zip(spec["mistake_messages"], diagnosis_cases)):
        # as the autograder diagnoses: a mistake that raises (the course's reshape of Y) explains
        # a function that raises on exactly the cases it raises on and agrees on the others
        if raised:
            named = (all(case["mistakes"][i] is None for case in raised) and all(
                produced is not None and agrees(produced, got, tol)
                for _, produced, got, tol in cases))
        else:
            named = bool(cases) and matches_mistake(cases)
        if not ok and named:
            report.append(f"Likely mistake: {message}")
            break
    if ok:
        report.append(f"The autograder also runs {spec['hidden_cases']} hidden cases.")
    return ok, "\n".join(report)


def check(name: str, namespace: dict | None = None, plot: bool | None = None) -> None:
    """Print the check of exercise ``name`` for the function of that name in the notebook.

    Then draw its picture, where it has one (see course_lib.check_plots): by default only in a
    notebook; ``plot`` True or False decides instead."""
    if namespace is None:
        namespace = inspect.currentframe().f_back.f_globals
    try:
        _, report = run_check(name, namespace.get(name))
    except Exception as exc:  # a broken check must not stop the notebook
        report = f"The check of {name} could not run: {exc!r}"
    print(wrap(report))
    if check_plots.wanted(plot):
        try:
            exercise = _public_data().get(name)
        except Exception:  # already reported by run_check
            exercise = None
        check_plots.show(name, namespace.get(name), exercise)
