"""The one call an nbgrader hidden test cell makes, when a kernel runs it.

The course's configuration never runs it: ``autograder.deliver.nbgrader.KitExecute`` reads which exercise
a hidden test cell grades from this call's arguments and grades the whole notebook in the kit's
sandbox instead. This module is what a stock nbgrader configuration (nbgrader's ``Execute``, the
notebook in a kernel) runs; README, "Grading with nbgrader", says what that gives up.

    ### BEGIN HIDDEN TESTS
    from autograder.deliver.hidden_tests import score
    score("optimization_methods", "update_parameters_with_adam")
    ### END HIDDEN TESTS

``score`` grades one exercise on all its cases (hidden ones included), prints the feedback and
returns the points earned as a plain ``float``, the cell's value. nbgrader reads that value as the
cell's partial credit. Two of nbgrader's rules matter here: a cell with any output on stderr
scores zero (so nothing here writes to stderr, and the student's calls run in a forked child whose
output goes nowhere), and a value that ``float()`` cannot read (NumPy 2 shows ``np.float64(2.5)``)
silently counts as full credit (so the value is always a Python float, made by the grader
process, not by the builtin ``float`` of a kernel the student's code may have patched).

The kernel runs the student's code, so it never holds a reference or an expected value: a grader
process (:mod:`autograder.deliver.hidden_tests_grader`) sends the cases' inputs, the kernel runs the calls
in sandboxed children forked from itself, and the grader process compares and scores.
"""

from __future__ import annotations

import base64
import inspect
import json
import os
import subprocess
import sys

from autograder.engine.sandbox.kernel import KernelSandbox
from autograder.engine.sandbox.runner import Limits

#: nbgrader's cell timeout is 30 s unless configured; the course config sets 180 s.
CELL_LIMITS = Limits(time_seconds=25, item_seconds=10)


class GraderProcessError(RuntimeError):
    """The grader process failed: a problem of the installation, not of the submission."""


def _exchange(proc: subprocess.Popen, message: dict | None) -> dict:
    if message is not None:
        proc.stdin.write(json.dumps(message) + "\n")
        proc.stdin.flush()
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise GraderProcessError("the autograder's grader process stopped: "
                                 + proc.stderr.read()[-2000:])
    return json.loads(line)


def run_outcome_data(run) -> dict:
    """A sandbox run as JSON, outputs exactly as the children encoded them (never decoded here)."""
    return {
        "calls": {str(i): {"output": c.output if c.error is None else None,
                           "error": c.error} for i, c in run.calls.items()},
        "defined": sorted(run.defined),
        "notes": run.notes,
    }


def score(assignment: str, exercise: str, namespace: dict | None = None) -> float:
    """Print the feedback for ``exercise`` and return its points (nbgrader's partial credit)."""
    if namespace is None:
        namespace = inspect.currentframe().f_back.f_globals
    proc = subprocess.Popen(
        [sys.executable, "-m", "autograder.deliver.hidden_tests_grader", assignment, exercise],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"})
    try:
        request = _exchange(proc, None)
        job = request["job"]
        job["calls"] = [{**c, "inputs": base64.b64decode(c["inputs"])} for c in job["calls"]]
        run = KernelSandbox(namespace, limits=CELL_LIMITS,
                            protected=request["protected"]).run(job)
        report = _exchange(proc, run_outcome_data(run))
    finally:
        proc.stdin.close()
        proc.wait()
    print(report["text"])
    # already a float, parsed by json: the builtin float() may be patched by the student's cells
    return report["score"]
